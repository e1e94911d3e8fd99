import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SolsticeError } from '../core/errors.js';
import { findQemuProcesses } from '../qemu/find-processes.js';
import { shellQuote } from '../shell/shell.js';
import { commandLineScript } from './arguments.js';
import { loadCliKeptVm } from './kept-vms.js';
import { nameOption } from './run.js';

/**
 * `solstice ssh`: OpenSSH into a kept VM with the job's key and its pinned host key, through files in
 * the job directory (the user's ~/.ssh is neither read nor written). It starts where `run`'s command
 * ran (the working directory), and takes a command as `run` does (`commandLineScript`). Returns ssh's
 * exit code, which is the remote command's.
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
    '--',
    remoteShellCommand(kept.rules.workingDirectory, remoteCommand),
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

/**
 * What sshd gives the user's login shell to run (`$SHELL -c`, one argument: ssh would join several with
 * spaces, losing their quoting): change to the working directory, then the command, or without one an
 * interactive login shell. A working directory the command removed leaves the shell in the home directory.
 */
export function remoteShellCommand(workingDirectory: string, command: readonly string[]): string {
  const directory = shellQuote(workingDirectory);
  if (command.length > 0) return `cd ${directory} || exit 1\n${commandLineScript(command)}`;
  return `cd ${directory} || echo "solstice: staying in $HOME" >&2; exec "$SHELL" -l`;
}
