/** The action's main step: parse inputs, run the job in a VM, publish outputs and the result. */
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { abortOnSignals } from '../core/signals.js';
import { distrustForPrograms } from '../core/program-search.js';
import { hostReport, printHostGroup } from './host-group.js';
import type { Arch } from '../core/vocabulary.js';
import { installSolsticeCommand } from './path-command.js';
import {
  saveImagesToSave,
  saveJobCacheDirectory,
  saveJobDirectory,
  saveKeptName,
  saveTemplatesToSave,
} from './state.js';
import { jobCaches } from './actions-cache.js';
import { transfersMarkdown } from './actions-cache-client.js';
import { WorkflowReporter } from './workflow-reporter.js';
import { defaultCacheRoot } from '../config/cache-root.js';
import { parseJobInputs } from '../config/parse.js';
import { readInputs } from '../config/inputs.js';
import { prepareRunner } from './host-install.js';
import type { JobConfig } from '../config/job.js';
import { formatCatalogTable } from '../catalog/catalog-table.js';
import { catalogWithFile } from '../catalog/catalog-file.js';
import { runJob, type JobFacts, type JobFailure } from '../engine/pipeline.js';
import { scriptFailure } from './script-failure.js';
import { PrepareFailedError } from '../engine/step/prepare-script.js';
import { failureSummaryMarkdown, inputFailureSummaryMarkdown, jobSummaryMarkdown } from './summary.js';
import { shortKey } from '../warm/template-key.js';
import { actionErrorText } from './error-text.js';

async function main(): Promise<void> {
  const reporter = new WorkflowReporter();
  const cancelled = abortOnSignals((signal) => reporter.info(`Received ${signal}: stopping the VM.`));
  let arch: Arch | undefined;
  let config: JobConfig | undefined;
  let failure: JobFailure | undefined;
  try {
    const catalog = await catalogWithFile(core.getInput('catalog'));
    if (core.getInput('image').trim().toLowerCase() === 'list') {
      core.info(formatCatalogTable(catalog));
      return;
    }
    config = parseJobInputs((name) => core.getInput(name), {
      defaultCacheRoot: defaultCacheRoot(process.env),
      env: process.env,
      workspace: process.env['GITHUB_WORKSPACE'] || process.cwd(),
      catalog,
    });
    arch = config.machine.arch;
    // Before QEMU is looked for: a program in the workspace must neither run nor stand in for a missing one.
    distrustForPrograms(config.rules.workspace);
    // parseJobInputs has checked every input, install and cache included: reading them again cannot fail.
    const { values } = readInputs((name) => core.getInput(name));
    await prepareRunner(config, values.install, reporter, cancelled);
    const tempRoot = process.env['RUNNER_TEMP'] || tmpdir();
    const caches = await jobCaches(
      values.cache,
      { cacheDir: config.cacheDir, cacheDirGiven: core.getInput('cache-dir') !== '', tempRoot, env: process.env },
      reporter,
    );
    config = { ...config, cacheDir: caches.cacheDir };
    if (caches.removeAfterJob) saveJobCacheDirectory(caches.cacheDir);
    const result = await runJob(
      config,
      {
        tempRoot,
        runnerEnv: process.env,
        onJobDirectory: saveJobDirectory,
        onFacts: publishFacts,
        onFailure: (reached) => (failure = reached),
        ...(caches.actionsCache
          ? { remoteImages: caches.actionsCache.images, remoteTemplates: caches.actionsCache.templates }
          : {}),
      },
      reporter,
      cancelled,
    );
    reporter.resumeCommands();
    core.setOutput('exit-code', String(result.exitCode));
    const restores = [
      ...(caches.actionsCache?.images.restores ?? []),
      ...(caches.actionsCache?.templates.restores ?? []),
    ];
    await core.summary.addRaw(jobSummaryMarkdown(config, result)).addRaw(transfersMarkdown(restores)).write();
    // Only a job that passed saves: a failed or cancelled one may have stopped anywhere.
    if (caches.actionsCache && result.exitCode === 0 && !result.debug?.failure && !cancelled.aborted) {
      saveImagesToSave(caches.actionsCache.images.toSave);
      saveTemplatesToSave(await caches.actionsCache.templates.pack(cancelled));
    }
    if (result.kept) {
      saveKeptName(result.kept.name);
      await installSolsticeCommand(tempRoot);
      reporter.info(
        `The VM '${result.kept.name}' keeps running for later steps: use \`shell: solstice${result.kept.name === 'default' ? '' : ` --name ${result.kept.name}`} {0}\`. The post step stops it.`,
      );
    }
    if (result.debug?.failure) core.setFailed(result.debug.failure);
    if (result.exitCode !== 0)
      core.setFailed(scriptFailure(result.exitCode, result.lastLines ?? [], result.exitSignal));
  } catch (error) {
    reporter.resumeCommands();
    if (error instanceof PrepareFailedError) core.setOutput('exit-code', String(error.exitCode));
    const text = actionErrorText(error);
    core.setFailed(text);
    await core.summary
      .addRaw(config && failure ? failureSummaryMarkdown(config, failure, text) : inputFailureSummaryMarkdown(text))
      .write()
      .catch(() => {}); // no summary file (a run outside a workflow): the error above is what counts
  }
  // After the job, not beside its start: the commands cost 0.1–0.5 s of CPU that QEMU's start and the
  // guest's boot would share (docs/performance.md). Not after a cancel, which must end within the runner's window.
  if (arch && !cancelled.aborted) printHostGroup(await hostReport(arch));
}

/** Outputs are set as soon as the job knows them: a step that fails early still names its console log. */
function publishFacts(facts: Partial<JobFacts>): void {
  if (facts.consoleLogPath) core.setOutput('console-log', facts.consoleLogPath);
  if (facts.image) {
    core.setOutput('image-digest', `${facts.image.digest.algorithm}:${facts.image.digest.hex}`);
    core.setOutput(`image-${facts.image.digest.algorithm}`, facts.image.digest.hex);
  }
  if (facts.accel) core.setOutput('accel', facts.accel);
  if (facts.sshPort !== undefined) core.setOutput('ssh-port', String(facts.sshPort));
  if (facts.bootSeconds !== undefined) core.setOutput('boot-seconds', facts.bootSeconds.toFixed(1));
  if (facts.start) {
    core.setOutput('start', facts.start);
    core.setOutput('template', facts.templateKey ? shortKey(facts.templateKey) : '');
  }
}

await main();
// Nothing of ours may keep the process alive after the job (timers, sockets): the runner waits on it.
process.exit();
