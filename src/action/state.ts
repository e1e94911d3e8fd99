import * as core from '@actions/core';
import type { JobState } from '../engine/pipeline.js';

/** Keys under which main hands the post step what it must clean up (read back as STATE_<key>). */
const JOB_DIRECTORY = 'job-directory';
const VM_NAME = 'vm-name';
const QEMU_PID = 'qemu-pid';
const KEPT_NAME = 'kept-name';

export function saveJobState(state: JobState): void {
  core.saveState(JOB_DIRECTORY, state.jobDirectory);
  core.saveState(VM_NAME, state.vmName);
  if (state.qemuPid !== undefined) core.saveState(QEMU_PID, String(state.qemuPid));
}

export function loadJobState(): JobState | undefined {
  const jobDirectory = core.getState(JOB_DIRECTORY);
  const vmName = core.getState(VM_NAME);
  if (!jobDirectory || !vmName) return undefined;
  const pid = Number(core.getState(QEMU_PID));
  return { jobDirectory, vmName, ...(pid > 0 ? { qemuPid: pid } : {}) };
}

/** Marks the VM as kept for later steps under `name` (the post step forgets it). */
export function saveKeptName(name: string): void {
  core.saveState(KEPT_NAME, name);
}

export function loadKeptName(): string | undefined {
  return core.getState(KEPT_NAME) || undefined;
}
