import { connect } from 'node:net';
import type { Client } from 'ssh2';
import { CancelledError, SolsticeError } from '../engine/errors.js';
import { sleep } from '../engine/sleep.js';
import { connectSsh, HostKeyMismatchError, type SshTarget } from './connect.js';
import { execCommand } from './exec.js';

export interface ReadinessOptions {
  deadlineMs: number;
  /** Settles when QEMU exits: waiting stops at once. */
  vmExited: Promise<unknown>;
  /** Builds the error text's context (console tail) when the VM exits or the deadline passes. */
  describeFailure: (reason: string) => Promise<string>;
  signal?: AbortSignal;
}

type ProbeResult = 'banner' | 'closed' | 'silent';

/**
 * SLIRP accepts TCP on the forwarded port at once, whatever the guest is doing, so an open port proves
 * nothing. Before the guest has network a connection just stalls; afterwards but before sshd listens it
 * is closed at once. So: a cheap TCP probe closed after a short silence, and only when an SSH banner
 * arrives, a full authenticated SSH command. Ready = that command succeeded.
 */
export async function waitForSsh(target: SshTarget, options: ReadinessOptions): Promise<Client> {
  const deadline = Date.now() + options.deadlineMs;
  let vmGone = false;
  void options.vmExited.then(() => (vmGone = true));
  let lastProblem = 'no SSH banner yet';
  while (Date.now() < deadline) {
    if (options.signal?.aborted) throw new CancelledError();
    if (vmGone) throw new SolsticeError(await options.describeFailure('QEMU exited before SSH became ready'));
    const probe = await probeBanner(target.port, SILENT_PROBE_MS);
    if (probe === 'banner') {
      try {
        const client = await connectSsh(target, Math.max(1_000, Math.min(HANDSHAKE_TIMEOUT_MS, deadline - Date.now())));
        const check = await execCommand(client, 'true', options.signal ? { signal: options.signal } : {});
        if (check.exitCode === 0) return client;
        client.end();
        lastProblem = `the readiness command exited with ${check.exitCode}`;
      } catch (error) {
        if (error instanceof HostKeyMismatchError || error instanceof CancelledError) throw error;
        lastProblem = (error as Error).message; // e.g. sshd up before cloud-init created the user
      }
    }
    await sleep(probe === 'silent' ? 0 : RETRY_DELAY_MS, options.signal);
  }
  throw new SolsticeError(await options.describeFailure(`SSH did not become ready within ${Math.round(options.deadlineMs / 1000)} s (last: ${lastProblem})`));
}

const SILENT_PROBE_MS = 500;
const HANDSHAKE_TIMEOUT_MS = 20_000;
const RETRY_DELAY_MS = 250;

function probeBanner(port: number, silentMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (result: ProbeResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done('silent'), silentMs);
    socket.once('data', (data) => done(data.toString('latin1').startsWith('SSH-') ? 'banner' : 'closed'));
    socket.once('error', () => done('closed'));
    socket.once('close', () => done('closed'));
  });
}
