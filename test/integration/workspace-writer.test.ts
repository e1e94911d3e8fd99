/**
 * Copy-back's second half on real files: what a hostile guest's archive left in the staging directory
 * is moved into a workspace laid out like the runner's (`_work/<repo>/<repo>`, with a sentinel beside
 * it), which already holds a committed `up -> ../..`.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmod,
  link,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, it } from 'node:test';
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
  return moveStagedIntoWorkspace({ staging, workspace, requested: new Set(requested), include });
}

describe('copy-back into the workspace: nothing outside it is written, linked or read', () => {
  it('never writes through a symlink already in the workspace, and refuses hard links', async () => {
    await stage('up/_outside/PWNED');
    await stage('stolen');
    await link(join(staging, 'stolen'), join(staging, 'stolen-too'));
    await stage('ok.txt', 'fine');
    await stage('unasked.txt');
    // An honest guest tar with a copy-back glob that matches up/_outside/PWNED but not up does the same.
    const result = await move(['up/_outside/PWNED', 'stolen', 'stolen-too', 'ok.txt']);
    assert.deepEqual(await readdir(outside), ['secret'], 'nothing appears next to the workspace');
    assert.equal(await readFile(join(workspace, 'ok.txt'), 'utf8'), 'fine');
    const refused = Object.fromEntries(result.refused.map(({ path, reason }) => [path, reason]));
    assert.match(refused['up/_outside/PWNED']!, /parent up is a symlink/);
    assert.equal(refused['stolen'], 'a hard link');
    assert.equal(refused['stolen-too'], 'a hard link');
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

  it('normalises modes, refuses special files and never changes the workspace root', async () => {
    await stage('suid', '#!/bin/sh\n', 0o6755);
    await stage('world-writable', 'x', 0o666);
    await stage('group-exec', 'x', 0o070);
    await mkdir(join(staging, 'open-dir'));
    await chmod(join(staging, 'open-dir'), 0o777);
    execFileSync('mkfifo', [join(staging, 'fifo')]);
    execFileSync('mknod', [join(staging, 'block'), 'b', '7', '0']); // the tests run as root, like container runners
    const result = await move(['suid', 'world-writable', 'group-exec', 'open-dir', 'fifo', 'block']);
    const mode = async (name: string) => (await stat(join(workspace, name))).mode & 0o7777;
    assert.equal(await mode('suid'), 0o755);
    assert.equal(await mode('world-writable'), 0o644);
    assert.equal(await mode('group-exec'), 0o644, "only the owner's exec bit counts");
    assert.equal(await mode('open-dir'), 0o755);
    assert.equal((await stat(workspace)).mode & 0o7777, 0o750, 'the workspace root keeps its mode');
    assert.deepEqual(result.refused.map(({ path, reason }) => `${path}: ${reason}`).sort(), [
      'block: a block device, which copy-back never creates',
      'fifo: a FIFO, which copy-back never creates',
    ]);
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
