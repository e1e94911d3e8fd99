/**
 * Copy-back's second half on real files: what a hostile guest's archive left in the staging directory
 * is moved into a workspace laid out like the runner's (`_work/<repo>/<repo>`, with a sentinel beside
 * it), which already holds a committed `up -> ../..`.
 */
import assert from 'node:assert/strict';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { copyBackFilter } from '../../src/sync/copy-back-filter.js';
import { moveStagedIntoWorkspace, removeFromWorkspace } from '../../src/sync/workspace-writer.js';
import { inodesBelow } from '../helpers/inodes.js';

let work: string;
let workspace: string;
let outside: string;
let staging: string;

beforeEach(async () => {
  const root = await mkdtemp(join(tmpdir(), 'solstice-writer-'));
  work = join(root, '_work');
  workspace = join(work, 'r', 'r');
  outside = join(work, '_outside');
  staging = join(root, 'job', 'copy-back');
  await mkdir(workspace, { recursive: true });
  await mkdir(outside, { recursive: true });
  await mkdir(staging, { recursive: true });
  await writeFile(join(outside, 'secret'), 'runner secret');
  await symlink('../..', join(workspace, 'up'));
  await chmod(workspace, 0o750);
});

async function stage(path: string, content = 'from the guest', mode = 0o644): Promise<void> {
  await mkdir(join(staging, path, '..'), { recursive: true });
  await writeFile(join(staging, path), content);
  await chmod(join(staging, path), mode);
}

const everything = () => true;

/** Moves what is staged, as if the guest had been asked for exactly `requested`. */
function move(requested: string[], include: (path: string) => boolean = everything) {
  return moveStagedIntoWorkspace({
    staging,
    workspace,
    requested: new Set(requested),
    include,
    deadline: Date.now() + 60_000,
  });
}

