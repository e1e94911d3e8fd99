import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UEFI_FIRMWARE, prepareFirmware } from '../../src/qemu/firmware.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('firmware selection', () => {
  it('BIOS needs no files; UEFI gets the firmware code and a private copy of the variable store', async () => {
    const job = await mkdtemp(join(tmpdir(), 'solstice-fw-'));
    try {
      assert.equal(await prepareFirmware('x86_64', 'bios', job), undefined);
      // OVMF is installed here (package ovmf): a real copy of its variable store.
      const flash = await prepareFirmware('x86_64', 'uefi', job);
      assert.deepEqual(flash, { codePath: UEFI_FIRMWARE.x86_64.code, varsPath: join(job, 'uefi-vars.fd') });
      assert.deepEqual(await readFile(flash!.varsPath), await readFile(UEFI_FIRMWARE.x86_64.varsTemplate));
    } finally {
      await rm(job, { recursive: true, force: true });
    }
  });
  it('missing firmware names the file and the Debian package to install', async () => {
    const absent = { ...UEFI_FIRMWARE, aarch64: { ...UEFI_FIRMWARE.aarch64, code: '/nonexistent/AAVMF_CODE.fd' } };
    await assert.rejects(
      prepareFirmware('aarch64', 'uefi', tmpdir(), absent),
      /UEFI firmware for aarch64 guests is missing on this runner \(\/nonexistent\/AAVMF_CODE\.fd\)\. Install the Debian package qemu-efi-aarch64 \(apt install qemu-efi-aarch64\)/,
    );
  });
});
