import { readdir, readFile } from 'node:fs/promises';

/**
 * PIDs of live processes whose command line contains `marker` (a job directory or VM name). Used by the
 * post step and by tests to prove no QEMU outlived its job, without trusting a pid file.
 */
export async function findProcessesWith(marker: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'latin1').catch(() => '');
    const state = await readFile(`/proc/${entry}/stat`, 'latin1').catch(() => '');
    if (cmdline.includes(marker) && !/^\d+ \(.*\) Z/.test(state)) found.push(Number(entry));
  }
  return found;
}
