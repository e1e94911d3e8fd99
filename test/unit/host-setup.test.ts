// What the action does about a runner without QEMU or a usable /dev/kvm: the plan, from the facts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SolsticeError } from '../../src/core/errors.js';
import { ACTION_WORDING } from '../../src/action/error-text.js';
import { KVM_UDEV_RULE, planHostSetup, type HostFacts } from '../../src/qemu/host-setup.js';

const APT_GET = ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', '-q'];
const X86_BIOS = { arch: 'x86_64', firmware: 'bios' } as const;
const AARCH64 = { arch: 'aarch64', firmware: 'uefi' } as const;
const AAVMF = ['/usr/share/AAVMF/AAVMF_CODE.fd', '/usr/share/AAVMF/AAVMF_VARS.fd'];
const OVMF = ['/usr/share/OVMF/OVMF_CODE_4M.fd', '/usr/share/OVMF/OVMF_VARS_4M.fd'];

/** A fresh GitHub-hosted ubuntu-latest: KVM there but not openable, no QEMU. */
function hosted(more: Partial<HostFacts> = {}): HostFacts {
  return {
    machine: X86_BIOS,
    accel: 'auto',
    hostArch: 'x86_64',
    missing: ['qemu-system-x86_64', 'qemu-img'],
    kvm: 'unusable',
    runnerEnvironment: 'github-hosted',
    install: false,
    missingInstallers: [],
    ...more,
  };
}

function selfHosted(more: Partial<HostFacts> = {}): HostFacts {
  return hosted({ runnerEnvironment: 'self-hosted', ...more });
}

const argvs = (commands: readonly { argv: readonly string[] }[]) => commands.map((command) => command.argv.join(' '));

