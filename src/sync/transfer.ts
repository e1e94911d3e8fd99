import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, readFile, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Client } from 'ssh2';
import { SolsticeError } from '../core/errors.js';
import { shellQuote } from '../shell/shell.js';
import type { GuestUserland, TarFlavour } from '../core/guest-userland.js';
import { nulList, packCommand, packList, sendFormat, unpackCommand } from './guest-tar.js';
import { childEnvironment } from '../core/child-environment.js';
import { execCapture, execCommand, TextTail, type ExecOptions } from '../ssh/exec.js';
import { copyBackBudget } from './copy-back-budget.js';
import { gitConfigForGuest } from './git-config.js';
import { isGitConfigFile, isGitMetadata } from './git-metadata.js';
import { BudgetExceeded, unpackGuestArchive } from './guest-archive.js';
import type { Refusal } from './refusal.js';
import { moveStagedIntoWorkspace, removeFromWorkspace } from './workspace-writer.js';
import { program } from '../core/program-search.js';

/**
 * Workspace transfer as one tar stream over the existing SSH connection: no rsync or SFTP walk, and
 * symlinks, permissions and empty directories survive. GNU tar on the runner; in the guest, the tar
 * its userland says (guest-tar.ts).
 */

export interface SendRequest {
  workspace: string;
  guestDirectory: string;
  /** What to send: 'all' (the whole tree) or these entries. */
  paths: readonly string[] | 'all';
  /** Entries to delete in the guest first. */
  removed: readonly string[];
  /** A private directory for the git configuration sent in place of the workspace's (gitConfigForGuest). */
  scratchDirectory: string;
  /** The workspace's entries, when the caller walked it already: the git configs are found among them. */
  knownEntries?: readonly string[];
  /** The guest's tar and admin command. */
  userland: Pick<GuestUserland, 'tar' | 'admin'>;
  signal?: AbortSignal;
}

/**
 * Applies `removed`, then streams `paths` into `guestDirectory`, creating it (owned by the login user)
 * in the same command: one round trip when only files are sent.
 */
export async function sendToGuest(
  ssh: Client,
  { workspace, guestDirectory, paths, removed, scratchDirectory, knownEntries, userland, signal }: SendRequest,
): Promise<void> {
  const dir = shellQuote(guestDirectory);
  if (removed.length > 0) {
    await mustSucceed(ssh, 'remove deleted files', `cd ${dir} && xargs -0 rm -rf --`, {
      stdin: nulList(removed),
      ...optionalSignal(signal),
    });
  }
  if (paths !== 'all' && paths.length === 0) return;
  // Git configuration goes in scrubbed: the same names, from the scratch directory (after the workspace's).
  const configs = await scrubGitConfigs(workspace, paths === 'all' ? (knownEntries ?? 'all') : paths, scratchDirectory);
  const scrubbed = ['-C', scratchDirectory, ...configs];
  const format = `--format=${sendFormat(userland.tar)}`;
  const tar = localTar(
    paths === 'all'
      ? [
          ...['-C', workspace, '-cf', '-', format, '--anchored', '--no-wildcards'],
          // Members of `.` are named `./…`; the scrubbed copies are not, so these never exclude them.
          ...configs.map((config) => `--exclude=./${config}`),
          '.',
          ...(configs.length > 0 ? scrubbed : []),
        ]
      : [
          '-C',
          workspace,
          '-cf',
          '-',
          format,
          '--null',
          '--no-recursion',
          '-T',
          '-',
          ...(configs.length > 0 ? scrubbed : []),
        ],
    signal,
  );
  tar.process.stdin!.end(paths === 'all' ? '' : nulList(paths.filter((path) => !configs.includes(path))));
  const remoteErrors = new TextTail(500);
  const [remote, local] = await tar.endedWith(
    Promise.all([
      execCommand(ssh, unpackCommand(guestDirectory, userland.admin), {
        stdin: tar.output,
        ...optionalSignal(signal),
        onStderr: (chunk) => remoteErrors.push(chunk),
      }),
      tar.done,
    ]),
  );
  if (local.code !== 0)
    throw new SolsticeError(`Could not pack the workspace (${workspace}) with tar: ${local.stderr}`);
  if (remote.exitCode !== 0)
    throw new SolsticeError(
      `The guest could not unpack the workspace into ${guestDirectory} (exit code ${remote.exitCode}): ${remoteErrors}`,
    );
}

/**
 * The git configuration files among what is sent (`'all'`: found by a walk of the workspace that
 * follows no link), each written scrubbed into `scratch` under its own relative path. Returns those paths.
 */
async function scrubGitConfigs(
  workspace: string,
  paths: readonly string[] | 'all',
  scratch: string,
): Promise<string[]> {
  const candidates = paths === 'all' ? await gitConfigFilesBelow(workspace) : paths.filter(isGitConfigFile);
  const configs: string[] = [];
  for (const path of candidates) {
    if (!(await lstat(join(workspace, path))).isFile()) continue;
    await mkdir(dirname(join(scratch, path)), { recursive: true, mode: 0o700 });
    await writeFile(join(scratch, path), gitConfigForGuest(await readFile(join(workspace, path), 'utf8')), {
      mode: 0o644,
    });
    configs.push(path);
  }
  return configs;
}

