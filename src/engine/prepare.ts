import { NEUTRAL_WORDING, throwIfCancelled } from '../core/errors.js';
import { fetchGitHubKeys, type KeysByLogin } from '../debug/github-keys.js';
import { prepareImage } from '../image/prepare.js';
import { resolveAccel } from '../qemu/accel.js';
import { prepareIdentity, type GuestPlan, type MachineBase } from './guest-identity.js';
import { imageRequest } from './image-request.js';
import { consoleLogPath, jobFiles, type JobDirectory } from './job-directory.js';
import type { JobScope } from './job-scope.js';

/** Everything the job's guest needs before QEMU starts, and the debug users' keys on their way. */
export interface Prepared extends GuestPlan {
  /** The debug users' keys, fetched meanwhile (an error as the value); undefined when no hold can happen. */
  debugKeys: Promise<KeysByLogin | Error> | undefined;
}

/** The job's machine base, then its guest's identity in its job directory; independent work runs side by side. */
export async function prepareJob(scope: JobScope, job: JobDirectory): Promise<Prepared> {
  const { config, signal } = scope;
  // Debug users' keys are fetched while the image is prepared; only a hold awaits the answer.
  const debugKeys =
    config.debug.mode === 'never'
      ? undefined
      : settle(fetchGitHubKeys(config.debug.logins, config.debug.githubApiUrl, config.debug.githubToken, signal));
  const base = await prepareMachineBase(scope);
  const identity = await prepareIdentity(scope, base, {
    job,
    name: job.vmName,
    hostname: job.vmName,
    disk: jobFiles(job.path).disk,
    firmwareDirectory: job.path,
    consoleLogPath: consoleLogPath(scope.tempRoot, job),
  });
  throwIfCancelled(signal);
  return { ...base, ...identity, debugKeys };
}

/** The accelerator (probed) and the image (from the cache or downloaded), side by side. */
async function prepareMachineBase({ config, reporter, clock, signal, remoteImages }: JobScope): Promise<MachineBase> {
  const accelDecision = clock.time('accel-probe', resolveAccel(config.accel, config.machine.arch, reporter, signal));
  // accel: kvm fails without working KVM: find that out before downloading anything.
  if (config.accel === 'kvm') await accelDecision;
  // The publisher's checksum file is read first; the 'image' phase is the cache lookup or download.
  const imagePrepared = imageRequest(config.image, config.cacheDir, reporter, signal).then((request) =>
    clock.time('image', prepareImage(request, reporter, signal, remoteImages ? { remoteStore: remoteImages } : {})),
  );
  const [accel, image] = await Promise.all([accelDecision, imagePrepared]);
  if (!image.verified) {
    const say = reporter.wording ?? NEUTRAL_WORDING;
    reporter.warning(
      `The image is not verified: no ${say.setting('image-checksum')} was given. Its ${image.digest.algorithm} is ${image.digest.hex}; pin it with ${say.setting('image-checksum', `${image.digest.algorithm}:${image.digest.hex}`)}`,
    );
  }
  throwIfCancelled(signal);
  return { image, accel: accel.accel };
}

/** A promise that never rejects (so it can wait unobserved): an error comes back as the value. */
function settle<T>(promise: Promise<T>): Promise<T | Error> {
  return promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}
