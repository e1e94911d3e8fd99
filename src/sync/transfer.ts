import { rm } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import type { Client } from 'ssh2';
import { SolsticeError } from '../engine/errors.js';
import { shellQuote } from '../guest/shell.js';
import { execCommand, type ExecOptions } from '../ssh/exec.js';

/**
 * Workspace transfer as one tar stream over the existing SSH connection: no rsync or SFTP walk, and
 * symlinks, permissions and empty directories survive. GNU tar on the runner; GNU tar or bsdtar in the
 * guest (options common to both).
 */

const nul = (paths: readonly string[]) => paths.map((path) => `${path}\0`).join('');

/** Makes `guestDirectory` (owned by the login user) and applies `removed`, then streams `paths` ('all' = the whole tree) into it. */
export async function sendToGuest(ssh: Client, localRoot: string, guestDirectory: string, paths: readonly string[] | 'all', removed: readonly string[], signal?: AbortSignal): Promise<void> {
  const dir = shellQuote(guestDirectory);
  await mustSucceed(ssh, 'prepare the working directory',
    `mkdir -p ${dir} 2>/dev/null || { sudo -n mkdir -p ${dir} && sudo -n chown "$(id -u):$(id -g)" ${dir}; }`, signal ? { signal } : {});
  if (removed.length > 0) {
    await mustSucceed(ssh, 'remove deleted files', `cd ${dir} && xargs -0 rm -rf --`, { stdin: nul(removed), ...(signal ? { signal } : {}) });
  }
  if (paths !== 'all' && paths.length === 0) return;
  const tar = localTar(paths === 'all'
    ? ['-C', localRoot, '-cf', '-', '.']
    : ['-C', localRoot, '-cf', '-', '--null', '--no-recursion', '-T', '-'], signal);
  tar.process.stdin!.end(paths === 'all' ? '' : nul(paths));
  let remoteErrors = '';
  const [remote, local] = await Promise.all([
    execCommand(ssh, `tar -C ${dir} -xpf -`, { stdin: tar.output, ...(signal ? { signal } : {}), onStderr: (chunk) => (remoteErrors += chunk.toString()) }),
    tar.done,
  ]);
  if (local.code !== 0) throw new SolsticeError(`Could not pack the workspace (${localRoot}) with tar: ${local.stderr.trim()}`);
  if (remote.exitCode !== 0) throw new SolsticeError(`The guest could not unpack the workspace into ${guestDirectory} (tar exit code ${remote.exitCode}): ${remoteErrors.trim().slice(-500)}`);
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
  const changed = (await listGuest(ssh, `cd ${dir} && find . -newer ${shellQuote(markerPath)} -print0`, options)).filter(include);
  const present = new Set(await listGuest(ssh, `cd ${dir} && find . -print0`, options));
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
    const remote = await execCommand(ssh, `cd ${dir} && tar -cf - --null --no-recursion -T -`, { stdin: nul(changed), stdoutTo: input, ...options });
    const local = await tar.done;
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

/** Relative paths (without `./`) a NUL-separated `find` printed. */
async function listGuest(ssh: Client, command: string, options: ExecOptions): Promise<string[]> {
  const chunks: Buffer[] = [];
  await mustSucceed(ssh, 'list the working directory', command, { ...options, onStdout: (chunk) => chunks.push(chunk) });
  return Buffer.concat(chunks).toString('utf8').split('\0')
    .filter((entry) => entry !== '' && entry !== '.')
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
function localTar(args: string[], signal?: AbortSignal): { process: ChildProcess; output: PassThrough; done: Promise<{ code: number | null; stderr: string }> } {
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
  return { process: child, output, done };
}
