#!/usr/bin/env bash
# Build the arm64 tiny test guest: guest/build-tiny.sh --arch arm64 (see the arm64 section of
# guest/TINY.md). Same arguments and outputs as build-tiny.sh: OUTPUT_DIR/tiny-solstice-arm64.qcow2,
# its line in OUTPUT_DIR/SHA256SUMS-tiny, the image path on stdout.
exec bash "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/build-tiny.sh" --arch arm64 "$@"