async function gitConfigFilesBelow(root: string, relative = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(root, relative), { withFileTypes: true })) {
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await gitConfigFilesBelow(root, path)));
    else if (entry.isFile() && isGitConfigFile(path)) found.push(path);
  }
  return found;
}

export interface CopyBackRequest {
  guestDirectory: string;
  workspace: string;
  /** Touched in the guest before the script: what is newer has changed. */
  markerPath: string;
  /** The workspace's entries at the last sync: those the guest no longer has are deleted. */
  knownPaths: readonly string[];
  /** The copy-back patterns: applied to the guest's list and again to the archive's members. */
  include: (path: string) => boolean;
  /**
   * Where the guest's archive is unpacked first, inside the private job directory; used when it is on
   * the workspace's file system (so every move is a rename, and no copy can fill the disk), else a
   * private directory in the workspace is.
   */
  stagingDirectory: string;
  /** The guest's tar, which packs the changed entries. */
  tar: TarFlavour;
  signal?: AbortSignal;
}

export interface CopyBackResult {
  copied: number;
  deleted: number;
  /** Members (or the archive) refused: named in a warning, and the step fails. */
  refused: Refusal[];
  /** Git metadata the guest changed that copy-back leaves in the guest (it names no `.git`). */
  gitLeft: string[];
}

/** What a guest may send back, at most (hostile or broken guests): names, bytes and time. */
const MAX_LISTING_BYTES = 64 * 2 ** 20;
const LISTING_TIMEOUT_MS = 5 * 60_000;
const MAX_ARCHIVE_BYTES = 16 * 2 ** 30;
const ARCHIVE_TIMEOUT_MS = 60 * 60_000;
/** The archive stream may pause this long (a guest that sends nothing and never ends is stopped). */
const ARCHIVE_STALL_MS = 60_000;
const MOVE_TIMEOUT_MS = 10 * 60_000;

/**
 * Brings back what changed in the guest since `markerPath` was touched (new and modified entries), and
 * deletes on the runner what was synced in but no longer exists in the guest. The guest writes the
 * archive (it can replace its own tar), so it is hostile bytes: unpacked by our own reader into an empty
 * staging directory within a budget of entries and bytes the workspace's file system can hold, then
 * moved in by `moveStagedIntoWorkspace`, which writes nothing outside the workspace and refuses links
 * that lead out, git metadata git would act on, and unselected members.
 */
