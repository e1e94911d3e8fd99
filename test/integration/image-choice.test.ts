/**
 * Choosing the image: catalog names and image-url through the action's own input parser, a project's
 * catalog file, and the publisher's checksum fetched over real HTTP from 127.0.0.1.
 */
import { DIALECT_USERLAND } from '../../src/core/guest-userland.js';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { catalogWithFile } from '../../src/catalog/catalog-file.js';
import { loadCatalog } from '../../src/catalog/catalog.js';
import { compressionOf, parseJobInputs } from '../../src/config/parse.js';
import { InputError } from '../../src/core/errors.js';
import { actionErrorText } from '../../src/action/error-text.js';
import { silentReporter } from '../../src/core/reporter.js';
import { imageRequest } from '../../src/engine/image-request.js';
import { startRouteServer, serve, type RouteServer } from '../helpers/route-server.js';

const context = { defaultCacheRoot: '/opt/toolcache', workspace: '/w' };
const parse = (inputs: Record<string, string>, catalog = loadCatalog()) =>
  parseJobInputs((name) => ({ run: 'make test', ...inputs })[name] ?? '', { ...context, catalog });
const problemsOf = (inputs: Record<string, string>): string => {
  try {
    parse(inputs);
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return actionErrorText(error);
  }
  assert.fail('the inputs were accepted');
};

