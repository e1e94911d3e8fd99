import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createHash, type Hash } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { childEnvironment } from '../core/child-environment.js';
import { SolsticeError } from '../core/errors.js';
import {
  BATCH_BYTES,
  BATCH_CHUNKS,
  HashingWriter,
  MAX_IN_FLIGHT_BYTES,
  type Algorithm,
  type WrittenDigests,
} from './hashing-writer.js';
import type { Compression } from '../core/vocabulary.js';
import { program } from '../core/program-search.js';
import { extractMember, type ArchiveMember } from './archive-member.js';

/**
 * The system's own decompressors (C, as fast as the format allows; xz and gzip are in every Debian,
 * zstd and bzip2 are one package away): the download is written to stdin, the image read from stdout,
 * so decompression runs on the other core while this process receives and hashes.
 */
const TOOLS: Record<Exclude<Compression, 'none'>, { command: string; args: string[]; debianPackage: string }> = {
  xz: { command: 'xz', args: ['--decompress', '--stdout', '--threads=0'], debianPackage: 'xz-utils' },
  zst: { command: 'zstd', args: ['--decompress', '--stdout', '--quiet'], debianPackage: 'zstd' },
  gz: { command: 'gzip', args: ['--decompress', '--stdout'], debianPackage: 'gzip' },
  bz2: { command: 'bzip2', args: ['--decompress', '--stdout'], debianPackage: 'bzip2' },
};

export interface Decompressor {
  input: Writable;
  output: Readable;
  /** Settles when the tool exited: rejects with what it said when the data was not valid for the format. */
  finished: Promise<void>;
  kill(): void;
}

export function startDecompressor(compression: Exclude<Compression, 'none'>, source: string): Decompressor {
  const tool = TOOLS[compression];
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(program(tool.command), tool.args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: childEnvironment(),
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2000)));
  // EPIPE is the tool refusing more input (bad data: its own message says why). Any other failure to feed
  // it is ours, and must not pass for bad data when the tool then complains of a premature end.
  let inputError: Error | undefined;
  child.stdin.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') inputError ??= error;
  });
  const finished = new Promise<void>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new SolsticeError(
              `The image ${source} is ${compression}-compressed, but '${tool.command}' is not installed on this runner: install the Debian package ${tool.debianPackage}.`,
            )
          : error,
      ),
    );
    child.once('close', (code, signal) => {
      if (inputError)
        reject(
          new SolsticeError(`Feeding the download of ${source} to ${tool.command} failed: ${inputError.message}.`, {
            cause: inputError,
          }),
        );
      else if (code === 0) resolve();
      else
        reject(
          new SolsticeError(
            `Decompressing the image ${source} (${compression}) failed: ${stderr.trim() || (signal ? `${tool.command} was killed by ${signal}` : `${tool.command} exited with ${code}`)}. The download is not valid ${compression} data.`,
          ),
        );
    });
  });
  return { input: child.stdin, output: child.stdout, finished, kill: () => child.kill('SIGKILL') };
}

export interface DecompressingWriterOptions {
  compression: Exclude<Compression, 'none'>;
  /** The URL as shown in messages. */
  source: string;
  algorithms: readonly Algorithm[];
  /** The most the image may decompress to (a small download can expand without bound). */
  maxBytes: number;
  /** Called as bytes are written. */
  onProgress: () => void;
  /** The decompressed download is an archive: only this member of it is the image (archive-member.ts). */
  archive?: ArchiveMember | undefined;
}

/**
 * Where a compressed download goes: its bytes are hashed as received (the publisher may give the digest
 * of the compressed file) and fed to the decompressor; what comes out is hashed and written by a
 * HashingWriter (the digest of the image itself). Same surface as HashingWriter, so the downloader
 * drives either the same way.
 */
export class DecompressingWriter {
  private readonly compressedHashes: Hash[];
  private readonly tool: Decompressor;
  private readonly output: HashingWriter;
  private readonly outputEnded: Promise<void>;
  private failure: Error | undefined;
  private readonly algorithms: readonly Algorithm[];