export async function copyBackFromGuest(ssh: Client, request: CopyBackRequest): Promise<CopyBackResult> {
  const dir = shellQuote(request.guestDirectory);
  // One round trip: the changed entries, an empty entry as separator, then every entry.
  const listing = await execCapture(
    ssh,
    `cd ${dir} && find . -newer ${shellQuote(request.markerPath)} -print0 && printf '\\0' && find . -print0`,
    {
      what: 'list the working directory',
      maxStdoutBytes: MAX_LISTING_BYTES,
      timeoutMs: LISTING_TIMEOUT_MS,
      ...optionalSignal(request.signal),
    },
  );
  if (listing.exitCode !== 0)
    throw new SolsticeError(
      `Could not list the working directory in the guest (exit code ${listing.exitCode}): ${listing.stderr}`,
    );
  const entries = relativeEntries(listing.stdout);
  const separator = entries.indexOf('');
  const everyChange = entries.slice(0, separator);
  const changed = everyChange.filter(request.include);
  const gitLeft = everyChange.filter((path) => isGitMetadata(path) && !request.include(path));
  const present = new Set(entries.slice(separator + 1));
  let deleted = 0;
  for (const path of request.knownPaths) {
    if (!present.has(path) && request.include(path) && (await removeFromWorkspace(request.workspace, path))) deleted++;
  }
  if (changed.length === 0) return { copied: 0, deleted, refused: [], gitLeft };
  // A name the guest's tar cannot be given is refused here; when nothing else changed, no tar runs.
  const { list, unlisted } = packList(request.tar, changed);
  const unnamed = unlisted.map((path) => ({
    path,
    reason: "its name holds a newline, which the guest's tar cannot be given in a list",
  }));
  if (list === '') return { copied: 0, deleted, refused: unnamed, gitLeft };
  const staging = await stagingOnWorkspaceFileSystem(request.stagingDirectory, request.workspace);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { mode: 0o700 });
  try {
    const unpacked = await receiveArchive(ssh, {
      guestDirectory: request.guestDirectory,
      list,
      tar: request.tar,
      staging,
      workspace: request.workspace,
      ...optionalSignal(request.signal),
    });
    const { moved, refused } = await moveStagedIntoWorkspace({
      staging,
      workspace: request.workspace,
      requested: new Set(changed),
      include: request.include,
      deadline: Date.now() + MOVE_TIMEOUT_MS,
    });
    return { copied: moved, deleted, refused: [...unnamed, ...unpacked, ...refused], gitLeft };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** `preferred` when its parent is on the workspace's file system, else a fresh hidden directory in the workspace. */
async function stagingOnWorkspaceFileSystem(preferred: string, workspace: string): Promise<string> {
  if ((await stat(dirname(preferred))).dev === (await stat(workspace)).dev) return preferred;
  return join(workspace, `.solstice-copy-back-${randomBytes(8).toString('hex')}`);
}

/** Streams the guest's archive of the listed names into `staging`, bounded in size, entries and time. */
interface ArchiveRequest {
  guestDirectory: string;
  /** The names to pack, as the guest's tar reads them (packList). */
  list: string;
  tar: TarFlavour;
  staging: string;
  workspace: string;
  signal?: AbortSignal;
}

async function receiveArchive(
  ssh: Client,
  { guestDirectory, list, tar, staging, workspace, signal }: ArchiveRequest,
): Promise<Refusal[]> {
  const dir = shellQuote(guestDirectory);
  const budget = copyBackBudget(await statfs(workspace), MAX_ARCHIVE_BYTES);
  const limit = new AbortController();
  let exceeded: string | undefined;
  const stop = (why: string) => {
    exceeded ??= why;
    limit.abort();
  };
  const timeout = setTimeout(() => stop(`did not end within ${ARCHIVE_TIMEOUT_MS / 60_000} min`), ARCHIVE_TIMEOUT_MS);
  const stall = setTimeout(() => stop(`sent nothing for ${ARCHIVE_STALL_MS / 1000} s`), ARCHIVE_STALL_MS);
  const both = signal ? AbortSignal.any([signal, limit.signal]) : limit.signal;
  const input = new PassThrough();
  let size = 0;
  input.on('data', (chunk: Buffer) => {
    size += chunk.byteLength;
    if (size > MAX_ARCHIVE_BYTES) stop(`sent more than ${MAX_ARCHIVE_BYTES / 2 ** 30} GiB`);
    stall.refresh();
  });
  both.addEventListener('abort', () => input.destroy(new Error('copy-back stopped')), { once: true });
  let unpackError: unknown;
  const unpacked = unpackGuestArchive(input, staging, budget).catch((error: unknown) => {
    unpackError = error;
    // Past the budget (or an archive that is not one): the guest's side is stopped at once too.
    stop(error instanceof BudgetExceeded ? 'went past its budget' : 'could not be read');
    throw error;
  });
  unpacked.catch(() => {}); // awaited below; its error is reported through unpackError
  try {
    const packed = await execCommand(ssh, packCommand(guestDirectory, tar), {
      stdin: list,
      stdoutTo: input,
      signal: both,
    }).finally(() => {
      if (!input.writableEnded) input.end(); // a channel that never opened never ends it
    });
    const { refused } = await unpacked;
    if (packed.exitCode !== 0)
      throw new SolsticeError(
        `The guest could not pack the changed files of ${dir} (tar exit code ${packed.exitCode}).`,
      );
    return refused;
  } catch (error) {
    if (unpackError instanceof BudgetExceeded) throw unpackError;
    if (signal?.aborted) throw error;
    if (exceeded)
      throw new SolsticeError(
        `The guest's archive of the changed files ${exceeded}${unpackError ? ` (${(unpackError as Error).message})` : ''}: copy-back stopped and wrote nothing into the workspace (a broken or hostile guest).`,
      );
    throw error;
  } finally {
    clearTimeout(timeout);
    clearTimeout(stall);
  }
}

/** Relative paths (without `./`, `.` left out) of NUL-terminated `find` output; an empty entry stays. */
function relativeEntries(output: Buffer): string[] {
  return output
    .toString('utf8')
    .split('\0')
    .slice(0, -1)
    .filter((entry) => entry !== '.')
    .map((entry) => entry.replace(/^\.\//, ''));
}

const optionalSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

async function mustSucceed(ssh: Client, what: string, command: string, options: ExecOptions): Promise<void> {
  const stderr = new TextTail();
  const result = await execCommand(ssh, command, { onStderr: (chunk) => stderr.push(chunk), ...options });
  if (result.exitCode !== 0)
    throw new SolsticeError(`Could not ${what} in the guest (exit code ${result.exitCode}): ${stderr}`);
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
  const child = spawn(program('tar'), args, {
    env: childEnvironment(),
    stdio: ['pipe', 'pipe', 'pipe'],
    ...optionalSignal(signal),
  });
  const output = child.stdout!.pipe(new PassThrough());
  // tar may exit before reading all of stdin (e.g. an error); that is reported by its exit code.
  child.stdin!.on('error', () => {});
  const stderr = new TextTail();
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.once('error', (error) => resolve({ code: null, stderr: error.message }));
    child.once('close', (code) => resolve({ code, stderr: stderr.toString() }));
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