describe('image inputs', () => {
  it("a dialect's login and warm start: the image's own account, root, and only cloud-config or console clones", () => {
    const omnios = parse({ image: 'omnios-r151058' });
    assert.equal(omnios.user, 'root', 'the illumos agent keys only root');
    assert.equal(omnios.rules.userland.admin, 'root');
    assert.match(problemsOf({ image: 'omnios-r151058', user: 'ci' }), /Input 'user' is 'ci': 'root' or nothing/);
    assert.match(
      problemsOf({ image: 'omnios-r151058', 'warm-start': 'true' }),
      /Input 'warm-start' is 'true': 'false' for this image: warm start works with cloud-config and console images only so far \(this one reads illumos-cpio\)/,
    );
    assert.match(
      problemsOf({ image: 'debian-12', seed: 'ignition' }),
      /Input 'seed' is 'ignition': 'auto' or 'cloud-config'/,
    );
    assert.match(
      problemsOf({ 'image-url': 'https://example.org/x.qcow2', seed: 'console' }),
      /Input 'seed' is 'console': another dialect for image-url/,
    );
    assert.equal(parse({ 'image-url': 'https://example.org/x.qcow2', seed: 'tini-sh' }).guest.userland.admin, 'doas');
  });
  it('a catalog name gives the publisher URL, its checksum file, the firmware and the OS accounts', () => {
    const config = parse({ image: 'rockylinux-9' });
    assert.equal(
      config.image.source,
      'https://dl.rockylinux.org/pub/rocky/9/images/x86_64/Rocky-9-GenericCloud-Base.latest.x86_64.qcow2',
    );
    assert.equal(config.image.label, 'rockylinux-9');
    assert.equal(config.image.checksum, undefined, 'read from the publisher at run time');
    assert.deepEqual(config.image.publishedChecksum, {
      kind: 'published',
      url: 'https://dl.rockylinux.org/pub/rocky/9/images/x86_64/CHECKSUM',
      format: 'bsd',
      clearsigned: false,
      algorithm: 'sha256',
      fileName: 'Rocky-9-GenericCloud-Base.latest.x86_64.qcow2',
    });
    assert.equal(config.image.compression, 'none');
    assert.deepEqual(config.machine, { arch: 'x86_64', firmware: 'bios' });
    assert.deepEqual(config.guest, {
      adminGroup: 'wheel',
      shell: '/bin/bash',
      seed: 'cloud-config',
      userland: DIALECT_USERLAND['cloud-config'],
    });
    assert.deepEqual(parse({ image: 'ubuntu-24.04' }).guest.adminGroup, 'sudo');
  });

  it('a release prefix picks the newest release; aarch64 boots with UEFI; compressed catalog images say so', () => {
    const freebsd = parse({ image: 'freebsd-14', arch: 'arm64' });
    assert.match(freebsd.image.label, /^freebsd-14 \(freebsd-14\.\d+\)$/);
    assert.deepEqual(freebsd.machine, { arch: 'aarch64', firmware: 'uefi' });
    assert.equal(freebsd.image.compression, 'xz');
    assert.deepEqual(freebsd.guest, {
      adminGroup: 'wheel',
      shell: '/bin/sh',
      seed: 'cloud-config',
      userland: DIALECT_USERLAND['cloud-config'],
    });
  });

  it('image-url: compression from the file name, firmware by arch unless given', () => {
    assert.equal(parse({ 'image-url': 'https://example.org/a/disk.qcow2.xz' }).image.compression, 'xz');
    assert.equal(parse({ 'image-url': 'https://example.org/a/disk.raw.zst?x=1' }).image.compression, 'zst');
    assert.equal(compressionOf('/srv/images/disk.img.gz'), 'gz');
    assert.equal(compressionOf('https://example.org/disk.qcow2'), 'none');
    const url = parse({ 'image-url': 'https://example.org/a.qcow2', arch: 'aarch64' });
    assert.deepEqual(url.machine, { arch: 'aarch64', firmware: 'uefi' });
    assert.deepEqual(
      url.guest,
      { seed: 'cloud-config', userland: DIALECT_USERLAND['cloud-config'] },
      'no catalog entry: cloud-init defaults',
    );
    assert.deepEqual(parse({ 'image-url': 'https://example.org/a.qcow2', firmware: 'uefi' }).machine, {
      arch: 'x86_64',
      firmware: 'uefi',
    });
  });

  it('bad combinations name the input, the value and the fix', () => {
    assert.match(
      problemsOf({}),
      /Input 'image' is empty: name a catalog image such as 'debian-12' \('list' prints the catalog\), or give image-url/,
    );
    assert.match(
      problemsOf({ image: 'debian-12', 'image-url': 'https://example.org/a.qcow2' }),
      /Input 'image' is 'debian-12': give either image \(a catalog name\) or image-url, not both/,
    );
    assert.match(
      problemsOf({ image: 'debian-12', 'image-checksum': `sha256:${'a'.repeat(64)}` }),
      /Input 'image-checksum' .*image-checksum goes with image-url/,
    );
    assert.match(
      problemsOf({ image: 'debain-12' }),
      /Input 'image' is 'debain-12': no such image in the catalog\. Close matches: debian-12/,
    );
    assert.match(
      problemsOf({ image: 'debian-12', arch: 'sparc' }),
      /Input 'arch' is 'sparc': 'x86_64' or 'aarch64' \(amd64 and arm64 are accepted too\)/,
    );
    assert.match(
      problemsOf({ image: 'debian-12', arch: 'aarch64', firmware: 'bios' }),
      /Input 'firmware' is 'bios': aarch64 guests boot with UEFI only/,
    );
    assert.match(
      problemsOf({ 'image-url': 'https://example.org/a.qcow2', firmware: 'coreboot' }),
      /Input 'firmware' is 'coreboot'/,
    );
  });
});

