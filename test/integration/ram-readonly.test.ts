/** The runner's QEMU is asked whether a template's RAM file can be opened read-only (`rom=off`, QEMU 8.2+). */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { QEMU_X86_64 } from '../../src/qemu/command-line.js';
import { supportsReadOnlyRam } from '../../src/qemu/ram-readonly.js';

describe("the template RAM file's read-only mapping", () => {
  it("is used exactly when the installed QEMU is 8.2 or later (this machine's version decides)", async () => {
    const version = /version (\d+)\.(\d+)/.exec(execFileSync(QEMU_X86_64, ['--version'], { encoding: 'utf8' }));
    assert.ok(version, 'QEMU printed its version');
    const [major, minor] = [Number(version[1]), Number(version[2])];
    const expected = major > 8 || (major === 8 && minor >= 2);
    assert.equal(await supportsReadOnlyRam(QEMU_X86_64), expected, `QEMU ${major}.${minor}`);
  });

  it('a QEMU that cannot be run gets no read-only mapping (the clone maps the file private, as before)', async () => {
    assert.equal(await supportsReadOnlyRam('qemu-system-solstice-missing'), false);
  });
});
