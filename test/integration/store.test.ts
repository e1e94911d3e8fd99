/**
 * The cache store's own rules (src/store/), on real files and real processes, no VM: one holder of a
 * lock at a time across processes, records never seen half-written, paths another user could have
 * written refused, used-markers, and the rule between its tenants: a template goes with its image.
 */
import assert from 'node:assert/strict';
import { chmod, chown, mkdir, open, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { execa } from 'execa';
import { LOCK_STALE_MS, withLock } from '../../src/store/lock.js';
import { pruneCache, type PrunableImage, type PrunableTemplate } from '../../src/store/prune.js';
import { readRecord, writeRecord } from '../../src/store/records.js';
import { removeUnlessBusy, type Removal } from '../../src/store/removal.js';
import { firstDistrusted, makeOwnDirectory } from '../../src/store/trust.js';
import { isOpenByAnyProcess, lastUsedAt, markUsed } from '../../src/store/usage.js';
import { recordingReporter, temporaryDirectories } from '../helpers/image-fixtures.js';

const dirs = temporaryDirectories();
after(() => dirs.removeAll());

const HOUR_MS = 60 * 60 * 1000;

/** A holder in a process of its own: takes the lock, logs "enter"/"exit" around a pause (and "waited" if it did). */
const HOLDER = `
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { withLock } from './src/store/lock.js';
const [dir, log] = process.argv.slice(-2);
const waited = () => appendFileSync(log, 'waited ' + process.pid + '\\n');
const reporter = { info: waited, notice: () => {}, warning: () => {}, debug: () => {}, error: () => {} };
await withLock(dir, { activity: 'testing', dirKind: 'test directory', reporter, signal: undefined, timeoutMs: 60_000 }, async () => {
  appendFileSync(log, 'enter ' + process.pid + '\\n');
  await sleep(500);
  appendFileSync(log, 'exit ' + process.pid + '\\n');
});
`;

const lockOptions = (timeoutMs = 10_000) => ({
  activity: 'testing the lock',
  dirKind: 'test directory',
  signal: undefined,
  timeoutMs,
  ...recordingReporter(),
});

describe('the lock', () => {
  it('is held by one process at a time: four processes contending take it one after another', async () => {
    const root = await dirs.make('solstice-store-');
    const [dir, log] = [join(root, 'entry'), join(root, 'log')];
    await mkdir(dir);
    await Promise.all(
      Array.from({ length: 4 }, () =>
        execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', HOLDER, dir, log], {
          cwd: join(import.meta.dirname, '..', '..'),
        }),
      ),
    );
    const logged = (await readFile(log, 'utf8')).trim().split('\n');
    assert.ok(
      logged.some((line) => line.startsWith('waited ')),
      `the holders contended:\n${logged.join('\n')}`,
    );
    const lines = logged.filter((line) => !line.startsWith('waited '));
    assert.equal(lines.length, 8);
    for (let i = 0; i < lines.length; i += 2) {
      const pid = lines[i]!.split(' ')[1];
      assert.deepEqual([lines[i], lines[i + 1]], [`enter ${pid}`, `exit ${pid}`], `no overlap:\n${lines.join('\n')}`);
    }
    assert.deepEqual(await readdir(root), ['entry', 'log'], 'no lock left behind');
  });

  it('a waiter says so once, and gives up at its timeout naming the lock', async () => {
    const dir = join(await dirs.make('solstice-store-'), 'entry');
    const options = lockOptions(400);
    await withLock(dir, lockOptions(), async () => {
      await assert.rejects(
        withLock(dir, options, async () => assert.fail('taken twice')),
        new RegExp(`Timed out after .* waiting for another job to finish testing the lock \\(lock ${dir}\\.lock\\)`),
      );
    });
    assert.deepEqual(options.messages, ['Another job is testing the lock; waiting for it.']);
  });

  it('a lock its holder stopped refreshing (a crashed job) is taken over', async () => {
    const dir = join(await dirs.make('solstice-store-'), 'entry');
    await mkdir(`${dir}.lock`);
    const old = new Date(Date.now() - LOCK_STALE_MS - 5_000);
    await utimes(`${dir}.lock`, old, old);
    assert.equal(await withLock(dir, lockOptions(2_000), async () => 'held'), 'held');
  });

  it('a lock lost while held stops the work under it, with an error naming the directory', async () => {
    const dir = join(await dirs.make('solstice-store-'), 'entry');
    // The lock's refresh timer does not keep the process alive (a job's work does): this stands in for it.
    const keepAlive = setInterval(() => {}, 1_000);
    const work = withLock(dir, lockOptions(), async (signal) => {
      await rm(`${dir}.lock`, { recursive: true }); // as if another job had taken it over
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      throw new Error('stopped');
    });
    try {
      await assert.rejects(work, new RegExp(`Lost the lock on the test directory ${dir} .*Try again\\.`));
    } finally {
      clearInterval(keepAlive);
    }
  });

  it('a cancel while waiting ends the wait', async () => {
    const dir = join(await dirs.make('solstice-store-'), 'entry');
    const controller = new AbortController();
    await withLock(dir, lockOptions(), async () => {
      const waiting = withLock(dir, { ...lockOptions(), signal: controller.signal }, async () => 'taken');
      setTimeout(() => controller.abort(), 200);
      await assert.rejects(waiting, { name: 'CancelledError' });
    });
  });
});

