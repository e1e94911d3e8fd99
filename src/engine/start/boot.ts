import type { Client } from 'ssh2';
import { describeDialect, installsHostKeyLate } from '../../core/guest-userland.js';
import { TCG_BOOT_TIMEOUT_FACTOR, effectiveBootTimeoutSeconds } from '../../config/job.js';
import { bootFailureMessage, isBlankConsoleLine, SSHD_STARTING, type ConsoleTail } from '../../console/console-tail.js';
import { CancelledError, NEUTRAL_WORDING, SolsticeError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import { createOverlay } from '../../disk/overlay.js';
import type { WarmMachine } from '../../qemu/command-line.js';
import { HostKeyMismatchError } from '../../ssh/connect.js';
import { waitForSsh } from '../../ssh/readiness.js';
import type { GuestPlan } from '../guest-identity.js';
import type { JobScope } from '../job-scope.js';
import { bootRetryReason, observeBootFailure, type BootFailure } from './boot-retry.js';
import { provisionOverConsole } from './console-provision.js';
import { answeringGuest, launch, type Guest, type Launched } from './launch.js';

/** One guest to boot: its plan, the console it writes, and (a template's boot) its RAM in a file. */
export interface BootRequest {
  plan: GuestPlan;
  console: ConsoleTail;
  warm?: WarmMachine;
}

/** How one boot ended: the guest, or why not, with what a retry decision needs and the boot's release. */
export type BootAttempt =
  { guest: Guest } | { failure: Error; observe: () => Promise<BootFailure>; release: () => Promise<void> };

/**
 * Starts QEMU and waits until the guest answers over SSH, echoing the boot console. A boot that
 * crashed, panicked or hung is retried from a fresh disk (boot-retries; see boot-retry.ts). Every
 * resource registers its closer with the teardown as it comes into being.
 */
export function bootUntilSsh(scope: JobScope, request: BootRequest): Promise<Guest> {
  return retryBoots(scope, (boot) => attemptBoot(scope, request, boot));
}

/**
 * The retry policy over `attempt`: a failed boot is released before the next starts, a cancel or a
 * wrong host key is never retried, and past `boot-retries` the last failure says how many boots it took.
 */
export async function retryBoots(
  { config, reporter }: { config: { bootRetries: number }; reporter: Reporter },
  attempt: (boot: number) => Promise<BootAttempt>,
): Promise<Guest> {
  for (let boot = 1; ; boot++) {
    const outcome = await attempt(boot);
    if ('guest' in outcome) return outcome.guest;
    const { failure } = outcome;
    const retry =
      boot <= config.bootRetries && !(failure instanceof CancelledError || failure instanceof HostKeyMismatchError)
        ? bootRetryReason(await outcome.observe())
        : undefined;
    if (!retry) {
      throw boot > 1
        ? new SolsticeError(
            (say) =>
              `${failure.message}\nThat was boot ${boot} of at most ${config.bootRetries + 1} (${say.setting('boot-retries', String(config.bootRetries))}).`,
          )
        : failure;
    }
    reporter.warning(
      `Boot ${boot} failed: ${failure.message.split('\n')[0]} Booting again from a fresh disk, since ${retry} (${(reporter.wording ?? NEUTRAL_WORDING).setting('boot-retries', String(config.bootRetries))}).`,
    );
    // The failed boot's resources go now, not at the end of the job.
    await outcome.release();
  }
}

async function attemptBoot(scope: JobScope, request: BootRequest, boot: number): Promise<BootAttempt> {
  const { config, clock, signal } = scope;
  const { plan } = request;
  if (boot > 1) await clock.time('overlay', createOverlay(plan.image, plan.disk, config.diskSizeBytes, signal));
  const launched = await launch(scope, {
    plan,
    console: request.console,
    disk: plan.disk,
    seed: plan.files.seed,
    ...(request.warm ? { warm: request.warm } : {}),
  });
  const answered = await clock.time('ssh-ready', waitEchoingConsole(scope, request, launched, boot));
  if (!(answered instanceof Error)) return { guest: answeringGuest(scope, launched, answered, plan) };
  return {
    failure: answered,
    observe: () => observeBootFailure(launched.watch, launched.vm.spec.sshPort, launched.startedAt),
    release: launched.release,
  };
}

/** A console line this recent at the deadline means the guest was still busy, not hung. */
const STILL_PRINTING_MS = 10_000;

/** Waits for SSH inside the boot console's log group; the failure comes back as the value, for the retry decision. */
async function waitEchoingConsole(
  { config, reporter, signal }: JobScope,
  { plan, console }: BootRequest,
  launched: Launched,
  boot: number,
): Promise<Client | Error> {
  const { watch } = launched;
  reporter.startGroup(boot === 1 ? 'Boot console (serial)' : `Boot console (serial), boot ${boot}`);
  // Blank lines (systemd's status redraws) are kept in the log file but not echoed.
  const stopEcho = console.onLine((line) => isBlankConsoleLine(line) || reporter.guestLine(line));
  let sshdStarting = false;
  const stopSshdWatch = console.onLine((line) => (sshdStarting ||= SSHD_STARTING.test(line)));
  const deadlineMs = effectiveBootTimeoutSeconds(config, plan.accel) * 1000;
  try {
    if (config.guest.seed === 'console') {
      // Only what the console said is pinned; the forward exists from here on.
      const lostMeanwhile = watch.lost.then(async (loss) => {
        throw new SolsticeError(await watch.message(loss));
      });
      lostMeanwhile.catch(() => {}); // raced below; a loss after provisioning is the wait's to report
      const hostPublicKey = await Promise.race([
        provisionOverConsole({
          consoleSocketPath: plan.files.consoleSocket,
          login: config.guest.console!,
          user: config.user,
          authorizedKey: plan.loginKey.publicKey,
          userland: config.guest.userland,
          qmp: launched.qmp,
          sshPort: launched.vm.spec.sshPort,
          deadline: launched.startedAt + deadlineMs,
          signal,
        }),
        lostMeanwhile,
      ]);
      launched.target = { ...launched.target, hostPublicKey };
      reporter.info(
        'Provisioned over the serial console: the SSH forward is open, pinned to the key the console printed.',
      );
    }
    return await waitForSsh(launched.target, {
      deadlineMs: Math.max(1_000, launched.startedAt + deadlineMs - Date.now()),
      vmExited: watch.lost,
      signal,
      sshdStarting: () => sshdStarting,
      hostKeyArrivesLate: installsHostKeyLate(config.guest.seed),
      describeFailure: async (reason) =>
        watch.loss
          ? watch.message(watch.loss)
          : bootFailureMessage(
              `${reason}${plan.accel === 'tcg' ? ` (TCG; ${(reporter.wording ?? NEUTRAL_WORDING).setting('boot-timeout')} ${config.bootTimeoutSeconds} s × ${TCG_BOOT_TIMEOUT_FACTOR})` : ''}. The seed was written for the first-boot reader ${describeDialect(config.guest.seed)}: if the console below shows no sign of it, the image may have another reader or none (docs/guests.md)`,
              '',
              console.tail(15),
              Date.now() - (watch.consoleLineAt ?? 0) < STILL_PRINTING_MS
                ? `The console was still printing at the deadline: the guest may be slow rather than stuck${plan.accel === 'tcg' ? ' (software emulation is 10–50 × slower than KVM)' : ''}. Raise ${(reporter.wording ?? NEUTRAL_WORDING).setting('boot-timeout')} (now ${config.bootTimeoutSeconds} s) if it only needs longer.`
                : undefined,
            ),
    });
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    stopEcho();
    stopSshdWatch();
    reporter.endGroup();
  }
}
