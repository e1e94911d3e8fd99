import { lstat, mkdir, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { SolsticeError } from '../core/errors.js';
import { fitsJobRoot } from '../engine/job-directory.js';
import { OPEN_TO_OTHERS, ownershipProblem } from '../core/ownership.js';

/**
 * The CLI's private directory (the action uses RUNNER_TEMP): per-job directories, kept VMs and the
 * record of running jobs live here, and the CLI kills the QEMUs and removes the directories those
 * records name. So, as OpenSSH and tmux do, it must be a real directory of this user that nobody else
 * can open: never a predictable path in a shared /tmp that another user could have made first.
 * `$XDG_RUNTIME_DIR/solstice` (per user, on tmpfs), else `~/.local/state/solstice`.
 */
export async function cliStateDirectory(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const runtime = env['XDG_RUNTIME_DIR'];
  // The XDG spec: a relative path in these variables is invalid and ignored.
  const path =
    runtime && isAbsolute(runtime)
      ? join(runtime, 'solstice')
      : join(env['HOME'] || homedir(), '.local', 'state', 'solstice');
  try {
    await mkdir(path, { recursive: true, mode: 0o700 }); // parents it creates are 0700 too
  } catch (error) {
    throw new SolsticeError(
      `Cannot create the Solstice state directory ${path}: ${(error as Error).message}. Set XDG_RUNTIME_DIR to a private directory of yours.`,
    );
  }
  const st = await lstat(path);
  const problem = ownershipProblem(st, OPEN_TO_OTHERS);
  if (problem !== undefined) {
    const ours = !st.isSymbolicLink() && st.uid === process.getuid!();
    const fix = ours ? `chmod 700 ${path}` : `remove ${path} (if it is not yours, ask its owner or root)`;
    throw new SolsticeError(
      `The Solstice state directory ${path} ${problem}: it holds the CLI's VMs and their keys, so it must be a ` +
        `directory of your own that nobody else can open. Fix: ${fix}, or set XDG_RUNTIME_DIR to a private directory of yours.`,
    );
  }
  if (!fitsJobRoot(path)) {
    throw new SolsticeError(
      `The Solstice state directory ${path} is too long for QEMU's socket paths (or contains a comma): set XDG_RUNTIME_DIR to a shorter private directory of yours.`,
    );
  }
  return path;
}

/**
 * Whether `jobDirectory`, read from a record in the state directory, lies inside it (symbolic links
 * resolved): the CLI stops and removes only those, whatever a record says.
 */
export async function isInStateDirectory(stateDirectory: string, jobDirectory: string): Promise<boolean> {
  // A directory that is gone is checked as written: its QEMU may still run.
  const [root, target] = await Promise.all([
    realpath(stateDirectory),
    realpath(jobDirectory).catch(() => resolve(jobDirectory)),
  ]);
  const inside = relative(root, target);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}
