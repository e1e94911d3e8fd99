import type { VmExit } from '../../qemu/vm-process.js';
import { probeBanner } from '../../ssh/readiness.js';
import type { VmWatch } from './vm-watch.js';

/**
 * What a failed boot looked like, for deciding whether a second boot can help (`boot-retries`).
 * Exactly one of `exit`, `panicked` and `timedOut` describes how it ended.
 */
export interface BootFailure {
  /** QEMU exited during boot, like this. */
  exit?: VmExit;
  panicked?: boolean;
  /** The boot-timeout passed: whether the guest answered on the SSH port then, and how long its console had been quiet. */
  timedOut?: { guestAnswers: boolean; consoleQuietMs: number; waitedMs: number };
}

/** Signals with which QEMU crashes by itself; any other signal was sent from outside (an operator, the OOM killer). */
const CRASH_SIGNALS = new Set(['SIGSEGV', 'SIGABRT', 'SIGBUS', 'SIGILL', 'SIGFPE', 'SIGTRAP']);
/** A boot whose console printed nothing for this long (or half the wait, if shorter) is stuck, not slow. */
const QUIET_CONSOLE_MS = 30_000;

/**
 * Why booting once more from a fresh disk may succeed, as a clause ("QEMU crashed with SIGSEGV"), or
 * undefined when it would fail the same way.
 * Retried: QEMU crashing, a kernel panic (both seen at once, so a retry is cheap, and both happen
 * transiently under emulation), and a hung boot: the console went quiet and the guest never answered on
 * the network. Not retried: a guest that answers (it is up; its SSH or login is what is wrong), a console
 * still printing at the deadline (slow, not stuck: raise boot-timeout), QEMU killed from outside or
 * exiting by itself (a guest that powered off).
 */
export function bootRetryReason(failure: BootFailure): string | undefined {
  if (failure.exit) {
    const { signal, code } = failure.exit;
    if (signal) return CRASH_SIGNALS.has(signal) ? `QEMU crashed with ${signal}` : undefined;
    return code !== 0 ? `QEMU failed with exit code ${code}` : undefined;
  }
  if (failure.panicked) return 'the guest kernel panicked';
  const waited = failure.timedOut;
  if (!waited || waited.guestAnswers) return undefined;
  const quiet = waited.consoleQuietMs >= Math.min(QUIET_CONSOLE_MS, waited.waitedMs / 2);
  return quiet
    ? `the boot hung: the console went quiet for ${Math.round(waited.consoleQuietMs / 1000)} s and the guest never answered on the network`
    : undefined;
}

/** What the boot watched by `watch` (QEMU started at `startedAt`, SSH forwarded from `port`) looked like when it failed. */
export async function observeBootFailure(watch: VmWatch, port: number, startedAt: number): Promise<BootFailure> {
  if (watch.loss) return watch.loss.exit ? { exit: watch.loss.exit } : { panicked: true };
  const now = Date.now();
  return {
    timedOut: {
      guestAnswers: await guestAnswers(port),
      consoleQuietMs: now - (watch.consoleLineAt ?? startedAt),
      waitedMs: now - startedAt,
    },
  };
}

/** How long a connection may stay silent before the guest counts as not answering. */
const ANSWER_WAIT_MS = 1_500;

/**
 * Whether the guest answers on the forwarded SSH port now: a banner, or a reset (its network is up,
 * sshd is not). SLIRP accepts the connection whatever the guest does, so silence means no answer.
 */
async function guestAnswers(port: number): Promise<boolean> {
  const probe = await probeBanner(port, ANSWER_WAIT_MS);
  return probe === 'banner' || probe === 'refused';
}
