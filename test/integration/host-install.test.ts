// Setting up a runner for real on this machine: sudo, apt-get (of packages already installed: a quick
// no-op), and the udev step with the rule written into a temporary directory and a stand-in udevadm
// (the machine's own /etc/udev is never touched).
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { prepareRunner, runHostSetup } from '../../src/action/host-install.js';
import { SolsticeError } from '../../src/core/errors.js';
import type { Reporter } from '../../src/core/reporter.js';
import { forgetProgramPaths } from '../../src/core/program-search.js';
import { HOST_ARCH } from '../../src/qemu/accel.js';
import { KVM_UDEV_RULE, planHostSetup, type HostSetupPlan } from '../../src/qemu/host-setup.js';

/** Everything the setup says, in order: `group:…`, `endgroup`, `warning:…` and the info lines. */
function recordingReporter(): Reporter & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(message),
    notice: (message) => lines.push(`notice:${message}`),
    warning: (message) => lines.push(`warning:${message}`),
    debug: () => {},
    startGroup: (title) => lines.push(`group:${title}`),
    endGroup: () => lines.push('endgroup'),
    guestLine: () => assert.fail('no guest here'),
  };
}

const APT_GET = '/usr/bin/sudo -n env DEBIAN_FRONTEND=noninteractive apt-get -q';

