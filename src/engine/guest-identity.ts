import type { Accel } from '../core/vocabulary.js';
import { createOverlay } from '../disk/overlay.js';
import type { PreparedImage } from '../image/types.js';
import { prepareFirmware, type UefiFlash } from '../qemu/firmware.js';
import { writeSeed } from '../seed/seed.js';
import type { SeedSpec } from '../seed/seed-spec.js';
import { generateEd25519, type KeyPair } from '../ssh/keys.js';
import { jobFiles, type JobDirectory } from './job-directory.js';
import type { JobScope } from './job-scope.js';

/** What every guest of one job runs on: made once per job (the image, and the accelerator decided for it). */
export interface MachineBase {
  image: PreparedImage;
  accel: Accel;
}

/**
 * What makes one guest itself: its directory (sockets, QEMU's pid and stderr), its keys, disk overlay,
 * seed, UEFI variables and console log. A job's guest and a warm-start template each get their own.
 */
export interface GuestIdentity {
  job: JobDirectory;
  files: ReturnType<typeof jobFiles>;
  /** The guest's disk: an overlay on the image. */
  disk: string;
  consoleLogPath: string;
  uefi: UefiFlash | undefined;
  loginKey: KeyPair;
  hostKey: KeyPair;
  /** What the seed says, for a guest that needs it written again (a template's clones). */
  seed: SeedSpec;
}

/** The guest MachineBase and GuestIdentity describe together: what a boot or a restore needs. */
export type GuestPlan = MachineBase & GuestIdentity;

export interface IdentityRequest {
  job: JobDirectory;
  /** The seed's instance id, and the keys' comments. */
  name: string;
  hostname: string;
  /** Where the disk overlay goes (a template's lives with the template, not in its directory). */
  disk: string;
  /** Where the UEFI variables go (the same). */
  firmwareDirectory: string;
  consoleLogPath: string;
}

/** Keys, disk overlay, seed and firmware of one guest, made side by side. */
export async function prepareIdentity(
  { config, clock, signal }: Pick<JobScope, 'config' | 'clock' | 'signal'>,
  base: MachineBase,
  request: IdentityRequest,
): Promise<GuestIdentity> {
  const loginKey = generateEd25519(`solstice-${request.name}`);
  const hostKey = generateEd25519(`solstice-host-${request.name}`);
  const files = jobFiles(request.job.path);
  const seed: SeedSpec = {
    instanceId: request.name,
    hostname: request.hostname,
    user: config.user,
    authorizedKeys: [loginKey.publicKey],
    hostKey,
    guest: config.guest,
  };
  const [uefi] = await Promise.all([
    prepareFirmware(config.machine.arch, config.machine.firmware, request.firmwareDirectory),
    clock.time('overlay', createOverlay(base.image, request.disk, config.diskSizeBytes, signal)),
    clock.time('seed', writeSeed(seed, files.seed)),
  ]);
  return {
    job: request.job,
    files,
    disk: request.disk,
    consoleLogPath: request.consoleLogPath,
    uefi,
    loginKey,
    hostKey,
    seed,
  };
}
