/**
 * The action's post step (runs even after a cancelled or killed main step): makes sure the job's QEMU
 * is gone and its directory removed, using what main saved as state.
 */
import { rm } from 'node:fs/promises';
import * as core from '@actions/core';
import { tmpdir } from 'node:os';
import { loadJobDirectory, loadKeptName } from './action/state.js';
import { forgetKeptVm } from './engine/kept-vm.js';
import { sleep } from './engine/sleep.js';
import { findQemuProcesses } from './qemu/find-processes.js';

async function post(): Promise<void> {
  const jobDirectory = loadJobDirectory();
  if (!jobDirectory) {
    core.info('Nothing to clean up.');
    return;
  }
  // The job directory is in every QEMU argument list of this job: find them by it, not by a pid file.
  const leftovers = await findQemuProcesses(jobDirectory);
  for (const pid of leftovers) {
    core.warning(`A QEMU process of this job (pid ${pid}) was still running after the main step; killing it.`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
  const deadline = Date.now() + 5_000;
  while ((await findQemuProcesses(jobDirectory)).length > 0 && Date.now() < deadline) {
    await sleep(100);
  }
  await rm(jobDirectory, { recursive: true, force: true });
  const keptName = loadKeptName();
  if (keptName) {
    await forgetKeptVm(process.env['RUNNER_TEMP'] || tmpdir(), keptName);
    core.info(`Stopped the kept VM '${keptName}'.`);
  }
  core.info(leftovers.length === 0 ? 'Clean: no VM of this job is running and its directory is gone.' : `Stopped ${leftovers.length} leftover QEMU process(es) and removed the job directory.`);
}

try {
  await post();
} catch (error) {
  core.warning(`Cleanup failed: ${(error as Error).message}`);
}
