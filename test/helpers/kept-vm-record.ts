/** What a later step reads about a VM `keep-running` left up, as a test sees it between the steps. */
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { personSsh } from './person-ssh.js';

export interface KeptVmRecord {
  sshPort: number;
  /** The host key the job pinned (OpenSSH line). */
  hostPublicKey: string;
  privateKeyPath: string;
}

/** The one kept VM of the job whose workspace is `workspace` (its RUNNER_TEMP is beside it). */
export async function keptVmRecord(workspace: string): Promise<KeptVmRecord> {
  const registry = join(dirname(workspace), 'temp', 'solstice-vms');
  const [record] = await readdir(registry).catch(() => [] as string[]);
  if (!record) throw new Error('the first step left no kept VM (see its log)');
  return JSON.parse(await readFile(join(registry, record), 'utf8')) as KeptVmRecord;
}

/** The ed25519 host key (`type base64`) the SSH server on `port` presents, as ssh-keyscan sees it. */
export async function servedHostKey(port: number): Promise<string> {
  const { stdout } = await promisify(execFile)('ssh-keyscan', ['-t', 'ed25519', '-p', String(port), '127.0.0.1']);
  return stdout.split(' ').slice(1, 3).join(' ').trim();
}

/** `type base64` of an OpenSSH public key line, without its comment. */
export const keyWithoutComment = (line: string) => line.split(' ').slice(0, 2).join(' ');

/** What a person with OpenSSH finds at a kept VM: the key served, the key pinned, and how each login went. */
export interface PersonView {
  served: string;
  pinned: string;
  /** ssh's exit code per key name (0: in; 255: refused). */
  logins: Record<string, number>;
  /** What the job's own login printed, for a failure's message. */
  jobOutput: string;
}

/**
 * Logs in to the job's kept VM as `user` with the job's key and with each of `others` (name → private
 * key file), checking the host key strictly against the pinned one, from `home` (never the runner's).
 */
export async function personView(
  workspace: string,
  user: string,
  home: string,
  others: Record<string, string>,
): Promise<PersonView> {
  const kept = await keptVmRecord(workspace);
  const knownHosts = join(home, 'known_hosts');
  await writeFile(knownHosts, `[127.0.0.1]:${kept.sshPort} ${kept.hostPublicKey}\n`);
  const login = { port: kept.sshPort, user, command: 'id -un', knownHosts, home };
  const logins: Record<string, number> = {};
  for (const [name, key] of Object.entries(others)) logins[name] = (await personSsh({ ...login, key })).code;
  const job = await personSsh({ ...login, key: kept.privateKeyPath });
  logins['job'] = job.code;
  return {
    served: await servedHostKey(kept.sshPort),
    pinned: keyWithoutComment(kept.hostPublicKey),
    logins,
    jobOutput: job.stdout + job.stderr,
  };
}
