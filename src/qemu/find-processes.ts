import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/**
 * PIDs of live QEMU processes whose command line contains `marker` (a job directory: every path QEMU
 * is given lies in it). Used by the post step and by tests to prove no QEMU outlived its job, without
 * trusting a pid file; other programs that happen to mention the directory are never matched.
 */
export async function findQemuProcesses(marker: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'latin1').catch(() => '');
    // QEMU is started by its absolute path (resolved once on a trusted PATH), or by name.
    const program = basename(cmdline.split('\0', 1)[0]!);
    if (!program.startsWith('qemu-system') || !cmdline.includes(marker)) continue;
    const state = await readFile(`/proc/${entry}/stat`, 'latin1').catch(() => '');
    if (!/^\d+ \(.*\) Z/.test(state)) found.push(Number(entry)); // a zombie is already dead
  }
  return found;
}
