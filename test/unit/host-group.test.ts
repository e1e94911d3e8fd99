// The action's "Host" group, run in a child process (it writes workflow commands to stdout) with the
// machine's real QEMU, ls and id.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/action-runner.js';

function runShowHost(arch: string, path: string): { status: number | null; stdout: string; stderr: string } {
  const script = `import { showHost } from './src/action/host-group.ts'; await showHost(${JSON.stringify(arch)});`;
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, PATH: path },
  });
}

describe('the Host group of the step log', () => {
  it('shows the guest architecture\'s QEMU version, /dev/kvm and the runner user, each as the command that shows it', () => {
    const result = runShowHost('aarch64', process.env['PATH'] ?? '');
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], '::group::Host');
    assert.match(result.stdout, /^\[command\]\S*\/qemu-system-aarch64 --version\nQEMU emulator version \d+\.\d+/m);
    assert.match(result.stdout, /^\[command\]\S*\/ls -l \/dev\/kvm$/m);
    assert.match(result.stdout, /^\[command\]\S*\/id\nuid=\d+/m);
    assert.equal(lines.filter(Boolean).at(-1), '::endgroup::');
  });

  it('without QEMU on PATH it says so and still shows the rest', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'solstice-host-'));
    try {
      for (const tool of ['ls', 'id']) await symlink(`/usr/bin/${tool}`, join(bin, tool));
      const result = runShowHost('x86_64', bin);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /^qemu-system-x86_64: Unable to locate executable file: qemu-system-x86_64\./m);
      assert.match(result.stdout, /^\[command\]\S*\/id\nuid=\d+/m);
      assert.match(result.stdout, /::endgroup::\n$/);
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  });
});