describe('a project catalog file and the publisher checksum', () => {
  let server: RouteServer;
  let directory: string;
  before(async () => {
    server = await startRouteServer({
      '/rocky/CHECKSUM': serve(await readFile('test/fixtures/checksums/rockylinux-9-x86_64-CHECKSUM')),
      '/capped/CHECKSUM': serve(await readFile('test/fixtures/checksums/rockylinux-9-x86_64-CHECKSUM')),
    });
    directory = await mkdtemp(join(tmpdir(), 'solstice-catalog-'));
  });
  after(async () => {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  const ownCatalog = async (checksumPath: string, imageFields: Record<string, unknown> = {}) => {
    const file = join(directory, `catalog-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(
      file,
      JSON.stringify({
        images: {
          'mirror-9': {
            title: 'Rocky 9 from our mirror',
            user: 'rocky',
            sudoGroup: 'wheel',
            shell: '/bin/bash',
            cloudInit: 'cloud-init',
            arches: {
              x86_64: {
                url: 'https://mirror.example.org/Rocky-9-GenericCloud-Base.latest.x86_64.qcow2',
                format: 'qcow2',
                compression: 'none',
                firmware: 'bios',
                checksum: {
                  url: `https://mirror.example.org${checksumPath}`,
                  format: 'bsd',
                  algorithm: 'sha256',
                  file: 'Rocky-9-GenericCloud-Base.latest.x86_64.qcow2',
                },
                ...imageFields,
              },
            },
          },
        },
      }),
    );
    return file;
  };

  it('adds its entries to the bundled ones; a broken file is named with what is wrong', async () => {
    const catalog = await catalogWithFile(await ownCatalog('/rocky/CHECKSUM'));
    assert.ok(
      catalog.some((entry) => entry.name === 'debian-12'),
      'bundled entries stay',
    );
    assert.equal(parse({ image: 'mirror-9' }, catalog).guest.adminGroup, 'wheel');
    await assert.rejects(catalogWithFile(join(directory, 'missing.json')), (error) =>
      /Input 'catalog' is '.*missing\.json': cannot read it \(ENOENT\)\. Give the path/.test(actionErrorText(error)),
    );
    const broken = join(directory, 'broken.json');
    await writeFile(broken, JSON.stringify({ images: { 'x-1': { title: 'x' } } }));
    await assert.rejects(catalogWithFile(broken), /The image catalog .*broken\.json is invalid/);
  });

  it("an entry's maxSize reaches the download request (it overrides the 64 GiB cap)", async () => {
    const { image } = parse(
      { image: 'mirror-9' },
      await catalogWithFile(await ownCatalog('/capped/CHECKSUM', { maxSize: 3 * 2 ** 30 })),
    );
    assert.equal(image.maxSize, 3 * 2 ** 30);
    // The publisher's file from this test's server (the catalog's https URL is not reachable here).
    const local = { ...image, publishedChecksum: { ...image.publishedChecksum!, url: server.url('/capped/CHECKSUM') } };
    assert.equal((await imageRequest(local, '/cache', silentReporter)).maxSize, 3 * 2 ** 30);
  });

  it('the digest is read from the publisher file over HTTP just before the download', async () => {
    // The catalog's https URL points at this test's server for the fetch (same path, local origin).
    const image = {
      label: 'rocky',
      source: 'https://mirror.example.org/x.qcow2',
      compression: 'none' as const,
      publishedChecksum: {
        kind: 'published' as const,
        url: server.url('/rocky/CHECKSUM'),
        format: 'bsd' as const,
        clearsigned: false,
        algorithm: 'sha256' as const,
        fileName: 'Rocky-9-GenericCloud-Base.latest.x86_64.qcow2',
      },
    };
    const request = await imageRequest(image, '/cache', silentReporter);
    assert.deepEqual(request.checksum, {
      algorithm: 'sha256',
      hex: '92c206cc6f790c61583247eefe87890f8828420662c17cacf247cec78ab4eec8',
    });
    assert.equal(server.requests('/rocky/CHECKSUM'), 1);
    const missing = { ...image, publishedChecksum: { ...image.publishedChecksum, url: server.url('/gone/CHECKSUM') } };
    await assert.rejects(
      imageRequest(missing, '/cache', silentReporter),
      /Fetching the publisher's checksum file http:\/\/127\.0\.0\.1:\d+\/gone\/CHECKSUM failed: the server answered HTTP 404/,
    );
    const otherFile = { ...image, publishedChecksum: { ...image.publishedChecksum, fileName: 'Rocky-8.qcow2' } };
    await assert.rejects(imageRequest(otherFile, '/cache', silentReporter), /Rocky-8\.qcow2/);
  });
});