describe('setting up the runner', () => {
  it('on a GitHub-hosted runner installs QEMU and qemu-img with sudo apt-get, and adds the udev rule for /dev/kvm', () => {
    const plan = planHostSetup(hosted())!;
    assert.equal(plan.reason, 'GitHub-hosted runner');
    assert.deepEqual(plan.missing, ['qemu-system-x86_64', 'qemu-img']);
    assert.deepEqual(plan.packages, ['qemu-system-x86', 'qemu-utils']);
    assert.deepEqual(argvs(plan.install), [
      [...APT_GET, 'update'].join(' '),
      [...APT_GET, 'install', '-y', '--no-install-recommends', 'qemu-system-x86', 'qemu-utils'].join(' '),
    ]);
    assert.deepEqual(argvs(plan.kvm), [
      'sudo -n tee /etc/udev/rules.d/99-kvm4all.rules',
      'sudo -n udevadm control --reload-rules',
      'sudo -n udevadm trigger --name-match=kvm',
    ]);
    assert.equal(plan.kvm[0]!.input, 'KERNEL=="kvm", GROUP="kvm", MODE="0666", OPTIONS+="static_node=kvm"\n');
    for (const command of [...plan.install, ...plan.kvm]) assert.ok(command.deadlineMs > 0, command.argv.join(' '));
  });

  it('writes the rule where it is told and runs the udevadm it is given (a test never touches /etc/udev)', () => {
    const plan = planHostSetup(hosted(), { rulesFile: '/tmp/x/99-kvm4all.rules', udevadm: '/tmp/x/udevadm' })!;
    assert.deepEqual(argvs(plan.kvm), [
      'sudo -n tee /tmp/x/99-kvm4all.rules',
      'sudo -n /tmp/x/udevadm control --reload-rules',
      'sudo -n /tmp/x/udevadm trigger --name-match=kvm',
    ]);
    assert.equal(plan.kvm[0]!.input, KVM_UDEV_RULE);
  });

  it('with nothing missing and /dev/kvm usable (or absent) does nothing, hosted or not', () => {
    for (const kvm of ['usable', 'absent'] as const) {
      assert.equal(planHostSetup(hosted({ missing: [], kvm })), undefined, kvm);
      assert.equal(planHostSetup(hosted({ missing: [], kvm, install: true })), undefined, kvm);
      assert.equal(planHostSetup(selfHosted({ missing: [], kvm, install: true })), undefined, kvm);
      assert.equal(planHostSetup(selfHosted({ missing: [], kvm })), undefined, kvm);
    }
  });

  it('on a hosted runner with QEMU but an unusable /dev/kvm only adds the udev rule', () => {
    const plan = planHostSetup(hosted({ missing: [] }))!;
    assert.deepEqual(plan.install, []);
    assert.deepEqual(plan.packages, []);
    assert.equal(plan.kvm.length, 3);
  });

  it('installs only what is missing', () => {
    const plan = planHostSetup(hosted({ missing: ['qemu-img'], kvm: 'usable' }))!;
    assert.deepEqual(plan.packages, ['qemu-utils']);
    assert.deepEqual(plan.kvm, []);
  });

  it('leaves /dev/kvm alone when KVM cannot serve the job: accel tcg, or a guest of another architecture', () => {
    assert.deepEqual(planHostSetup(hosted({ accel: 'tcg' }))!.kvm, []);
    assert.equal(planHostSetup(hosted({ accel: 'tcg', missing: [] })), undefined);
    const aarch64OnX86 = planHostSetup(hosted({ machine: AARCH64, missing: ['qemu-system-aarch64'] }))!;
    assert.deepEqual(aarch64OnX86.kvm, []);
  });

  it('for an aarch64 guest installs qemu-system-arm and its UEFI firmware, once', () => {
    const plan = planHostSetup(
      hosted({ machine: AARCH64, hostArch: 'aarch64', missing: ['qemu-system-aarch64', 'qemu-img', ...AAVMF] }),
    )!;
    assert.deepEqual(plan.packages, ['qemu-system-arm', 'qemu-utils', 'qemu-efi-aarch64']);
    assert.equal(plan.kvm.length, 3, 'an aarch64 runner uses KVM for an aarch64 guest');
  });

  it('for a UEFI x86_64 guest installs ovmf when the firmware is missing, and not for a BIOS guest', () => {
    const uefi = planHostSetup(hosted({ machine: { arch: 'x86_64', firmware: 'uefi' }, missing: [...OVMF] }))!;
    assert.deepEqual(uefi.packages, ['ovmf']);
    assert.deepEqual(uefi.missing, [`UEFI firmware for x86_64 (${OVMF[0]})`]);
    const varsOnly = planHostSetup(hosted({ machine: { arch: 'x86_64', firmware: 'uefi' }, missing: [OVMF[1]!] }))!;
    assert.deepEqual(varsOnly.packages, ['ovmf'], 'a missing variable store is missing firmware too');
    // A BIOS guest does not need the firmware, whatever is missing of it.
    assert.equal(planHostSetup(hosted({ missing: [...OVMF], kvm: 'usable' })), undefined);
  });

  it('never changes a self-hosted runner: one error names every missing thing and package, and the way out', () => {
    assert.throws(
      () => planHostSetup(selfHosted({ machine: AARCH64, missing: ['qemu-system-aarch64', 'qemu-img', ...AAVMF] })),
      (error: unknown) => {
        assert.ok(error instanceof SolsticeError);
        assert.equal(
          error.describe(ACTION_WORDING),
          'This self-hosted runner lacks what the job runs: qemu-system-aarch64, qemu-img, ' +
            `UEFI firmware for aarch64 (${AAVMF[0]}) (programs are looked for on PATH). ` +
            'Install qemu-system-arm qemu-utils qemu-efi-aarch64 (Debian/Ubuntu: sudo apt-get install qemu-system-arm qemu-utils qemu-efi-aarch64), ' +
            "or set install: true to let the action install them with the runner's passwordless sudo.",
        );
        return true;
      },
    );
  });

  it('does not touch /dev/kvm on a self-hosted runner, and treats an unset RUNNER_ENVIRONMENT as self-hosted', () => {
    assert.equal(planHostSetup(selfHosted({ missing: [] })), undefined);
    assert.equal(planHostSetup(hosted({ runnerEnvironment: undefined, missing: [] })), undefined);
    assert.throws(
      () => planHostSetup(hosted({ runnerEnvironment: undefined })),
      /sudo apt-get install qemu-system-x86 qemu-utils/,
    );
  });

  it('with install: true sets up a self-hosted runner as it would a hosted one', () => {
    const plan = planHostSetup(selfHosted({ install: true }))!;
    assert.equal(plan.reason, 'install: true');
    assert.deepEqual(plan, { ...planHostSetup(hosted())!, reason: 'install: true' });
  });

  it('without sudo or apt-get says so instead of failing halfway, and leaves an unusable /dev/kvm to the KVM check', () => {
    assert.throws(
      () => planHostSetup(hosted({ missingInstallers: ['apt-get'] })),
      /lacks what the job runs: qemu-system-x86_64, qemu-img, and apt-get to install them with .*Install qemu-system-x86 qemu-utils in the runner's image\.$/,
    );
    assert.equal(planHostSetup(hosted({ missing: [], missingInstallers: ['sudo'] })), undefined);
  });
});
