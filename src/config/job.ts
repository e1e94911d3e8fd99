import { DIALECT_USERLAND, type ConsoleLogin, type GuestUserland, type SeedDialect } from '../core/guest-userland.js';
import type { SudoGroup } from '../catalog/catalog.js';
import type { Accel, AccelRequest, Arch, Compression, Digest, Firmware } from '../core/vocabulary.js';
import type { ShellSpec } from '../shell/shell.js';
import type { PublishedChecksum } from '../image/types.js';
import type { ArchiveMember } from '../image/archive-member.js';

export const SYNC_MODES = ['in', 'both', 'none'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

/** How every step (the action's `run`, and later `shell: solstice {0}` steps) runs in the VM. */
export interface StepRules {
  shell: ShellSpec;
  /** Runner variables to pass besides the defaults. */
  envNames: string[];
  sync: SyncMode;
  /** The runner's workspace (GITHUB_WORKSPACE). */
  workspace: string;
  /** Where the workspace lives in the guest, and where the script starts. */
  workingDirectory: string;
  /** With sync: both, only these paths/globs come back; empty = everything. */
  copyBack: string[];
  /** The guest's admin command and tar, which the step's own commands use there. */
  userland: GuestUserland;
}

/** Everything a job needs, validated: the engine trusts these values. */
export interface JobConfig {
  image: ImageConfig;
  machine: { arch: Arch; firmware: Firmware };
  /** What the guest's accounts look like (from the catalog entry; defaults for image-url). */
  guest: GuestProfile;
  run: string;
  cpus: number;
  memoryMiB: number;
  /** Grow the per-job disk to this many bytes; undefined keeps the image's size. */
  diskSizeBytes?: number;
  accel: AccelRequest;
  user: string;
  /** Seconds until SSH must answer under KVM; multiplied by TCG_BOOT_TIMEOUT_FACTOR under TCG. */
  bootTimeoutSeconds: number;
  /** Boots again from a fresh disk after a boot that crashed, panicked or hung (see engine/boot-retry.ts). */
  bootRetries: number;
  cacheDir: string;
  debug: DebugConfig;
  /** How `run` (and later steps on a kept VM) run: shell, variables, workspace sync. */
  rules: StepRules;
  /** Leave the VM running after `run` for later steps (`shell: solstice {0}`); the post step stops it. */
  keepRunning: boolean;
  /**
   * The guest may open connections out (internet, and the runner's own services through SLIRP's host
   * address 10.0.2.2). false: none at all; only the action's SSH forward reaches it.
   */
  network: boolean;
  /** Names the kept VM for `solstice --name NAME` when a job has several. */
  name: string;
  /** Run before `run` (as the user, sudo works): once per template with warmStart, else every job; '' for none. */
  prepare: string;
  /** Restore a saved, booted template instead of booting (engine/warm-start.ts). */
  warmStart: boolean;
  /**
   * Whose jobs share the templates this job builds and restores: `repository <owner/name>` (the
   * default in a workflow), `local` (the command line's default: it knows no repository), `shared`.
   */
  templateScope: string;
}

export interface ImageConfig {
  /** As the user named it (catalog name or URL), for logs and the summary. */
  label: string;
  /** http(s) URL or absolute path of the image file. */
  source: string;
  /** Given with image-url, or pinned in the catalog. */
  checksum?: Digest;
  /** Fetched from the publisher just before the download (catalog images). */
  publishedChecksum?: PublishedChecksum;
  /** The download is decompressed while it streams into the cache. */
  compression: Compression;
  /** The decompressed download is an archive whose member is the image (catalog `archive`). */
  archive?: ArchiveMember;
  /** The catalog's cap on the download's bytes, when it overrides the default. */
  maxSize?: number;
}

export interface GuestProfile {
  /** The group that means "administrator" on this OS (sudo on Debian/Ubuntu, wheel on RHEL-likes and BSDs); the user joins it. */
  adminGroup?: SudoGroup;
  /** The user's login shell, when the OS's default is not wanted. */
  shell?: string;
  /** The first-boot reader the seed is written for. */
  seed: SeedDialect;
  /** What the job's commands meet in the guest (admin command, tar, SSH server). */
  userland: GuestUserland;
  /** seed: console: the login its serial console accepts. */
  console?: ConsoleLogin;
}

/** image-url guests: cloud-init's own defaults; the sudo rule alone gives the user root. */
export const DEFAULT_GUEST: GuestProfile = { seed: 'cloud-config', userland: DIALECT_USERLAND['cloud-config'] };

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

export function effectiveBootTimeoutSeconds(config: Pick<JobConfig, 'bootTimeoutSeconds'>, accel: Accel): number {
  return accel === 'tcg' ? config.bootTimeoutSeconds * TCG_BOOT_TIMEOUT_FACTOR : config.bootTimeoutSeconds;
}