describe('setting up the runner, for real', () => {
  let directory: string;
  let udevadm: string;
  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'solstice-host-install-'));
    await mkdir(join(directory, 'rules.d'));
    // Records how it was called, as whom (sudo must have run it as root).
    udevadm = join(directory, 'udevadm');
    await writeFile(udevadm, `#!/bin/sh\necho "$(id -u) $*" >> ${join(directory, 'udevadm.log')}\n`);
    await chmod(udevadm, 0o755);
  });
  after(() => rm(directory, { recursive: true, force: true }));

  it('installs with sudo apt-get in its own group, timed, then writes the udev rule and reloads udev', async () => {
    const rulesFile = join(directory, 'rules.d', '99-kvm4all.rules');
    const plan = planHostSetup(
      {
        machine: { arch: HOST_ARCH!, firmware: 'bios' },
        accel: 'auto',
        hostArch: HOST_ARCH,
        missing: ['qemu-img'], // installed here in truth: apt-get finds it is already the newest version
        kvm: 'unusable',
        runnerEnvironment: 'github-hosted',
        install: false,
        missingInstallers: [],
      },
      { rulesFile, udevadm },
    )!;
    const reporter = recordingReporter();
    await runHostSetup(plan, reporter);
    const { lines } = reporter;
    assert.equal(lines[0], 'group:Set up the runner (GitHub-hosted runner): install QEMU, make /dev/kvm usable');
    assert.equal(lines.at(-1), 'endgroup');
    assert.equal(lines.filter((line) => line.startsWith('group:')).length, 1);
    assert.deepEqual(
      lines.filter((line) => line.startsWith('[command]')),
      [
        `[command]${APT_GET} update`,
        `[command]${APT_GET} install -y --no-install-recommends qemu-utils`,
        `[command]/usr/bin/sudo -n tee ${rulesFile}`,
        `[command]/usr/bin/sudo -n ${udevadm} control --reload-rules`,
        `[command]/usr/bin/sudo -n ${udevadm} trigger --name-match=kvm`,
      ],
    );
    assert.ok(
      lines.some((line) => /^qemu-utils is already the newest version/.test(line)),
      "apt-get's output is in the log",
    );
    const installed = lines.findIndex((line) => /^Installed qemu-utils in \d+\.\d s$/.test(line));
    assert.ok(
      installed > lines.indexOf(`[command]${APT_GET} install -y --no-install-recommends qemu-utils`),
      'the timing line follows the install',
    );
    assert.ok(lines.some((line) => /^Made \/dev\/kvm usable for the runner user in \d+\.\d s$/.test(line)));
    assert.ok(lines.includes(KVM_UDEV_RULE.trimEnd()), "tee's echo of the rule is in the log");
    assert.equal(await readFile(rulesFile, 'utf8'), KVM_UDEV_RULE);
    assert.equal(
      await readFile(join(directory, 'udevadm.log'), 'utf8'),
      '0 control --reload-rules\n0 trigger --name-match=kvm\n',
    );
  });

  it('fails with the command, its exit code and its last lines when apt-get cannot install', async () => {
    const plan: HostSetupPlan = {
      reason: 'install: true',
      missing: ['qemu-img'],
      packages: ['solstice-no-such-package'],
      install: [
        {
          argv: [
            'sudo',
            '-n',
            'env',
            'DEBIAN_FRONTEND=noninteractive',
            'apt-get',
            '-q',
            'install',
            '-y',
            'solstice-no-such-package',
          ],
          deadlineMs: 120_000,
        },
      ],
      kvm: [],
    };
    const reporter = recordingReporter();
    await assert.rejects(runHostSetup(plan, reporter), (error: unknown) => {
      assert.ok(error instanceof SolsticeError);
      assert.match(
        error.message,
        /^\/usr\/bin\/sudo -n env DEBIAN_FRONTEND=noninteractive apt-get -q install -y solstice-no-such-package failed \(exit code 100\): .*E: Unable to locate package solstice-no-such-package\. The action installs with passwordless sudo and apt-get; where they do not work, install solstice-no-such-package in the runner's image\.$/,
      );
      return true;
    });
    assert.equal(reporter.lines.at(-1), 'endgroup', 'the group is closed');
  });

  it('stops a command at its deadline', async () => {
    const plan: HostSetupPlan = {
      reason: 'install: true',
      missing: ['qemu-img'],
      packages: ['qemu-utils'],
      install: [{ argv: ['sleep', '30'], deadlineMs: 300 }],
      kvm: [],
    };
    const started = performance.now();
    await assert.rejects(
      runHostSetup(plan, recordingReporter()),
      /^SolsticeError: \S+\/sleep 30 did not finish within 0\.3 s and was stopped\. The action installs with passwordless sudo and apt-get; where they do not work, install qemu-utils in the runner's image\.$/,
    );
    assert.ok(performance.now() - started < 5_000);
  });

  it('only warns when udev cannot be changed: the job runs on, with TCG if it must', async () => {
    const failing = join(directory, 'failing-udevadm');
    await writeFile(failing, '#!/bin/sh\necho "udevadm: no udev here" >&2\nexit 1\n');
    await chmod(failing, 0o755);
    const rulesFile = join(directory, 'rules.d', 'failing.rules');
    const plan = planHostSetup(
      {
        machine: { arch: HOST_ARCH!, firmware: 'bios' },
        accel: 'auto',
        hostArch: HOST_ARCH,
        missing: [],
        kvm: 'unusable',
        runnerEnvironment: 'github-hosted',
        install: false,
        missingInstallers: [],
      },
      { rulesFile, udevadm: failing },
    )!;
    const reporter = recordingReporter();
    await runHostSetup(plan, reporter);
    assert.equal(reporter.lines[0], 'group:Set up the runner (GitHub-hosted runner): make /dev/kvm usable');
    assert.ok(
      reporter.lines.some((line) =>
        /^warning:Could not make \/dev\/kvm usable: \/usr\/bin\/sudo -n \S+\/failing-udevadm control --reload-rules failed \(exit code 1\): udevadm: no udev here\.$/.test(
          line,
        ),
      ),
      reporter.lines.join('\n'),
    );
  });

  describe('on a self-hosted runner', () => {
    const saved = { PATH: process.env['PATH'], RUNNER_ENVIRONMENT: process.env['RUNNER_ENVIRONMENT'] };
    after(() => {
      for (const [name, value] of Object.entries(saved))
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      forgetProgramPaths();
    });

    it('with QEMU there does nothing', async () => {
      process.env['RUNNER_ENVIRONMENT'] = 'self-hosted';
      forgetProgramPaths();
      const reporter = recordingReporter();
      await prepareRunner({ machine: { arch: 'x86_64', firmware: 'bios' }, accel: 'auto' }, false, reporter);
      assert.deepEqual(reporter.lines, []);
    });

    it('without QEMU on PATH fails before anything starts, naming every package, and changes nothing', async () => {
      process.env['RUNNER_ENVIRONMENT'] = 'self-hosted';
      process.env['PATH'] = join(directory, 'rules.d'); // an empty directory: no QEMU, no sudo
      forgetProgramPaths();
      const reporter = recordingReporter();
      await assert.rejects(
        prepareRunner({ machine: { arch: 'aarch64', firmware: 'uefi' }, accel: 'auto' }, false, reporter),
        /lacks what the job runs: qemu-system-aarch64, qemu-img(, UEFI firmware for aarch64 \S+)? \(programs are looked for on PATH\)\. Install qemu-system-arm qemu-utils/,
      );
      assert.deepEqual(reporter.lines, [], 'no group, no command');
    });
  });
});
