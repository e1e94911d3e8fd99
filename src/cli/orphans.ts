import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { stopJob } from '../engine/stop-job.js';

/**
 * A `solstice run` killed with SIGKILL cannot stop its VM (the action has a post step for that; a
 * terminal does not). Each run records its job directory with its own pid; every later command stops
 * the VMs of runs whose process is gone.
 */
const runsDirectory = (stateDirectory: string) => join(stateDirectory, 'runs');

export async function recordRun(stateDirectory: string, jobDirectory: string): Promise<void> {
  await mkdir(runsDirectory(stateDirectory), { recursive: true, mode: 0o700 });
  await writeFile(join(runsDirectory(stateDirectory), `${basename(jobDirectory)}.json`), JSON.stringify({ pid: process.pid, jobDirectory }), { mode: 0o600 });
}

/** Called when the run ended (its VM stopped, or kept and registered by name). */
export async function forgetRun(stateDirectory: string, jobDirectory: string): Promise<void> {
  await rm(join(runsDirectory(stateDirectory), `${basename(jobDirectory)}.json`), { force: true });
}

/** Stops the VMs of runs whose process no longer exists; returns their job directories. */
export async function stopOrphanedRuns(stateDirectory: string): Promise<string[]> {
  const names = await readdir(runsDirectory(stateDirectory)).catch(() => [] as string[]);
  const stopped: string[] = [];
  for (const name of names) {
    const file = join(runsDirectory(stateDirectory), name);
    const run = await readFile(file, 'utf8').then((text) => JSON.parse(text) as { pid: number; jobDirectory: string }, () => undefined);
    if (run && isAlive(run.pid)) continue;
    if (run) {
      await stopJob(run.jobDirectory);
      stopped.push(run.jobDirectory);
    }
    await rm(file, { force: true });
  }
  return stopped;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
