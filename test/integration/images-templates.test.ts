/**
 * `solstice images` and `solstice images prune` with warm-start templates in the cache: the real CLI
 * (src/cli/main.ts under tsx) on a real cache layout, a real qcow2 image and template directories whose
 * disks are real qcow2 overlays of it (qemu-img; no VM is started).
 */
import assert from 'node:assert/strict';
import { mkdir, open, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import lockfile from 'proper-lockfile';
import { sha256Hex } from '../../src/store/sha256.js';
import { shortKey, templateKey, TEMPLATE_FORMAT_VERSION, type TemplateIdentity } from '../../src/warm/template-key.js';
import {
  templateDirectory,
  templateFiles,
  templatesDirectory,
  type TemplateRecord,
} from '../../src/warm/template-store.js';
import { entryDir, makeQcow2, MiB, sha, temporaryDirectories } from '../helpers/image-fixtures.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DAY_MS = 24 * 60 * 60 * 1000;
const IMAGE_URL = 'https://images.example.org/debian-12.qcow2';

const dirs = temporaryDirectories();
after(() => dirs.removeAll());

/** Runs `solstice images ARGS --cache-dir CACHE` as a user would (own runtime directory, no colours). */
async function solsticeImages(cacheDir: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const runtime = await dirs.make('solstice-runtime-');
  const run = await execa(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'images', ...args, '--cache-dir', cacheDir],
    { cwd: REPO_ROOT, env: { XDG_RUNTIME_DIR: runtime, NO_COLOR: '1' }, reject: false },
  );
  assert.equal(run.exitCode, 0, `solstice images ${args.join(' ')} failed: ${run.stderr}`);
  return { stdout: run.stdout, stderr: run.stderr };
}

/** A cached image as a download leaves it: <entry dir>/sha256-<hex>.img and its record. */
async function cacheImage(cacheDir: string): Promise<{ path: string; hex: string }> {
  const dir = entryDir(cacheDir, IMAGE_URL);
  await mkdir(dir, { recursive: true });
  const scratch = join(await dirs.make('solstice-scratch-'), 'image.qcow2');
  await makeQcow2(scratch, 16 * MiB, 64 * 1024);
  const bytes = await readFile(scratch);
  const digest = sha('sha256', bytes);
  const path = join(dir, `sha256-${digest.hex}.img`);
  await writeFile(path, bytes, { mode: 0o444 });
  await writeFile(
    join(dir, `sha256-${digest.hex}.json`),
    JSON.stringify({
      url: IMAGE_URL,
      digest,
      size: bytes.length,
      format: 'qcow2',
      virtualSize: 16 * MiB,
      fetchedAt: new Date().toISOString(),
    }),
  );
  return { path, hex: digest.hex };
}

interface TemplateSpec {
  imagePath: string;
  imageHex: string;
  prepare: string;
  createdAt: Date;
  /** The `used` marker's mtime; no marker when absent. */
  usedAt?: Date;
}

