/**
 * The action's post step (runs even after a cancelled or killed main step): makes sure the job's QEMU
 * is gone and its directory removed, using what main saved as state; then saves in the Actions cache
 * the images and packed templates main listed (it lists them only after a successful job).
 */
import * as core from '@actions/core';
import { tmpdir } from 'node:os';
import { rm } from 'node:fs/promises';
import {
  loadImagesToSave,
  loadJobCacheDirectory,
  loadJobDirectory,
  loadKeptName,
  loadTemplatesToSave,
} from './state.js';
import { saveImages } from './actions-cache.js';
import { transfersMarkdown } from './actions-cache-client.js';
import { saveTemplates } from './actions-cache-templates.js';
import { WorkflowReporter } from './workflow-reporter.js';
import { forgetKeptVm } from '../engine/kept/kept-vm.js';
import { stopJob } from '../engine/kept/stop-job.js';

async function post(): Promise<void> {
  const jobDirectory = loadJobDirectory();
  if (!jobDirectory) {
    core.info('Nothing to clean up.');
    return;
  }
  const keptName = loadKeptName();
  const killed = await stopJob(jobDirectory);
  if (!keptName) {
    for (const pid of killed)
      core.warning(`A QEMU process of this job (pid ${pid}) was still running after the main step; killed it.`);
  }
  if (keptName) {
    await forgetKeptVm(process.env['RUNNER_TEMP'] || tmpdir(), keptName);
    core.info(`Stopped the kept VM '${keptName}'.`);
  }
  core.info(
    killed.length === 0 || keptName
      ? 'Clean: no VM of this job is running and its directory is gone.'
      : `Stopped ${killed.length} leftover QEMU process(es) and removed the job directory.`,
  );
}

/** A failed save is a warning: the job's result does not depend on the cache. */
async function saveInActionsCache(): Promise<void> {
  const images = loadImagesToSave();
  const templates = loadTemplatesToSave();
  if (images.length === 0 && templates.length === 0) return;
  const reporter = new WorkflowReporter();
  const saves = [...(await saveImages(images, reporter)), ...(await saveTemplates(templates, reporter))];
  await core.summary
    .addRaw(transfersMarkdown(saves))
    .write()
    .catch(() => {}); // no summary file (a run outside a workflow): the log has the same lines
}

try {
  await post();
} catch (error) {
  core.warning(`Cleanup failed: ${(error as Error).message}`);
}
try {
  // cache: none: the images of this job alone go with it (its VMs are stopped by now).
  const jobCache = loadJobCacheDirectory();
  if (jobCache) await rm(jobCache, { recursive: true, force: true });
} catch (error) {
  core.warning(`Removing the job's image cache failed: ${(error as Error).message}`);
}
try {
  await saveInActionsCache();
} catch (error) {
  core.warning(`Saving in the Actions cache failed: ${(error as Error).message}`);
}
// A save given up at its deadline may still hold sockets: the runner waits on the process.
process.exit();
