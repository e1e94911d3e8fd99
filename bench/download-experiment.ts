/**
 * Experiment behind src/image/download.ts (not part of `npm run bench`): ways to receive + write + hash
 * a large HTTP body in Node, each measured against `curl -o` in the same rounds (rotating order), from
 * the bench's server (bench/http.ts, body sent from memory) on 127.0.0.1, each client in its own Node 24
 * process. Prints MB/s, the ratio to curl in the same round, client CPU s and the server's CPU s.
 *
 *   npx tsx bench/download-experiment.ts [--rounds 3] [--mib 600] [--variants 'curl;action;undici-transfer@FREE=1']
 *
 * Variants are separated by ';' (or ','); `name@K=V,K=V` sets environment variables for that variant's
 * child. Clients: http (node:http), undici (undici.request), fetch (web stream reader), onread (node:http
 * over a socket reading into one reused buffer, re-emitting 'data': an experiment only). Modes:
 *   curl                 curl -s -o FILE (no hashing)
 *   <client>-discard     receive only
 *   <client>-hash        sha256 on the main thread, nothing written
 *   <client>-write       batches written with writevSync on the main thread, no hash
 *   <client>-inline      hash + writevSync, all on the main thread
 *   <client>-transfer    batches transferred to a worker that hashes, then writev()s each batch
 *                        (env BATCH bytes per batch, GROUP bytes hashed-then-written at a time,
 *                        INFLIGHT bytes before reading pauses, FREE=1 frees each batch with transfer(0))
 *   <client>-split       the worker hashes; the write goes to the libuv threadpool (pwritev)
 *   <client>-sab         chunks copied into a SharedArrayBuffer ring; a worker hashes and writes spans
 *   <client>-behind      the main thread writes; a worker preads the file behind it (page cache) and hashes
 *   worker-<http|undici>-discard   receive only, in a worker (a small heap)
 *   pipe-<http|undici>   receive in a worker that transfers batches to a hashing/writing worker
 *   action / action512   src/image/download.ts, or the module in ACTION_MODULE (e.g. an esbuild bundle)
 * THREADS=1 prints each child's CPU per thread (from /proc) on stderr; PRIME=MiB allocates and drops one
 * buffer first (glibc's trim threshold).
 */
import { spawn } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, writevSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MessageChannel, Worker } from 'node:worker_threads';
import { NODE24, REPO_ROOT } from '../test/helpers/action-runner.js';
import { countingServer } from './http.js';

const SELF = join(REPO_ROOT, 'bench/download-experiment.ts');

// ---------------------------------------------------------------- child side

const TRANSFER_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { writevSync } = require('node:fs');
const hashes = workerData.algorithms.map((a) => createHash(a));
const group = workerData.group;
let written = 0;
function writeAll(list) {
  let rest = list;
  while (rest.length > 0) {
    let count = writevSync(workerData.fd, rest);
    while (rest.length > 0 && count >= rest[0].byteLength) count -= rest.shift().byteLength;
    if (count > 0) rest[0] = rest[0].subarray(count);
  }
}
parentPort.on('message', (batch) => {
  if (batch === null) return parentPort.postMessage({ digests: hashes.map((h) => h.digest('hex')) });
  let start = 0;
  while (start < batch.length) {
    let end = start, size = 0;
    while (end < batch.length && (end === start || size < group)) size += batch[end++].byteLength;
    const part = batch.slice(start, end);
    for (const chunk of part) for (const h of hashes) h.update(chunk);
    if (workerData.fd >= 0) writeAll(part);
    written += size;
    start = end;
  }
  // Frees each chunk's memory now (ArrayBuffer.prototype.transfer, Node ≥ 21) rather than at a GC.
  if (workerData.free) for (const chunk of batch) chunk.buffer.transfer?.(0);
  parentPort.postMessage({ written });
});
`;

/** Hashes each batch, then hands it to the libuv threadpool to write (pwritev) while it hashes the next. */
const SPLIT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { writev } = require('node:fs');
const hashes = workerData.algorithms.map((a) => createHash(a));
let position = 0;
let written = 0;
let pending = 0;
let finishing = false;
function done() {
  if (finishing && pending === 0) parentPort.postMessage({ digests: hashes.map((h) => h.digest('hex')) });
}
function write(batch, at, size) {
  pending++;
  writev(workerData.fd, batch, at, (error, count) => {
    if (error) throw error;
    if (count < size) {
      let rest = batch.slice();
      let c = count;
      while (rest.length > 0 && c >= rest[0].byteLength) c -= rest.shift().byteLength;
      if (c > 0) rest[0] = rest[0].subarray(c);
      pending--;
      return write(rest, at + count, size - count);
    }
    pending--;
    written += size;
    parentPort.postMessage({ written });
    done();
  });
}
parentPort.on('message', (batch) => {
  if (batch === null) { finishing = true; return done(); }
  let size = 0;
  for (const chunk of batch) { for (const h of hashes) h.update(chunk); size += chunk.byteLength; }
  write(batch, position, size);
  position += size;
});
`;