/** A template directory as commitTemplate leaves it, under the key of its identity. Returns the key. */
async function makeTemplate(cacheDir: string, spec: TemplateSpec): Promise<string> {
  const identity: TemplateIdentity = {
    imageDigest: `sha256:${spec.imageHex}`,
    arch: 'x86_64',
    firmware: 'bios',
    accel: 'kvm',
    qemuBinary: 'QEMU emulator version 8.2.2',
    cpus: 2,
    memoryMiB: 1024,
    diskSizeBytes: 0,
    user: 'runner',
    adminGroup: 'sudo',
    shell: '/bin/bash',
    seed: 'cloud-config',
    network: true,
    prepareSha256: sha256Hex(spec.prepare),
    prepareShell: spec.prepare === '' ? '' : 'auto',
    scope: 'repository octo-org/octo-repo',
  };
  const key = templateKey(identity);
  const files = templateFiles(templateDirectory(cacheDir, key));
  await mkdir(files.dir, { recursive: true });
  // -u: an orphan's backing image is gone, as when the image was pruned after the template was built.
  await execa('qemu-img', [
    'create',
    '-q',
    '-f',
    'qcow2',
    '-u',
    '-b',
    spec.imagePath,
    '-F',
    'qcow2',
    files.disk,
    '16M',
  ]);
  await writeFile(files.memory, Buffer.alloc(256 * 1024, 1));
  await writeFile(files.state, Buffer.alloc(8 * 1024, 2));
  await writeFile(files.seed, Buffer.alloc(4 * 1024, 3));
  if (spec.usedAt) {
    await writeFile(files.used, '');
    await utimes(files.used, spec.usedAt, spec.usedAt);
  }
  const record: TemplateRecord = {
    formatVersion: TEMPLATE_FORMAT_VERSION,
    key,
    identity,
    imagePath: spec.imagePath,
    hostname: 'solstice-template',
    loginPublicKey: 'ssh-ed25519 AAAA login',
    hostPublicKey: 'ssh-ed25519 AAAA host',
    createdAt: spec.createdAt.toISOString(),
    buildSeconds: 12,
    readOnlyRam: false,
  };
  await writeFile(files.record, JSON.stringify(record, null, 2));
  return key;
}

/**
 * A cache with one image and three templates: `fresh` (built long ago, used an hour ago, on the image),
 * `stale` (on the image, last used 40 days ago) and `orphan` (built today, its image gone).
 */
async function populatedCache(): Promise<{
  cacheDir: string;
  image: string;
  fresh: string;
  stale: string;
  orphan: string;
}> {
  const cacheDir = await dirs.make('solstice-cache-');
  const image = await cacheImage(cacheDir);
  const now = Date.now();
  const fresh = await makeTemplate(cacheDir, {
    imagePath: image.path,
    imageHex: image.hex,
    prepare: '',
    createdAt: new Date(now - 60 * DAY_MS),
    usedAt: new Date(now - 60 * 60 * 1000),
  });
  const stale = await makeTemplate(cacheDir, {
    imagePath: image.path,
    imageHex: image.hex,
    prepare: 'apt-get install -y build-essential',
    createdAt: new Date(now - 60 * DAY_MS),
    usedAt: new Date(now - 40 * DAY_MS),
  });
  const orphan = await makeTemplate(cacheDir, {
    imagePath: join(cacheDir, 'images', '0123456789abcdef', `sha256-${'0'.repeat(64)}.img`),
    imageHex: '0'.repeat(64),
    prepare: 'make deps',
    createdAt: new Date(now),
  });
  return { cacheDir, image: image.path, fresh, stale, orphan };
}

async function templatesOnDisk(cacheDir: string): Promise<string[]> {
  return (await readdir(templatesDirectory(cacheDir)).catch(() => [] as string[])).sort();
}

