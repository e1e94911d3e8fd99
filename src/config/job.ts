import type { StepRules } from '../engine/step.js';
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
  debug: DebugConfig;
  /** How `run` (and later steps on a kept VM) run: shell, variables, workspace sync. */
  rules: StepRules;
  /** Leave the VM running after `run` for later steps (`shell: solstice {0}`); the post step stops it. */
  keepRunning: boolean;
  /** Names the kept VM for `solstice --vm NAME` when a job has several. */
  name: string;
}

/** When the VM is held after the script for a person to SSH in. */
export type DebugMode = 'never' | 'always' | 'on-failure';

export interface DebugConfig {
  mode: DebugMode;
  /** GitHub logins whose public keys may log in: the triggering actor first, then debug-users. */
  logins: string[];
  githubApiUrl: string;
  githubToken: string;
  /** Address the debug forward listens on (0.0.0.0 so a person can reach a self-hosted runner). */
  bind: string;
  /** Port of the debug forward; 0 = a free one. */
  port: number;
  /** The hold ends after this long with nobody connected. */
  timeoutMinutes: number;
}

/** TCG boots 10–50× slower than KVM; a guest that needs 30 s under KVM is already far past normal. */
export const TCG_BOOT_TIMEOUT_FACTOR = 4;
export const DEFAULT_BOOT_TIMEOUT_SECONDS = 120;

export function effectiveBootTimeoutSeconds(config: Pick<JobConfig, 'bootTimeoutSeconds'>, accel: Accel): number {
  return accel === 'tcg' ? config.bootTimeoutSeconds * TCG_BOOT_TIMEOUT_FACTOR : config.bootTimeoutSeconds;
}