/** Ring: ctrl[0] = head (bytes produced, mod 2R), ctrl[1] = tail (consumed, mod 2R), ctrl[2] = done. */
const SAB_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { writeSync } = require('node:fs');
const { ring, ctrlBuffer, size, fd, algorithms, maxSpan } = workerData;
const ctrl = new Int32Array(ctrlBuffer);
const data = Buffer.from(ring);
const hashes = algorithms.map((a) => createHash(a));
const wrap = 2 * size;
let tail = 0;
for (;;) {
  let head = Atomics.load(ctrl, 0);
  if (head === tail) {
    if (Atomics.load(ctrl, 2) === 1 && Atomics.load(ctrl, 0) === tail) break;
    Atomics.wait(ctrl, 0, head, 50);
    continue;
  }
  let available = (head - tail + wrap) % wrap;
  while (available > 0) {
    const start = tail % size;
    const span = Math.min(available, size - start, maxSpan);
    const view = data.subarray(start, start + span);
    for (const h of hashes) h.update(view);
    if (fd >= 0) {
      let off = 0;
      while (off < span) off += writeSync(fd, view, off, span - off);
    }
    tail = (tail + span) % wrap;
    available -= span;
    Atomics.store(ctrl, 1, tail);
    Atomics.notify(ctrl, 1);
  }
}
parentPort.postMessage({ digests: hashes.map((h) => h.digest('hex')) });
`;

/** Reads the file behind the writer (page cache) and hashes it; told how far the file is written. */
const BEHIND_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readSync } = require('node:fs');
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(workerData.span);
let hashed = 0;
let written = 0;
let done = false;
function drain() {
  while (hashed < written) {
    const n = readSync(workerData.fd, buffer, 0, Math.min(buffer.length, written - hashed), hashed);
    if (n === 0) throw new Error('short read');
    hash.update(buffer.subarray(0, n));
    hashed += n;
  }
  parentPort.postMessage({ hashed });
  if (done) parentPort.postMessage({ digests: [hash.digest('hex')] });
}
parentPort.on('message', (m) => {
  written = m.written;
  done = m.done;
  drain();
});
`;

