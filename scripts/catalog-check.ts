/**
 * Checks the image catalog against its publishers: `npm run catalog:check [-- --download] [names…]`.
 * Needs internet access, so CI does not run it; run it when editing catalog/images.json and now and
 * then to notice moved or retired images.
 *
 * For every entry and arch: fetches the checksum file, finds the image's digest in it and checks it
 * has the format and algorithm the catalog declares; then asks for the image itself (HEAD, or a
 * one-byte ranged GET where HEAD is refused). With --download it also downloads the image (into a
 * temporary directory, removed afterwards) and verifies the digest. Names limit the check to those
 * entries. Prints one OK/FAIL row per image and exits 1 when any failed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, type CatalogImage } from '../src/catalog/catalog.js';
import { silentReporter, type Reporter } from '../src/core/reporter.js';
import { inspectChecksumFile } from '../src/image/checksum-file.js';
import { formatBytes } from '../src/core/format.js';
import { downloadToFile } from '../src/image/download.js';
import { ARCHES, type Digest } from '../src/core/vocabulary.js';

/** A publisher that has not answered by then is reported, not waited for. */
const REQUEST_TIMEOUT_MS = 20_000;
/** Checks of checksum files and HEADs run this many at a time (downloads run one at a time). */
const PARALLEL_CHECKS = 4;

interface Job {
  name: string;
  arch: string;
  image: CatalogImage;
}

interface Outcome {
  ok: boolean;
  detail: string;
}

const args = process.argv.slice(2);
const download = args.includes('--download');
const wanted = args.filter((arg) => arg !== '--download');
const entries = loadCatalog();
const unknown = wanted.filter((name) => !entries.some((entry) => entry.name === name));
if (unknown.length > 0 || wanted.some((name) => name.startsWith('-'))) {
  console.error(`Usage: npm run catalog:check -- [--download] [name…]. Unknown: ${unknown.join(', ')}.`);
  process.exit(2);
}

const jobs: Job[] = entries
  .filter((entry) => wanted.length === 0 || wanted.includes(entry.name))
  .flatMap((entry) =>
    ARCHES.flatMap((arch) => (entry.images[arch] ? [{ name: entry.name, arch, image: entry.images[arch] }] : [])),
  );

console.error(`Checking ${jobs.length} images${download ? ', downloading each' : ''}…`);
const outcomes = await runAll(jobs, download ? 1 : PARALLEL_CHECKS, (job) => check(job));
printTable(jobs, outcomes);
const failed = outcomes.filter((outcome) => !outcome.ok).length;
console.log(`\n${jobs.length - failed} OK, ${failed} FAIL`);
process.exitCode = failed > 0 ? 1 : 0;

async function check(job: Job): Promise<Outcome> {
  try {
    const digest = await expectedDigest(job.image);
    const size = await probe(job.image.url);
    const shown = `${digest.algorithm}:${digest.hex.slice(0, 12)}…, image ${size}`;
    if (download) await verifyDownload(job, digest);
    return { ok: true, detail: download ? `${shown}, downloaded and verified` : shown };
  } catch (error) {
    return { ok: false, detail: reason(error) };
  }
}

/** The digest the catalog points at, with the checksum file checked against what the catalog declares. */
async function expectedDigest(image: CatalogImage): Promise<Digest> {
  const { checksum } = image;
  if (checksum.kind === 'pinned') return checksum.digest;
  const response = await request('checksum file', checksum.url, 'GET');
  if (!response.ok) throw new Error(`checksum file ${checksum.url}: HTTP ${response.status}`);
  const found = inspectChecksumFile(await response.text(), checksum.fileName, checksum.url);
  const declared = { format: checksum.format, clearsigned: checksum.clearsigned, algorithm: checksum.algorithm };
  const actual = { format: found.format, clearsigned: found.clearsigned, algorithm: found.digest.algorithm };
  for (const key of ['format', 'clearsigned', 'algorithm'] as const) {
    if (declared[key] !== actual[key]) {
      throw new Error(
        `checksum file ${checksum.url}: ${key} is ${String(actual[key])}, the catalog says ${String(declared[key])}`,
      );
    }
  }
  return found.digest;
}

/** The image exists: its size from HEAD, or from a one-byte ranged GET where HEAD is refused. */
async function probe(url: string): Promise<string> {
  let response = await request('image', url, 'HEAD');
  if (!response.ok) {
    response = await request('image', url, 'GET', { range: 'bytes=0-0' });
    await response.body?.cancel();
  }
  if (!response.ok) throw new Error(`image ${url}: HTTP ${response.status}`);
  const total = response.headers.get('content-range')?.split('/')[1] ?? response.headers.get('content-length');
  return total && /^\d+$/.test(total) ? formatBytes(Number(total)) : 'of unknown size';
}

async function verifyDownload(job: Job, digest: Digest): Promise<void> {
  const { image } = job;
  if (image.compression !== 'none' && image.digestOf === 'uncompressed' && !image.archive) {
    throw new Error(
      `the digest is of the decompressed image; this script does not decompress .${image.compression}: verify ${image.url} by hand`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'solstice-catalog-check-'));
  try {
    // An archive is unpacked as a job would (so a missing or doubled member fails here too); the digest
    // may be of the download (the result's `compressed`) or of the member.
    const result = await downloadToFile(image.url, join(dir, 'image'), {
      reporter: progressReporter(`${job.name} ${job.arch}`),
      stallTimeoutMs: 60_000,
      progressIntervalMs: 10_000,
      sha512: digest.algorithm === 'sha512',
      ...(image.archive ? { compression: image.compression, archive: image.archive } : {}),
      ...(image.maxSize !== undefined ? { maxBytes: image.maxSize } : {}),
    });
    const digests = image.archive && image.digestOf === 'compressed' ? result.compressed! : result;
    const actual = digest.algorithm === 'sha512' ? digests.sha512 : digests.sha256;
    if (actual !== digest.hex)
      throw new Error(`download of ${image.url}: ${digest.algorithm} is ${actual}, expected ${digest.hex}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** fetch with a deadline; a failure says what was being fetched. */
async function request(
  what: string,
  url: string,
  method: 'GET' | 'HEAD',
  headers: Record<string, string> = {},
): Promise<Response> {
  try {
    return await fetch(url, {
      method,
      headers: { 'user-agent': 'solstice-catalog-check', ...headers },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`${what} ${url}`, { cause: error });
  }
}

function progressReporter(label: string): Reporter {
  const say = (message: string): void => console.error(`  ${label}: ${message}`);
  return { ...silentReporter, info: say, progress: say, warning: say };
}

/** fetch says only "fetch failed"; the reason (DNS, refused, TLS, timeout) is further down the cause chain. */
function reason(error: unknown): string {
  const parts: string[] = [];
  for (let cause: unknown = error; cause instanceof Error && parts.length < 4; cause = cause.cause) {
    if (cause.name === 'TimeoutError') parts.push(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`);
    else if (cause.message !== 'fetch failed') parts.push(cause.message);
  }
  return parts.length > 0 ? parts.join(': ') : String(error);
}

async function runAll<T, R>(items: readonly T[], parallel: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

function printTable(rows: readonly Job[], results: readonly Outcome[]): void {
  const nameWidth = Math.max(...rows.map((row) => row.name.length));
  const archWidth = Math.max(...rows.map((row) => row.arch.length));
  rows.forEach((row, index) => {
    const outcome = results[index]!;
    console.log(
      `${row.name.padEnd(nameWidth)}  ${row.arch.padEnd(archWidth)}  ${outcome.ok ? 'OK  ' : 'FAIL'}  ${outcome.detail}`,
    );
  });
}
