import { rm } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import type { Client } from 'ssh2';
import { SolsticeError } from '../engine/errors.js';
import { ensureDirectoryCommand, shellQuote } from '../guest/shell.js';
import { execCommand, type ExecOptions } from '../ssh/exec.js';

/**
 * Workspace transfer as one tar stream over the existing SSH connection: no rsync or SFTP walk, and
 * symlinks, permissions and empty directories survive. GNU tar on the runner; GNU tar or bsdtar in the
 * guest (options common to both).
 */

const nul = (paths: readonly string[]) => paths.map((path) => `${path}\0`).join('');

/**
 * Applies `removed`, then streams `paths` ('all' = the whole tree) into `guestDirectory`, creating it
 * (owned by the login user) in the same command: one round trip when only files are sent.
 */
export async function sendToGuest(ssh: Client, localRoot: string, guestDirectory: string, paths: readonly string[] | 'all', removed: readonly string[], signal?: AbortSignal): Promise<void> {
  const dir = shellQuote(guestDirectory);
  const options = signal ? { signal } : {};
  if (removed.length > 0) {
    await mustSucceed(ssh, 'remove deleted files', `cd ${dir} && xargs -0 rm -rf --`, { stdin: nul(removed), ...options });
  }
  if (paths !== 'all' && paths.length === 0) return;
  const tar = localTar(paths === 'all'
    ? ['-C', localRoot, '-cf', '-', '.']
    : ['-C', localRoot, '-cf', '-', '--null', '--no-recursion', '-T', '-'], signal);
  tar.process.stdin!.end(paths === 'all' ? '' : nul(paths));
  let remoteErrors = '';
  const [remote, local] = await tar.endedWith(Promise.all([
    execCommand(ssh, `${ensureDirectoryCommand(guestDirectory)} && tar -C ${dir} -xpf -`, { stdin: tar.output, ...options, onStderr: (chunk) => (remoteErrors += chunk.toString()) }),
    tar.done,
  ]));
  if (local.code !== 0) throw new SolsticeError(`Could not pack the workspace (${localRoot}) with tar: ${local.stderr.trim()}`);
  if (remote.exitCode !== 0) throw new SolsticeError(`The guest could not unpack the workspace into ${guestDirectory} (exit code ${remote.exitCode}): ${remoteErrors.trim().slice(-500)}`);
}

export interface CopyBackResult {
  copied: number;
  deleted: number;
}

/**
 * Brings back what changed in the guest since `markerPath` was touched (new and modified entries), and
 * deletes on the runner what was synced in but no longer exists in the guest. Only paths `include`
 * accepts are touched; nothing outside `localRoot` ever is.
 */
export async function copyBackFromGuest(ssh: Client, guestDirectory: string, localRoot: string, markerPath: string, knownPaths: readonly string[], include: (path: string) => boolean, signal?: AbortSignal): Promise<CopyBackResult> {
  const dir = shellQuote(guestDirectory);
  const options = signal ? { signal } : {};
  // One round trip: the changed entries, an empty entry as separator, then every entry.
  const listing = await listGuest(ssh, `cd ${dir} && find . -newer ${shellQuote(markerPath)} -print0 && printf '\\0' && find . -print0`, options);
  const separator = listing.indexOf('');
  const changed = listing.slice(0, separator).filter(include);
  const present = new Set(listing.slice(separator + 1));
  const deleted = knownPaths.filter((path) => !present.has(path) && include(path));
  if (changed.length > 0) {
    const tar = localTar(['-C', localRoot, '-xpf', '-', '--no-same-owner'], signal);
    // Through a buffer, not straight into tar's stdin: if tar stops reading (error, early exit) the
    // rest is drained so the SSH channel still ends instead of waiting forever.
    const input = new PassThrough();
    input.pipe(tar.process.stdin!);
    void tar.done.then(() => {
      input.unpipe();
      input.resume();
    });
    const [remote, local] = await tar.endedWith((async () => {
      const packed = await execCommand(ssh, `cd ${dir} && tar -cf - --null --no-recursion -T -`, { stdin: nul(changed), stdoutTo: input, ...options });
      return [packed, await tar.done] as const;
    })());
    if (remote.exitCode !== 0) throw new SolsticeError(`The guest could not pack the changed files of ${guestDirectory} (tar exit code ${remote.exitCode}).`);
    if (local.code !== 0) throw new SolsticeError(`Could not unpack the guest's files into ${localRoot}: ${local.stderr.trim()}`);
  }
  for (const path of deleted) {
    const target = resolve(localRoot, path);
    const inside = relative(localRoot, target);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) continue;
    await rm(target, { recursive: true, force: true });
  }
  return { copied: changed.length, deleted: deleted.length };
}

/** Relative paths (without `./`, `.` left out) of NUL-terminated `find` output; an empty entry stays. */
async function listGuest(ssh: Client, command: string, options: ExecOptions): Promise<string[]> {
  const chunks: Buffer[] = [];
  await mustSucceed(ssh, 'list the working directory', command, { ...options, onStdout: (chunk) => chunks.push(chunk) });
  return Buffer.concat(chunks).toString('utf8').split('\0').slice(0, -1)
    .filter((entry) => entry !== '.')
    .map((entry) => entry.replace(/^\.\//, ''));
}

async function mustSucceed(ssh: Client, what: string, command: string, options: ExecOptions): Promise<void> {
  let stderr = '';
  const result = await execCommand(ssh, command, { onStderr: (chunk) => (stderr += chunk.toString()), ...options });
  if (result.exitCode !== 0) throw new SolsticeError(`Could not ${what} in the guest (exit code ${result.exitCode}): ${stderr.trim()}`);
}

/**
 * The runner's tar. Its output is piped at once into a buffer with backpressure: Node discards a
 * child's unread stdout when the child exits, and a small tree is packed before the SSH channel opens.
 */
interface LocalTar {
  process: ChildProcess;
  output: PassThrough;
  done: Promise<{ code: number | null; stderr: string }>;
  /** Awaits `work`; if it fails (e.g. the SSH connection died), tar is killed rather than left blocked on a pipe. */
  endedWith<T>(work: Promise<T>): Promise<T>;
}

function localTar(args: string[], signal?: AbortSignal): LocalTar {
  const child = spawn('tar', args, { stdio: ['pipe', 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
  const output = child.stdout!.pipe(new PassThrough());
  // tar may exit before reading all of stdin (e.g. an error); that is reported by its exit code.
  child.stdin!.on('error', () => {});
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, stderr: error.message }));
    child.once('close', (code) => resolve({ code, stderr }));
  });
  const endedWith = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  };
  return { process: child, output, done, endedWith };
}