/** Receives in a worker (a small heap: cheap major GCs) and drops the chunks: the receive cost alone. */
const RECEIVE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
let bytes = 0;
const done = () => parentPort.postMessage({ bytes });
if (workerData.client === 'undici') {
  const { request } = require(workerData.undici);
  request(workerData.url).then((res) => { res.body.on('data', (c) => (bytes += c.byteLength)); res.body.on('end', done); });
} else {
  http.get(workerData.url, { agent: false }, (res) => { res.on('data', (c) => (bytes += c.byteLength)); res.on('end', done); });
}
`;

/** Receives in a worker and transfers batches straight to the hashing/writing worker over a MessageChannel. */
const PIPE_RECEIVER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const port = workerData.port;
let bytes = 0, posted = 0, written = 0, batch = [], size = 0, body, paused = false;
port.on('message', (m) => {
  if (m.written !== undefined) { written = m.written; if (paused && posted - written <= 16 << 20) { paused = false; body.resume(); } }
  if (m.digests) parentPort.postMessage({ bytes, digests: m.digests });
});
const flush = () => {
  if (size === 0) return;
  const owned = batch.map((c) => (c.byteOffset === 0 && c.byteLength === c.buffer.byteLength ? c : Buffer.from(Uint8Array.prototype.slice.call(c).buffer)));
  port.postMessage(owned, owned.map((c) => c.buffer));
  posted += size; batch = []; size = 0;
};
const onBody = (b) => {
  body = b;
  b.on('data', (c) => {
    bytes += c.byteLength; batch.push(c); size += c.byteLength;
    if (size >= (2 << 20) || batch.length >= 512) flush();
    if (!paused && posted - written > 32 << 20) { paused = true; b.pause(); }
  });
  b.on('end', () => { flush(); port.postMessage(null); });
};
if (workerData.client === 'undici') require(workerData.undici).request(workerData.url).then((res) => onBody(res.body));
else http.get(workerData.url, { agent: false }, onBody);
`;
const PIPE_HASHER = `
const { workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { writevSync } = require('node:fs');
const port = workerData.port;
const hash = createHash('sha256');
let written = 0;
port.on('message', (batch) => {
  if (batch === null) { port.postMessage({ digests: [hash.digest('hex')] }); return; }
  for (const chunk of batch) { hash.update(chunk); written += chunk.byteLength; }
  let rest = batch;
  while (rest.length > 0) {
    let count = writevSync(workerData.fd, rest);
    while (rest.length > 0 && count >= rest[0].byteLength) count -= rest.shift().byteLength;
    if (count > 0) rest[0] = rest[0].subarray(count);
  }
  port.postMessage({ written });
});
`;

interface Sink {
  /** Takes a chunk the caller will not touch again. */
  push(chunk: Buffer): void;
  /** Resolves when the producer may continue (backpressure). */
  ready(): boolean;
  waitReady(): Promise<void>;
  finish(): Promise<string>;
}

function transferSink(fd: number, batchBytes: number, source = TRANSFER_WORKER): Sink {
  const inFlight = Number(process.env['INFLIGHT'] ?? 32 << 20);
  const worker = new Worker(source, { eval: true, workerData: { fd, algorithms: ['sha256'], group: Number(process.env['GROUP'] ?? 1 << 30), free: process.env['FREE'] === '1' } });
  let posted = 0;
  let written = 0;
  let batch: Buffer[] = [];
  let size = 0;
  let digest: ((value: string) => void) | undefined;
  let waiter: (() => void) | undefined;
  worker.on('message', (m: { written?: number; digests?: string[] }) => {
    if (m.written !== undefined) written = m.written;
    if (m.digests) digest?.(m.digests[0]!);
    if (waiter && posted - written <= inFlight / 2) {
      const w = waiter;
      waiter = undefined;
      w();
    }
  });
  const flush = () => {
    if (size === 0) return;
    const owned = batch.map((c) => (c.byteOffset === 0 && c.byteLength === c.buffer.byteLength ? c : Buffer.from(Uint8Array.prototype.slice.call(c).buffer)));
    worker.postMessage(owned, owned.map((c) => c.buffer as ArrayBuffer));
    posted += size;
    batch = [];
    size = 0;
  };
  return {
    push(chunk) {
      batch.push(chunk);
      size += chunk.byteLength;
      if (size >= batchBytes || batch.length >= 512) flush();
    },
    ready: () => posted - written <= inFlight,
    waitReady: () => new Promise((resolve) => (waiter = resolve)),
    async finish() {
      flush();
      const result = new Promise<string>((resolve) => (digest = resolve));
      worker.postMessage(null);
      const hex = await result;
      await worker.terminate();
      return hex;
    },
  };
}

