import { rm } from 'node:fs/promises';
import { findQemuProcesses } from '../../qemu/find-processes.js';
import { sleep } from '../../core/sleep.js';

/** How long killed QEMU processes get to disappear from the process table. */
const GONE_DEADLINE_MS = 5_000;

/**
 * Ends every QEMU of a job and removes its directory, without needing the process that started it:
 * the job directory is in each of its QEMU argument lists. Used after a crash (the action's post step)
 * and to stop a VM that was kept running. Returns the pids it killed.
 */
export async function stopJob(jobDirectory: string): Promise<number[]> {
  const running = await findQemuProcesses(jobDirectory);
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
  const deadline = Date.now() + GONE_DEADLINE_MS;
  while ((await findQemuProcesses(jobDirectory)).length > 0 && Date.now() < deadline) {
    await sleep(100);
  }
  await rm(jobDirectory, { recursive: true, force: true });
  return running;
}
