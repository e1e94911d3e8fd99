import { access } from 'node:fs/promises';
import type { JobConfig } from '../config/job.js';
import { SolsticeError } from '../core/errors.js';
import { programPath } from '../core/program-search.js';
import { QEMU_BINARY } from '../qemu/command-line.js';
import { UEFI_FIRMWARE } from '../qemu/firmware.js';

/** The Debian package of each program a job runs on this machine. */
const DEBIAN_PACKAGE: Record<string, string> = {
  'qemu-img': 'qemu-utils',
  [QEMU_BINARY.x86_64]: 'qemu-system-x86',
  [QEMU_BINARY.aarch64]: 'qemu-system-arm',
};

/**
 * Checks, before anything is downloaded or started, that this machine has what the job will run: QEMU
 * for the guest's architecture, qemu-img, and UEFI firmware when the guest boots with it. A laptop
 * often lacks one of them; a single error names every package to install, rather than one per run.
 */
export async function checkHostPrograms(config: Pick<JobConfig, 'machine'>): Promise<void> {
  const { arch, firmware } = config.machine;
  const missing = ['qemu-img', QEMU_BINARY[arch]]
    .filter((name) => programPath(name) === undefined)
    .map((name) => ({ what: name, debianPackage: DEBIAN_PACKAGE[name]! }));
  if (firmware === 'uefi') {
    const uefi = UEFI_FIRMWARE[arch];
    const present = await Promise.all(
      [uefi.code, uefi.varsTemplate].map((path) =>
        access(path).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (present.includes(false))
      missing.push({ what: `UEFI firmware for ${arch} (${uefi.code})`, debianPackage: uefi.debianPackage });
  }
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map(({ debianPackage }) => debianPackage))].join(' ');
  throw new SolsticeError(
    `This machine lacks what the job runs: ${missing.map(({ what }) => what).join(', ')} (programs are looked for on PATH). ` +
      `Install them first (Debian/Ubuntu: sudo apt-get install ${packages}).`,
  );
}
