/**
 * Copy-back's first half on real archives: what a hostile guest's tar stream can make our reader write
 * into the staging directory. Archives come from GNU tar and Python's tarfile, as a guest would send them.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { BudgetExceeded, unpackGuestArchive, type ArchiveBudget } from '../../src/sync/guest-archive.js';

let root: string;
let staging: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'solstice-archive-'));
  staging = join(root, 'staging');
  await mkdir(staging, { mode: 0o700 });
});

const roomy: ArchiveBudget = { maxEntries: 1000, maxBytes: 2 ** 30, bytesReason: 'test', entriesReason: 'test' };

/** An archive Python's tarfile writes from a list of members: [name, type, extra]. */
function pythonArchive(members: unknown[]): string {
  const path = join(root, `archive-${Math.random().toString(36).slice(2)}.tar`);
  const program = String.raw`
import io, json, sys, tarfile
out = tarfile.open(sys.argv[1], 'w', format=tarfile.GNU_FORMAT)
for m in json.loads(sys.argv[2]):
    info = tarfile.TarInfo(m['name'])
    info.type = {'file': tarfile.REGTYPE, 'dir': tarfile.DIRTYPE, 'symlink': tarfile.SYMTYPE, 'link': tarfile.LNKTYPE,
                 'fifo': tarfile.FIFOTYPE, 'block': tarfile.BLKTYPE, 'char': tarfile.CHRTYPE}[m['type']]
    info.mode = m.get('mode', 0o644)
    info.linkname = m.get('link', '')
    data = m.get('data', '').encode()
    info.size = len(data) if m['type'] == 'file' else 0
    out.addfile(info, io.BytesIO(data) if m['type'] == 'file' else None)
out.close()
`;
  execFileSync('python3', ['-c', program, path, JSON.stringify(members)]);
  return path;
}

const unpack = (archive: string, budget = roomy) => unpackGuestArchive(createReadStream(archive), staging, budget);

describe('the guest archive reader writes only plain files, directories and symlinks, within a budget', () => {
  it('refuses hard links, devices and FIFOs by name, and writes the rest', async () => {
    const result = await unpack(
      pythonArchive([
        { name: 'ok.txt', type: 'file', data: 'fine' },
        { name: 'tool', type: 'file', data: '#!/bin/sh\n', mode: 0o6777 },
        { name: 'stolen', type: 'link', link: 'ok.txt' },
        { name: 'fifo', type: 'fifo' },
        { name: 'block', type: 'block' },
        { name: 'char', type: 'char' },
        { name: 'dir', type: 'dir', mode: 0o777 },
        { name: 'dir/link', type: 'symlink', link: '../ok.txt' },
      ]),
    );
    assert.deepEqual(result.refused.map(({ path, reason }) => `${path}: ${reason}`).sort(), [
      'block: a block device, which copy-back never creates',
      'char: a character device, which copy-back never creates',
      'fifo: a FIFO, which copy-back never creates',
      'stolen: a hard link',
    ]);
    assert.deepEqual((await readdir(staging)).sort(), ['dir', 'ok.txt', 'tool']);
    assert.equal(await readFile(join(staging, 'ok.txt'), 'utf8'), 'fine');
    assert.equal((await stat(join(staging, 'tool'))).mode & 0o7777, 0o700, 'only the exec bit is kept');
    assert.ok((await lstat(join(staging, 'dir/link'))).isSymbolicLink());
    assert.equal(result.entries, 8);
  });

  it('never writes below a link an earlier member made, nor outside by name', async () => {
    const outside = join(root, 'outside');
    await mkdir(outside);
    const result = await unpack(
      pythonArchive([
        { name: 'l', type: 'symlink', link: outside },
        { name: 'l/PWNED', type: 'file', data: 'x' },
        { name: '../escape', type: 'file', data: 'x' },
        { name: '/abs', type: 'file', data: 'x' },
        { name: 'a/../../b', type: 'file', data: 'x' },
        { name: 'same', type: 'file', data: 'first' },
        { name: 'same', type: 'file', data: 'second' },
      ]),
    );
    assert.deepEqual(await readdir(outside), []);
    assert.deepEqual(await readdir(root).then((names) => names.filter((name) => !name.endsWith('.tar')).sort()), [
      'outside',
      'staging',
    ]);
    const refused = Object.fromEntries(result.refused.map(({ path, reason }) => [path, reason]));
    assert.equal(refused['l/PWNED'], 'its parent l is a symlink in the archive');
    for (const name of ['../escape', '/abs', 'a/../../b']) assert.equal(refused[name], 'not a plain relative path');
    assert.equal(await readFile(join(staging, 'same'), 'utf8'), 'second', 'a later member replaces an earlier one');
  });

  it('refuses sparse members (GNU and POSIX formats): a few KiB cannot declare terabytes', async () => {
    const source = join(root, 'source');
    await mkdir(source);
    execFileSync('truncate', ['-s', '2T', join(source, 'huge')]);
    await writeFile(join(source, 'small'), 'x');
    for (const format of ['gnu', 'posix']) {
      const archive = join(root, `sparse-${format}.tar`);
      execFileSync('tar', ['-C', source, `--format=${format}`, '--sparse', '-cf', archive, 'huge', 'small']);
      assert.ok((await stat(archive)).size < 64 * 1024, 'the archive itself is tiny');
      const result = await unpack(archive);
      assert.equal(result.refused.length, 1, format);
      assert.match(result.refused[0]!.reason, /sparse file/);
      assert.deepEqual(await readdir(staging), ['small'], `${format}: only the plain file`);
      assert.ok(result.bytes < 1024);
    }
  });

  it('stops before writing when the members declare more bytes or entries than the budget', async () => {
    const big = pythonArchive([
      { name: 'a', type: 'file', data: 'x'.repeat(600) },
      { name: 'b', type: 'file', data: 'y'.repeat(600) },
    ]);
    await assert.rejects(unpack(big, { ...roomy, maxBytes: 1000, bytesReason: 'the test says so' }), (error) => {
      assert.ok(error instanceof BudgetExceeded);
      assert.match(error.message, /more than 1.0 kB \(the test says so\); "b" alone declares 600 B/);
      return true;
    });
    const many = pythonArchive([1, 2, 3, 4].map((n) => ({ name: `f${n}`, type: 'file', data: 'x' })));
    await assert.rejects(
      unpack(many, { ...roomy, maxEntries: 3, entriesReason: 'few inodes' }),
      /more than 3 entries \(few inodes\)/,
    );
  });

  it('a header that declares a terabyte is stopped at the header, before its data would arrive', async () => {
    // A 512-byte header claiming 1 TB and no data: a reader that waited for the data would wait forever.
    const archive = pythonArchive([{ name: 'claim', type: 'file', data: 'x' }]);
    const bytes = await readFile(archive);
    bytes.write('77777777777', 124, 'latin1'); // size field: 8 GiB - 1 in octal
    let sum = 0;
    bytes.fill(' ', 148, 156);
    for (let i = 0; i < 512; i++) sum += bytes[i]!;
    bytes.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    await writeFile(archive, bytes);
    await assert.rejects(unpack(archive, { ...roomy, maxBytes: 2 ** 32 }), BudgetExceeded);
    assert.deepEqual(await readdir(staging), []);
  });
});
