/**
 * The engine against the real cloud-init guest, checked with the real OpenSSH client: what the seed
 * decides (user, sudo, hostname, pinned host key) and that a different host key is refused.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { parseJobInputs } from '../../src/config/parse.js';
import { silentReporter } from '../../src/core/reporter.js';
import { runJob } from '../../src/engine/pipeline.js';
import { connectSsh, HostKeyMismatchError } from '../../src/ssh/connect.js';
import { generateEd25519 } from '../../src/ssh/keys.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { findQemuProcesses } from '../../src/qemu/find-processes.js';
import { testGuest } from '../helpers/test-guest.js';
import type { VmSession } from '../../src/debug/session.js';

const run = promisify(execFile);
let server: ImageServer;
let sha256: string;

before(async () => {
  const guest = testGuest();
  sha256 = guest.sha256;
  server = await serveFiles({ '/guest.qcow2': guest.path });
});
after(() => server.close());

/** Runs `command` in the guest with the system's OpenSSH client, host key checked strictly. */
async function openssh(session: VmSession, work: string, command: string): Promise<string> {
  const identity = join(work, 'id');
  await writeFile(identity, session.target.privateKey);
  await chmod(identity, 0o600);
  const knownHosts = join(work, 'known_hosts');
  await writeFile(knownHosts, `[127.0.0.1]:${session.target.port} ${session.target.hostPublicKey}\n`);
  const { stdout } = await run(
    'ssh',
    [
      '-F',
      '/dev/null',
      '-i',
      identity,
      '-p',
      String(session.target.port),
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${knownHosts}`,
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'BatchMode=yes',
      `${session.target.user}@127.0.0.1`,
      command,
    ],
    { timeout: 60_000 },
  );
  return stdout.trim();
}

describe('the seed, as the guest applied it', () => {
  it('creates the user, sets the hostname, installs the pinned host key; another key is refused', async () => {
    const work = await mkdtemp(join(tmpdir(), 'solstice-guest-test-'));
    const tempRoot = await mkdtemp(join(tmpdir(), 'solstice-temp-'));
    const cacheRoot = await mkdtemp(join(tmpdir(), 'solstice-cache-'));
    const config = parseJobInputs(
      (name) =>
        ({
          'image-url': server.url('/guest.qcow2'),
          'image-checksum': `sha256:${sha256}`,
          run: 'echo done',
          user: 'ci-user',
          sync: 'none',
          'disk-size': '6G',
        })[name] ?? '',
      { defaultCacheRoot: cacheRoot, workspace: work },
    );
    const checks: Record<string, string> = {};
    let mismatch: unknown;
    const result = await runJob(
      config,
      {
        tempRoot,
        runnerEnv: {},
        onReady: async (session) => {
          checks['whoami'] = await openssh(session, work, 'id -un');
          checks['hostname'] = await openssh(session, work, 'hostname');
          checks['sudo'] = await openssh(session, work, 'sudo -n id -u');
          checks['hostKeys'] = await openssh(session, work, 'ls /etc/ssh/ | grep ssh_host_ | sort | tr "\\n" " "');
          checks['cloudInit'] = await openssh(session, work, 'cloud-init status --wait >/dev/null; cloud-init status');
          checks['rootSize'] = await openssh(session, work, 'df --output=size -B1G / | tail -1');
          const status = await session.qmp.execute<{ status: string }>('query-status');
          checks['qmp'] = status.status;
          try {
            const impostor = generateEd25519('impostor');
            await connectSsh({ ...session.target, hostPublicKey: impostor.publicKey }, 20_000);
          } catch (error) {
            mismatch = error;
          }
        },
      },
      silentReporter,
      new AbortController().signal,
    );
    assert.equal(result.exitCode, 0);
    assert.equal(checks['whoami'], 'ci-user');
    assert.match(checks['hostname']!, /^solstice-\w+$/);
    assert.equal(checks['sudo'], '0');
    assert.equal(checks['hostKeys'], 'ssh_host_ed25519_key ssh_host_ed25519_key.pub', 'only the generated host key');
    assert.match(checks['cloudInit']!, /status: done/);
    assert.ok(Number(checks['rootSize']) >= 5, `disk-size grew the root filesystem (got ${checks['rootSize']} GiB)`);
    assert.equal(checks['qmp'], 'running');
    assert.ok(
      mismatch instanceof HostKeyMismatchError,
      `a different pinned host key is refused (got ${String(mismatch)})`,
    );
    assert.deepEqual(await findQemuProcesses(tempRoot), []);
    assert.deepEqual(
      (await readdir(tempRoot)).filter((name) => !name.endsWith('-console.log')),
      [],
    );
  });
});
