/**
 * Runs the action's downloader once in its own process (as in the action: its own event loop and
 * threads, the server elsewhere) and prints { bytes, sha256, ms, cpuMs } as JSON.
 *   node --import tsx bench/download-child.ts <url> <destination> [download module: a bundle or another download.ts]
 * Without a module it runs src/image/download.ts; only the module used is loaded.
 */
import { pathToFileURL } from 'node:url';
import type { Reporter } from '../src/core/reporter.js';

type Downloader = typeof import('../src/image/download.js');
const [url, destination, module] = process.argv.slice(2) as [string, string, string | undefined];
const { downloadToFile } = (await import(
  module ? pathToFileURL(module).href : '../src/image/download.js'
)) as Downloader;
const quiet: Reporter = {
  info() {},
  notice() {},
  warning() {},
  debug() {},
  startGroup() {},
  endGroup() {},
  guestLine() {},
};
const cpuBefore = process.cpuUsage();
const startedAt = performance.now();
const result = await downloadToFile(url, destination, {
  reporter: quiet,
  stallTimeoutMs: 60_000,
  progressIntervalMs: 5_000,
});
const ms = performance.now() - startedAt;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({ bytes: result.bytes, sha256: result.sha256, ms, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);
