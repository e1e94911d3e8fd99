import ssh2, { type Client, type ConnectConfig } from 'ssh2';
import { SolsticeError } from '../core/errors.js';
import { publicKeyBlob } from './keys.js';

export interface SshTarget {
  host: string;
  port: number;
  user: string;
  privateKey: string;
  /** The guest's host public key (OpenSSH line). Anything else presented is refused: no trust on first use. */
  hostPublicKey: string;
}

export class HostKeyMismatchError extends SolsticeError {
  override name = 'HostKeyMismatchError';
}

/** Keepalives detect a frozen guest or a dead link in ~20 s instead of hanging on a silent TCP socket. */
const KEEPALIVE_INTERVAL_MS = 5_000;
const KEEPALIVE_COUNT_MAX = 3;
/** ssh2 gives up at the first tick after KEEPALIVE_COUNT_MAX unanswered keepalives. */
export const KEEPALIVE_SILENCE_SECONDS = (KEEPALIVE_INTERVAL_MS * (KEEPALIVE_COUNT_MAX + 1)) / 1000;

/** The error that ended an established connection (a keepalive timeout, a reset), for commands started after it. */
const endedBy = new WeakMap<Client, Error>();

/** Why `client`'s connection ended, if an error ended it (undefined: still open, or closed by the other side). */
export function connectionError(client: Client): Error | undefined {
  return endedBy.get(client);
}

/** Opens an authenticated SSH connection with the host key pinned. */
export function connectSsh(target: SshTarget, readyTimeoutMs: number): Promise<Client> {
  const expected = publicKeyBlob(target.hostPublicKey);
  let presentedWrongKey = false;
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.user,
    privateKey: target.privateKey,
    readyTimeout: readyTimeoutMs,
    keepaliveInterval: KEEPALIVE_INTERVAL_MS,
    keepaliveCountMax: KEEPALIVE_COUNT_MAX,
    // Only the pinned key's type may be negotiated, so the server must present exactly that key.
    algorithms: { serverHostKey: ['ssh-ed25519'] },
    hostVerifier: (key: Buffer) => {
      presentedWrongKey = !key.equals(expected);
      return !presentedWrongKey;
    },
  };
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let settled = false;
    // Stays attached for the client's life: ssh2 can emit several errors for one failure, and later
    // ones (reset, keepalive timeout) reach running commands through 'close' instead.
    client.on('error', (error: Error) => {
      if (settled) return void (endedBy.has(client) || endedBy.set(client, error));
      settled = true;
      client.end();
      reject(
        presentedWrongKey
          ? new HostKeyMismatchError(
              `The SSH server on port ${target.port} presented a host key that is not the one generated for this VM; refusing to connect (another process may hold the port, or the guest ignored the seed).`,
            )
          : error,
      );
    });
    client.once('ready', () => {
      if (settled) return void client.end();
      settled = true;
      resolve(client);
    });
    // A server that closes the connection before the login completes (an sshd going down for a reboot,
    // a guest that accepts and hangs up) ends it without an error, and ssh2 drops its ready timer then.
    client.once('close', () => {
      if (settled) return;
      settled = true;
      reject(
        new SolsticeError(`The SSH server on port ${target.port} closed the connection before the login completed.`),
      );
    });
    client.connect(config);
  });
}
