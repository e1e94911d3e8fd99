/**
 * The image's bytes on their way to disk: a worker thread hashes each batch with every requested
 * algorithm and writes it, so hashing and writing overlap with receiving on the other core.
 */
import { Worker } from 'node:worker_threads';

export type Algorithm = 'sha256' | 'sha512';

/** Received chunks go to the worker in batches of about this size (one message and one writev each). */
export const BATCH_BYTES = 2 * 1024 * 1024;
/** …and at most this many chunks (writev takes up to IOV_MAX = 1024 buffers). */
export const BATCH_CHUNKS = 512;
/** Reading pauses while this much is received but not yet written (memory bound for a slow disk). */
export const MAX_IN_FLIGHT_BYTES = 32 * 1024 * 1024;

/**
 * The worker: hashes each batch of chunks with every requested algorithm, then writes it at the file's
 * position with writev (blocking this thread only). It is told the file ({ fd }) before the first batch.
 * Plain CommonJS source so it runs from the bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { writevSync } = require('node:fs');
const hashes = workerData.algorithms.map((algorithm) => createHash(algorithm));
let fd;
let written = 0;
parentPort.on('message', (batch) => {
  if (batch !== null && !Array.isArray(batch)) {
    fd = batch.fd;
    return;
  }
  if (batch === null) {
    parentPort.postMessage({ digests: hashes.map((hash) => hash.digest('hex')) });
    return;
  }
  try {
    for (const chunk of batch) for (const hash of hashes) hash.update(chunk);
    let rest = batch.slice();
    while (rest.length > 0) {
      let count = writevSync(fd, rest);
      written += count;
      while (rest.length > 0 && count >= rest[0].byteLength) count -= rest.shift().byteLength;
      if (count > 0) rest[0] = rest[0].subarray(count);
    }
    // Frees the batch's memory at once (Node ≥ 21) instead of at a garbage collection: the receiving
    // thread then reuses warm memory, and no collection is triggered by the bytes passing through.
    for (const chunk of batch) {
      try {
        if (!chunk.buffer.detached) chunk.buffer.transfer?.(0);
      } catch {}
    }
    parentPort.postMessage({ written });
  } catch (error) {
    parentPort.postMessage({ error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

/** A copy of `chunk` in an ArrayBuffer of its own (transferable). */
function ownCopy(chunk: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(chunk.byteLength);
  chunk.copy(copy);
  return copy;
}

/** The main thread's side of the worker: hands it batches, tracks what is written, reports its failure. */
export class HashingWriter {
  private readonly worker: Worker;
  private posted = 0;
  private written = 0;
  private digests: string[] | undefined;
  private failure: Error | undefined;
  private readonly waiters = new Set<() => void>();

  /**
   * Starts the worker at once (its start-up, ≈ 40 ms of CPU, then overlaps the request); it writes to the
   * file given to attach().
   */
  constructor(private readonly algorithms: readonly Algorithm[], private readonly onProgress: () => void) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { algorithms } });
    this.worker.on('message', (message: { written?: number; digests?: string[]; error?: { message: string; code?: string } }) => {
      if (message.written !== undefined) this.written = message.written;
      if (message.digests) this.digests = message.digests;
      if (message.error) this.failure ??= Object.assign(new Error(message.error.message), { code: message.error.code });
      this.onProgress();
      this.wake();
    });
    this.worker.on('error', (error) => {
      this.failure ??= error;
      this.wake();
    });
    this.worker.on('exit', () => {
      if (!this.digests) this.failure ??= new Error('the hashing thread stopped');
      this.wake();
    });
  }

  get error(): Error | undefined {
    return this.failure;
  }

  /** The file the batches go to (before the first write). */
  attach(fd: number): void {
    this.worker.postMessage({ fd });
  }

  get inFlight(): number {
    return this.posted - this.written;
  }

  /**
   * Hands a batch over: its buffers are transferred when they own their memory, else copied into memory
   * of their own (not Node's shared pool, which cannot be transferred).
   */
  write(batch: Buffer[]): void {
    const owned = batch.map((chunk) => (chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : ownCopy(chunk)));
    for (const chunk of owned) this.posted += chunk.byteLength;
    try {
      this.worker.postMessage(owned, owned.map((chunk) => chunk.buffer as ArrayBuffer));
    } catch {
      this.worker.postMessage(owned); // memory that cannot be transferred after all: copied then
    }
  }

  /** Resolves once at most `bytes` are still to be written (or the worker failed). */
  async waitInFlight(bytes: number, signal: AbortSignal): Promise<void> {
    while (this.inFlight > bytes && !this.failure && !signal.aborted) await this.next(signal);
    if (signal.aborted) throw signal.reason;
    if (this.failure) throw this.failure;
  }

  /** Waits for every write, then returns the digests in the order of `algorithms`. */
  async finish(signal: AbortSignal): Promise<Record<Algorithm, string>> {
    await this.waitInFlight(0, signal);
    this.worker.postMessage(null);
    while (!this.digests && !this.failure && !signal.aborted) await this.next(signal);
    if (signal.aborted) throw signal.reason;
    if (this.failure || !this.digests) throw this.failure ?? new Error('no digest');
    const digests = this.digests;
    return Object.fromEntries(this.algorithms.map((algorithm, index) => [algorithm, digests[index]!])) as Record<Algorithm, string>;
  }

  /** Stops the worker (a write in progress completes first). */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }

  private next(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