describe('records', () => {
  const isCount = (value: unknown): value is { count: number; padding: string } =>
    typeof (value as { count?: unknown } | null)?.count === 'number';

  it('a reader never sees a record half-written, while a writer rewrites a large one again and again', async () => {
    const file = join(await dirs.make('solstice-store-'), 'record.json');
    const padding = 'x'.repeat(2 * 1024 * 1024);
    await writeRecord(file, { count: 0, padding });
    let writing = true;
    const writer = (async () => {
      for (let count = 1; count <= 30; count++) await writeRecord(file, { count, padding });
      writing = false;
    })();
    let reads = 0;
    while (writing) {
      const record = await readRecord(file, isCount);
      assert.ok(record !== undefined && record.padding.length === padding.length, 'a whole record');
      reads++;
    }
    await writer;
    assert.ok(reads > 0);
    assert.deepEqual(await readdir(join(file, '..')), ['record.json'], 'no temporary file left');
  });

  it('is written 0644 even under a umask of 002, so that it is not refused as group-writable', async () => {
    const file = join(await dirs.make('solstice-store-'), 'record.json');
    const previous = process.umask(0o002);
    try {
      await writeRecord(file, { count: 1 });
    } finally {
      process.umask(previous);
    }
    assert.equal((await stat(file)).mode & 0o777, 0o644);
  });

  it('a failed write leaves the old record and no temporary file', async () => {
    const root = await dirs.make('solstice-store-');
    const file = join(root, 'record.json');
    await mkdir(file); // rename over a directory fails
    await assert.rejects(writeRecord(file, { count: 1 }));
    assert.deepEqual(await readdir(root), ['record.json']);
  });

  it('a missing, truncated or foreign record reads as none', async () => {
    const root = await dirs.make('solstice-store-');
    await writeFile(join(root, 'truncated.json'), '{"count": 1, "padd');
    await writeFile(join(root, 'foreign.json'), '{"counter": 1}');
    for (const name of ['missing.json', 'truncated.json', 'foreign.json'])
      assert.equal(await readRecord(join(root, name), isCount), undefined, name);
  });
});

describe('trust: only what this user wrote, and no other user can write', () => {
  async function ownFiles(): Promise<{ root: string; dir: string; file: string }> {
    const root = await dirs.make('solstice-store-');
    const dir = join(root, 'entry');
    await makeOwnDirectory(dir);
    const file = join(dir, 'image');
    await writeFile(file, 'x', { mode: 0o644 });
    return { root, dir, file };
  }

  it('accepts directories and files of ours, made 0755 even under a umask of 002', async () => {
    const previous = process.umask(0o002);
    let made: { dir: string; file: string };
    try {
      made = await ownFiles();
    } finally {
      process.umask(previous);
    }
    assert.equal((await stat(made.dir)).mode & 0o777, 0o755);
    assert.equal(await firstDistrusted([made.dir, made.file]), undefined);
  });

  it('refuses a group-writable file, naming it', async () => {
    const { dir, file } = await ownFiles();
    await chmod(file, 0o664);
    assert.deepEqual(await firstDistrusted([dir, file]), {
      path: file,
      missing: false,
      untrusted: `${file} is writable by other users (mode 0664)`,
    });
  });

  it('refuses a world-writable directory', async () => {
    const { dir, file } = await ownFiles();
    await chmod(dir, 0o777);
    assert.match((await firstDistrusted([dir, file]))?.path ?? '', /entry$/);
  });

  it("refuses another user's file (uid 65534)", async () => {
    const { dir, file } = await ownFiles();
    await chown(file, 65534, 65534);
    const found = await firstDistrusted([dir, file]);
    assert.match(found && !found.missing ? found.untrusted : '', /is owned by uid 65534/);
  });

  it('refuses a symbolic link, even to a file of ours', async () => {
    const { root, file } = await ownFiles();
    const link = join(root, 'link');
    await symlink(file, link);
    assert.deepEqual(await firstDistrusted([link]), {
      path: link,
      missing: false,
      untrusted: `${link} is a symbolic link`,
    });
  });

  it('tells a missing path apart', async () => {
    const { dir } = await ownFiles();
    assert.deepEqual(await firstDistrusted([dir, join(dir, 'state')]), { path: join(dir, 'state'), missing: true });
  });
});

