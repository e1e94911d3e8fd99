/**
 * Warm-start templates in the Actions cache: the action's tenant (src/action/actions-cache-templates.ts)
 * with the real @actions/cache client over real HTTP against the stand-in cache service, and the engine's
 * restore of what comes back (src/engine/start/remote-template.ts, real qemu-img). The template's files
 * are made here (an overlay on the tiny guest, a sparse RAM file, a state with a migration stream's
 * header): what is tested is the packing and what a restore refuses; a booted template's round trip is
 * in test/e2e/actions-cache.test.ts. Each restore starts on an empty local cache at the same path, as
 * on a GitHub-hosted runner.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import * as cache from '@actions/cache';
import { ActionsTemplateCache, saveTemplates, templateCacheKey } from '../../src/action/actions-cache-templates.js';
import { createOverlay } from '../../src/disk/overlay.js';
import type { MachineBase } from '../../src/engine/guest-identity.js';
import type { JobScope } from '../../src/engine/job-scope.js';
import { restoreRemoteTemplate } from '../../src/engine/start/remote-template.js';
import { inspectImage } from '../../src/image/inspect.js';
import type { PreparedImage } from '../../src/image/types.js';
import { makeOwnDirectory } from '../../src/store/trust.js';
import { TEMPLATE_FORMAT_VERSION, templateKey, type TemplateIdentity } from '../../src/warm/template-key.js';
import { PACKED_MEMORY, packTemplate } from '../../src/warm/template-pack.js';
import {
  commitTemplate,
  createStaging,
  readTemplate,
  templatesDirectory,
  type Template,
} from '../../src/warm/template-store.js';
import { startCacheService, type CacheService } from '../helpers/cache-service.js';
import { MiB, recordingReporter, temporaryDirectories } from '../helpers/image-fixtures.js';
import { tinyGuest } from '../helpers/test-guest.js';

const MEMORY_MIB = 64;
/** How every QEMU migration stream starts (QEVM, version 3). */
const STREAM_HEADER = Buffer.from('5145564d00000003', 'hex');
const dirs = temporaryDirectories();
const savedEnv = { ...process.env };
let service: CacheService;
let cacheDir: string;
let image: PreparedImage;
let identity: TemplateIdentity;
let key: string;
/** The RAM the template was saved with: 1 MiB of data at 16 MiB, the rest holes. */
let memoryData: Buffer;

before(async () => {
  service = await startCacheService();
  const runner = await dirs.make('solstice-template-cache-runner-');
  cacheDir = join(runner, 'tool-cache', 'solstice');
  Object.assign(process.env, service.env, {
    GITHUB_WORKSPACE: join(runner, 'work'),
    RUNNER_TEMP: join(runner, 'temp'),
  });
  await mkdir(join(runner, 'work'), { recursive: true });
  await mkdir(join(runner, 'temp'), { recursive: true });
  // The job's image lies outside the cache directory, so an empty local cache keeps it.
  const guest = tinyGuest();
  const info = await inspectImage(guest.path, guest.path);
  image = {
    path: guest.path,
    ...info,
    digest: { algorithm: 'sha256', hex: guest.sha256 },
    verified: true,
    fetchedBytes: 0,
    cacheHit: true,
  };
  identity = {
    imageDigest: `sha256:${guest.sha256}`,
    arch: 'x86_64',
    firmware: 'bios',
    accel: 'tcg',
    qemuBinary: '/usr/bin/qemu-system-x86_64 1 2',
    cpus: 1,
    memoryMiB: MEMORY_MIB,
    diskSizeBytes: 0,
    user: 'solstice',
    adminGroup: 'sudo',
    shell: '',
    seed: 'cloud-config',
    network: true,
    prepareSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    prepareShell: '',
    scope: 'repository octo-org/octo-repo',
  };
  key = templateKey(identity);
  memoryData = randomBytes(MiB);
});

after(async () => {
  process.env = savedEnv;
  await service.close();
  await dirs.removeAll();
});

beforeEach(() => rm(cacheDir, { recursive: true, force: true }));

/** A template of `identity` in the local cache, as a build commits it. */
async function buildTemplate(): Promise<Template> {
  await makeOwnDirectory(templatesDirectory(cacheDir));
  const staging = await createStaging(cacheDir, key);
  await createOverlay(image, staging.disk, undefined);
  const memory = await open(staging.memory, 'w', 0o644);
  await memory.write(memoryData, 0, memoryData.length, 16 * MiB);
  await memory.truncate(MEMORY_MIB * MiB);
  await memory.close();
  await writeFile(staging.state, Buffer.concat([STREAM_HEADER, randomBytes(4096)]), { mode: 0o644 });
  await writeFile(staging.seed, randomBytes(8192), { mode: 0o600 });
  await writeFile(staging.buildConsoleLog, 'the template booted\n', { mode: 0o600 });
  return commitTemplate(staging, cacheDir, {
    formatVersion: TEMPLATE_FORMAT_VERSION,
    key,
    identity,
    imagePath: image.path,
    hostname: 'solstice-template',
    loginPublicKey: 'ssh-ed25519 AAAA login',
    hostPublicKey: 'ssh-ed25519 AAAA host',
    createdAt: new Date().toISOString(),
    buildSeconds: 1,
    readOnlyRam: false,
  });
}