  constructor({ compression, source, algorithms, maxBytes, onProgress, archive }: DecompressingWriterOptions) {
    this.algorithms = algorithms;
    this.compressedHashes = algorithms.map((algorithm) => createHash(algorithm));
    this.tool = startDecompressor(compression, source);
    this.output = new HashingWriter(algorithms, onProgress);
    this.tool.finished.catch((error: Error) => (this.failure ??= error));
    // An archive's member is the image: what the tool writes is unpacked, and only the member goes on.
    const stdout = archive ? extractMember(this.tool.output, archive, { source, maxBytes }) : this.tool.output;
    stdout.on('error', (error: Error) => {
      this.failure ??= error;
      this.tool.kill();
    });
    let batch: Buffer[] = [];
    let batchBytes = 0;
    let decompressed = 0;
    const flush = () => {
      if (batchBytes === 0) return;
      this.output.write(batch);
      batch = [];
      batchBytes = 0;
    };
    stdout.on('data', (chunk: Buffer) => {
      decompressed += chunk.byteLength;
      if (decompressed > maxBytes) {
        this.failure ??= new SolsticeError(
          `Decompressing the image ${source} (${compression}) failed: it expands to more than the limit of ${maxBytes} bytes. ` +
            'The download was discarded. If the image really is that large, give its catalog entry a larger maxSize (bytes).',
        );
        this.tool.kill();
        return;
      }
      batch.push(chunk);
      batchBytes += chunk.byteLength;
      if (batchBytes >= BATCH_BYTES || batch.length >= BATCH_CHUNKS) flush();
      if (this.output.inFlight > MAX_IN_FLIGHT_BYTES && !stdout.isPaused()) {
        stdout.pause();
        // No signal of its own: the writer's progress, failure or stop() (on every failure path) ends the wait.
        this.output.waitInFlight(MAX_IN_FLIGHT_BYTES / 2, new AbortController().signal).then(
          () => stdout.resume(),
          (error: Error) => (this.failure ??= error),
        );
      }
    });
    this.outputEnded = new Promise((resolve) =>
      stdout.once('close', () => {
        flush();
        resolve();
      }),
    );
  }

  get error(): Error | undefined {
    return this.failure ?? this.output.error;
  }

  /** The file the image goes to (before the first write). */
  attach(fd: number): void {
    this.output.attach(fd);
  }

  /** Bytes handed to the decompressor that it has not taken yet. */
  get inFlight(): number {
    return this.tool.input.writableLength;
  }

  write(batch: Buffer[]): void {
    for (const chunk of batch) {
      for (const hash of this.compressedHashes) hash.update(chunk);
      this.tool.input.write(chunk);
    }
  }

  async waitInFlight(bytes: number, signal: AbortSignal): Promise<void> {
    while (this.inFlight > bytes && !this.error && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.tool.input.off('drain', done);
          signal.removeEventListener('abort', done);
          clearInterval(poll);
          resolve();
        };
        // A failing tool never drains: look again now and then.
        const poll = setInterval(() => this.error && done(), 100);
        this.tool.input.once('drain', done);
        signal.addEventListener('abort', done, { once: true });
      });
    }
    if (signal.aborted) throw signal.reason;
    if (this.error) throw this.error;
  }

  /** Ends the input, waits for the decompressed image to be written; returns both sets of digests. */
  async finish(signal: AbortSignal): Promise<WrittenDigests & { compressed: Record<Algorithm, string> }> {
    this.tool.input.end();
    // The stall deadline and cancel reach the tool too: a decompressor that stops must not hang the download.
    const kill = () => this.tool.kill();
    signal.addEventListener('abort', kill, { once: true });
    try {
      await this.tool.finished;
      await this.outputEnded;
    } catch (error) {
      // The tool killed because the archive was refused: the refusal is the reason, not the kill.
      throw this.failure ?? error;
    } finally {
      signal.removeEventListener('abort', kill);
    }
    if (this.failure) throw this.failure;
    const { stored } = await this.output.finish(signal);
    const compressed = Object.fromEntries(
      this.algorithms.map((algorithm, index) => [algorithm, this.compressedHashes[index]!.digest('hex')]),
    ) as Record<Algorithm, string>;
    return { stored, compressed };
  }

  async stop(): Promise<void> {
    this.tool.kill();
    await this.output.stop();
  }
}
