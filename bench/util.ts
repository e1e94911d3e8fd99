/** Small helpers shared by the benchmark sections: statistics, timing, machine load, process checks. */
import { findQemuProcesses } from '../src/qemu/find-processes.js';
import { readFile } from 'node:fs/promises';

export const now = (): number => performance.now();
import { sleep } from '../src/core/sleep.js';

export { sleep };

export function median(values: readonly number[]): number | undefined {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median of one numeric field over runs (undefined fields are skipped). */
export function medianOf<T>(runs: readonly T[], pick: (run: T) => number | undefined): number | undefined {
  return median(runs.map(pick).filter((value): value is number => value !== undefined));
}

export const seconds = (ms: number | undefined, digits = 2): string =>
  ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(digits)} s`;
export const ratio = (value: number | undefined, digits = 3): string =>
  value === undefined ? 'n/a' : value.toFixed(digits);

/** True while `pid` is a live (not zombie) process. */
export async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'latin1').catch(() => '');
  return stat !== '' && !/^\d+ \(.*\) Z/.test(stat);
}

/** Polls until `pid` is gone; resolves with the time it was first seen gone (performance.now()). */
export async function waitGone(pid: number, pollMs = 10, timeoutMs = 30_000): Promise<number | undefined> {
  const deadline = now() + timeoutMs;
  while (now() < deadline) {
    if (!(await alive(pid))) return now();
    await sleep(pollMs);
  }
  return undefined;
}

/** When the serial console showed its first byte and the line saying sshd started (performance.now()). */
export interface ConsoleMarks {
  firstByteAt?: number;
  sshdStartedAt?: number;
}

const SSHD_STARTED = /Started (?:\S*\s*)?(?:ssh\.service|OpenBSD Secure Shell server)/;

/**
 * Polls a console log every 20 ms until `stop.done` (both sides are watched the same way, so their times
 * compare). `locate` returns the file's path once it is known (the action names its log itself).
 */
export async function watchConsole(
  locate: () => Promise<string | undefined>,
  stop: { done: boolean },
  pollMs = 20,
): Promise<ConsoleMarks> {
  const { open } = await import('node:fs/promises');
  const marks: ConsoleMarks = {};
  let text = '';
  let path: string | undefined;
  while (!stop.done && marks.sshdStartedAt === undefined) {
    path ??= await locate();
    const handle = path ? await open(path, 'r').catch(() => undefined) : undefined;
    if (handle) {
      const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(1 << 20), position: text.length });
      await handle.close();
      if (bytesRead > 0) {
        marks.firstByteAt ??= now();
        // Search only what is new (plus a margin for a line cut between reads).
        text += buffer.subarray(0, bytesRead).toString('latin1');
        if (SSHD_STARTED.test(text.slice(-bytesRead - 200))) marks.sshdStartedAt = now();
      }
    }
    await sleep(pollMs);
  }
  return marks;
}

export interface LoadSample {
  at: number;
  loadavg1: number;
  /** Share of both cores busy since the previous sample (0–1), from /proc/stat. */
  busy: number;
  /** qemu-system processes on the machine that this benchmark did not start. */
  foreignQemu: number;
}

/**
 * Samples the machine's load every few seconds while the benchmark runs: the CPU is shared with other
 * people's VM tests, so every number here must be read next to how busy the machine was.
 */
export function startLoadSampler(isOurs: (pid: number) => boolean, everyMs = 5_000): { stop: () => LoadSample[] } {
  const samples: LoadSample[] = [];
  let previous: number[] | undefined;
  const cpuTimes = async () =>
    (await readFile('/proc/stat', 'latin1')).split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const sample = async () => {
    const times = await cpuTimes();
    const loadavg1 = Number((await readFile('/proc/loadavg', 'latin1')).split(' ')[0]);
    const foreignQemu = (await findQemuProcesses('')).filter((pid) => !isOurs(pid)).length;
    if (previous) {
      const delta = times.map((value, index) => value - previous![index]!);
      const total = delta.reduce((sum, value) => sum + value, 0);
      const idle = (delta[3] ?? 0) + (delta[4] ?? 0); // idle + iowait
      samples.push({ at: Date.now(), loadavg1, busy: total > 0 ? 1 - idle / total : 0, foreignQemu });
    }
    previous = times;
  };
  void sample();
  const timer = setInterval(() => void sample(), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return samples;
    },
  };
}

export function summariseLoad(samples: readonly LoadSample[]): {
  loadavg1: [number, number, number];
  busyPercent: [number, number, number];
  foreignQemu: [number, number, number];
} {
  // Two decimals: a median of two samples is their mean (1.115, not 1.1150000000000002).
  const triple = (values: number[]): [number, number, number] =>
    [Math.min(...values), median(values) ?? NaN, Math.max(...values)].map((value) => Math.round(value * 100) / 100) as [
      number,
      number,
      number,
    ];
  return {
    loadavg1: triple(samples.map((sample) => sample.loadavg1)),
    busyPercent: triple(samples.map((sample) => Math.round(sample.busy * 100))),
    foreignQemu: triple(samples.map((sample) => sample.foreignQemu)),
  };
}