function sabSink(fd: number, ringBytes: number, maxSpan: number): Sink {
  const ring = new SharedArrayBuffer(ringBytes);
  const ctrlBuffer = new SharedArrayBuffer(16);
  const ctrl = new Int32Array(ctrlBuffer);
  const data = Buffer.from(ring);
  const wrap = 2 * ringBytes;
  const worker = new Worker(SAB_WORKER, { eval: true, workerData: { ring, ctrlBuffer, size: ringBytes, fd, algorithms: ['sha256'], maxSpan } });
  let head = 0;
  let digest: ((value: string) => void) | undefined;
  worker.on('message', (m: { digests?: string[] }) => m.digests && digest?.(m.digests[0]!));
  const free = () => ringBytes - ((head - Atomics.load(ctrl, 1) + wrap) % wrap);
  return {
    push(chunk) {
      // The caller checked ready() for a 64 KiB chunk; bigger ones wait here (the experiment's chunks are ≤ 1 MiB).
      while (free() < chunk.byteLength) Atomics.wait(ctrl, 1, Atomics.load(ctrl, 1), 10);
      const start = head % ringBytes;
      const first = Math.min(chunk.byteLength, ringBytes - start);
      data.set(first === chunk.byteLength ? chunk : chunk.subarray(0, first), start);
      if (first < chunk.byteLength) data.set(chunk.subarray(first), 0);
      head = (head + chunk.byteLength) % wrap;
      Atomics.store(ctrl, 0, head);
      Atomics.notify(ctrl, 0);
    },
    ready: () => free() >= 4 << 20,
    async waitReady() {
      while (free() < 8 << 20) {
        const tail = Atomics.load(ctrl, 1);
        if (free() >= 8 << 20) break;
        const wait = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, t: number): { async: boolean; value: Promise<unknown> } }).waitAsync(ctrl, 1, tail, 1000);
        if (wait.async) await wait.value;
      }
    },
    async finish() {
      const result = new Promise<string>((resolve) => (digest = resolve));
      Atomics.store(ctrl, 2, 1);
      Atomics.notify(ctrl, 0);
      const hex = await result;
      await worker.terminate();
      return hex;
    },
  };
}

function behindSink(fd: number, batchBytes: number): Sink {
  const worker = new Worker(BEHIND_WORKER, { eval: true, workerData: { fd, span: 4 << 20 } });
  let written = 0;
  let hashed = 0;
  let batch: Buffer[] = [];
  let size = 0;
  let digest: ((value: string) => void) | undefined;
  let waiter: (() => void) | undefined;
  worker.on('message', (m: { hashed?: number; digests?: string[] }) => {
    if (m.hashed !== undefined) hashed = m.hashed;
    if (m.digests) digest?.(m.digests[0]!);
    if (waiter && written - hashed <= 16 << 20) {
      const w = waiter;
      waiter = undefined;
      w();
    }
  });
  const flush = (done = false) => {
    if (size > 0) writeAll(fd, batch);
    written += size;
    batch = [];
    size = 0;
    worker.postMessage({ written, done });
  };
  return {
    push(chunk) {
      batch.push(chunk);
      size += chunk.byteLength;
      if (size >= batchBytes || batch.length >= 512) flush();
    },
    ready: () => written - hashed <= 64 << 20,
    waitReady: () => new Promise((resolve) => (waiter = resolve)),
    async finish() {
      const result = new Promise<string>((resolve) => (digest = resolve));
      flush(true);
      const hex = await result;
      await worker.terminate();
      return hex;
    },
  };
}

function writeAll(fd: number, batch: Buffer[]): void {
  let rest = batch;
  while (rest.length > 0) {
    let count = writevSync(fd, rest);
    while (rest.length > 0 && count >= rest[0]!.byteLength) count -= rest.shift()!.byteLength;
    if (count > 0) rest[0] = rest[0]!.subarray(count);
  }
}

