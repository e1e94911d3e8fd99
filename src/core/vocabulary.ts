/** Words every stage uses: guest architectures, firmware, accelerators, compression, digests. */

export const ARCHES = ['x86_64', 'aarch64'] as const;
export type Arch = (typeof ARCHES)[number];
export const FIRMWARES = ['bios', 'uefi'] as const;
export type Firmware = (typeof FIRMWARES)[number];
export type Compression = 'none' | 'xz' | 'zst' | 'gz' | 'bz2';

/** What the job runs with, and what it asks for (auto resolves to one of the two). */
const ACCELS = ['kvm', 'tcg'] as const;
export type Accel = (typeof ACCELS)[number];
export const ACCEL_REQUESTS = ['auto', ...ACCELS] as const;
export type AccelRequest = (typeof ACCEL_REQUESTS)[number];

export type DigestAlgorithm = 'sha256' | 'sha512';

/** A content digest; `hex` is lower-case. */
export interface Digest {
  algorithm: DigestAlgorithm;
  hex: string;
}

/** Hex digits of each digest: the one place that knows them (input parsing and the cache check both use it). */
export const DIGEST_HEX_LENGTH: Record<DigestAlgorithm, number> = { sha256: 64, sha512: 128 };
