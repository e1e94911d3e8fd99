import { access } from 'node:fs/promises';
import type { JobConfig } from '../config/job.js';
import { SolsticeError } from '../core/errors.js';
import { programPath } from '../core/program-search.js';
import { hostRequirements, type Requirement } from '../qemu/host-setup.js';

/**
 * Checks, before anything is downloaded or started, that this machine has what the job runs (QEMU for
 * the guest's architecture, qemu-img, UEFI firmware when the guest boots with it). A laptop often lacks
 * one of them; a single error names every package to install, rather than one per run. Unlike the
 * action on a hosted runner, the command line never installs anything on the machine it runs on.
 */
export async function checkHostPrograms(config: Pick<JobConfig, 'machine'>): Promise<void> {
  const missing: Requirement[] = [];
  for (const requirement of hostRequirements(config.machine)) {
    const present = await Promise.all(
      requirement.lookFor.map((thing) =>
        requirement.kind === 'program'
          ? programPath(thing) !== undefined
          : access(thing).then(
              () => true,
              () => false,
            ),
      ),
    );
    if (present.includes(false)) missing.push(requirement);
  }
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map(({ debianPackage }) => debianPackage))].join(' ');
  throw new SolsticeError(
    `This machine lacks what the job runs: ${missing.map(({ what }) => what).join(', ')} (programs are looked for on PATH). ` +
      `Install them first (Debian/Ubuntu: sudo apt-get install ${packages}).`,
  );
}
