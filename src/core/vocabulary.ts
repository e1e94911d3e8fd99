/** Words every stage uses: guest architectures, firmware, accelerators, compression, digests. */

export const ARCHES = ['x86_64', 'aarch64'] as const;
export type Arch = (typeof ARCHES)[number];
export type Firmware = 'bios' | 'uefi';
export type Compression = 'none' | 'xz' | 'zst' | 'gz' | 'bz2';

/** What the job asks for, and what it runs with (auto resolves to one of the two). */
export type AccelRequest = 'auto' | 'kvm' | 'tcg';
export type Accel = 'kvm' | 'tcg';

export type DigestAlgorithm = 'sha256' | 'sha512';

/** A content digest; `hex` is lower-case. */
export interface Digest {
  algorithm: DigestAlgorithm;
  hex: string;
}

/** Hex digits of each digest: the one place that knows them (input parsing and the cache check both use it). */
export const DIGEST_HEX_LENGTH: Record<DigestAlgorithm, number> = { sha256: 64, sha512: 128 };
