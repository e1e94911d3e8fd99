// Checks buildIso against real readers: isoinfo (genisoimage) and blkid (util-linux), which is what
// cloud-init uses to find the "cidata" seed. A kernel loop-mount check is not included: this test
// environment's kernel has no iso9660 driver (not in /proc/filesystems, no modules), so the mount
// can only fail with "unknown filesystem type"; isoinfo's reading of both trees stands in for it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIso, type IsoFile } from '../../src/seed/iso9660.js';

const MODIFIED = new Date('2024-05-06T07:08:09.120Z');

/** Runs a reader; a missing tool fails the test with the package to install rather than skipping. */
function run(command: string, args: readonly string[]): Buffer {
  const result = spawnSync(command, args, { maxBuffer: 64 * 1024 * 1024 });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    const pkg = command === 'isoinfo' ? 'genisoimage' : 'util-linux';
    throw new Error(`${command} is not installed; run: apt-get install ${pkg}`);
  }
  if (result.error) throw result.error;
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed: ${result.stderr.toString()}`);
  return result.stdout;
}

/** Deterministic pseudo-random bytes (xorshift32), so a failure reproduces. */
function noise(length: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const text = (s: string) => new TextEncoder().encode(s);

/** Joliet names listed by `isoinfo -J -l` (last column of each file row). */
function jolietListing(image: string): string[] {
  return run('isoinfo', ['-J', '-l', '-i', image])
    .toString()
    .split('\n')
    .filter((line) => line.startsWith('-'))
    .map((line) => line.replace(/^.*\]\s+/, '').trimEnd());
}

describe('buildIso', () => {
  let dir: string;
  const write = (name: string, image: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, image);
    return path;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'solstice-iso-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('cloud-init seed', () => {
    const files: IsoFile[] = [
      { name: 'user-data', data: text('#cloud-config\nusers: []\n') },
      { name: 'meta-data', data: text('instance-id: solstice-1\nlocal-hostname: vm\n') },
      { name: 'network-config', data: text('version: 2\n') },
      { name: 'vendor-data', data: new Uint8Array(0) },
      { name: 'big.bin', data: noise(3 * 1024 * 1024 + 123) }, // not a whole number of sectors
    ];
    let image: Buffer;
    let path: string;
    before(() => {
      image = buildIso({ volumeId: 'cidata', files, modified: MODIFIED });
      path = write('seed.iso', image);
    });

    test('isoinfo -d sees volume id, Joliet and the right volume size', () => {
      const info = run('isoinfo', ['-d', '-i', path]).toString();
      assert.match(info, /^Volume id: cidata$/m);
      assert.match(info, /Joliet with UCS level 3 found/);
      assert.match(info, /^Logical block size is: 2048$/m);
      assert.equal(image.length % 2048, 0);
      assert.match(info, new RegExp(`^Volume size is: ${image.length / 2048}$`, 'm'));
    });

    test('isoinfo -J -x returns every file byte for byte', () => {
      for (const file of files) {
        const got = run('isoinfo', ['-J', '-i', path, '-x', `/${file.name}`]);
        assert.equal(got.length, file.data.length, file.name);
        assert.ok(got.equals(file.data), `${file.name} content differs`);
      }
    });

    test('isoinfo -J -l lists the real names; the primary tree has 8.3 names with the same data', () => {
      assert.deepEqual(jolietListing(path).sort(), files.map((f) => f.name).sort());
      const primary = run('isoinfo', ['-l', '-i', path]).toString();
      for (const id of ['USER_DAT.;1', 'META_DAT.;1', 'NETWORK_.;1', 'VENDOR_D.;1', 'BIG.BIN;1']) {
        assert.match(primary, new RegExp(`\\]\\s+${id.replace(/[.;]/g, '\\$&')}\\s*$`, 'm'));
      }
      const userData = run('isoinfo', ['-i', path, '-x', '/USER_DAT.;1']);
      assert.ok(userData.equals(files[0]!.data));
    });

    test('blkid reports LABEL=cidata and TYPE=iso9660', () => {
      const out = run('blkid', ['-p', '-o', 'export', path]).toString();
      assert.match(out, /^LABEL=cidata$/m);
      assert.match(out, /^TYPE=iso9660$/m);
    });
  });

  test('colliding 8.3 names and a directory spanning several sectors', () => {
    // 30 names of 60+ characters need ~160-byte Joliet records: three sectors, records must not straddle.
    const files: IsoFile[] = Array.from({ length: 30 }, (_, i) => ({
      name: `user-data-${String(i).padStart(2, '0')}-${'x'.repeat(50)}`,
      data: text(`file ${i}\n`.repeat(i)),
    }));
    const path = write('many.iso', buildIso({ volumeId: 'cidata', files, modified: MODIFIED }));
    assert.deepEqual(jolietListing(path).sort(), files.map((f) => f.name).sort());
    for (const file of files) {
      assert.ok(run('isoinfo', ['-J', '-i', path, '-x', `/${file.name}`]).equals(file.data), file.name);
    }
    const primaryIds = run('isoinfo', ['-l', '-i', path])
      .toString()
      .split('\n')
      .filter((line) => line.startsWith('-'))
      .map((line) => line.replace(/^.*\]\s+/, '').trimEnd());
    assert.equal(new Set(primaryIds).size, files.length, `primary names not unique: ${primaryIds.join(' ')}`);
    for (const id of primaryIds) assert.match(id, /^[A-Z0-9_]{1,8}\.[A-Z0-9_]{0,3};1$/);
  });

  test('is deterministic for the same input and date', () => {
    const files = [
      { name: 'user-data', data: text('a') },
      { name: 'meta-data', data: text('b') },
    ];
    const a = buildIso({ volumeId: 'cidata', files, modified: MODIFIED });
    const b = buildIso({ volumeId: 'cidata', files, modified: new Date(MODIFIED) });
    assert.ok(a.equals(b));
    const later = buildIso({ volumeId: 'cidata', files, modified: new Date(MODIFIED.getTime() + 1000) });
    assert.ok(!a.equals(later), 'the date should be recorded');
    assert.equal(buildIso({ volumeId: 'cidata', files }).length, a.length); // default date: now
  });

  test('keeps the volume id exactly as given (no upper-casing), up to 32 characters', () => {
    // Joliet's 32-byte field holds only 16 UCS-2 characters; blkid merges it with the primary label.
    for (const volumeId of ['MiXed_1', 'abcdefghijklmnopqrstuvwxyz_01234']) {
      const path = write(`${volumeId}.iso`, buildIso({ volumeId, files: [], modified: MODIFIED }));
      assert.match(run('isoinfo', ['-d', '-i', path]).toString(), new RegExp(`^Volume id: ${volumeId}$`, 'm'));
      assert.match(run('blkid', ['-p', '-o', 'export', path]).toString(), new RegExp(`^LABEL=${volumeId}$`, 'm'));
    }
  });

  test('rejects invalid input, naming the offending value', () => {
    const ok = { name: 'user-data', data: text('x') };
    const build = (volumeId: string, files: IsoFile[]) => () => buildIso({ volumeId, files, modified: MODIFIED });
    assert.throws(build('ci-data', [ok]), /volume id "ci-data"/);
    assert.throws(build('', [ok]), /volume id ""/);
    assert.throws(build('a'.repeat(33), [ok]), new RegExp(`volume id "${'a'.repeat(33)}"`));
    assert.throws(build('cidata', [{ name: '', data: text('') }]), /file name ""/);
    assert.throws(build('cidata', [{ name: 'n'.repeat(65), data: text('') }]), new RegExp(`"${'n'.repeat(65)}"`));
    assert.throws(build('cidata', [{ name: 'a/b', data: text('') }]), /file name "a\/b"/);
    assert.throws(build('cidata', [{ name: 'a;1', data: text('') }]), /file name "a;1"/);
    assert.throws(build('cidata', [{ name: 'trailing.', data: text('') }]), /file name "trailing\."/);
    assert.throws(build('cidata', [{ name: 'emoji-\u{1f600}', data: text('') }]), /file name "emoji-/);
    assert.throws(build('cidata', [ok, { ...ok }]), /Duplicate ISO file name "user-data"/);
    assert.throws(
      () => buildIso({ volumeId: 'cidata', files: [ok], modified: new Date(Number.NaN) }),
      /Invalid ISO timestamp/,
    );
    assert.doesNotThrow(build('A'.repeat(32), [{ name: 'n'.repeat(64), data: text('') }]));
  });
});
