/**
 * SLIRP host forwards: the SSH forward on the command line, and forwards added to a running QEMU over
 * QMP (`hostfwd_add`, a human-monitor command: it answers with text, empty when it worked).
 */
import { SolsticeError } from '../core/errors.js';
import type { QmpClient } from '../qmp/client.js';

export interface Forward {
  /** The address the forward listens on; 0.0.0.0 for all of the runner's. */
  hostAddress: string;
  hostPort: number;
  /** '' for SLIRP's default guest address. */
  guestAddress: string;
  guestPort: number;
}

/** The job's SSH forward: only the runner itself (127.0.0.1) reaches the guest's port 22. */
export const sshForward = (hostPort: number): Forward => ({
  hostAddress: '127.0.0.1',
  hostPort,
  guestAddress: '',
  guestPort: 22,
});

/** The forward as `hostfwd=` and `hostfwd_add` take it. */
export function hostForwardRule(forward: Forward): string {
  return `tcp:${forward.hostAddress}:${forward.hostPort}-${forward.guestAddress}:${forward.guestPort}`;
}

/** Adds `forward` to the running QEMU's SLIRP network; returns QEMU's complaint, '' when it is open. */
export async function addHostForward(qmp: QmpClient, forward: Forward): Promise<string> {
  return (await qmp.humanMonitorCommand(`hostfwd_add net0 ${hostForwardRule(forward)}`)).trim();
}

/** Opens the SSH forward a console-provisioned guest starts without, or fails saying why. */
export async function openSshForward(qmp: QmpClient, port: number): Promise<void> {
  const complaint = await addHostForward(qmp, sshForward(port));
  if (complaint !== '')
    throw new SolsticeError(`QEMU could not open the SSH forward on 127.0.0.1:${port}: ${complaint}`);
}
