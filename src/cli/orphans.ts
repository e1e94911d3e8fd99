import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Reporter } from '../core/reporter.js';
import { stopJob } from '../engine/kept/stop-job.js';
import { isInStateDirectory } from './state-directory.js';

/**
 * A `solstice run` killed with SIGKILL cannot stop its VM (the action has a post step for that; a
 * terminal does not). Each run records its job directory with its own pid; every later command stops
 * the VMs of runs whose process is gone.
 */
const runsDirectory = (stateDirectory: string) => join(stateDirectory, 'runs');

export async function recordRun(stateDirectory: string, jobDirectory: string): Promise<void> {
  await mkdir(runsDirectory(stateDirectory), { recursive: true, mode: 0o700 });
  await writeFile(
    join(runsDirectory(stateDirectory), `${basename(jobDirectory)}.json`),
    JSON.stringify({ pid: process.pid, jobDirectory }),
    { mode: 0o600 },
  );
}

/** Called when the run ended (its VM stopped, or kept and registered by name). */
export async function forgetRun(stateDirectory: string, jobDirectory: string): Promise<void> {
  await rm(join(runsDirectory(stateDirectory), `${basename(jobDirectory)}.json`), { force: true });
}

/**
 * Stops the VMs of runs whose process no longer exists, saying so; a record naming a job directory
 * outside the state directory is not ours to act on: it is dropped with a warning.
 */
export async function stopOrphanedRuns(stateDirectory: string, reporter: Reporter): Promise<void> {
  const names = await readdir(runsDirectory(stateDirectory)).catch(() => [] as string[]);
  for (const name of names) {
    const file = join(runsDirectory(stateDirectory), name);
    const run = await readFile(file, 'utf8').then(
      (text) => JSON.parse(text) as { pid: number; jobDirectory: string },
      () => undefined,
    );
    if (run && isAlive(run.pid)) continue;
    if (run && !(await isInStateDirectory(stateDirectory, run.jobDirectory))) {
      reporter.warning(
        `Ignored the run record ${file}: its job directory ${run.jobDirectory} is outside ${stateDirectory}, so nothing was stopped or removed.`,
      );
    } else if (run) {
      await stopJob(run.jobDirectory);
      reporter.warning(`Stopped the VM of an earlier 'solstice run' that was killed (${run.jobDirectory}).`);
    }
    await rm(file, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
