import { findProcessesWith } from '../../src/qemu/find-processes.js';

/** Every live QEMU whose command line mentions `marker` (e.g. a job's RUNNER_TEMP). */
export async function qemuProcessesUnder(marker: string): Promise<number[]> {
  const pids = await findProcessesWith(marker);
  const { readFile } = await import('node:fs/promises');
  const qemu: number[] = [];
  for (const pid of pids) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'latin1').catch(() => '');
    if (cmdline.startsWith('qemu-system')) qemu.push(pid);
  }
  return qemu;
}
