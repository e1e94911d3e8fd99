/**
 * The guest's network, on the tiny guest: by default it reaches out through QEMU's user-mode NAT —
 * including the runner's loopback services at 10.0.2.2 — and with `network: false` it reaches nothing,
 * while the action's own SSH forward still works.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runAction } from '../helpers/action-runner.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';
import { tinyGuest } from '../helpers/test-guest.js';

let server: ImageServer;
let toolCache: string;
let sha256: string;
let port: string;

before(async () => {
  const guest = tinyGuest();
  sha256 = guest.sha256;
  const directory = await mkdtemp(join(tmpdir(), 'solstice-network-'));
  await writeFile(join(directory, 'probe.txt'), 'REACHED-THE-RUNNER\n');
  server = await serveFiles({ '/tiny.qcow2': guest.path, '/probe.txt': join(directory, 'probe.txt') });
  port = new URL(server.url('/')).port;
  toolCache = await mkdtemp(join(tmpdir(), 'solstice-network-cache-'));
});
after(() => server.close());

// The runner's 127.0.0.1 is 10.0.2.2 from inside a user-mode guest.
// (busybox nc: the static busybox's wget crashes in the tiny guest. nc stops at the end of its stdin, so
// the request's stdin stays open until the server has answered and closed: HTTP/1.0.)
const PROBE = () =>
  `if (printf 'GET /probe.txt HTTP/1.0\\r\\n\\r\\n'; sleep 3) | nc -w 5 10.0.2.2 ${port} | grep REACHED; then echo "OUT=yes"; else echo "OUT=no"; fi`;

describe('guest network', () => {
  it("by default the guest connects out, even to the runner's loopback (documented in SECURITY.md)", async () => {
    const run = await runAction({
      toolCache,
      inputs: { 'image-url': server.url('/tiny.qcow2'), 'image-checksum': `sha256:${sha256}`, run: PROBE() },
    });
    assert.equal(run.main.exitCode, 0, run.main.log);
    assert.match(run.main.log, /REACHED-THE-RUNNER/);
    assert.match(run.main.log, /^OUT=yes$/m);
    assert.equal(server.requests('/probe.txt'), 1);
    await assertNothingLeft(run);
  });

  it('network: false — nothing goes out, the job still runs over SSH', async () => {
    const run = await runAction({
      toolCache,
      inputs: {
        'image-url': server.url('/tiny.qcow2'),
        'image-checksum': `sha256:${sha256}`,
        network: 'false',
        run: PROBE(),
      },
    });
    assert.equal(run.main.exitCode, 0, run.main.log);
    assert.match(run.main.log, /^OUT=no$/m);
    assert.equal(server.requests('/probe.txt'), 1, 'no new request reached the runner');
    await assertNothingLeft(run);
  });
});
