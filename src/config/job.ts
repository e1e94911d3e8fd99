import type { Digest } from '../image/types.js';

export type AccelRequest = 'auto' | 'kvm' | 'tcg';
export type Accel = 'kvm' | 'tcg';

/** Everything a job needs, validated: the engine trusts these values. */
export interface JobConfig {
  image: { source: string; checksum?: Digest };
  run: string;
  cpus: number;
  memoryMiB: number;
  /** Grow the per-job disk to this many bytes; undefined keeps the image's size. */
  diskSizeBytes?: number;
  accel: AccelRequest;
  user: string;
  /** Seconds until SSH must answer under KVM; multiplied by TCG_BOOT_TIMEOUT_FACTOR under TCG. */
  bootTimeoutSeconds: number;
  cacheDir: string;
}

/** TCG boots 10–50× slower than KVM; a guest that needs 30 s under KVM is already far past normal. */
export const TCG_BOOT_TIMEOUT_FACTOR = 4;
export const DEFAULT_BOOT_TIMEOUT_SECONDS = 120;

export function effectiveBootTimeoutSeconds(config: Pick<JobConfig, 'bootTimeoutSeconds'>, accel: Accel): number {
  return accel === 'tcg' ? config.bootTimeoutSeconds * TCG_BOOT_TIMEOUT_FACTOR : config.bootTimeoutSeconds;
}
