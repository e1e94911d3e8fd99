/**
 * What a job needs on the runner (QEMU for the guest's architecture, qemu-img, UEFI firmware), as the
 * Debian/Ubuntu packages that hold it, and what to do on a runner that lacks some of it. GitHub-hosted
 * runners have /dev/kvm but no QEMU, and are thrown away after the job: there the action installs what
 * is missing with the runner's passwordless sudo. A self-hosted machine is someone's to manage: it is
 * changed only with `install: true`, and otherwise gets one error naming every missing package.
 * Pure: facts in, plan out (src/action/host-setup.ts gathers the facts and runs the plan).
 */
import { SolsticeError } from '../core/errors.js';
import type { AccelRequest, Arch, Firmware } from '../core/vocabulary.js';
import { QEMU_BINARY } from './command-line.js';
import { UEFI_FIRMWARE } from './firmware.js';

/** One thing the job runs on the runner: a program on PATH or a file, and the package that installs it. */
export interface Requirement {
  /** How messages name it: the program, or "UEFI firmware for aarch64 (/usr/share/…)". */
  readonly what: string;
  /** A program's name (looked for on the trusted PATH), or the absolute paths of files: all must be there. */
  readonly lookFor: readonly string[];
  readonly kind: 'program' | 'file';
  readonly debianPackage: string;
}

/** What the job's machine needs, in the order packages are named: QEMU, qemu-img, firmware. */
export function hostRequirements(machine: { arch: Arch; firmware: Firmware }): Requirement[] {
  const { arch, firmware } = machine;
  const requirements: Requirement[] = [
    { what: QEMU_BINARY[arch], lookFor: [QEMU_BINARY[arch]], kind: 'program', debianPackage: QEMU_PACKAGE[arch] },
    { what: 'qemu-img', lookFor: ['qemu-img'], kind: 'program', debianPackage: 'qemu-utils' },
  ];
  if (firmware === 'uefi') {
    const uefi = UEFI_FIRMWARE[arch];
    requirements.push({
      what: `UEFI firmware for ${arch} (${uefi.code})`,
      lookFor: [uefi.code, uefi.varsTemplate],
      kind: 'file',
      debianPackage: uefi.debianPackage,
    });
  }
  return requirements;
}

const QEMU_PACKAGE: Record<Arch, string> = { x86_64: 'qemu-system-x86', aarch64: 'qemu-system-arm' };

/** /dev/kvm: not there, openable for reading and writing by this user, or there but not openable. */
export type KvmDevice = 'absent' | 'usable' | 'unusable';

export interface HostFacts {
  machine: { arch: Arch; firmware: Firmware };
  accel: AccelRequest;
  /** The runner's own architecture (undefined: one no guest runs natively on). */
  hostArch: Arch | undefined;
  /** The programs and files of the requirements' `lookFor` that are not on this runner. */
  missing: readonly string[];
  kvm: KvmDevice;
  /** RUNNER_ENVIRONMENT: 'github-hosted' or 'self-hosted' (unset on older runners: treated as self-hosted). */
  runnerEnvironment: string | undefined;
  /** The `install` input. */
  install: boolean;
  /** Of sudo and apt-get, those not on PATH (an installation needs both). */
  missingInstallers: readonly string[];
}

/** One command of the setup, run without a shell, ended at its deadline. */
export interface SetupCommand {
  readonly argv: readonly [string, ...string[]];
  readonly deadlineMs: number;
  /** Written to its standard input. */
  readonly input?: string;
}

export interface HostSetupPlan {
  /** Why this runner is changed: "GitHub-hosted runner" or "install: true". */
  reason: string;
  /** What is missing, as messages name it (empty when only /dev/kvm needs a change). */
  missing: string[];
  packages: string[];
  /** apt-get update, then apt-get install (empty when nothing is missing). */
  install: SetupCommand[];
  /** The udev rule for /dev/kvm, then its reload (empty when /dev/kvm is usable, absent or not wanted). */
  kvm: SetupCommand[];
}

/** Where the udev step writes and what it runs; the defaults are the real ones, a test points them elsewhere. */
export interface UdevPaths {
  rulesFile: string;
  udevadm: string;
}

