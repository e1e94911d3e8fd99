import { constants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { childEnvironment } from '../core/child-environment.js';
import { SolsticeError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { QEMU_X86_64 } from './command-line.js';
import { KVM_PROBE_BOOT_SECTOR_BASE64, KVM_PROBE_MARKER } from './kvm-probe/boot-sector.js';
import type { Arch, Accel, AccelRequest } from '../core/vocabulary.js';
import { program } from '../core/program-search.js';

export interface AccelDecision {
  accel: Accel;
  /** Why KVM is not used, when it is not. */
  kvmProblem?: string;
}

const PROBE_DEADLINE_MS = 5_000;

/**
 * Picks the accelerator. "/dev/kvm exists" is not "KVM works" (nested KVM can hang a guest or abort
 * QEMU), so KVM is trusted only after a tiny guest, run with the exact CPU model a job uses, reaches
 * long mode and prints a marker within a few seconds.
 */
export async function resolveAccel(
  requested: AccelRequest,
  guestArch: Arch,
  reporter: Reporter,
  signal?: AbortSignal,
): Promise<AccelDecision> {
  if (requested === 'tcg') {
    reporter.notice('Using TCG software emulation, as asked: expect the guest to run 10–50× slower than with KVM.');
    return { accel: 'tcg' };
  }
  const kvmProblem =
    HOST_ARCH === guestArch
      ? await probeKvm(guestArch, signal)
      : `KVM runs only guests of the host's own architecture; this is an ${guestArch} guest on an ${HOST_ARCH ?? process.arch} runner`;
  if (kvmProblem === undefined) {
    reporter.info('KVM works here: using hardware acceleration.');
    return { accel: 'kvm' };
  }
  if (requested === 'kvm') {
    throw new SolsticeError(`is 'kvm' but KVM does not work on this runner: ${kvmProblem}.`, {
      input: 'accel',
      hint: (say) =>
        `Fix KVM on the runner, or use ${say.setting('accel', 'auto')} (falls back to TCG) or ${say.setting('accel', 'tcg')}.`,
    });
  }
  reporter.notice(
    `KVM is not usable (${kvmProblem}); using TCG software emulation instead: expect the guest to run 10–50× slower.`,
  );
  return { accel: 'tcg', kvmProblem };
}

/** The runner's architecture in QEMU's words (undefined for one Solstice cannot run guests of natively). */
export const HOST_ARCH: Arch | undefined = ({ x64: 'x86_64', arm64: 'aarch64' } as const)[
  process.arch as 'x64' | 'arm64'
];

/** Returns undefined when KVM works, otherwise what is wrong. */
export async function probeKvm(guestArch: Arch, signal?: AbortSignal): Promise<string | undefined> {
  try {
    await access('/dev/kvm', constants.R_OK | constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? '/dev/kvm does not exist (no KVM module or not exposed to this runner)'
      : '/dev/kvm is not accessible to this user (add the runner user to the kvm group)';
  }
  // The probe guest is an x86 boot sector; on arm64 hosts an openable /dev/kvm is all that is checked.
  if (guestArch !== 'x86_64') return undefined;
  const workDir = await mkdtemp(join(tmpdir(), 'solstice-kvm-probe-'));
  try {
    const image = join(workDir, 'probe.img');
    await writeFile(image, Buffer.from(KVM_PROBE_BOOT_SECTOR_BASE64, 'base64'));
    const result = await execa(
      program(QEMU_X86_64),
      [
        '-machine',
        'pc,accel=kvm',
        '-cpu',
        'host',
        '-m',
        '16M',
        '-nodefaults',
        '-no-user-config',
        '-display',
        'none',
        '-drive',
        `file=${image},format=raw,if=ide`,
        '-device',
        'isa-debug-exit,iobase=0xf4,iosize=0x04',
        '-serial',
        'stdio',
      ],
      {
        stdin: 'ignore',
        reject: false,
        timeout: PROBE_DEADLINE_MS,
        cancelSignal: signal,
        all: true,
        env: childEnvironment(),
        extendEnv: false,
      },
    );
    if (result.all?.includes(KVM_PROBE_MARKER)) return undefined;
    if (result.timedOut)
      return `a test guest under KVM printed nothing within ${PROBE_DEADLINE_MS / 1000} s (nested KVM often hangs like this)`;
    const detail = (result.all ?? '').trim().split('\n').slice(-2).join(' ');
    return `QEMU could not run a test guest under KVM (${detail || `exit code ${result.exitCode}`})`;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
