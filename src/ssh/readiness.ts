import { connect } from 'node:net';
import type { Client } from 'ssh2';
import { CancelledError, SolsticeError } from '../core/errors.js';
import { sleep } from '../core/sleep.js';
import { connectSsh, HostKeyMismatchError, type SshTarget } from './connect.js';
import { execCapture } from './exec.js';

export interface ReadinessOptions {
  deadlineMs: number;
  /** Settles when QEMU exits: waiting stops at once. */
  vmExited: Promise<unknown>;
  /** Builds the error text's context (console tail) when the VM exits or the deadline passes. */
  describeFailure: (reason: string) => Promise<string>;
  signal?: AbortSignal;
  /**
   * True once the console has shown the SSH server starting: from then on refused attempts are retried
   * at once instead of at a relaxed pace. Without it (a quiet console) the relaxed pace applies throughout.
   */
  sshdStarting?: () => boolean;
  /**
   * The guest installs the pinned host key with a script while its SSH server runs with keys of its own:
   * another key is refused (never trusted) and the attempt retried until the deadline.
   */
  hostKeyArrivesLate?: boolean;
  /**
   * A restored guest: its network and sshd are running, and the login itself proves that the job's keys
   * are in. No banner probes and no readiness command: under TCG each costs the guest a process start
   * (a probe an sshd fork, the command a shell), ≈ 0.4–0.6 s each (docs/performance.md, "Warm start").
   */
  restored?: boolean;
}

/**
 * banner: an SSH server answered. refused: the guest answered and closed (its network is up, sshd not yet).
 * unreachable: nothing listens on the host side (QEMU's forward not set up yet). silent: SLIRP accepted
 * the connection but the guest never answered (no network yet).
 */
export type ProbeResult = 'banner' | 'refused' | 'unreachable' | 'silent';

/**
 * SLIRP accepts TCP on the forwarded port at once, whatever the guest is doing, so an open port proves
 * nothing. Before the guest has network a connection just stalls — and if kept, gets its banner seconds
 * late (SLIRP's SYN retries back off) — so until then: cheap TCP probes closed after a short silence.
 * Once the guest has answered one (refused: network up, sshd not yet), every attempt is a full SSH
 * connection, refused in milliseconds until sshd listens, and then given time: under TCG a just-started
 * sshd can take seconds to send its banner, and a separate banner probe before the real connection costs
 * the guest an extra sshd fork (measurements: docs/performance.md, "Readiness"). An attempt that times
 * out (the network went away, e.g. a reboot) goes back to probing.
 * Ready = an authenticated command succeeded (a restored guest: the login succeeded).
 */
export async function waitForSsh(target: SshTarget, options: ReadinessOptions): Promise<Client> {
  const deadline = Date.now() + options.deadlineMs;
  let vmGone = false;
  void options.vmExited.then(() => (vmGone = true));
  let lastProblem = 'no SSH banner yet';
  let guestAnswers = options.restored ?? false;
  while (Date.now() < deadline) {
    if (options.signal?.aborted) throw new CancelledError();
    if (vmGone) throw new SolsticeError(await options.describeFailure('QEMU exited before SSH became ready'));
    if (!guestAnswers) {
      const probe = await probeBanner(target.port, SILENT_PROBE_MS);
      if (probe === 'silent') continue; // a fresh probe at once: the stalled one would answer late
      if (probe === 'unreachable') {
        // QEMU is still setting up its forward: a moment
        await sleep(EAGER_RETRY_MS, options.signal);
        continue;
      }
      guestAnswers = true;
      if (probe === 'refused') {
        lastProblem = 'the guest refused the SSH port (sshd not started yet)';
        await pauseBeforeRetry(options);
        continue;
      }
    }
    try {
      const client = await connectSsh(target, Math.max(1_000, Math.min(ATTEMPT_TIMEOUT_MS, deadline - Date.now())));
      if (options.restored) return client;
      const check = await execCapture(client, 'true', {
        what: 'answer the readiness check',
        maxStdoutBytes: 1024,
        timeoutMs: ATTEMPT_TIMEOUT_MS,
        ...(options.signal ? { signal: options.signal } : {}),
      }).catch((error: unknown) => {
        client.end();
        throw error;
      });
      if (check.exitCode === 0) return client;
      client.end();
      lastProblem = `the readiness command exited with ${check.exitCode}`;
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      if (error instanceof HostKeyMismatchError) {
        if (!options.hostKeyArrivesLate) throw error;
        lastProblem = `${error.message} The seed's script had not installed the job's key yet`;
        await pauseBeforeRetry(options);
        continue;
      }
      lastProblem = (error as Error).message; // e.g. sshd not listening yet, or up before cloud-init created the user
      if (/timed out/i.test(lastProblem) && !options.restored) guestAnswers = false;
    }
    await pauseBeforeRetry(options);
  }
  throw new SolsticeError(
    await options.describeFailure(
      `SSH did not become ready within ${Math.round(options.deadlineMs / 1000)} s (last: ${lastProblem})`,
    ),
  );
}

/** How long a probe may stay silent before the guest is taken to have no network yet (guest notes: ≈ 0.5 s). */
const SILENT_PROBE_MS = 500;
/**
 * One SSH attempt once the guest answers: banner, key exchange and login. Under TCG with 4 VMs on 2
 * cores that takes a few seconds at worst; a longer silence means the guest's network went away.
 */
const ATTEMPT_TIMEOUT_MS = 10_000;
/**
 * Pause after a refused attempt. Until the console says sshd is starting, a relaxed pace: each attempt
 * wakes QEMU's network loop and the guest's TCP stack while the guest boots on the same cores (a faster
 * pace delayed the guest's own boot: docs/performance.md, "Readiness"). Once it does, attempts follow
 * each other closely, so a just-started sshd is noticed within ≈ 50 ms.
 */
const RELAXED_RETRY_MS = 500;
const EAGER_RETRY_MS = 50;

/** The pause before the next attempt: relaxed, but cut short the moment the console says sshd is starting. */
async function pauseBeforeRetry(options: ReadinessOptions): Promise<void> {
  const until = Date.now() + RELAXED_RETRY_MS;
  do {
    await sleep(EAGER_RETRY_MS, options.signal);
  } while (!options.sshdStarting?.() && Date.now() < until && !options.signal?.aborted);
}

/** One TCP probe of the forwarded SSH port, closed after `silentMs` of silence. */
export function probeBanner(port: number, silentMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let connected = false;
    const done = (result: ProbeResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done('silent'), silentMs);
    socket.once('connect', () => (connected = true));
    socket.once('data', (data) => done(data.toString('latin1').startsWith('SSH-') ? 'banner' : 'refused'));
    socket.once('error', () => done(connected ? 'refused' : 'unreachable'));
    socket.once('close', () => done(connected ? 'refused' : 'unreachable'));
  });
}
