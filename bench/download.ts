/**
 * Section c: a 512 MiB download from 127.0.0.1 — the action's downloader (sha256 in the same pass) vs
 * curl (no hashing), interleaved, each in its own process so neither shares the server's event loop.
 * The downloader runs as esbuild bundles it for dist/ (its worker and undici included), not from src/.
 * Two references put the ratio in context: curl followed by `openssl dgst -sha256` of the file (what a
 * download-then-verify tool costs), and both tools again with the server paced to a network's speed
 * (where the runner's network, not its CPU, is the limit).
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
  /** curl+sha256: curl -o, then openssl dgst -sha256 of the file (two passes). */
  tool: 'action' | 'baseline' | 'curl' | 'curl+sha256';
  mbPerS: number;
  /** The server's pace in bytes per second (absent: as fast as it can). */
  pacedBytesPerS?: number;
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
    banner: {
      js: "import { createRequire as __solsticeCreateRequire } from 'node:module';\nconst require = __solsticeCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}

async function actionDownload(
  tool: 'action' | 'baseline',
  url: string,
  destination: string,
  expected: string,
  module: string,
): Promise<DownloadRun> {
  const { code, stdout, stderr } = await run(NODE24, [
    '--import',
    'tsx',
    join(REPO_ROOT, 'bench/download-child.ts'),
    url,
    destination,
    module,
  ]);
  if (code !== 0) throw new Error(`the downloader failed: ${stderr.trim()}`);
  const result = JSON.parse(stdout) as { bytes: number; sha256: string; ms: number; cpuMs: number };
  return {
    tool,
    mbPerS: result.bytes / 1e6 / (result.ms / 1000),
    cpuS: result.cpuMs / 1000,
    digestOk: result.sha256 === expected,
  };
}

/** curl -o, then the file's sha256 by openssl (SHA-NI, the fastest hasher here): the two-pass reference. */
async function curlThenHash(url: string, destination: string, expected: string): Promise<DownloadRun> {
  const fetched = await curlDownload(url, destination);
  const startedAt = performance.now();
  const { code, stdout, stderr } = await run('openssl', ['dgst', '-sha256', '-r', destination]);
  if (code !== 0) throw new Error(`openssl failed: ${stderr.trim()}`);
  const hashS = (performance.now() - startedAt) / 1000;
  const seconds = PAYLOAD_BYTES / 1e6 / fetched.mbPerS + hashS;
  return { tool: 'curl+sha256', mbPerS: PAYLOAD_BYTES / 1e6 / seconds, digestOk: stdout.split(' ')[0] === expected };
}

async function curlDownload(url: string, destination: string): Promise<DownloadRun> {
  // /usr/bin/time gives curl's CPU; curl's own time_total excludes process start, like the child's timer.
  const timed = existsSync('/usr/bin/time');
  const curlArgs = ['-s', '-o', destination, '-w', '%{size_download} %{time_total}\n', url];
  const { code, stdout, stderr } = timed
    ? await run('/usr/bin/time', ['-f', 'CPU %U %S', 'curl', ...curlArgs])
    : await run('curl', curlArgs);
  if (code !== 0) throw new Error(`curl failed: ${stderr.trim()}`);
  const [size, total] = stdout.trim().split(' ').map(Number) as [number, number];
  const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(stderr);
  return { tool: 'curl', mbPerS: size / 1e6 / total, ...(cpu ? { cpuS: Number(cpu[1]) + Number(cpu[2]) } : {}) };
}

/**
 * `baselineModule`: another version's download.ts, measured in the same rounds. `pacedRates`: server
 * paces (bytes per second) at which the action and curl are measured again, after the unpaced rounds.
 */
export async function downloadSection(
  workDir: string,
  rounds: number,
  log: (line: string) => void,
  baselineModule?: string,
  pacedRates: number[] = [],
): Promise<DownloadRun[]> {
  const payload = randomFillSync(Buffer.allocUnsafe(PAYLOAD_BYTES));
  const expected = createHash('sha256').update(payload).digest('hex');
  const server = await countingServer({ '/payload.bin': payload });
  const destination = join(workDir, 'download.bin');
  const runs: DownloadRun[] = [];
  const ours = await bundleDownloader(join(REPO_ROOT, 'src/image/download.ts'), join(workDir, 'download-action.mjs'));
  const theirs = baselineModule && (await bundleDownloader(baselineModule, join(workDir, 'download-baseline.mjs')));
  try {
    const measure = async (tool: DownloadRun['tool'], pace: number | undefined): Promise<DownloadRun> => {
      await rm(destination, { force: true });
      const url = server.url(pace ? `/payload.bin?rate=${pace}` : '/payload.bin');
      if (tool === 'curl') return curlDownload(url, destination);
      if (tool === 'curl+sha256') return curlThenHash(url, destination, expected);
      return actionDownload(tool, url, destination, expected, tool === 'baseline' ? theirs! : ours);
    };
    const unpaced: DownloadRun['tool'][] = [
      'action',
      'curl',
      ...(baselineModule ? ['baseline' as const] : []),
      'curl+sha256',
    ];
    for (const pace of [undefined, ...pacedRates]) {
      const tools: DownloadRun['tool'][] = pace ? ['action', 'curl'] : unpaced;
      const label = pace ? ` paced at ${(pace / 1e6).toFixed(0)} MB/s` : '';
      // Round 0 warms up and is not counted: it pages in the server's payload and the memory the page
      // cache and the clients will use (this VM's host takes back memory the guest frees — virtio-balloon
      // free page reporting — and the first process to touch it again pays for it).
      for (let round = pace ? 1 : 0; round <= rounds; round++) {
        // A B A B …, rotating who goes first so a slow moment of the machine does not favour one side.
        for (let index = 0; index < tools.length; index++) {
          const tool = tools[(index + round - 1 + tools.length) % tools.length]!;
          const result = { ...(await measure(tool, pace)), ...(pace ? { pacedBytesPerS: pace } : {}) };
          if (round === 0) {
            log(`download warm-up ${tool}: ${result.mbPerS.toFixed(0)} MB/s (not counted)`);
            continue;
          }
          runs.push(result);
          log(
            `download${label} ${round}/${rounds} ${tool}: ${result.mbPerS.toFixed(0)} MB/s${result.cpuS !== undefined ? `, ${result.cpuS.toFixed(2)} CPU s` : ''}${result.digestOk === false ? ' DIGEST WRONG' : ''}`,
          );
        }
      }
    }
  } finally {
    await rm(destination, { force: true });
    await server.close();
  }
  return runs;
}
