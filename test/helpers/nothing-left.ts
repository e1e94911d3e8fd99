/** What every end-to-end run must leave behind: nothing of its VM, and an undamaged image cache. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { findQemuProcesses } from '../../src/qemu/find-processes.js';
import type { ActionRun } from './action-runner.js';

/**
 * Nothing of the job survives: no QEMU, no job directory (the console log stays, on purpose), no
 * listener on any SSH port the job forwarded, and the post step ended cleanly.
 */
export async function assertNothingLeft(run: ActionRun): Promise<void> {
  assert.deepEqual(await findQemuProcesses(run.runnerTemp), [], 'no QEMU of this job may outlive it');
  // Kept on purpose: console logs; after keep-running, the PATH directory of the `solstice` command and the
  // (emptied) registry of kept VMs; the harness's own step scripts.
  const kept = (name: string) => name.endsWith('-console.log') || name === 'solstice-bin' || /^step\d+\.sh$/.test(name);
  const left = (await readdir(run.runnerTemp)).filter((name) => !kept(name) && name !== 'solstice-vms');
  assert.deepEqual(left, [], 'the per-job directory is removed');
  assert.deepEqual(
    await readdir(join(run.runnerTemp, 'solstice-vms')).catch(() => []),
    [],
    'no kept VM stays registered',
  );
  for (const port of forwardedPorts(run.main.log)) {
    assert.equal(await accepts(port), false, `nothing accepts connections on the job's SSH port ${port} any more`);
  }
  assert.equal(run.post.exitCode, 0, run.post.log);
}

/** The SSH ports the job's QEMUs forwarded, as its log announced them (a retried boot has two). */
export function forwardedPorts(log: string): number[] {
  return [...log.matchAll(/SSH forwarded from 127\.0\.0\.1:(\d+)/g)].map((match) => Number(match[1]));
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Every image in the cache still has the digest its record names, and no partial download is left. */
export async function assertCacheIntact(toolCache: string): Promise<void> {
  const files = (await readdir(toolCache, { recursive: true })).map(String);
  assert.deepEqual(
    files.filter((file) => /(^|\/)\.partial-/.test(file)),
    [],
    'no partial download is left in the cache',
  );
  const records = files.filter((file) => /^solstice\/images\/[^/]+\/[^/.][^/]*\.json$/.test(file));
  for (const record of records) {
    const { digest } = JSON.parse(await readFile(join(toolCache, record), 'utf8')) as {
      digest: { algorithm: string; hex: string };
    };
    const image = join(toolCache, record.replace(/\.json$/, '.img'));
    assert.equal(
      await fileDigest(image, digest.algorithm),
      digest.hex,
      `${image} still has the digest its record names`,
    );
  }
}

async function fileDigest(path: string, algorithm: string): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
