import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compareReleases,
  loadCatalog,
  parseCatalog,
  resolveImage,
  type CatalogEntry,
} from '../../src/catalog/catalog.js';
import { describeVerification, formatCatalogTable } from '../../src/catalog/catalog-table.js';
import { SolsticeError } from '../../src/core/errors.js';
import { actionErrorText } from '../../src/action/error-text.js';
import { ARCHES } from '../../src/core/vocabulary.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const catalogText = readFileSync(join(repoRoot, 'catalog', 'images.json'), 'utf8');

function throwsSolstice(action: () => unknown, ...fragments: string[]): void {
  assert.throws(action, (error: unknown) => {
    assert.ok(error instanceof SolsticeError, `expected a SolsticeError, got ${String(error)}`);
    const text = actionErrorText(error);
    for (const fragment of fragments) assert.ok(text.includes(fragment), `"${text}" should mention "${fragment}"`);
    return true;
  });
}

/** A well-formed image as the data file writes it; tests spread their changes over it. */
const image = (file: string, changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  url: `https://example.org/images/${file}`,
  format: 'qcow2',
  compression: 'none',
  firmware: 'bios',
  checksum: { url: 'https://example.org/images/SHA256SUMS', format: 'gnu', algorithm: 'sha256', file },
  ...changes,
});
const entry = (arches: Record<string, unknown>, changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  title: 'Example',
  user: 'example',
  sudoGroup: 'sudo',
  shell: '/bin/bash',
  seed: 'cloud-config',
  arches,
  ...changes,
});
const catalogOf = (images: Record<string, unknown>): CatalogEntry[] => parseCatalog({ images }, 'test catalog');

describe('the bundled catalog', () => {
  const entries = loadCatalog();

  test('has the releases users name in their matrices, each with an x86_64 image', () => {
    const names = entries.map((candidate) => candidate.name);
    for (const name of [
      'ubuntu-24.04',
      'debian-12',
      'debian-13',
      'fedora-42',
      'almalinux-9',
      'rockylinux-9',
      'centos-stream-10',
      'opensuse-leap-15.6',
      'freebsd-14.3',
    ]) {
      assert.ok(names.includes(name), `${name} is missing`);
      assert.equal(resolveImage(name, 'x86_64').entry.name, name);
    }
  });

  test('every entry is named once in the data file (JSON.parse would keep only the last)', () => {
    for (const { name } of entries) assert.equal(catalogText.split(`"${name}": {`).length - 1, 1, name);
  });

  test('every image is well-formed', () => {
    for (const { name, release, images } of entries) {
      for (const arch of ARCHES) {
        const candidate = images[arch];
        if (!candidate) continue;
        const where = `${name} ${arch}`;
        const file = posix.basename(new URL(candidate.url).pathname);
        assert.equal(new URL(candidate.url).protocol, 'https:', where);
        if (arch === 'aarch64') assert.equal(candidate.firmware, 'uefi', where);
        // The file name says its compression, and a compressed image says what its digest covers.
        const extension = candidate.compression === 'none' ? '' : `.${candidate.compression}`;
        assert.ok(
          candidate.compression === 'none' ? !/\.(xz|zst|gz|bz2)$/.test(file) : file.endsWith(extension),
          where,
        );
        const { checksum } = candidate;
        if (checksum.kind === 'published') {
          assert.equal(new URL(checksum.url).protocol, 'https:', where);
          // The checksum file is looked up under the downloaded file's name, or under the decompressed one's.
          const expected = candidate.digestOf === 'compressed' ? file : file.slice(0, file.length - extension.length);
          assert.equal(checksum.fileName, expected, where);
          assert.ok(checksum.url !== candidate.url, where);
        } else {
          assert.match(
            checksum.digest.hex,
            checksum.digest.algorithm === 'sha256' ? /^[0-9a-f]{64}$/ : /^[0-9a-f]{128}$/,
            where,
          );
        }
        // The release in the name appears in the URL, so an entry cannot point at another release.
        assert.match(candidate.url, new RegExp(`[^0-9.]${release.replace(/\./g, '\\.')}[^0-9.]`), where);
      }
    }
  });

  test('the list names every image and what is verified for it', () => {
    const table = formatCatalogTable(entries);
    for (const { name, images } of entries) {
      for (const arch of ARCHES) {
        const candidate = images[arch];
        if (candidate)
          assert.match(
            table,
            new RegExp(
              `^${name.replace(/\./g, '\\.')} +${arch} .*${describeVerification(candidate).replace(/[().]/g, '\\$&')}$`,
              'm',
            ),
          );
      }
    }
    assert.match(table, /^fedora-42 +x86_64 .*pinned sha256 in the catalog$/m);
    assert.match(table, /^omnios-r151058 +x86_64 +qcow2 +uefi +illumos-cpio +root /m, 'the seed dialect and the login');
    assert.match(
      table,
      /^ubuntu-24\.04 +x86_64 +qcow2 +bios +cloud-config +ubuntu \(sudo\) +publisher SHA256SUMS \(GNU lines\), sha256$/m,
    );
    assert.match(
      table,
      /^fedora-44 +aarch64 .*Fedora-Cloud-44-1\.7-aarch64-CHECKSUM \(BSD lines, PGP signature not checked\), sha256$/m,
    );
    assert.match(
      table,
      /^freebsd-14\.3 +x86_64 +qcow2, xz +bios +cloud-config +freebsd \(wheel\) +publisher CHECKSUM\.SHA512 \(BSD lines\), sha512 of the \.xz download$/m,
    );
  });
});