/** What a job that used `template` does after passing: main packs it (unless the Actions cache has it), the post step saves it. */
async function saveAfterPassedJob(template: Template) {
  const { reporter, warnings } = recordingReporter();
  const store = new ActionsTemplateCache(cacheDir, reporter);
  store.used(template);
  const packed = await store.pack(new AbortController().signal);
  return { packed, saves: await saveTemplates(packed, reporter), warnings };
}

/** The engine's restore of the template on a fresh runner (empty local cache), with the Actions cache as its store. */
async function restoreOnFreshRunner() {
  await rm(cacheDir, { recursive: true, force: true });
  await makeOwnDirectory(templatesDirectory(cacheDir));
  const { reporter, warnings, messages } = recordingReporter();
  const store = new ActionsTemplateCache(cacheDir, reporter);
  const scope = { config: { cacheDir }, reporter, signal: new AbortController().signal, remoteTemplates: store };
  const base = { image } as MachineBase;
  const template = await restoreRemoteTemplate(scope as unknown as JobScope, { key, identity, base });
  return { template, store, warnings, messages };
}

/** Saves the files of `entry` (a directory laid out as the real one) under the template's key in place of the genuine archive. */
async function forgeEntry(build: (entry: string) => Promise<void>): Promise<() => void> {
  const genuine = service.archive(templateCacheKey(key))!;
  const entry = join(cacheDir, 'actions-cache', `template-${key}`);
  await rm(entry, { recursive: true, force: true });
  await mkdir(entry, { recursive: true });
  await packTemplate(await buildTemplate(), entry);
  await build(entry);
  const forgedKey = `forged-${randomBytes(4).toString('hex')}`;
  assert.notEqual(await cache.saveCache([entry], forgedKey), -1);
  service.setArchive(templateCacheKey(key), service.archive(forgedKey)!);
  return () => service.setArchive(templateCacheKey(key), genuine);
}

async function assertRefused(pattern: RegExp): Promise<void> {
  const { template, warnings } = await restoreOnFreshRunner();
  assert.equal(template, undefined, 'not restored');
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /restored from the Actions cache is refused \(/);
  assert.match(warnings[0]!, pattern);
  assert.match(warnings[0]!, /this job builds it\.$/);
  assert.deepEqual(await readdir(templatesDirectory(cacheDir)), [], 'no template and no staging left');
  assert.deepEqual(await readdir(join(cacheDir, 'actions-cache')), [], 'the restored entry is removed');
}

