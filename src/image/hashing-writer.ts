/**
 * The image's bytes on their way to disk: worker threads hash each batch (one per algorithm) and the
 * last writes it, so hashing and writing overlap with receiving on the other cores.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';

export type Algorithm = 'sha256' | 'sha512';

/** What a writer's finish() returns: digests of the stored file, and of the download when it was compressed. */
export interface WrittenDigests {
  stored: Record<Algorithm, string>;
  compressed?: Record<Algorithm, string>;
}

/** Received chunks go to the worker in batches of about this size (one message and one writev each). */
export const BATCH_BYTES = 2 * 1024 * 1024;
/** …and at most this many chunks (writev takes up to IOV_MAX = 1024 buffers). */
export const BATCH_CHUNKS = 512;
/** Reading pauses while this much is received but not yet written (memory bound for a slow disk). */
export const MAX_IN_FLIGHT_BYTES = 32 * 1024 * 1024;

/**
 * A worker: hashes each batch with its algorithm. The last of the chain also writes the batch at the
 * file's position with writev (blocking this thread only) and frees it; the others pass it on (the
 * buffers move, nothing is copied), so a second algorithm runs on a core of its own. Every worker
 * reports its digest when the batches end (null); the file ({ fd }) arrives before the first batch.
 * Plain CommonJS source so it runs from the bundle.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { writevSync } = require('node:fs');
const { algorithm, input, next } = workerData;
const hash = createHash(algorithm);
let fd;
let written = 0;
(input ?? parentPort).on('message', (batch) => {
  if (batch !== null && !Array.isArray(batch)) {
    if (next) next.postMessage(batch);
    else fd = batch.fd;
    return;
  }
  if (batch === null) {
    parentPort.postMessage({ digest: { [algorithm]: hash.digest('hex') } });
    if (next) next.postMessage(null);
    return;
  }
  try {
    for (const chunk of batch) hash.update(chunk);
    if (next) {
      next.postMessage(batch, batch.map((chunk) => chunk.buffer));
      return;
    }
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

/**
 * The main thread's side of the workers: hands them batches, tracks what is written, reports a failure.
 * One worker per algorithm, chained: the cheapest (sha256) last, as it also writes.
 */
export class HashingWriter {
  private readonly workers: Worker[];
  private posted = 0;
  private written = 0;
  private readonly digests: Partial<Record<Algorithm, string>> = {};
  private failure: Error | undefined;
  private readonly waiters = new Set<() => void>();

  /**
   * Starts the workers at once (their start-up, ≈ 40 ms of CPU each, then overlaps the request); the
   * last writes to the file given to attach().
   */
  constructor(
    private readonly algorithms: readonly Algorithm[],
    private readonly onProgress: () => void,
  ) {
    const chain = [
      ...algorithms.filter((algorithm) => algorithm !== 'sha256'),
      ...algorithms.filter((algorithm) => algorithm === 'sha256'),
    ];
    const workers: Worker[] = [];
    let input: MessagePort | undefined;
    for (const [index, algorithm] of chain.entries()) {
      const link = index < chain.length - 1 ? new MessageChannel() : undefined;
      const ports = [input, link?.port1].filter((port): port is MessagePort => port !== undefined);
      workers.push(
        new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: { algorithm, input, next: link?.port1 },
          transferList: ports,
        }),
      );
      input = link?.port2;
    }
    this.workers = workers;
    for (const worker of workers) {
      worker.on(
        'message',
        (message: {
          written?: number;
          digest?: Partial<Record<Algorithm, string>>;
          error?: { message: string; code?: string };
        }) => {
          if (message.written !== undefined) this.written = message.written;
          if (message.digest) Object.assign(this.digests, message.digest);
          if (message.error)
            this.failure ??= Object.assign(new Error(message.error.message), { code: message.error.code });
          this.onProgress();
          this.wake();
        },
      );
      worker.on('error', (error) => {
        this.failure ??= error;
        this.wake();
      });
      worker.on('exit', () => {
        if (!this.complete) this.failure ??= new Error('a hashing thread stopped');
        this.wake();
      });
    }
  }

  private get complete(): boolean {
    return this.algorithms.every((algorithm) => this.digests[algorithm] !== undefined);
  }

  get error(): Error | undefined {
    return this.failure;
  }

  /** The file the batches go to (before the first write). */
  attach(fd: number): void {
    this.workers[0]!.postMessage({ fd });
  }

  get inFlight(): number {
    return this.posted - this.written;
  }

  /**
   * Hands a batch over: its buffers are transferred when they own their memory, else copied into memory
   * of their own (not Node's shared pool, which cannot be transferred).
   */
  write(batch: Buffer[]): void {
    const owned = batch.map((chunk) =>
      chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : ownCopy(chunk),
    );
    for (const chunk of owned) this.posted += chunk.byteLength;
    try {
      this.workers[0]!.postMessage(
        owned,
        owned.map((chunk) => chunk.buffer as ArrayBuffer),
      );
    } catch {
      this.workers[0]!.postMessage(owned); // memory that cannot be transferred after all: copied then
    }
  }

  /** Resolves once at most `bytes` are still to be written (or the worker failed). */
  async waitInFlight(bytes: number, signal: AbortSignal): Promise<void> {
    while (this.inFlight > bytes && !this.failure && !signal.aborted) await this.next(signal);
    if (signal.aborted) throw signal.reason;
    if (this.failure) throw this.failure;
  }

  /** Waits for every write, then returns the digests of what was written. */
  async finish(signal: AbortSignal): Promise<WrittenDigests> {
    await this.waitInFlight(0, signal);
    this.workers[0]!.postMessage(null);
    while (!this.complete && !this.failure && !signal.aborted) await this.next(signal);
    if (signal.aborted) throw signal.reason;
    if (this.failure || !this.complete) throw this.failure ?? new Error('no digest');
    return { stored: { ...this.digests } as Record<Algorithm, string> };
  }

  /** Stops the workers (a write in progress completes first). */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
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
