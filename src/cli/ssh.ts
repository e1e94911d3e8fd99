import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SolsticeError } from '../core/errors.js';
import { findQemuProcesses } from '../qemu/find-processes.js';
import { loadCliKeptVm } from './kept-vms.js';
import { nameOption } from './run.js';

/**
 * `solstice ssh`: OpenSSH into a kept VM with the job's key and its pinned host key, through files in
 * the job directory (the user's ~/.ssh is neither read nor written). Returns ssh's exit code, which is
 * the remote command's.
 */
export async function sshCommand(
  name: string,
  remoteCommand: readonly string[],
  stateDirectory: string,
): Promise<number> {
  const kept = await loadCliKeptVm(
    stateDirectory,
    name,
    () =>
      new SolsticeError(
        `No VM named '${name}' is kept running: start one with 'solstice run --keep${nameOption(name)} …'.`,
      ),
  );
  if ((await findQemuProcesses(kept.jobDirectory)).length === 0) {
    throw new SolsticeError(`The VM '${name}' is no longer running: 'solstice stop${nameOption(name)}' forgets it.`);
  }
  const knownHosts = join(kept.jobDirectory, 'known_hosts');
  await writeFile(knownHosts, `[127.0.0.1]:${kept.sshPort} ${kept.hostPublicKey.trim()}\n`, { mode: 0o600 });
  const args = [
    '-F',
    'none',
    '-i',
    kept.privateKeyPath,
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    `UserKnownHostsFile=${knownHosts}`,
    '-o',
    'GlobalKnownHostsFile=/dev/null',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'LogLevel=ERROR',
    '-p',
    String(kept.sshPort),
    ...(remoteCommand.length === 0 ? ['-t'] : []),
    `${kept.user}@127.0.0.1`,
    ...(remoteCommand.length > 0 ? ['--', ...remoteCommand] : []),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: 'inherit' });
    child.once('error', (error) =>
      reject(
        new SolsticeError(
          `Could not start ssh (OpenSSH client): ${error.message}. Install it (Debian: apt install openssh-client).`,
        ),
      ),
    );
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
