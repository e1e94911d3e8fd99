/** What the image-stage tests share: real fixture images, a recording reporter, and checks of the cache's contents. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, open, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { Reporter } from '../../src/core/reporter.js';
import type { ImageOptions } from '../../src/image/types.js';
import type { Digest } from '../../src/core/vocabulary.js';

export const MiB = 1024 * 1024;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cliHelper = join(repoRoot, 'test', 'helpers', 'prepare-image-cli.ts');

export function sha(algorithm: 'sha256' | 'sha512', data: Buffer): Digest {
  return { algorithm, hex: createHash(algorithm).update(data).digest('hex') };
}

/** The stamp src/image/cache-store.ts records for a file: size, inode, and ns times as decimal strings. */
export async function stampOf(path: string): Promise<{ size: number; ino: string; mtimeNs: string; ctimeNs: string }> {
  const st = await stat(path, { bigint: true });
  return { size: Number(st.size), ino: String(st.ino), mtimeNs: String(st.mtimeNs), ctimeNs: String(st.ctimeNs) };
}

/** The cache directory of one URL's entries (as src/image/cache-store.ts lays it out). */
export function entryDir(cacheDir: string, url: string): string {
  return join(cacheDir, 'images', createHash('sha256').update(url).digest('hex').slice(0, 16));
}

/** Temporary directories made by a test file, all removed by `removeAll` (in its after()). */
export function temporaryDirectories(): { make(prefix?: string): Promise<string>; removeAll(): Promise<void> } {
  const made: string[] = [];
  return {
    async make(prefix = 'solstice-image-') {
      const dir = await mkdtemp(join(tmpdir(), prefix));
      made.push(dir);
      return dir;
    },
    removeAll: async () => void (await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })))),
  };
}

/** Records every line but debug ones; warnings also on their own. */
export function recordingReporter(): { reporter: Reporter; messages: string[]; warnings: string[] } {
  const messages: string[] = [];
  const warnings: string[] = [];
  const push = (message: string): void => void messages.push(message);
  return {
    messages,
    warnings,
    reporter: {
      info: push,
      notice: push,
      warning: (message) => {
        push(message);
        warnings.push(message);
      },
      debug: () => {},
      startGroup: () => {},
      endGroup: () => {},
      guestLine: () => {},
    },
  };
}

/** A real qcow2 of `virtualSize` bytes holding `dataBytes` random bytes (so it is not all zeros). */
export async function makeQcow2(path: string, virtualSize: number, dataBytes: number): Promise<void> {
  const raw = `${path}.raw`;
  await writeFile(raw, randomBytes(dataBytes));
  const handle = await open(raw, 'r+');
  await handle.truncate(virtualSize);
  await handle.close();
  await execa('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, path]);
  await rm(raw);
}

/** Every file and directory under `dir`, relative, recursively. */
export async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      out.push(rel);
      if (entry.isDirectory()) await walk(join(current, entry.name), rel);
    }
  };
  await walk(dir, '');
  return out;
}

/** Asserts that the cache holds no image, partial download, temporary record, or lock (it was released). */
export async function assertNothingCached(cacheDir: string): Promise<void> {
  const tree = await listTree(cacheDir);
  const bad = tree.filter((p) => /\.img$|\.partial-|\.lock$|\.json$|\.tmp-/.test(p));
  assert.deepEqual(bad, [], `cache should be empty of entries, found: ${bad.join(', ')}`);
}

/** Runs prepareImage in a separate process (test/helpers/prepare-image-cli.ts). */
export function runPrepareImageCli(
  request: object,
  options?: ImageOptions,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cliHelper, JSON.stringify({ request, options })], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, out, err }));
  });
}