/** Main-thread sinks: optional hash, optional batched writevSync. */
function inlineSink(fd: number, hash: boolean, batchBytes: number): Sink {
  const h = hash ? createHash('sha256') : undefined;
  let batch: Buffer[] = [];
  let size = 0;
  const flush = () => {
    if (size > 0 && fd >= 0) writeAll(fd, batch);
    batch = [];
    size = 0;
  };
  return {
    push(chunk) {
      h?.update(chunk);
      if (fd < 0) return;
      batch.push(chunk);
      size += chunk.byteLength;
      if (size >= batchBytes || batch.length >= 512) flush();
    },
    ready: () => true,
    waitReady: () => Promise.resolve(),
    async finish() {
      flush();
      return h ? h.digest('hex') : '';
    },
  };
}

/** Drives a Readable body of Buffers into a sink, with backpressure. */
function pump(body: NodeJS.ReadableStream & { pause(): unknown; resume(): unknown }, sink: Sink): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let paused = false;
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.byteLength;
      sink.push(chunk);
      if (!paused && !sink.ready()) {
        paused = true;
        body.pause();
        sink.waitReady().then(() => {
          paused = false;
          body.resume();
        }, reject);
      }
    });
    body.once('end', () => resolve(bytes));
    body.once('error', reject);
  });
}

function httpGet(url: string, onread = false): Promise<IncomingMessage> {
  const readBuffer = Buffer.allocUnsafe(Number(process.env['READ'] ?? 1 << 20));
  const createConnection = (options: { host?: string; port?: number }): net.Socket => {
    const socket: net.Socket = net.connect({
      host: options.host ?? '127.0.0.1', port: Number(options.port),
      onread: { buffer: readBuffer, callback: (n: number, buf: Buffer) => { socket.emit('data', buf.subarray(0, n)); return true; } },
    });
    return socket;
  };
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false, headers: { 'accept-encoding': 'identity' }, ...(onread ? { createConnection } : {}) } as http.RequestOptions, resolve).once('error', reject);
  });
}

/** fetch's body (a web stream) read with a reader, as a Node Readable-like object for pump(). */
async function fetchBody(url: string): Promise<NodeJS.ReadableStream & { pause(): unknown; resume(): unknown }> {
  const response = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  const reader = response.body!.getReader();
  const listeners: Record<string, ((value?: unknown) => void)[]> = {};
  let paused = false;
  let reading = false;
  const loop = async () => {
    if (reading) return;
    reading = true;
    while (!paused) {
      const { done, value } = await reader.read();
      if (done) { for (const l of listeners['end'] ?? []) l(); break; }
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      for (const l of listeners['data'] ?? []) l(chunk);
    }
    reading = false;
  };
  const body = {
    on(event: string, listener: (value?: unknown) => void) { (listeners[event] ??= []).push(listener); if (event === 'data') void loop(); return body; },
    once(event: string, listener: (value?: unknown) => void) { return body.on(event, listener); },
    pause() { paused = true; },
    resume() { paused = false; void loop(); },
  };
  return body as never;
}

async function undiciBody(url: string): Promise<NodeJS.ReadableStream & { pause(): unknown; resume(): unknown }> {
  const { request } = await import('undici');
  const response = await request(url, { headers: { 'accept-encoding': 'identity' } });
  return response.body as never;
}

/** CPU ms per thread of this process (utime + stime from /proc), keyed "name tid". */
function threadCpu(): Map<string, number> {
  const ticks = 1000 / 100; // USER_HZ
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'latin1');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(`${name} ${tid}`, (Number(fields[11]) + Number(fields[12])) * ticks);
    } catch {
      // gone
    }
  }
  return out;
}

