// The action's "Host" report, with the machine's real QEMU, ls and id.
import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hostReport } from '../../src/action/host-group.js';

describe('the Host group of the step log', () => {
  it("shows the guest architecture's QEMU version, /dev/kvm and the runner user, each after the command that shows it", async () => {
    const report = await hostReport('aarch64');
    assert.match(
      report,
      /^\[command\]\S*\/qemu-system-aarch64 --version\nQEMU emulator version \d+\.\d+.*\n(.+\n)*\[command\]\S*\/ls -l \/dev\/kvm\n(.+\n)\[command\]\S*\/id\nuid=\d+.*\n$/,
    );
  });

  it('without QEMU on PATH it says so and still shows the rest', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'solstice-host-'));
    const path = process.env['PATH'];
    try {
      for (const tool of ['ls', 'id']) await symlink(`/usr/bin/${tool}`, join(bin, tool));
      process.env['PATH'] = bin;
      const report = await hostReport('x86_64');
      assert.match(report, /^qemu-system-x86_64: Unable to locate executable file: qemu-system-x86_64\./);
      assert.match(report, /^\[command\]\S*\/id\nuid=\d+/m);
    } finally {
      process.env['PATH'] = path;
      await rm(bin, { recursive: true, force: true });
    }
  });
});
