/**
 * A matrix over two guest OS layouts, by catalog name, in parallel: the Debian 12 guest (`sudo` group,
 * GNU SHA256SUMS, plain qcow2) and the rhel-like Debian 13 guest (`wheel`, no `sudo` group, shipped as
 * .qcow2.xz with a BSD-style CHECKSUM file), both from a project catalog file whose URLs point at a
 * real HTTP server on 127.0.0.1 — the way `image: <name>` reaches a publisher.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../helpers/action-runner.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';
import {
  rhelLikeGuest,
  testGuest,
  tinyArm64Guest,
  type PublishedTestGuest,
  type TestGuest,
} from '../helpers/test-guest.js';

let server: ImageServer;
let catalogFile: string;
let toolCache: string;
let debian: TestGuest;
let rhelLike: PublishedTestGuest;
let arm64: TestGuest;
const RHEL_XZ = 'debian-13-solstice-rhel-like-x86_64.qcow2.xz';

before(async () => {
  debian = testGuest();
  rhelLike = rhelLikeGuest();
  arm64 = tinyArm64Guest();
  const directory = await mkdtemp(join(tmpdir(), 'solstice-matrix-'));
  // Debian's publisher format: GNU lines in SHA256SUMS.
  const debianSums = join(directory, 'SHA256SUMS');
  await writeFile(
    debianSums,
    `${'0'.repeat(64)}  other-image.qcow2\n${debian.sha256}  debian-12-solstice-amd64.qcow2\n`,
  );
  server = await serveFiles({
    '/debian/debian-12-solstice-amd64.qcow2': debian.path,
    '/debian/SHA256SUMS': debianSums,
    [`/rhel/${RHEL_XZ}`]: rhelLike.path,
    '/rhel/CHECKSUM': rhelLike.checksumPath,
    '/arm64/tiny.qcow2': arm64.path,
  });
  const image = (url: string, checksum: string, file: string, format: string, compression: string) => ({
    url: server.url(url),
    format: 'qcow2',
    compression,
    firmware: 'bios',
    checksum: { url: server.url(checksum), format, algorithm: 'sha256', file },
  });
  catalogFile = join(directory, 'catalog.json');
  await writeFile(
    catalogFile,
    JSON.stringify({
      images: {
        'solstice-debian-12': {
          title: 'Solstice test guest, Debian 12',
          user: 'debian',
          sudoGroup: 'sudo',
          shell: '/bin/bash',
          cloudInit: 'cloud-init',
          arches: {
            x86_64: image(
              '/debian/debian-12-solstice-amd64.qcow2',
              '/debian/SHA256SUMS',
              'debian-12-solstice-amd64.qcow2',
              'gnu',
              'none',
            ),
          },
        },
        'solstice-rhel-like-13': {
          title: 'Solstice test guest, RHEL-like layout on Debian 13',
          user: 'cloud-user',
          sudoGroup: 'wheel',
          shell: '/bin/bash',
          cloudInit: 'cloud-init',
          arches: {
            x86_64: { ...image(`/rhel/${RHEL_XZ}`, '/rhel/CHECKSUM', RHEL_XZ, 'bsd', 'xz'), digestOf: 'compressed' },
          },
        },
      },
    }),
  );
  toolCache = await mkdtemp(join(tmpdir(), 'solstice-matrix-cache-'));
});
after(() => server.close());

const SCRIPT = [
  'echo "groups=$(id -Gn)"',
  'echo "shell=$(getent passwd "$(id -un)" | cut -d: -f7)"',
  '. /etc/os-release && echo "release=$VERSION_ID"',
  'sudo -n true && echo "sudo=yes"',
  'getent group sudo >/dev/null && echo "sudo-group=present" || echo "sudo-group=absent"',
].join('\n');

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

describe('a matrix over guest OS layouts', () => {
  it('both legs pass side by side, each verified against its publisher file and seeded for its OS', async () => {
    const [debianRun, rhelRun] = await Promise.all(
      ['solstice-debian-12', 'solstice-rhel-like-13'].map((image) =>
        runAction({ toolCache, inputs: { image, catalog: catalogFile, run: SCRIPT }, timeoutMs: 15 * 60_000 }),
      ),
    );

    assert.equal(debianRun!.main.exitCode, 0, debianRun!.main.log);
    assert.match(debianRun!.main.log, /The publisher's debian-12-solstice-amd64\.qcow2: sha256:/);
    assert.match(debianRun!.main.log, /^groups=runner sudo$/m, 'Debian: the user joins the sudo group');
    assert.match(debianRun!.main.log, /^release=12$/m);
    assert.match(debianRun!.main.log, /^sudo=yes$/m);
    assert.equal(debianRun!.main.outputs['image-digest'], `sha256:${debian.sha256}`);

    assert.equal(rhelRun!.main.exitCode, 0, rhelRun!.main.log);
    assert.match(rhelRun!.main.log, /The publisher's debian-13-solstice-rhel-like-x86_64\.qcow2\.xz: sha256:/);
    assert.match(rhelRun!.main.log, /^groups=runner wheel$/m, 'RHEL-like: the user joins wheel');
    assert.match(rhelRun!.main.log, /^sudo-group=absent$/m, 'there is no sudo group to fall back on');
    assert.match(rhelRun!.main.log, /^shell=\/bin\/bash$/m);
    assert.match(rhelRun!.main.log, /^release=13$/m);
    assert.match(rhelRun!.main.log, /^sudo=yes$/m);
    assert.equal(
      rhelRun!.main.outputs['image-digest'],
      `sha256:${rhelLike.sha256}`,
      'the digest the publisher gives: of the .xz download',
    );

    // One download each; the cache holds the decompressed qcow2, whose digest is the one inside the CHECKSUM file.
    assert.equal(server.requests(`/rhel/${RHEL_XZ}`), 1);
    assert.equal(server.requests('/debian/debian-12-solstice-amd64.qcow2'), 1);
    const cached = await findCachedImages(join(toolCache, 'solstice', 'images'));
    const hashes = await Promise.all(cached.map(sha256Of));
    assert.ok(hashes.includes(rhelLike.uncompressedSha256), 'the rhel-like entry is the decompressed qcow2');
    assert.ok(hashes.includes(debian.sha256));
    await assertNothingLeft(debianRun!);
    await assertNothingLeft(rhelRun!);
  });
});

describe('an aarch64 guest on this x86_64 runner', () => {
  it('boots qemu-system-aarch64 (virt, UEFI firmware, seed on virtio) under TCG and runs the script there', async () => {
    const run = await runAction({
      toolCache,
      inputs: {
        'image-url': server.url('/arm64/tiny.qcow2'),
        'image-checksum': `sha256:${arm64.sha256}`,
        arch: 'aarch64',
        run: 'echo "machine=$(uname -m)"; exit 6',
      },
    });
    assert.equal(run.main.exitCode, 1);
    assert.equal(run.main.outputs['exit-code'], '6');
    assert.match(run.main.log, /^machine=aarch64$/m);
    assert.match(
      run.main.log,
      /KVM runs only guests of the host's own architecture; this is an aarch64 guest on an x86_64 runner/,
    );
    assert.equal(run.main.outputs['accel'], 'tcg');
    await assertNothingLeft(run);
  });
});

async function findCachedImages(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const directory of await readdir(root)) {
    if (directory.endsWith('.lock')) continue;
    for (const name of await readdir(join(root, directory)))
      if (name.endsWith('.img')) found.push(join(root, directory, name));
  }
  return found;
}
