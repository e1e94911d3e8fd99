/** The real OpenSSH client, as a person (or a stranger) runs it against a forwarded guest port. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface SshAttempt {
  /** The private key file to offer (only this one). */
  key: string;
  port: number;
  command: string;
  /** Checks the host key strictly against this file; without it the key is not checked (a stranger's scan). */
  knownHosts?: string;
  /** Who logs in (`runner` unless said). */
  user?: string;
  /** The person's own HOME (their ~/.ssh), never the runner user's. */
  home?: string;
}

export interface SshOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** One attempt, batch mode: a refusal is an exit code (255), not a prompt. */
export async function personSsh({
  key,
  port,
  command,
  knownHosts,
  home,
  user = 'runner',
}: SshAttempt): Promise<SshOutcome> {
  const hostKeyOptions = knownHosts
    ? ['-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`]
    : ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null'];
  const args = ['-F', '/dev/null', '-i', key, '-p', String(port), '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes'];
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'ssh',
      [...args, ...hostKeyOptions, '-o', 'ConnectTimeout=30', `${user}@127.0.0.1`, command],
      { env: { ...process.env, ...(home ? { HOME: home } : {}) }, timeout: 90_000 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
