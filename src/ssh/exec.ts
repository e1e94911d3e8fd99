import { constants } from 'node:os';
import { Readable, type Writable } from 'node:stream';
import type { Client, ClientChannel } from 'ssh2';
import { CancelledError, SolsticeError } from '../engine/errors.js';

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
    const onConnectionLost = () => finish(new SolsticeError('The SSH connection to the guest was lost while a command ran (the guest may have crashed, frozen, rebooted or run out of memory); see the console log.'));
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
    client.exec(command, (error, opened) => {
      if (error) return finish(new SolsticeError(`Could not start a command on the guest over SSH: ${error.message}`));
      channel = opened;
      if (options.stdoutTo) opened.pipe(options.stdoutTo);
      else opened.on('data', (chunk: Buffer) => options.onStdout?.(chunk));
      opened.stderr.on('data', (chunk: Buffer) => options.onStderr?.(chunk));
      opened.on('exit', (code: number | null, signalName?: string) => {
        status = code !== null && code !== undefined
          ? { exitCode: code }
          : { exitCode: 128 + (constants.signals[`SIG${signalName}` as NodeJS.Signals] ?? 0), signal: signalName ?? 'unknown' };
      });
      opened.once('close', () => {
        finish(status ? undefined : new SolsticeError('The guest closed the command channel without an exit status (sshd or the guest died); see the console log.'));
      });
      if (options.stdin instanceof Readable) options.stdin.pipe(opened);
      else opened.end(options.stdin ?? '');
    });
  });
}
