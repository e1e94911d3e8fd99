/**
 * End to end: the bundled action under Node 24 in the runner-faithful harness, booting the project's
 * Debian cloud-init test guest (served over HTTP from 127.0.0.1) under TCG.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { installedAction, runAction, type ActionRun } from '../helpers/action-runner.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';
import { testGuest, warmStartInputs } from '../helpers/test-guest.js';

let server: ImageServer;
let toolCache: string;
let sha256: string;

before(async () => {
  const guest = testGuest();
  sha256 = guest.sha256;
  server = await serveFiles({ '/debian-12.qcow2': guest.path });
  toolCache = await mkdtemp(join(tmpdir(), 'solstice-toolcache-'));
});
after(() => server.close());

const inputs = (run: string, extra: Record<string, string> = {}) => ({
  'image-url': server.url('/debian-12.qcow2'),
  'image-checksum': `sha256:${sha256}`,
  run,
  ...extra,
});

const errors = (run: ActionRun) =>
  run.main.commands.filter((command) => command.command === 'error').map((command) => command.data);

describe('the action in a VM', () => {
  it('runs a passing script: guest output live in the log, outputs set, guest text inert', async () => {
    const run = await runAction({
      toolCache,
      inputs: inputs(
        [
          'echo "hello from $(hostname) as $(id -un)"',
          "echo '::error::x'",
          "echo '::add-mask::hello'",
          'sudo -n true && echo sudo works',
          'test "$(cat /proc/cmdline | grep -c console=ttyS0)" = 1',
        ].join('\n'),
      ),
    });
    assert.equal(run.main.exitCode, 0, run.main.log);
    assert.match(run.main.log, /hello from solstice-\w+ as runner/);
    assert.match(run.main.log, /sudo works/);
    assert.match(run.main.log, /::error::x/, 'the guest line is shown');
    assert.deepEqual(errors(run), [], 'but not taken as a workflow command');
    assert.ok(!run.main.commands.some((command) => command.command === 'add-mask'), 'guest cannot add masks');
    assert.ok(run.main.commands.some((command) => command.command === 'group' && /Boot console/.test(command.data)));
    assert.match(
      run.main.log,
      /^::group::Host\n\[command\]\S*\/qemu-system-x86_64 --version\nQEMU emulator version [\s\S]*?\[command\]\S*\/id\nuid=\d+.*\n::endgroup::$/m,
      'the Host group: QEMU, /dev/kvm, the runner user',
    );
    assert.match(run.main.log, /Linux version/, 'the boot console is streamed into the log');
    assert.match(run.main.log, /TCG software emulation/, 'says it is not using KVM');
    assert.equal(run.main.outputs['exit-code'], '0');
    assert.equal(run.main.outputs['accel'], 'tcg');
    assert.equal(run.main.outputs['image-digest'], `sha256:${sha256}`);
    assert.equal(run.main.outputs['image-sha256'], sha256);
    assert.ok(Number(run.main.outputs['boot-seconds']) > 0);
    assert.ok(Number(run.main.outputs['ssh-port']) > 1024);
    const consoleLog = await readFile(run.main.outputs['console-log']!, 'utf8');
    assert.match(consoleLog, /Linux version/);
    assert.match(run.main.summary, /Solstice VM job[\s\S]*passed/);
    assert.equal(server.requests('/debian-12.qcow2'), 1, 'downloaded once');
    // The job's login key and the guest's host key are private to the job directory (removed below).
    for (const text of [run.main.log, run.post.log, run.main.summary, JSON.stringify(run.main.outputs)]) {
      assert.doesNotMatch(
        text,
        /PRIVATE KEY|b3BlbnNzaC1rZXktdjE/,
        'no private key in the log, the summary or the outputs',
      );
    }
    assert.ok(!existsSync(join(await installedAction(), 'node_modules')), 'the bundle ran without node_modules');
    await assertNothingLeft(run);
  });

  // A warm clone from the suite's shared template (built here if this file runs first): the script's
  // exit code takes the same way out of any guest, and the suite saves a cold boot.
  it('fails the step with the exact exit code', async () => {
    const run = await runAction({ toolCache, inputs: inputs('echo about to fail\nexit 3', warmStartInputs()) });
    assert.equal(run.main.exitCode, 1);
    assert.equal(run.main.outputs['exit-code'], '3');
    assert.deepEqual(errors(run), ['The script exited with code 3. Its last lines:%0A  | about to fail']);
    assert.match(run.main.log, /about to fail/);
    await assertNothingLeft(run);
  });

  it('refuses an image whose checksum does not match: clear error, nothing cached, nothing started', async () => {
    const wrong = 'b'.repeat(64);
    const cacheBefore = await listTree(toolCache);
    const run = await runAction({ toolCache, inputs: inputs('true', { 'image-checksum': `sha256:${wrong}` }) });
    assert.equal(run.main.exitCode, 1);
    const [message] = errors(run);
    assert.match(
      message ?? '',
      new RegExp(`${wrong}[\\s\\S]*${sha256}|${sha256}[\\s\\S]*${wrong}`),
      'names expected and actual digest',
    );
    assert.doesNotMatch(run.main.log, /QEMU started/);
    assert.deepEqual(await listTree(toolCache), cacheBefore, 'the cache is unchanged');
    // An early failure still names the console log (empty: QEMU did not start) and writes a summary.
    assert.ok(existsSync(run.main.outputs['console-log'] ?? ''), 'the console-log output names a file');
    assert.match(run.main.summary, /\| Result \| ❌ failed during preparing the image, keys, disk and seed \|/);
    assert.match(run.main.summary, /The serial console printed nothing\./);
    await assertNothingLeft(run);
  });

  it('cancelled during boot: QEMU is stopped within the runner window and nothing is left', async () => {
    const run = await runAction({
      toolCache,
      inputs: inputs('true'),
      cancel: { when: (log) => /QEMU started/.test(log) },
    });
    assert.notEqual(run.main.exitCode, 0);
    assert.equal(run.main.signal, null, 'the action ended by itself before SIGKILL');
    assert.ok(errors(run).some((message) => /Cancelled/.test(message)));
    await assertNothingLeft(run);
  });

  it('cancelled during the script of a warm clone: QEMU is stopped and nothing is left', async () => {
    const run = await runAction({
      toolCache,
      inputs: inputs('echo script-started\nsleep 600', warmStartInputs()),
      cancel: { when: (log) => /script-started/.test(log) },
    });
    assert.notEqual(run.main.exitCode, 0);
    assert.equal(run.main.signal, null, 'the action ended by itself before SIGKILL');
    assert.ok(errors(run).some((message) => /Cancelled/.test(message)));
    await assertNothingLeft(run);
  });
});

async function listTree(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true })).map(String).sort();
}