describe('use', () => {
  it('the used-marker dates the last use; without one (or an older one) the entry counts from when it was made', async () => {
    const root = await dirs.make('solstice-store-');
    const marker = join(root, 'image.used');
    const made = new Date(Date.now() - 10 * HOUR_MS);
    assert.equal((await lastUsedAt(marker, made)).getTime(), made.getTime());
    await markUsed(marker);
    assert.ok(Date.now() - (await lastUsedAt(marker, made)).getTime() < HOUR_MS);
    const older = new Date(made.getTime() - HOUR_MS);
    await utimes(marker, older, older);
    assert.equal((await lastUsedAt(marker, made)).getTime(), made.getTime());
  });

  it('a marker that cannot be written is no error (a read-only shared cache still serves hits)', async () => {
    await markUsed(join(await dirs.make('solstice-store-'), 'gone', 'image.used'));
  });

  it('a file is open while a process holds it (found in /proc/<pid>/fd), and no longer once closed', async () => {
    const file = join(await dirs.make('solstice-store-'), 'disk');
    await writeFile(file, 'x');
    const handle = await open(file, 'r');
    assert.equal(await isOpenByAnyProcess(file), true);
    await handle.close();
    assert.equal(await isOpenByAnyProcess(file), false);
  });

  it('a removal skips an entry that is locked or open, and removes it otherwise', async () => {
    const dir = join(await dirs.make('solstice-store-'), 'entry');
    const file = join(dir, 'disk');
    await makeOwnDirectory(dir);
    await writeFile(file, 'x');
    const remove = () => rm(dir, { recursive: true });
    const whileLocked = await withLock(dir, lockOptions(), () => removeUnlessBusy(dir, [file], remove));
    assert.equal(whileLocked, 'locked');
    const handle = await open(file, 'r');
    assert.equal(await removeUnlessBusy(dir, [file], remove), 'in-use');
    await handle.close();
    assert.equal(await removeUnlessBusy(dir, [file], remove), 'removed');
    await assert.rejects(stat(dir));
  });
});

describe('a template goes with its image', () => {
  const now = Date.now();
  const isStale = (lastUsedAt: Date): boolean => lastUsedAt.getTime() < now - 30 * 24 * HOUR_MS;
  const image = (path: string, ageHours: number): PrunableImage => ({
    path,
    size: 100,
    lastUsedAt: new Date(now - ageHours * HOUR_MS),
  });
  const template = (key: string, imagePath: string, ageHours: number, imagePresent = true): PrunableTemplate => ({
    key,
    size: 10,
    lastUsedAt: new Date(now - ageHours * HOUR_MS),
    record: { imagePath },
    imagePresent,
  });

  /** A cache of two images (one stale) and templates on each, on a missing image, and of an older format. */
  async function prune(dryRun: boolean, imageRemoval: Removal = 'removed') {
    const root = await dirs.make('solstice-store-');
    const [oldImage, newImage] = [join(root, 'old.img'), join(root, 'new.img')];
    await writeFile(oldImage, 'x');
    await writeFile(newImage, 'x');
    await symlink(oldImage, join(root, 'old-link.img'));
    const removed: string[] = [];
    const result = await pruneCache({
      images: [image(oldImage, 24 * 40), image(newImage, 1)],
      templates: [
        template('on-old', oldImage, 1),
        template('on-old-by-link', join(root, 'old-link.img'), 1),
        template('on-new', newImage, 1),
        template('on-new-stale', newImage, 24 * 40),
        template('on-missing', join(root, 'gone.img'), 1, false),
      ],
      outdated: [{ key: 'format-1', size: 10 }],
      isStale,
      dryRun,
      removeImage: async ({ path }) => {
        removed.push(path);
        return imageRemoval;
      },
      removeTemplate: async (key) => {
        removed.push(key);
        return 'removed';
      },
    });
    const reasons = Object.fromEntries(result.templates.map(({ template, reason }) => [template.key, reason]));
    return { result, removed, reasons, oldImage };
  }

  it('removes the stale image and, with it, the templates built on it (also through a link); never a fresh one', async () => {
    const { result, removed, reasons, oldImage } = await prune(false);
    assert.deepEqual(
      result.images.map(({ image, outcome }) => [image.path, outcome]),
      [[oldImage, 'removed']],
    );
    assert.deepEqual(reasons, {
      'format-1': 'outdated',
      'on-old': 'image-pruned',
      'on-old-by-link': 'image-pruned',
      'on-new-stale': 'stale',
      'on-missing': 'image-gone',
    });
    assert.deepEqual(removed, [oldImage, 'format-1', 'on-old', 'on-old-by-link', 'on-new-stale', 'on-missing']);
  });

  it('an image kept (a running VM uses it) keeps its fresh templates', async () => {
    const { reasons } = await prune(false, 'in-use');
    assert.equal(reasons['on-old'], undefined);
    assert.equal(reasons['on-old-by-link'], undefined);
  });

  it('a dry run decides the same and removes nothing', async () => {
    const { result, removed, reasons } = await prune(true);
    assert.deepEqual(removed, []);
    assert.equal(reasons['on-old'], 'image-pruned');
    assert.ok([...result.images, ...result.templates].every(({ outcome }) => outcome === 'would-remove'));
  });
});
