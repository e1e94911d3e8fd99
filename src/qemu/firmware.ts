import { access, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SolsticeError } from '../core/errors.js';
import type { Arch, Firmware } from '../core/vocabulary.js';

/** The two flash images of a UEFI guest: firmware code (shared, read-only) and its variable store (per VM). */
export interface UefiFlash {
  codePath: string;
  varsPath: string;
}

/** Debian's UEFI builds: OVMF for x86_64 (package ovmf), AAVMF for aarch64 (package qemu-efi-aarch64). */
export const UEFI_FIRMWARE: Record<Arch, { code: string; varsTemplate: string; debianPackage: string }> = {
  x86_64: {
    code: '/usr/share/OVMF/OVMF_CODE_4M.fd',
    varsTemplate: '/usr/share/OVMF/OVMF_VARS_4M.fd',
    debianPackage: 'ovmf',
  },
  aarch64: {
    code: '/usr/share/AAVMF/AAVMF_CODE.fd',
    varsTemplate: '/usr/share/AAVMF/AAVMF_VARS.fd',
    debianPackage: 'qemu-efi-aarch64',
  },
};

/**
 * BIOS needs nothing (SeaBIOS is built into QEMU's x86 machines). UEFI gets the firmware code and a
 * private copy of the variable store in the job directory (the guest writes boot entries into it).
 */
export async function prepareFirmware(
  arch: Arch,
  firmware: Firmware,
  jobDirectory: string,
  installed = UEFI_FIRMWARE,
): Promise<UefiFlash | undefined> {
  if (firmware === 'bios') return undefined;
  const files = installed[arch];
  for (const path of [files.code, files.varsTemplate]) {
    await access(path).catch(() => {
      throw new SolsticeError(
        `UEFI firmware for ${arch} guests is missing on this runner (${path}). Install the Debian package ${files.debianPackage} (apt install ${files.debianPackage}).`,
      );
    });
  }
  const varsPath = join(jobDirectory, 'uefi-vars.fd');
  await copyFile(files.varsTemplate, varsPath);
  return { codePath: files.code, varsPath };
}
