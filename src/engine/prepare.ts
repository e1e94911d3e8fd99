import type { JobConfig } from '../config/job.js';
import { throwIfCancelled } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import type { Accel } from '../core/vocabulary.js';
import { fetchGitHubKeys, type KeysByLogin } from '../debug/github-keys.js';
import { createOverlay } from '../disk/overlay.js';
import { prepareImage } from '../image/prepare.js';
import type { PreparedImage } from '../image/types.js';
import { resolveAccel } from '../qemu/accel.js';
import { prepareFirmware, type UefiFlash } from '../qemu/firmware.js';
import { writeSeedIso } from '../seed/seed.js';
import { generateEd25519, type KeyPair } from '../ssh/keys.js';
import { imageRequest } from './image-request.js';
import { consoleLogPath, jobFiles, type JobDirectory } from './job-directory.js';
import type { PhaseClock } from './phase-clock.js';

/** Everything a boot needs, made before QEMU starts. */
export interface Prepared {
  job: JobDirectory;
  files: ReturnType<typeof jobFiles>;
  consoleLogPath: string;
  accel: Accel;
  image: PreparedImage;
  uefi: UefiFlash | undefined;
  loginKey: KeyPair;
  hostKey: KeyPair;
  /** The debug users' keys, fetched meanwhile (an error as the value); undefined when no hold can happen. */
  debugKeys: Promise<KeysByLogin | Error> | undefined;
}

export interface PrepareContext {
  config: JobConfig;
  job: JobDirectory;
  tempRoot: string;
  reporter: Reporter;
  clock: PhaseClock;
  signal: AbortSignal;
}

/**
 * Keys, accelerator, image, firmware, disk overlay and seed; independent work runs side by side. The
 * disk is made again by `freshDisk` for a boot retry.
 */
export async function prepareJob({
  config,
  job,
  tempRoot,
  reporter,
  clock,
  signal,
}: PrepareContext): Promise<Prepared> {
  const loginKey = generateEd25519(`solstice-${job.vmName}`);
  const hostKey = generateEd25519(`solstice-host-${job.vmName}`);
  // Debug users' keys are fetched while the image is prepared; only a hold awaits the answer.
  const debugKeys =
    config.debug.mode === 'never'
      ? undefined
      : settle(fetchGitHubKeys(config.debug.logins, config.debug.githubApiUrl, config.debug.githubToken, signal));
  const accelDecision = clock.time('accel-probe', resolveAccel(config.accel, config.machine.arch, reporter, signal));
  // accel: kvm fails without working KVM: find that out before downloading anything.
  if (config.accel === 'kvm') await accelDecision;
  // The publisher's checksum file is read first; the 'image' phase is the cache lookup or download.
  const imagePrepared = imageRequest(config.image, config.cacheDir, reporter, signal).then((request) =>
    clock.time('image', prepareImage(request, reporter, signal)),
  );
  const [accel, image] = await Promise.all([accelDecision, imagePrepared]);
  if (!image.verified) {
    reporter.warning(
      `The image is not verified: no 'image-checksum' was given. Its ${image.digest.algorithm} is ${image.digest.hex}; pin it with image-checksum: ${image.digest.algorithm}:${image.digest.hex}`,
    );
  }
  throwIfCancelled(signal);

  const files = jobFiles(job.path);
  const [uefi] = await Promise.all([
    prepareFirmware(config.machine.arch, config.machine.firmware, job.path),
    clock.time('overlay', createOverlay(image, files.disk, config.diskSizeBytes, signal)),
    clock.time(
      'seed',
      writeSeedIso(
        {
          instanceId: job.vmName,
          hostname: job.vmName,
          user: config.user,
          authorizedKeys: [loginKey.publicKey],
          hostKey,
          guest: config.guest,
        },
        files.seed,
      ),
    ),
  ]);
  throwIfCancelled(signal);
  return {
    job,
    files,
    consoleLogPath: consoleLogPath(tempRoot, job),
    accel: accel.accel,
    image,
    uefi,
    loginKey,
    hostKey,
    debugKeys,
  };
}

/** A promise that never rejects (so it can wait unobserved): an error comes back as the value. */
function settle<T>(promise: Promise<T>): Promise<T | Error> {
  return promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}
