import { constants } from 'node:os';
import { Readable, type Writable } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { CancelledError, SolsticeError } from '../core/errors.js';
import { connectionError, KEEPALIVE_SILENCE_SECONDS } from './connect.js';

export interface ExecResult {
  /** The remote exit status; 128 + signal number when the remote process was killed by a signal. */
  exitCode: number;
  signal?: string;
}

export interface ExecOptions {
  /** Sent to the command's stdin, then EOF. A stream is piped with backpressure. */
  stdin?: string | Buffer | Readable;
  onStdout?: (chunk: Buffer) => void;
  /** Receives the command's stdout with backpressure (ended when the command's output ends). */
  stdoutTo?: Writable;
  onStderr?: (chunk: Buffer) => void;
  signal?: AbortSignal;
}

/**
 * The SSH connection ended while a command ran: `what` happened (a clause a caller can place in its own
 * sentence, e.g. "… during the script"), `detail` says what it means.
 */
export class ConnectionLostError extends SolsticeError {
  override name = 'ConnectionLostError';
  constructor(
    readonly what: string,
    readonly detail: string,
  ) {
    super(`${what[0]!.toUpperCase()}${what.slice(1)} while a command ran (${detail}); see the console log.`);
  }
}

/** ssh2 reports a keepalive timeout as an error at level 'client-timeout'; a close without error means the guest's side ended it. */
function connectionLost(error: (Error & { level?: string }) | undefined): ConnectionLostError {
  if (error?.level === 'client-timeout') {
    return new ConnectionLostError(
      'the guest stopped answering SSH keepalives',
      `no answer for ${KEEPALIVE_SILENCE_SECONDS} s: it is frozen, or its kernel hung`,
    );
  }
  return error
    ? new ConnectionLostError('the SSH connection to the guest failed', error.message)
    : new ConnectionLostError(
        'the guest closed the SSH connection',
        'its sshd was killed, or it rebooted or powered off',
      );
}

/**
 * Runs one command on the guest and resolves with its exact exit status. A connection that ends
 * without an exit status is an error (the guest crashed or the link died), never a made-up code.
 */
export function execCommand(client: Client, command: string, options: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new CancelledError());
    let channel: ClientChannel | undefined;
    let status: ExecResult | undefined;
    let settled = false;
    const onAbort = () => {
      channel?.close();
      finish(new CancelledError());
    };
    const onConnectionLost = (error?: Error) => finish(connectionLost(error));
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      client.removeListener('close', onConnectionLost);
      client.removeListener('error', onConnectionLost);
      if (error) reject(error);
      else resolve(status!);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    client.once('close', onConnectionLost);
    client.once('error', onConnectionLost);
    const onOpened = (error: Error | undefined, opened: ClientChannel) => {
      if (error) return finish(new SolsticeError(`Could not start a command on the guest over SSH: ${error.message}`));
      channel = opened;
      if (options.stdoutTo) opened.pipe(options.stdoutTo);
      else opened.on('data', (chunk: Buffer) => options.onStdout?.(chunk));
      opened.stderr.on('data', (chunk: Buffer) => options.onStderr?.(chunk));
      opened.on('exit', (code: number | null, signalName?: string) => {
        status =
          code !== null && code !== undefined
            ? { exitCode: code }
            : {
                exitCode: 128 + (constants.signals[`SIG${signalName}` as NodeJS.Signals] ?? 0),
                signal: signalName ?? 'unknown',
              };
      });
      opened.once('close', () => {
        finish(
          status
            ? undefined
            : new ConnectionLostError(
                'the guest closed the command channel without an exit status',
                'its sshd was killed, or the guest died',
              ),
        );
      });
      if (options.stdin instanceof Readable) options.stdin.pipe(opened);
      else opened.end(options.stdin ?? '');
    };
    try {
      client.exec(command, onOpened);
    } catch {
      // ssh2 throws "Not connected" when the connection ended before this command (e.g. a keepalive timeout between two).
      onConnectionLost(connectionError(client));
    }
  });
}

/** Keeps only the last `limit` characters of text that arrives in pieces (a guest's stderr, for a message). */
export class TextTail {
  private text = '';
  constructor(private readonly limit = 4096) {}

  push(chunk: Buffer | string): void {
    this.text = (this.text + chunk.toString()).slice(-this.limit);
  }

  toString(): string {
    return this.text.trim();
  }
}

export interface CaptureOptions extends Pick<ExecOptions, 'stdin' | 'signal'> {
  /** What the command does, for errors ("list the working directory"). */
  what: string;
  /** A longer answer ends the command: the guest is broken or hostile. */
  maxStdoutBytes: number;
  /** The command must have ended by then. */
  timeoutMs: number;
}

export interface CapturedResult extends ExecResult {
  stdout: Buffer;
  /** The last 4 KiB of stderr. */
  stderr: string;
}

/**
 * Runs a command whose answer is read back (a listing, a path), bounded in size and time: whatever the
 * guest does, the runner holds at most `maxStdoutBytes` and waits at most `timeoutMs`.
 */
export async function execCapture(client: Client, command: string, options: CaptureOptions): Promise<CapturedResult> {
  const limit = new AbortController();
  let exceeded: string | undefined;
  const stop = (why: string) => {
    exceeded ??= why;
    limit.abort();
  };
  const timer = setTimeout(
    () => stop(`did not finish within ${Math.round(options.timeoutMs / 1000)} s`),
    options.timeoutMs,
  );
  const chunks: Buffer[] = [];
  let size = 0;
  const stderr = new TextTail();
  try {
    const result = await execCommand(client, command, {
      ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
      signal: options.signal ? AbortSignal.any([options.signal, limit.signal]) : limit.signal,
      onStdout: (chunk) => {
        size += chunk.byteLength;
        if (size > options.maxStdoutBytes) return stop(`answered with more than ${options.maxStdoutBytes} bytes`);
        chunks.push(chunk);
      },
      onStderr: (chunk) => stderr.push(chunk),
    });
    return { ...result, stdout: Buffer.concat(chunks), stderr: stderr.toString() };
  } catch (error) {
    if (exceeded && !options.signal?.aborted)
      throw new SolsticeError(
        `The guest's command to ${options.what} ${exceeded}: stopped (a broken or hostile guest).`,
      );
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