describe('copy-back into the workspace: nothing outside it is written, linked or read', () => {
  it('never writes through a symlink already in the workspace', async () => {
    await stage('up/_outside/PWNED');
    await stage('ok.txt', 'fine');
    await stage('unasked.txt');
    // An honest guest tar with a copy-back glob that matches up/_outside/PWNED but not up does the same.
    const result = await move(['up/_outside/PWNED', 'ok.txt']);
    assert.deepEqual(await readdir(outside), ['secret'], 'nothing appears next to the workspace');
    assert.equal(await readFile(join(workspace, 'ok.txt'), 'utf8'), 'fine');
    const refused = Object.fromEntries(result.refused.map(({ path, reason }) => [path, reason]));
    assert.match(refused['up/_outside/PWNED']!, /parent up is a symlink/);
    assert.equal(refused['unasked.txt'], 'not one of the entries asked for');
    assert.ok(
      (await lstat(join(workspace, 'up'))).isSymbolicLink(),
      'a parent the archive merely implies replaces nothing',
    );
    const outsideInodes = await inodesBelow(outside);
    for (const inode of await inodesBelow(workspace))
      assert.equal(outsideInodes.has(inode), false, 'no workspace entry shares an inode with a file outside');
    assert.equal(await removeFromWorkspace(workspace, 'up/_outside/secret'), false);
    assert.equal(
      await readFile(join(outside, 'secret'), 'utf8'),
      'runner secret',
      'deletions do not go through symlinks either',
    );
  });

  it('keeps symlinks only when they resolve inside the workspace, also through links already there', async () => {
    await mkdir(join(staging, 'sub'));
    await stage('sub/file');
    await symlink('sub/file', join(staging, 'rel'));
    await symlink('/etc', join(staging, 'abs'));
    await symlink('../x', join(staging, 'escape'));
    await symlink('up/_outside', join(staging, 'via-up'));
    await symlink('.', join(staging, 'self'));
    const result = await move(['sub', 'sub/file', 'rel', 'abs', 'escape', 'via-up', 'self']);
    assert.equal(await readlink(join(workspace, 'rel')), 'sub/file');
    assert.equal(await readlink(join(workspace, 'self')), '.');
    assert.deepEqual(result.refused.map(({ path }) => path).sort(), ['abs', 'escape', 'via-up']);
    for (const { reason } of result.refused) assert.match(reason, /outside the workspace/);
    for (const name of ['abs', 'escape', 'via-up']) await assert.rejects(lstat(join(workspace, name)));
  });

  it('follows a chain of links that each look inside, and checks every placed link again at the end', async () => {
    await mkdir(join(staging, 'sub'));
    await mkdir(join(staging, 'other'));
    // `sub/d -> ..` is the workspace root, so `sub/x -> d/..` is its parent, although both texts look inside.
    await symlink('..', join(staging, 'sub/d'));
    await symlink('d/..', join(staging, 'sub/x'));
    // `other/a` is placed while `other/z` does not exist yet (it resolves to other/); `other/z -> ..` then
    // turns it into a way out: only the check after the whole archive sees that.
    await symlink('z/..', join(staging, 'other/a'));
    await symlink('..', join(staging, 'other/z'));
    await symlink('d/sub', join(staging, 'sub/back-inside'));
    const result = await move(['sub', 'sub/d', 'sub/x', 'other', 'other/a', 'other/z', 'sub/back-inside']);
    assert.deepEqual(result.refused.map(({ path }) => path).sort(), ['other/a', 'sub/x']);
    assert.match(result.refused.find(({ path }) => path === 'other/a')!.reason, /through other links/);
    for (const name of ['sub/x', 'other/a']) await assert.rejects(lstat(join(workspace, name)));
    assert.equal(await readlink(join(workspace, 'sub/back-inside')), 'd/sub');
    assert.equal(result.moved, 5, 'sub, other, the two links to the root, and the one that comes back inside');
  });

  it('brings back no git metadata unless copy-back names .git, and then nothing git runs or reads as configuration', async () => {
    await stage('out/app.js');
    await stage('.git/config', '[core]\n\tfsmonitor = touch /tmp/pwned\n');
    await stage('.git/hooks/post-checkout', '#!/bin/sh\n', 0o755);
    await stage('.git/objects/ab/cdef', 'object');
    await stage('.git/refs/heads/config', 'a branch called config');
    await stage('vendor/lib/.git/info/attributes', '* filter=evil');
    await stage('vendor/lib/.git/objects/info/alternates', '/elsewhere/objects');
    await stage('sub/.git', 'gitdir: ../../elsewhere');
    const members = [
      'out/app.js',
      '.git/config',
      '.git/hooks/post-checkout',
      '.git/objects/ab/cdef',
      '.git/refs/heads/config',
      'vendor/lib/.git/info/attributes',
      'vendor/lib/.git/objects/info/alternates',
      'sub/.git',
    ];
    const byDefault = await move(members, copyBackFilter([]));
    assert.equal(await readFile(join(workspace, 'out/app.js'), 'utf8'), 'from the guest');
    assert.deepEqual(
      await readdir(workspace),
      ['out', 'up'],
      'no .git, vendor or sub: nothing but the output came back',
    );
    assert.equal(byDefault.refused.length, members.length - 1);
    for (const { reason } of byDefault.refused)
      assert.match(reason, /git metadata, which comes back only when copy-back names \.git/);

    await stage('.git/objects/ab/cdef', 'object');
    await stage('.git/refs/heads/config', 'a branch called config');
    await stage('.git/config', '[core]\n\tfsmonitor = touch /tmp/pwned\n');
    await stage('.git/hooks/post-checkout', '#!/bin/sh\n', 0o755);
    await stage('vendor/lib/.git/objects/info/alternates', '/elsewhere/objects');
    await stage('sub/.git', 'gitdir: ../../elsewhere');
    const named = await move(
      [
        '.git/objects/ab/cdef',
        '.git/refs/heads/config',
        '.git/config',
        '.git/hooks/post-checkout',
        'vendor/lib/.git/objects/info/alternates',
        'sub/.git',
      ],
      copyBackFilter(['.git', 'vendor/**/.git/**', 'sub/.git']),
    );
    assert.equal(await readFile(join(workspace, '.git/objects/ab/cdef'), 'utf8'), 'object');
    assert.equal(await readFile(join(workspace, '.git/refs/heads/config'), 'utf8'), 'a branch called config');
    const refused = Object.fromEntries(named.refused.map(({ path, reason }) => [path, reason]));
    assert.deepEqual(Object.keys(refused).sort(), [
      '.git/config',
      '.git/hooks',
      'sub/.git',
      'vendor/lib/.git/info', // still staged from the first move
      'vendor/lib/.git/objects/info',
    ]);
    assert.match(refused['.git/config']!, /git configuration or hooks/);
    assert.match(refused['sub/.git']!, /\.git file or link/);
    await assert.rejects(lstat(join(workspace, '.git/config')));
    await assert.rejects(lstat(join(workspace, '.git/hooks')));
    await assert.rejects(lstat(join(workspace, 'sub/.git')));
  });

  it('normalises modes and never changes the workspace root', async () => {
    await stage('suid', '#!/bin/sh\n', 0o6755);
    await stage('world-writable', 'x', 0o666);
    await stage('group-exec', 'x', 0o070);
    await mkdir(join(staging, 'open-dir'));
    await chmod(join(staging, 'open-dir'), 0o777);
    const result = await move(['suid', 'world-writable', 'group-exec', 'open-dir']);
    const mode = async (name: string) => (await stat(join(workspace, name))).mode & 0o7777;
    assert.equal(await mode('suid'), 0o755);
    assert.equal(await mode('world-writable'), 0o644);
    assert.equal(await mode('group-exec'), 0o644, "only the owner's exec bit counts");
    assert.equal(await mode('open-dir'), 0o755);
    assert.equal((await stat(workspace)).mode & 0o7777, 0o750, 'the workspace root keeps its mode');
    assert.deepEqual(result.refused, []);
  });

  it('applies copy-back to the members themselves, and replaces what the guest replaced', async () => {
    await stage('dist/app.js');
    await stage('secret.txt');
    await mkdir(join(staging, 'up'));
    await stage('up/inside.txt');
    const onlyDistAndUp = (path: string) => path.startsWith('dist') || path.startsWith('up');
    // A hostile tar sends secret.txt although only the selected entries were asked for.
    const result = await move(['dist', 'dist/app.js', 'secret.txt', 'up', 'up/inside.txt'], onlyDistAndUp);
    assert.deepEqual(result.refused, [{ path: 'secret.txt', reason: 'not selected by copy-back' }]);
    assert.equal(await readFile(join(workspace, 'dist/app.js'), 'utf8'), 'from the guest');
    // The guest made `up` a directory: the link is replaced (never followed), and the file lands inside.
    assert.ok((await lstat(join(workspace, 'up'))).isDirectory());
    assert.equal(await readFile(join(workspace, 'up/inside.txt'), 'utf8'), 'from the guest');
    assert.deepEqual((await readdir(work)).sort(), ['_outside', 'r']);
  });
});