const exists = (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

describe('solstice images with warm-start templates', () => {
  test('lists the templates after the images: short key, scope, image URL, prepare, size, dates, and a total', async () => {
    const { cacheDir, fresh, stale, orphan } = await populatedCache();
    const { stdout } = await solsticeImages(cacheDir);
    const lines = stdout.split('\n');
    const header = lines.findIndex((line) => /^KEY\s+SCOPE\s+IMAGE\s+PREPARE\s+SIZE\s+CREATED\s+LAST USED$/.test(line));
    assert.ok(header > 0, `a template table after the images:\n${stdout}`);
    assert.match(lines.slice(0, header).join('\n'), /^SOURCE .*\n.*debian-12\.qcow2.*\n1 image, /);
    const row = (key: string): string => lines.find((line) => line.startsWith(`${shortKey(key)} `)) ?? '';
    assert.match(
      row(fresh),
      /^[0-9a-f]{12}\s+octo-org\/octo-repo\s+https:\/\/images\.example\.org\/debian-12\.qcow2\s+none\s+[\d.]+ (B|kB|MB)\s+\S+ \S+\s+\S+ \S+$/,
      'the image by the URL it came from, as the images table names it',
    );
    assert.match(row(stale), new RegExp(`\\s${sha256Hex('apt-get install -y build-essential').slice(0, 12)}\\s`));
    assert.match(row(orphan), /sha256:000000000000… \(not cached\)/);
    // Most recently used first, as the images are.
    assert.deepEqual(
      lines.slice(header + 1, header + 4).map((line) => line.slice(0, 12)),
      [orphan, fresh, stale].map(shortKey),
    );
    assert.match(lines[header + 4]!, /^3 templates, [\d.]+ (B|kB|MB)$/);
  });

  test('templates are listed even when no image is cached; an empty cache says so', async () => {
    const cacheDir = await dirs.make('solstice-cache-');
    assert.match((await solsticeImages(cacheDir)).stdout, /^The image cache .* is empty\.$/);
    const key = await makeTemplate(cacheDir, {
      imagePath: join(cacheDir, 'images', 'gone.img'),
      imageHex: 'a'.repeat(64),
      prepare: '',
      createdAt: new Date(),
    });
    const { stdout } = await solsticeImages(cacheDir);
    assert.match(stdout, /No images in the image cache/);
    assert.match(stdout, new RegExp(`^${shortKey(key)}\\s`, 'm'));
    assert.match(stdout, /^1 template, /m);
  });

  test('--dry-run names what would go, templates included, and removes nothing', async () => {
    const { cacheDir, image, fresh, stale, orphan } = await populatedCache();
    const before = await templatesOnDisk(cacheDir);
    const byAge = await solsticeImages(cacheDir, 'prune', '--dry-run');
    assert.match(
      byAge.stdout,
      new RegExp(`^Would remove template ${shortKey(orphan)} \\(.*, its image is no longer cached\\)$`, 'm'),
    );
    assert.match(
      byAge.stdout,
      new RegExp(`^Would remove template ${shortKey(stale)} \\(.*, last used \\S+ \\S+\\)$`, 'm'),
    );
    assert.doesNotMatch(byAge.stdout, new RegExp(shortKey(fresh)));
    assert.doesNotMatch(byAge.stdout, /debian-12|Removed/);

    const everything = await solsticeImages(cacheDir, 'prune', '--all', '--dry-run');
    assert.match(everything.stdout, /^Would remove https:\/\/images\.example\.org\/debian-12\.qcow2 /m);
    for (const key of [fresh, stale, orphan])
      assert.match(everything.stdout, new RegExp(`^Would remove template ${shortKey(key)} `, 'm'));
    assert.deepEqual(await templatesOnDisk(cacheDir), before);
    assert.equal(before.length, 3);
    assert.ok(await exists(image), 'the image is still cached');
  });

  test('prune removes stale templates and those whose image is gone; --all then the image and the rest', async () => {
    const { cacheDir, image, fresh, stale, orphan } = await populatedCache();
    const pruned = await solsticeImages(cacheDir, 'prune');
    assert.match(pruned.stdout, /^Removed 0 images \(0 B\)/m);
    assert.match(pruned.stdout, /^Removed 2 templates \([\d.]+ (B|kB|MB)\)\.$/m);
    assert.equal(pruned.stderr, '');
    assert.deepEqual(await templatesOnDisk(cacheDir), [fresh], 'only the fresh template, and no leftovers');
    assert.ok(await exists(image));
    const listed = (await solsticeImages(cacheDir)).stdout;
    assert.match(listed, new RegExp(`^${shortKey(fresh)}\\s`, 'm'));
    for (const key of [stale, orphan]) assert.doesNotMatch(listed, new RegExp(shortKey(key)));

    const all = await solsticeImages(cacheDir, 'prune', '--all');
    assert.match(all.stdout, /^Removed 1 image \(/m);
    assert.match(all.stdout, /^Removed 1 template \(/m);
    assert.equal(await exists(image), false);
    assert.deepEqual(await templatesOnDisk(cacheDir), []);
    assert.match((await solsticeImages(cacheDir)).stdout, /^The image cache .* is empty\.$/);
  });

  test('a template of the older format, which kept its private keys, is removed by any prune, even used today', async () => {
    const { cacheDir, fresh } = await populatedCache();
    // As format 1 left it: its login and host private keys beside the machine, and its record says so.
    const dir = templateDirectory(cacheDir, 'b'.repeat(64));
    await mkdir(dir, { recursive: true });
    const files = templateFiles(dir);
    for (const path of [files.disk, files.memory, files.state, files.seed])
      await writeFile(path, Buffer.alloc(4096, 1));
    await writeFile(join(dir, 'login-key'), '-----BEGIN OPENSSH PRIVATE KEY-----\n…', { mode: 0o600 });
    await writeFile(join(dir, 'host-key'), '-----BEGIN OPENSSH PRIVATE KEY-----\n…', { mode: 0o600 });
    const record = JSON.parse(await readFile(templateFiles(templateDirectory(cacheDir, fresh)).record, 'utf8'));
    await writeFile(files.record, JSON.stringify({ ...record, key: 'b'.repeat(64), formatVersion: 1 }));
    await writeFile(files.used, '');

    const dryRun = await solsticeImages(cacheDir, 'prune', '--dry-run');
    assert.match(dryRun.stdout, new RegExp(`^Would remove template bbbbbbbbbbbb \\(.*, an older format\\)$`, 'm'));
    const pruned = await solsticeImages(cacheDir, 'prune');
    assert.match(pruned.stdout, /^Removed 3 templates \(/m, 'the older one, the stale one and the orphan');
    assert.deepEqual(await templatesOnDisk(cacheDir), [fresh], 'its directory and keys are gone');
  });

  test('a template whose image is pruned in the same run goes with it, even when used today', async () => {
    const { cacheDir, fresh } = await populatedCache();
    // Only the image is old enough for --older-than 0.5; the fresh template was used just now.
    const imageRecord = (await readdir(entryDir(cacheDir, IMAGE_URL))).find((name) => name.endsWith('.json'))!;
    const recordPath = join(entryDir(cacheDir, IMAGE_URL), imageRecord);
    const record = JSON.parse(await readFile(recordPath, 'utf8')) as { fetchedAt: string };
    record.fetchedAt = new Date(Date.now() - DAY_MS).toISOString();
    await writeFile(recordPath, JSON.stringify(record));
    const dryRun = await solsticeImages(cacheDir, 'prune', '--older-than', '0.5', '--dry-run');
    assert.match(
      dryRun.stdout,
      new RegExp(`^Would remove template ${shortKey(fresh)} \\(.*, its image would be removed\\)$`, 'm'),
    );
    const pruned = await solsticeImages(cacheDir, 'prune', '--older-than', '0.5');
    assert.match(pruned.stdout, /^Removed 1 image \(/m);
    assert.match(pruned.stdout, /^Removed 3 templates \(/m);
    assert.deepEqual(await templatesOnDisk(cacheDir), []);
  });

  test('a template a VM has open, or a job is building, is kept with a warning', async () => {
    const { cacheDir, image, fresh, stale } = await populatedCache();
    // isOpenByAnyProcess looks at every process's open files: this test process stands in for QEMU.
    const memory = await open(templateFiles(templateDirectory(cacheDir, fresh)).memory, 'r');
    const release = await lockfile.lock(templateDirectory(cacheDir, stale), { realpath: false });
    try {
      const pruned = await solsticeImages(cacheDir, 'prune', '--all');
      assert.match(pruned.stderr, new RegExp(`Kept template ${shortKey(fresh)}: a running VM uses it\\.`));
      assert.match(pruned.stderr, new RegExp(`Kept template ${shortKey(stale)}: a job is building it\\.`));
      assert.match(pruned.stdout, /^Removed 1 template \(/m, 'only the orphan');
      assert.equal(await exists(image), false, 'the image itself was not open');
    } finally {
      await memory.close();
      await release();
    }
    assert.deepEqual(await templatesOnDisk(cacheDir), [fresh, stale].sort());
  });
});
