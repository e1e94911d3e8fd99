import * as core from '@actions/core';

/** Keys under which main hands the post step what it must clean up (read back as STATE_<key>). */
const JOB_DIRECTORY = 'job-directory';
const KEPT_NAME = 'kept-name';

/** Saved as soon as the job directory exists: the post step finds the job's QEMU by it. */
export function saveJobDirectory(jobDirectory: string): void {
  core.saveState(JOB_DIRECTORY, jobDirectory);
}

export function loadJobDirectory(): string | undefined {
  return core.getState(JOB_DIRECTORY) || undefined;
}

/** Marks the VM as kept for later steps under `name` (the post step forgets it). */
export function saveKeptName(name: string): void {
  core.saveState(KEPT_NAME, name);
}

export function loadKeptName(): string | undefined {
  return core.getState(KEPT_NAME) || undefined;
}