async function child(variant: string, url: string, destination: string): Promise<void> {
  const threadsBefore = threadCpu();
  let threadsAfter: Map<string, number> | undefined;
  const sampler = setInterval(() => (threadsAfter = threadCpu()), 5);
  if (process.env['PRIME']) {
    // glibc raises its trim threshold to twice the largest mmapped chunk freed: fewer brk/page-fault cycles.
    let big: Buffer | undefined = Buffer.allocUnsafeSlow(Number(process.env['PRIME']) << 20);
    big[0] = 1;
    big = undefined;
    void big;
  }
  const batchBytes = Number(process.env['BATCH'] ?? 2 << 20);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let bytes = 0;
  let sha256 = '';
  if (variant.startsWith('pipe')) {
    const client = variant.split('-')[1]!;
    const fd = openSync(destination, 'wx+');
    const { port1, port2 } = new MessageChannel();
    const hasher = new Worker(PIPE_HASHER, { eval: true, workerData: { fd, port: port2 }, transferList: [port2] });
    const receiver = new Worker(PIPE_RECEIVER, { eval: true, workerData: { url, client, port: port1, undici: join(REPO_ROOT, 'node_modules/undici/index.js') }, transferList: [port1] });
    const result = await new Promise<{ bytes: number; digests: string[] }>((resolve) => receiver.once('message', resolve));
    bytes = result.bytes;
    sha256 = result.digests[0]!;
    await Promise.all([receiver.terminate(), hasher.terminate()]);
    closeSync(fd);
  } else if (variant.startsWith('worker')) {
    const client = variant.split('-')[1]!;
    const worker = new Worker(RECEIVE_WORKER, { eval: true, workerData: { url, client, undici: join(REPO_ROOT, 'node_modules/undici/index.js') } });
    bytes = await new Promise<number>((resolve) => worker.once('message', (m: { bytes: number }) => resolve(m.bytes)));
    await worker.terminate();
  } else if (variant.startsWith('action')) {
    const module = process.env['ACTION_MODULE'];
    const { downloadToFile } = (await import(module ? pathToFileURL(module).href : '../src/image/download.js')) as typeof import('../src/image/download.js');
    const quiet = { info() {}, notice() {}, warning() {}, debug() {}, startGroup() {}, endGroup() {}, guestLine() {} };
    const result = await downloadToFile(url, destination, { reporter: quiet, stallTimeoutMs: 60_000, progressIntervalMs: 5_000, sha512: variant === 'action512' });
    bytes = result.bytes;
    sha256 = result.sha256;
  } else {
    const [client, mode] = variant.split('-') as ['http' | 'onread' | 'undici' | 'fetch', string];
    const body = client === 'undici' ? await undiciBody(url) : client === 'fetch' ? await fetchBody(url) : await httpGet(url, client === 'onread');
    const needsFile = !['discard', 'hash'].includes(mode);
    const fd = needsFile ? openSync(destination, 'wx+') : -1;
    const sink =
      mode === 'discard' ? inlineSink(-1, false, 0)
      : mode === 'hash' ? inlineSink(-1, true, 0)
      : mode === 'write' ? inlineSink(fd, false, batchBytes)
      : mode === 'inline' ? inlineSink(fd, true, batchBytes)
      : mode === 'transfer' ? transferSink(fd, batchBytes)
      : mode === 'split' ? transferSink(fd, batchBytes, SPLIT_WORKER)
      : mode === 'sab' ? sabSink(fd, Number(process.env['RING'] ?? 16 << 20), Number(process.env['SPAN'] ?? 4 << 20))
      : mode === 'behind' ? behindSink(fd, batchBytes)
      : undefined;
    if (!sink) throw new Error(`unknown variant ${variant}`);
    bytes = await pump(body, sink);
    sha256 = await sink.finish();
    if (fd >= 0) closeSync(fd);
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  const after = threadsAfter ?? threadCpu();
  const perThread: Record<string, number> = {};
  for (const [key, value] of after) {
    const name = key.split(' ')[0]!;
    perThread[name] = (perThread[name] ?? 0) + value - (threadsBefore.get(key) ?? 0);
  }
  if (process.env['THREADS']) process.stderr.write(`${variant} threads ${JSON.stringify(perThread)}\n`);
  process.stdout.write(`${JSON.stringify({ bytes, sha256, ms, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
}

// ---------------------------------------------------------------- parent side

interface Run {
  variant: string;
  round: number;
  mbPerS: number;
  cpuS?: number;
  serverCpuS: number;
  digestOk?: boolean;
}

function exec(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const proc = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `name` or `name@ENV=value,ENV2=value` (the env applies to that variant's child). */
async function measure(spec: string, url: string, destination: string, expected: string): Promise<Omit<Run, 'round' | 'serverCpuS'>> {
  const [variant, settings] = spec.split('@') as [string, string | undefined];
  if (variant === 'curl') {
    const { code, stdout, stderr } = await exec('/usr/bin/time', ['-f', 'CPU %U %S', 'curl', '-s', '-o', destination, '-w', '%{size_download} %{time_total}\n', url]);
    if (code !== 0) throw new Error(`curl: ${stderr}`);
    const [size, total] = stdout.trim().split(' ').map(Number) as [number, number];
    const cpu = /CPU ([\d.]+) ([\d.]+)/.exec(stderr)!;
    return { variant: spec, mbPerS: size / 1e6 / total, cpuS: Number(cpu[1]) + Number(cpu[2]) };
  }
  const env = { ...process.env, ...Object.fromEntries((settings ?? '').split(',').filter(Boolean).map((kv) => kv.split('=') as [string, string])) };
  const { code, stdout, stderr } = await exec(NODE24, ['--import', 'tsx', SELF, 'child', variant, url, destination], env);
  if (code !== 0) throw new Error(`${spec}: ${stderr}`);
  const r = JSON.parse(stdout) as { bytes: number; sha256: string; ms: number; cpuMs: number };
  return { variant: spec, mbPerS: r.bytes / 1e6 / (r.ms / 1000), cpuS: r.cpuMs / 1000, ...(r.sha256 ? { digestOk: r.sha256 === expected } : {}) };
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function parent(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, mib: { type: 'string', default: '600' }, variants: { type: 'string', default: 'curl,http-discard,action' } } });
  const variants = values.variants.split(';').flatMap((group) => (group.includes('@') ? [group] : group.split(',')));
  const payload = randomFillSync(Buffer.allocUnsafe(Number(values.mib) * 2 ** 20));
  const expected = createHash('sha256').update(payload).digest('hex');
  const server = await countingServer({ '/payload.bin': payload });
  const dir = await mkdtemp(join(tmpdir(), 'solstice-dl-exp-'));
  const destination = join(dir, 'download.bin');
  const runs: Run[] = [];
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`payload ${values.mib} MiB; loadavg ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  try {
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (let index = 0; index < variants.length; index++) {
        const spec = variants[(index + round - 1) % variants.length]!;
        await rm(destination, { force: true });
        const serverBefore = process.cpuUsage();
        const r = await measure(spec, server.url('/payload.bin'), destination, expected);
        const serverCpu = process.cpuUsage(serverBefore);
        runs.push({ ...r, round, serverCpuS: (serverCpu.user + serverCpu.system) / 1e6 });
        log(`round ${round} ${spec.padEnd(28)} ${r.mbPerS.toFixed(0).padStart(5)} MB/s  cpu ${r.cpuS?.toFixed(2)} s  server ${runs.at(-1)!.serverCpuS.toFixed(2)} s${r.digestOk === false ? '  DIGEST WRONG' : ''}`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await server.close();
  }
  log(`\nloadavg at the end ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log('variant                        MB/s (median)  ratio to curl (median of per-round)  client CPU s  server CPU s');
  for (const spec of variants) {
    const mine = runs.filter((r) => r.variant === spec);
    const ratios = mine.map((r) => r.mbPerS / runs.find((c) => c.variant === 'curl' && c.round === r.round)!.mbPerS);
    log(`${spec.padEnd(30)} ${median(mine.map((r) => r.mbPerS)).toFixed(0).padStart(6)}  ${median(ratios).toFixed(3).padStart(8)} [${ratios.map((x) => x.toFixed(2)).join(' ')}]  ${median(mine.map((r) => r.cpuS ?? NaN)).toFixed(2).padStart(8)}  ${median(mine.map((r) => r.serverCpuS)).toFixed(2).padStart(8)}`);
  }
}

if (process.argv[2] === 'child') {
  await child(process.argv[3]!, process.argv[4]!, process.argv[5]!);
} else {
  await parent();
}