describe('resolving image names', () => {
  test('an exact name, case and spaces aside', () => {
    const resolved = resolveImage(' Ubuntu-24.04 ', 'aarch64');
    assert.equal(resolved.entry.name, 'ubuntu-24.04');
    assert.equal(resolved.arch, 'aarch64');
    assert.equal(
      resolved.image.url,
      'https://cloud-images.ubuntu.com/releases/noble/release/ubuntu-24.04-server-cloudimg-arm64.img',
    );
  });

  test('a release prefix picks the newest release it matches', () => {
    const newest14 = loadCatalog()
      .filter((candidate) => candidate.name.startsWith('freebsd-14.'))
      .sort((a, b) => compareReleases(b.release, a.release))[0]!;
    assert.equal(newest14.name, 'freebsd-14.4');
    assert.equal(resolveImage('freebsd-14', 'x86_64').entry.name, 'freebsd-14.4');
    assert.equal(resolveImage('freebsd-14.3', 'x86_64').entry.name, 'freebsd-14.3');
    assert.equal(resolveImage('ubuntu-24', 'x86_64').entry.name, 'ubuntu-24.04');
    assert.equal(resolveImage('opensuse-leap-15', 'x86_64').entry.name, 'opensuse-leap-15.6');
  });

  test('releases compare as numbers, not as text', () => {
    const entries = catalogOf({
      'demo-14.9': entry({ x86_64: image('demo-14.9.qcow2') }),
      'demo-14.10': entry({ x86_64: image('demo-14.10.qcow2') }),
      'demo-140.1': entry({ x86_64: image('demo-140.1.qcow2') }),
    });
    assert.equal(resolveImage('demo-14', 'x86_64', entries).entry.name, 'demo-14.10');
    assert.ok(compareReleases('r151058', 'r151054') > 0);
    assert.ok(compareReleases('24.04', '22.04') > 0);
    assert.ok(compareReleases('15', '15.0') < 0);
  });

  test('a prefix matches whole release components only', () => {
    throwsSolstice(
      () => resolveImage('fedora-4', 'x86_64'),
      "Input 'image' is 'fedora-4': no such image in the catalog",
    );
  });

  test('an unknown name: an error with the close matches, image: list and image-url', () => {
    throwsSolstice(
      () => resolveImage('ubunto-24.04', 'x86_64'),
      "Input 'image' is 'ubunto-24.04': no such image in the catalog.",
      'Close matches: ubuntu-24.04,',
      "'image: list'",
      'image-url',
    );
    throwsSolstice(() => resolveImage('freebsd-13', 'x86_64'), 'Close matches: freebsd-', 'freebsd-14.4');
    throwsSolstice(() => resolveImage('rocky-9', 'x86_64'), 'rockylinux-9');
    throwsSolstice(() => resolveImage('plan9', 'x86_64'), 'The catalog has ubuntu, debian', 'freebsd');
  });

  test('a family without a release lists its releases', () => {
    throwsSolstice(
      () => resolveImage('debian', 'x86_64'),
      "Input 'image' is 'debian': name a release too, one of debian-12, debian-13.",
    );
  });

  test('an arch the entry has no image for', () => {
    const entries = catalogOf({ 'demo-1': entry({ x86_64: image('demo-1.qcow2') }) });
    throwsSolstice(
      () => resolveImage('demo-1', 'aarch64', entries),
      "Input 'arch' is 'aarch64': the catalog has no aarch64 image of demo-1 (it has x86_64).",
      'arch: x86_64',
      'image-url',
    );
  });
});