describe('warm-start templates in the Actions cache (real @actions/cache client, stand-in service)', () => {
  it('a miss: nothing restored, the job builds', async () => {
    const { template, store, warnings, messages } = await restoreOnFreshRunner();
    assert.equal(template, undefined);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      store.restores.map((restore) => [restore.key, restore.outcome]),
      [[templateCacheKey(key), 'missed']],
    );
    assert.match(
      messages.join('\n'),
      /Nothing restored for solstice-template-v\d+-[0-9a-f]{64} .*: building the template/,
    );
  });

  it('saved after a passed job with its RAM packed; a fresh runner restores it as the same template', async () => {
    const built = await buildTemplate();
    const state = await readFile(built.files.state);
    const { packed, saves, warnings } = await saveAfterPassedJob(built);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      saves.map((save) => [save.key, save.outcome]),
      [[templateCacheKey(key), 'saved']],
    );
    // The entry held the RAM's data, not its holes: far less than the 64 MiB machine.
    assert.ok(saves[0]!.bytes! < 8 * MiB, `entry of ${saves[0]!.bytes} bytes`);
    await assert.rejects(lstat(packed[0]!.entry), 'the post step removes the packed entry');

    const { template, warnings: restoreWarnings, messages } = await restoreOnFreshRunner();
    assert.deepEqual(restoreWarnings, []);
    assert.ok(template, 'restored');
    assert.match(
      messages.join('\n'),
      /Checked and unpacked the warm-start template [0-9a-f]{12} from the Actions cache/,
    );
    const found = await readTemplate(cacheDir, key);
    assert.ok(found, 'a template the local cache trusts');
    assert.equal(found.record.imagePath, image.path);
    const memory = await readFile(found.files.memory);
    assert.equal(memory.length, MEMORY_MIB * MiB);
    assert.deepEqual(memory.subarray(16 * MiB, 17 * MiB), memoryData);
    const memoryStat = await lstat(found.files.memory);
    assert.ok(memoryStat.blocks * 512 < 8 * MiB, 'the RAM file is sparse again');
    assert.deepEqual(await readFile(found.files.state), state);
    const info = JSON.parse(execFileSync('qemu-img', ['info', '--output=json', '-U', found.files.disk]).toString());
    assert.equal(info['backing-filename'], image.path);
    assert.equal((await lstat(found.files.seed)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(join(cacheDir, 'actions-cache')), [], 'the restored entry is removed');
  });

  it('a template the Actions cache holds already is not packed or saved again', async () => {
    const { packed, saves, warnings } = await saveAfterPassedJob(await buildTemplate());
    assert.deepEqual(warnings, []);
    assert.deepEqual(packed, []);
    assert.deepEqual(saves, []);
    assert.deepEqual(await readdir(join(cacheDir, 'actions-cache')).catch(() => []), []);
  });

  it('an overlay that names another backing file is re-pointed at the job image before anything reads it', async () => {
    const secret = join(await dirs.make('solstice-secret-'), 'secret.raw');
    execFileSync('qemu-img', ['create', '-q', '-f', 'raw', secret, String(image.virtualSize)]);
    const restoreGenuine = await forgeEntry(async (entry) => {
      execFileSync('qemu-img', [
        'rebase',
        '-q',
        '-u',
        '-f',
        'qcow2',
        '-b',
        secret,
        '-F',
        'raw',
        join(entry, 'disk.qcow2'),
      ]);
    });
    try {
      const { template, warnings } = await restoreOnFreshRunner();
      assert.deepEqual(warnings, []);
      assert.ok(template);
      const info = JSON.parse(
        execFileSync('qemu-img', ['info', '--output=json', '-U', template.files.disk]).toString(),
      );
      assert.equal(info['backing-filename'], image.path);
      assert.equal(info['backing-filename-format'], image.format);
    } finally {
      restoreGenuine();
    }
  });

  const refusals: Array<[string, (entry: string) => Promise<void>, RegExp]> = [
    [
      'an overlay with an external data file',
      async (entry) => {
        const disk = join(entry, 'disk.qcow2');
        await rm(disk);
        execFileSync('qemu-img', [
          'create',
          '-q',
          '-f',
          'qcow2',
          '-o',
          `data_file=${join(entry, 'data.raw')}`,
          disk,
          String(image.virtualSize),
        ]);
        await rm(join(entry, 'data.raw'));
      },
      /external data file/,
    ],
    [
      'packed RAM that names a backing file',
      async (entry) => {
        const packed = join(entry, PACKED_MEMORY);
        execFileSync('qemu-img', ['rebase', '-q', '-u', '-f', 'qcow2', '-b', '/etc/hostname', '-F', 'raw', packed]);
      },
      /refers to a backing file/,
    ],
    [
      'packed RAM of another size',
      async (entry) => {
        execFileSync('qemu-img', ['resize', '-q', '-f', 'qcow2', join(entry, PACKED_MEMORY), `${MEMORY_MIB * 2}M`]);
      },
      /memory\.qcow2 holds 134217728 bytes of qcow2, not the 67108864 bytes of qcow2 expected/,
    ],
    [
      'a state that is not a migration stream',
      (entry) => writeFile(join(entry, 'state'), '#!/bin/sh\nrm -rf /\n'),
      /its device state is not a QEMU migration stream/,
    ],
    [
      'the record of another template',
      async (entry) => {
        const record = JSON.parse(await readFile(join(entry, 'template.json'), 'utf8'));
        record.identity.prepareSha256 = '0'.repeat(64);
        await writeFile(join(entry, 'template.json'), JSON.stringify(record));
      },
      /its record is of another template/,
    ],
    [
      'a symbolic link in place of the state',
      async (entry) => {
        await rm(join(entry, 'state'));
        await symlink('/etc/passwd', join(entry, 'state'));
      },
      /state in the entry is not a regular file/,
    ],
    ['a missing seed', (entry) => rm(join(entry, 'seed.iso')), /the entry has no seed\.iso/],
  ];
  for (const [what, forge, pattern] of refusals) {
    it(`refused, and the job builds: ${what}`, async () => {
      const restoreGenuine = await forgeEntry(forge);
      try {
        await assertRefused(pattern);
      } finally {
        restoreGenuine();
      }
    });
  }

  it('a truncated entry does not extract: nothing restored, the job builds', async () => {
    const genuine = service.archive(templateCacheKey(key))!;
    service.setArchive(templateCacheKey(key), genuine.subarray(0, Math.floor(genuine.length / 2)));
    try {
      const { template, store } = await restoreOnFreshRunner();
      assert.equal(template, undefined);
      assert.deepEqual(
        store.restores.map((restore) => restore.outcome),
        ['missed'],
      );
      assert.deepEqual(await readdir(templatesDirectory(cacheDir)), []);
    } finally {
      service.setArchive(templateCacheKey(key), genuine);
    }
  });

  it('a save the service refuses (cache quota) is a warning, not an error', async () => {
    const built = await buildTemplate();
    service.refuseSaves('cache storage quota exceeded for this repository');
    const before = service.keys();
    const other = { ...built, record: { ...built.record, key: 'f'.repeat(64) } };
    const { saves, warnings } = await saveAfterPassedJob(other);
    assert.deepEqual(
      saves.map((save) => save.outcome),
      ['not saved'],
    );
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(
      warnings[0]!,
      /The warm-start template was not saved in the Actions cache as solstice-template-v\d+-f{64}: .*The job is not affected/,
    );
    assert.deepEqual(service.keys(), before);
  });
});