export const REAL_UDEV: UdevPaths = { rulesFile: '/etc/udev/rules.d/99-kvm4all.rules', udevadm: 'udevadm' };

/** The rule GitHub documents for its hosted Linux runners: /dev/kvm read-write for every user. */
export const KVM_UDEV_RULE = 'KERNEL=="kvm", GROUP="kvm", MODE="0666", OPTIONS+="static_node=kvm"\n';

// An index download is seconds on a hosted runner; the install (tens of MB of packages) well under a
// minute: the deadlines only catch a hung mirror or a dpkg lock that is never released.
const APT_UPDATE_DEADLINE_MS = 180_000;
const APT_INSTALL_DEADLINE_MS = 600_000;
const UDEV_DEADLINE_MS = 30_000;

/**
 * sudo -n fails at once instead of asking for a password; sudo drops the environment, so the
 * non-interactive frontend (no debconf question can wait on a terminal) is set through env.
 */
const APT_GET = ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-q'] as const;

/**
 * Decides what happens before the job: undefined when nothing is to be done, else the plan. Throws the
 * error a self-hosted runner without what the job runs gets (naming every package), and the one for a
 * runner that should be set up but has no sudo or apt-get.
 */
export function planHostSetup(facts: HostFacts, udev: UdevPaths = REAL_UDEV): HostSetupPlan | undefined {
  const missing = hostRequirements(facts.machine).filter((requirement) =>
    requirement.lookFor.some((thing) => facts.missing.includes(thing)),
  );
  const packages = [...new Set(missing.map((requirement) => requirement.debianPackage))];
  const hosted = facts.runnerEnvironment === 'github-hosted';
  const missingText = missing.map((requirement) => requirement.what).join(', ');
  if (!hosted && !facts.install) {
    if (missing.length === 0) return undefined;
    throw new SolsticeError(
      `This self-hosted runner lacks what the job runs: ${missingText} (programs are looked for on PATH).`,
      {
        hint: (say) =>
          `Install ${packages.join(' ')} (Debian/Ubuntu: sudo apt-get install ${packages.join(' ')}), or set ${say.setting('install', 'true')} to let the action install them with the runner's passwordless sudo`,
      },
    );
  }
  // KVM serves only a guest of the runner's own architecture, and not at all with accel: tcg. Without
  // sudo the rule cannot be written: the accelerator's probe then says why KVM is not used.
  const kvmWanted =
    facts.kvm === 'unusable' &&
    facts.accel !== 'tcg' &&
    facts.hostArch === facts.machine.arch &&
    !facts.missingInstallers.includes('sudo');
  if (missing.length === 0 && !kvmWanted) return undefined;
  if (missing.length > 0 && facts.missingInstallers.length > 0) {
    throw new SolsticeError(
      `This runner lacks what the job runs: ${missingText}, and ${facts.missingInstallers.join(' and ')} to install them with (the action installs only on Debian/Ubuntu, with passwordless sudo). Install ${packages.join(' ')} in the runner's image.`,
    );
  }
  return {
    reason: hosted ? 'GitHub-hosted runner' : 'install: true',
    missing: missing.map((requirement) => requirement.what),
    packages,
    install:
      packages.length === 0
        ? []
        : [
            { argv: [...APT_GET, 'update'], deadlineMs: APT_UPDATE_DEADLINE_MS },
            {
              argv: [...APT_GET, 'install', '-y', '--no-install-recommends', ...packages],
              deadlineMs: APT_INSTALL_DEADLINE_MS,
            },
          ],
    kvm: kvmWanted
      ? [
          { argv: ['sudo', '-n', 'tee', udev.rulesFile], deadlineMs: UDEV_DEADLINE_MS, input: KVM_UDEV_RULE },
          { argv: ['sudo', '-n', udev.udevadm, 'control', '--reload-rules'], deadlineMs: UDEV_DEADLINE_MS },
          { argv: ['sudo', '-n', udev.udevadm, 'trigger', '--name-match=kvm'], deadlineMs: UDEV_DEADLINE_MS },
        ]
      : [],
  };
}
