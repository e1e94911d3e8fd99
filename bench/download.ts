/**
 * Section c: a 512 MiB download from 127.0.0.1 — the action's downloader (sha256 in the same pass) vs
 * curl (no hashing), interleaved, each in its own process so neither shares the server's event loop.
 * The downloader runs as esbuild bundles it for dist/ (its worker and undici included), not from src/.
 */
import { spawn } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { NODE24, REPO_ROOT } from '../test/helpers/action-runner.js';
import { countingServer } from './http.js';

export interface DownloadRun {
  tool: 'action' | 'baseline' | 'curl';
  mbPerS: number;
  /** CPU seconds the client spent (user + system). */
  cpuS?: number;
  digestOk?: boolean;
}

const PAYLOAD_BYTES = 512 * 2 ** 20;

function run(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Bundles a download.ts the way scripts/bundle.mjs bundles the action (ESM for Node, require shimmed). */
async function bundleDownloader(source: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['cpu-features', '*.node'],
    banner: { js: "import { createRequire as __solsticeCreateRequire } from 'node:module';\nconst require = __solsticeCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}

async function actionDownload(tool: 'action' | 'baseline', url: string, destination: string, expected: string, module: string): Promise<DownloadRun> {
  const { code, stdout, stderr } = await run(NODE24, ['--import', 'tsx', join(REPO_ROOT, 'bench/download-child.ts'), url, destination, module]);
  if (code !== 0) throw new Error(`the downloader failed: ${stderr.trim()}`);
  const result = JSON.parse(stdout) as { bytes: number; sha256: string; ms: number; cpuMs: number };
  return { tool, mbPerS: result.bytes / 1e6 / (result.ms / 1000), cpuS: result.cpuMs / 1000, digestOk: result.sha256 === expected };
}

async function curlDownload(url: string, destination: string): Promise<DownloadRun> {
  // /usr/bin/time gives curl's CPU; curl's own time_total excludes process start, like the child's timer.
  const timed = existsSync('/usr/bin/time');
  const curlArgs = ['-s', '-o', destination, '-w', '%{size_download} %{time_total}\n', url];
  const { code, stdout, stderr } = timed ? await run('/usr/bin/time', ['-f', 'CPU %U %S', 'curl', ...curlArgs]) : await run('curl', curlArgs);
  if (code !== 0) throw new Error(`curl failed: ${stderr.trim()}`);
  const [size, total] = stdout.trim().split(' ').map(Number) as [number, number];
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(stderr);
  return { tool: 'curl', mbPerS: size / 1e6 / total, ...(cpu ? { cpuS: Number(cpu[1]) + Number(cpu[2]) } : {}) };
}

/** `baselineModule`: another version's download.ts, measured in the same rounds. */
export async function downloadSection(workDir: string, rounds: number, log: (line: string) => void, baselineModule?: string): Promise<DownloadRun[]> {
  const payload = randomFillSync(Buffer.allocUnsafe(PAYLOAD_BYTES));
  const expected = createHash('sha256').update(payload).digest('hex');
  const server = await countingServer({ '/payload.bin': payload });
  const destination = join(workDir, 'download.bin');
  const runs: DownloadRun[] = [];
  const ours = await bundleDownloader(join(REPO_ROOT, 'src/image/download.ts'), join(workDir, 'download-action.mjs'));
  const theirs = baselineModule && await bundleDownloader(baselineModule, join(workDir, 'download-baseline.mjs'));
  try {
    for (let round = 1; round <= rounds; round++) {
      // A B A B …, rotating who goes first so a slow moment of the machine does not favour one side.
      const tools: DownloadRun['tool'][] = baselineModule ? ['action', 'curl', 'baseline'] : ['action', 'curl'];
      for (let index = 0; index < tools.length; index++) {
        const tool = tools[(index + round - 1) % tools.length]!;
        await rm(destination, { force: true });
        const url = server.url('/payload.bin');
        const result = tool === 'curl' ? await curlDownload(url, destination) : await actionDownload(tool, url, destination, expected, tool === 'baseline' ? theirs! : ours);
        runs.push(result);
        log(`download ${round}/${rounds} ${tool}: ${result.mbPerS.toFixed(0)} MB/s${result.cpuS !== undefined ? `, ${result.cpuS.toFixed(2)} CPU s` : ''}${result.digestOk === false ? ' DIGEST WRONG' : ''}`);
      }
    }
  } finally {
    await rm(destination, { force: true });
    await server.close();
  }
  return runs;
}