describe('checking catalog data', () => {
  test('a minimal entry reads into its typed form', () => {
    const [demo] = catalogOf({
      'demo-os-2.1': entry(
        {
          x86_64: image('demo.raw.xz', { format: 'raw', compression: 'xz', digestOf: 'uncompressed' }),
          aarch64: image('demo-arm.qcow2', { firmware: 'uefi', checksum: { pinned: `sha512:${'ab'.repeat(64)}` } }),
        },
        { note: 'A note.' },
      ),
    });
    assert.deepEqual(demo, {
      name: 'demo-os-2.1',
      os: 'demo-os',
      release: '2.1',
      title: 'Example',
      user: 'example',
      sudoGroup: 'sudo',
      shell: '/bin/bash',
      seed: 'cloud-config',
      userland: { admin: 'sudo', tar: 'gnu', sshd: 'openssh', sshdReload: '' },
      note: 'A note.',
      images: {
        x86_64: {
          url: 'https://example.org/images/demo.raw.xz',
          format: 'raw',
          compression: 'xz',
          digestOf: 'uncompressed',
          firmware: 'bios',
          checksum: {
            kind: 'published',
            url: 'https://example.org/images/SHA256SUMS',
            format: 'gnu',
            clearsigned: false,
            algorithm: 'sha256',
            fileName: 'demo.raw.xz',
          },
        },
        aarch64: {
          url: 'https://example.org/images/demo-arm.qcow2',
          format: 'qcow2',
          compression: 'none',
          digestOf: 'uncompressed',
          firmware: 'uefi',
          checksum: { kind: 'pinned', digest: { algorithm: 'sha512', hex: 'ab'.repeat(64) } },
        },
      },
    });
  });

  test('a seed dialect brings its usual userland, which an entry may change field by field; the older cloudInit still reads', () => {
    const [openbsd, illumos, older] = catalogOf({
      'openbsd-7.9': entry(
        { x86_64: image('disk.qcow2') },
        { seed: 'tini-sh', userland: { sshdReload: 'pkill -HUP sshd' } },
      ),
      'omnios-151056': entry({ x86_64: image('disk.qcow2') }, { seed: 'illumos-cpio' }),
      'old-1': entry({ x86_64: image('disk.qcow2') }, { seed: undefined, cloudInit: 'nuageinit' }),
    });
    assert.deepEqual(openbsd!.userland, { admin: 'doas', tar: 'pax', sshd: 'openssh', sshdReload: 'pkill -HUP sshd' });
    assert.equal(illumos!.userland.admin, 'root');
    assert.equal(older!.seed, 'cloud-config');
    throwsSolstice(
      () =>
        catalogOf({
          'bad-1': entry({ x86_64: image('disk.qcow2') }, { seed: 'cloud-init', userland: { tar: 'star', su: 'x' } }),
        }),
      'The image catalog test catalog is invalid:',
      "bad-1.seed is 'cloud-init': expected 'cloud-config' or 'tini-sh' or 'illumos-cpio' or 'ignition' or 'cloudbase-init' or 'console' or 'none'.",
      'bad-1.userland.su is not a known field (known: admin, tar, sshd, sshdReload).',
      "bad-1.userland.tar is 'star': expected 'gnu' or 'bsdtar' or 'busybox' or 'pax' or 'illumos'.",
    );
  });

  test('every problem is reported at once, naming the entry, the field and what is accepted', () => {
    throwsSolstice(
      () =>
        catalogOf({
          'demo-1': entry(
            {
              x86_64: image('demo.qcow2', { url: 'http://example.org/demo.qcow2', compression: 'xz' }),
              aarch64: image('demo.qcow2', { firmware: 'bios', checksum: { pinned: 'sha256:abc' } }),
            },
            { sudoGroup: 'admin', shell: 'bash', color: 'blue' },
          ),
          Demo: entry({}),
        }),
      'The image catalog test catalog is invalid:',
      'demo-1.color is not a known field (known: title, user, sudoGroup, shell, seed, cloudInit, userland, console, note, arches).',
      "demo-1.sudoGroup is 'admin': expected 'sudo' or 'wheel'.",
      "demo-1.shell is 'bash': expected an absolute path such as /bin/bash.",
      "demo-1.arches.x86_64.url is 'http://example.org/demo.qcow2': expected an https:// URL of a file.",
      "demo-1.arches.x86_64.digestOf is missing: expected 'compressed' or 'uncompressed'.",
      "demo-1.arches.aarch64.firmware is 'bios': expected 'uefi' (aarch64 guests boot with UEFI only).",
      "demo-1.arches.aarch64.checksum.pinned is 'sha256:abc'",
      "Demo is 'Demo': expected an entry name '<os>-<release>'",
      'Demo.arches has no image',
    );
  });

  test('a checksum source needs its URL, format, algorithm and file', () => {
    throwsSolstice(
      () =>
        catalogOf({
          'demo-1': entry({
            x86_64: image('demo.qcow2', {
              checksum: { url: 'https://example.org/SUMS', format: 'pgp', clearsigned: 'yes' },
            }),
          }),
        }),
      "demo-1.arches.x86_64.checksum.format is 'pgp': expected 'gnu' or 'bsd' or 'bare'.",
      "demo-1.arches.x86_64.checksum.clearsigned is 'yes': expected true or false.",
      'demo-1.arches.x86_64.checksum.algorithm is missing',
      'demo-1.arches.x86_64.checksum.file is missing',
    );
  });

  test('an uncompressed image cannot claim its digest is of a compressed file', () => {
    throwsSolstice(
      () => catalogOf({ 'demo-1': entry({ x86_64: image('demo.qcow2', { digestOf: 'compressed' }) }) }),
      "demo-1.arches.x86_64.digestOf is 'compressed': expected 'uncompressed'.",
    );
  });

  test("maxSize, the cap on an image's download, is optional and a whole number of bytes above 0", () => {
    const [demo] = catalogOf({ 'demo-1': entry({ x86_64: image('demo.qcow2', { maxSize: 4 * 2 ** 30 }) }) });
    assert.equal(demo!.images.x86_64!.maxSize, 4 * 2 ** 30);
    assert.equal(catalogOf({ 'demo-1': entry({ x86_64: image('demo.qcow2') }) })[0]!.images.x86_64!.maxSize, undefined);
    throwsSolstice(
      () =>
        catalogOf({
          'demo-1': entry({
            x86_64: image('demo.qcow2', { maxSize: '4G' }),
            aarch64: image('demo-arm.qcow2', { firmware: 'uefi', maxSize: 0 }),
          }),
          'demo-2': entry({ x86_64: image('demo.qcow2', { maxSize: 1.5 }) }),
        }),
      "demo-1.arches.x86_64.maxSize is '4G': expected a whole number of bytes above 0, such as 4294967296 for 4 GiB.",
      'demo-1.arches.aarch64.maxSize is 0: expected a whole number of bytes above 0',
      'demo-2.arches.x86_64.maxSize is 1.5: expected a whole number of bytes above 0',
    );
  });

  test('an image inside an archive: a tar member of a compressed download, named by a relative path', () => {
    const tarred = (archive: unknown, compression = 'gz') =>
      image('demo.tar.gz', { format: 'raw', compression, digestOf: 'compressed', archive });
    const [demo] = catalogOf({ 'demo-1': entry({ x86_64: tarred({ format: 'tar', member: 'disk.raw' }) }) });
    assert.deepEqual(demo!.images.x86_64!.archive, { format: 'tar', member: 'disk.raw' });
    assert.match(formatCatalogTable([demo!]), /raw, tar\.gz/);
    throwsSolstice(
      () =>
        catalogOf({
          'demo-1': entry({
            x86_64: tarred({ format: 'zip', member: '../disk.raw' }),
            aarch64: {
              ...tarred({ format: 'tar', member: 'disk.raw' }, 'none'),
              firmware: 'uefi',
              digestOf: undefined,
            },
          }),
          'demo-2': entry({ x86_64: tarred({ format: 'tar', member: './disk.raw', extra: 1 }) }),
        }),
      "demo-1.arches.x86_64.archive.format is 'zip': expected 'tar'.",
      "demo-1.arches.x86_64.archive.member is '../disk.raw': expected the path of the image inside the archive, relative, such as 'disk.raw'.",
      'demo-1.arches.aarch64.archive needs a compression',
      "demo-2.arches.x86_64.archive.member is './disk.raw'",
      'demo-2.arches.x86_64.archive.extra is not a known field',
    );
  });

  test('data that is not a catalog at all', () => {
    throwsSolstice(() => parseCatalog([], 'x.json'), 'x.json is []: expected an object.');
    throwsSolstice(
      () => parseCatalog({ image: {} }, 'x.json'),
      'x.json.image is not a known field',
      'images is missing: expected an object.',
    );
  });
});
