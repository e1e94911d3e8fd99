/** What a later step reads about a VM `keep-running` left up, as a test sees it between the steps. */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

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
