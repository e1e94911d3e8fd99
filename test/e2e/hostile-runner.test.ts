/**
 * What the runner's own secrets can reach: QEMU runs with a minimal environment, so a guest that
 * escaped QEMU finds no GitHub credential in it (SECURITY.md), but it keeps the job's RUNNER_TRACKING_ID,
 * by which the runner's orphan cleanup finds it at job end. The bundled action boots the tiny guest
 * (served over HTTP from 127.0.0.1) under TCG with the tokens a real runner sets, and the test reads the
 * live QEMU's /proc/<pid>/environ while the script runs.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findQemuProcesses } from '../../src/qemu/find-processes.js';
import { runAction } from '../helpers/action-runner.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';
import { tinyGuest } from '../helpers/test-guest.js';

/** Variables a runner gives the action that must never reach QEMU (github-token's default is set by the harness). */
const SECRETS = [
  'ACTIONS_RUNTIME_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_URL',
  'INPUT_GITHUB-TOKEN',
];
/** What the script prints; its source (which the log may show first) does not contain it. */
const GUEST_UP = 'hostile-runner: the script runs';

let server: ImageServer;
let toolCache: string;
let sha256: string;

before(async () => {
  const guest = tinyGuest();
  sha256 = guest.sha256;
  server = await serveFiles({ '/tiny.qcow2': guest.path });
  toolCache = await mkdtemp(join(tmpdir(), 'solstice-hostile-runner-cache-'));
});
after(async () => {
  await server?.close();
  await rm(toolCache, { recursive: true, force: true });
});

/** The environment of each QEMU of the job, read from /proc while it runs. */
async function qemuEnvironments(runnerTemp: string): Promise<Array<Map<string, string>>> {
  const environments: Array<Map<string, string>> = [];
  for (const pid of await findQemuProcesses(runnerTemp)) {
    const environ = await readFile(`/proc/${pid}/environ`, 'utf8');
    const entries = environ.split('\0').filter(Boolean);
    environments.push(
      new Map(entries.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)])),
    );
  }
  return environments;
}

describe('a hostile guest against the runner', () => {
  it("QEMU carries the runner's tracking id and none of the GitHub tokens of the action's environment", async () => {
    let probe: Promise<Array<Map<string, string>>> | undefined;
    const run = await runAction({
      toolCache,
      timeoutMs: 5 * 60_000,
      env: {
        ACTIONS_RUNTIME_TOKEN: 'runtime-token-secret',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'id-token-secret',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/request',
      },
      inputs: {
        'image-url': server.url('/tiny.qcow2'),
        'image-checksum': `sha256:${sha256}`,
        run: 'echo "hostile-runner: the script $(echo runs)"\nsleep 5',
      },
      // A plan that never cancels: its hook is the one that sees the step's RUNNER_TEMP, where QEMU runs.
      cancel: {
        when: (log, runnerTemp) => {
          if (probe === undefined && log.includes(GUEST_UP)) probe = qemuEnvironments(runnerTemp);
          return false;
        },
      },
    });
    assert.equal(run.main.exitCode, 0, run.main.log);
    assert.ok(probe, 'the script ran while the test watched');
    const environments = await probe;
    assert.equal(environments.length, 1, "the job's QEMU was found while the script ran");
    const environment = environments[0]!;
    const names = [...environment.keys()];
    assert.ok(names.includes('PATH'), `QEMU's environment was read (${names.join(', ')})`);
    // The runner's orphan cleanup at job end kills the processes whose environment holds this value.
    assert.equal(environment.get('RUNNER_TRACKING_ID'), run.trackingId, "QEMU carries the job's RUNNER_TRACKING_ID");
    for (const secret of SECRETS)
      assert.ok(!names.includes(secret), `${secret} is not in QEMU's environment (${names.join(', ')})`);
    assert.deepEqual(
      names.filter((name) => /^(INPUT_|ACTIONS_|GITHUB_)/.test(name)),
      [],
      'no runner variable at all',
    );
    await assertNothingLeft(run);
  });
});
