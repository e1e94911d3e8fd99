/** The action's main step: parse inputs, run the job in a VM, publish outputs and the result. */
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { abortOnSignals } from '../core/signals.js';
import { hostReport, printHostGroup } from './host-group.js';
import type { Arch } from '../core/vocabulary.js';
import { installSolsticeCommand } from './path-command.js';
import { saveJobDirectory, saveKeptName } from './state.js';
import { WorkflowReporter } from './workflow-reporter.js';
import { defaultCacheRoot } from '../config/cache-root.js';
import { parseJobInputs } from '../config/parse.js';
import { formatCatalogTable } from '../catalog/catalog.js';
import { catalogWithFile } from '../catalog/catalog-file.js';
import { runJob } from '../engine/pipeline.js';
import { PrepareFailedError } from '../engine/prepare-script.js';
import { jobSummaryMarkdown } from './summary.js';
import { shortKey } from '../warm/template-key.js';
import { actionErrorText } from './error-text.js';

async function main(): Promise<void> {
  const reporter = new WorkflowReporter();
  const cancelled = abortOnSignals((signal) => reporter.info(`Received ${signal}: stopping the VM.`));
  let arch: Arch | undefined;
  try {
    const catalog = await catalogWithFile(core.getInput('catalog'));
    if (core.getInput('image').trim().toLowerCase() === 'list') {
      core.info(formatCatalogTable(catalog));
      return;
    }
    const config = parseJobInputs((name) => core.getInput(name), {
      defaultCacheRoot: defaultCacheRoot(process.env),
      env: process.env,
      workspace: process.env['GITHUB_WORKSPACE'] || process.cwd(),
      catalog,
    });
    arch = config.machine.arch;
    const tempRoot = process.env['RUNNER_TEMP'] || tmpdir();
    const result = await runJob(
      config,
      { tempRoot, runnerEnv: process.env, onJobDirectory: saveJobDirectory },
      reporter,
      cancelled,
    );
    reporter.resumeCommands();
    core.setOutput('exit-code', String(result.exitCode));
    core.setOutput('ssh-port', String(result.sshPort));
    core.setOutput('console-log', result.consoleLogPath);
    core.setOutput('image-digest', `${result.image.digest.algorithm}:${result.image.digest.hex}`);
    core.setOutput(`image-${result.image.digest.algorithm}`, result.image.digest.hex);
    core.setOutput('accel', result.accel);
    core.setOutput('boot-seconds', result.bootSeconds.toFixed(1));
    core.setOutput('start', result.start);
    core.setOutput('template', result.templateKey ? shortKey(result.templateKey) : '');
    await core.summary.addRaw(jobSummaryMarkdown(config, result)).write();
    if (result.kept) {
      saveKeptName(result.kept.name);
      await installSolsticeCommand(tempRoot);
      reporter.info(
        `The VM '${result.kept.name}' keeps running for later steps: use \`shell: solstice${result.kept.name === 'default' ? '' : ` --vm ${result.kept.name}`} {0}\`. The post step stops it.`,
      );
    }
    if (result.debug?.failure) core.setFailed(result.debug.failure);
    if (result.exitCode !== 0) {
      core.setFailed(
        result.exitSignal
          ? `The script was killed by signal ${result.exitSignal} (exit code ${result.exitCode}).`
          : `The script exited with code ${result.exitCode}.`,
      );
    }
  } catch (error) {
    reporter.resumeCommands();
    if (error instanceof PrepareFailedError) core.setOutput('exit-code', String(error.exitCode));
    core.setFailed(actionErrorText(error));
  }
  // After the job, not beside its start: the commands cost 0.1–0.5 s of CPU that QEMU's start and the
  // guest's boot would share (docs/performance.md). Not after a cancel, which must end within the runner's window.
  if (arch && !cancelled.aborted) printHostGroup(await hostReport(arch));
}

await main();
// Nothing of ours may keep the process alive after the job (timers, sockets): the runner waits on it.
process.exit();
