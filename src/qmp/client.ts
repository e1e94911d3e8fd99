/**
 * Minimal typed QMP client over a unix socket. Every wait has a deadline and
 * close() clears every timer, so a finished job never hangs node.
 */
import net from 'node:net';
import { CancelledError, SolsticeError } from '../core/errors.js';
import { QmpLineParser, serializeCommand, type QmpEvent, type QmpMessage } from './protocol.js';

export type { QmpEvent } from './protocol.js';

const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;
const CONNECT_RETRY_MS = 50;
/** QEMU creates the socket file a moment after it starts, and listens a moment after that. */
const RETRYABLE_CONNECT_ERRORS = new Set(['ENOENT', 'ECONNREFUSED', 'EAGAIN']);

/** QEMU rejected a command; errorClass is QMP's class (e.g. CommandNotFound, GenericError). */
export class QmpError extends SolsticeError {
  override name = 'QmpError';
  readonly errorClass: string;
  readonly command: string;
  constructor(command: string, errorClass: string, desc: string) {
    super(`QMP command "${command}" failed: ${desc} (${errorClass})`);
    this.errorClass = errorClass;
    this.command = command;
  }
}

interface Pending {
  command: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class QmpClient {
  /** Resolves when the socket closes, whoever closed it. Never rejects. */
  readonly closed: Promise<void>;

  private readonly parser = new QmpLineParser();
  private readonly pending = new Map<number, Pending>();
  /** Open waits that are not commands (greeting, waitForEvent); rejected on close. */
  private readonly waiters = new Set<(error: Error) => void>();
  private readonly listeners = new Set<(event: QmpEvent) => void>();
  private nextId = 1;
  private greetingSeen = false;
  private onGreeting: (() => void) | undefined;
  /** Set once the connection is gone; later calls reject with it. */
  private closeError: Error | undefined;
  private socketError: Error | undefined;

  private constructor(
    private readonly socket: net.Socket,
    private readonly socketPath: string,
  ) {
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      for (const msg of this.parser.push(chunk)) this.dispatch(msg);
    });
    // 'close' always follows 'error'; remember why so the rejection says so.
    socket.on('error', (err) => (this.socketError ??= err));
    socket.once('close', () => {
      const why = this.socketError ? `: ${this.socketError.message}` : '';
      this.shutDown(new Error(`QMP connection to ${socketPath} closed${why}`));
    });
  }

  /**
   * Connects, retrying while the socket file does not exist yet or refuses
   * (QEMU still starting), until timeoutMs or the signal aborts; then reads
   * the greeting and sends qmp_capabilities. The deadline covers all of it.
   */
  static async connect(socketPath: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<QmpClient> {
    const { timeoutMs, signal } = options;
    const deadline = Date.now() + timeoutMs;
    const socket = await openSocket(socketPath, timeoutMs, deadline, signal);
    const client = new QmpClient(socket, socketPath);
    const onAbort = () => client.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (signal?.aborted) throw new CancelledError(); // aborted before the listener was attached
      await client.waitForGreeting(Math.max(1, deadline - Date.now()));
      await client.execute('qmp_capabilities', undefined, {
        timeoutMs: Math.max(1, deadline - Date.now()),
      });
      return client;
    } catch (err) {
      client.close();
      if (signal?.aborted) throw new CancelledError();
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Runs a command; rejects with QmpError if QEMU refuses it, or on timeout/close. */
  execute<T = unknown>(
    command: string,
    args?: Record<string, unknown>,
    options: { timeoutMs?: number } = {},
  ): Promise<T> {
    if (this.closeError) {
      return Promise.reject(new Error(`Cannot run QMP command "${command}": ${this.closeError.message}`));
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A late reply finds no entry and is dropped.
        this.pending.delete(id);
        reject(new Error(`QMP command "${command}" got no reply from ${this.socketPath} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { command, resolve: (v) => resolve(v as T), reject, timer });
      this.socket.write(serializeCommand(id, command, args));
    });
  }

  /** Runs an HMP command. HMP reports its errors as output text, so that text is returned, not thrown. */
  humanMonitorCommand(commandLine: string): Promise<string> {
    return this.execute<string>('human-monitor-command', { 'command-line': commandLine });
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: (event: QmpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the next event called `name`. Events that came before the
   * call are not seen: start waiting before the command that triggers it.
   */
  waitForEvent(name: string, timeoutMs: number): Promise<QmpEvent> {
    return this.wait(`QMP event ${name}`, timeoutMs, (resolve) =>
      this.onEvent((event) => {
        if (event.event === name) resolve(event);
      }),
    );
  }

  /** Idempotent. Pending commands and waits reject now; `closed` resolves once the socket is gone. */
  close(): void {
    this.shutDown(new Error(`QMP connection to ${this.socketPath} was closed by the client`));
    this.socket.destroy();
  }

  private waitForGreeting(timeoutMs: number): Promise<void> {
    if (this.greetingSeen) return Promise.resolve();
    return this.wait('QMP greeting', timeoutMs, (resolve) => {
      this.onGreeting = resolve;
      return () => (this.onGreeting = undefined);
    });
  }

  /**
   * Shared shape of the non-command waits: `subscribe` wires up a resolver
   * and returns its teardown; the deadline and close() both settle the wait.
   */
  private wait<T>(what: string, timeoutMs: number, subscribe: (resolve: (value: T) => void) => () => void): Promise<T> {
    if (this.closeError) return Promise.reject(new Error(`Cannot wait for ${what}: ${this.closeError.message}`));
    return new Promise<T>((resolve, reject) => {
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        unsubscribe();
        this.waiters.delete(onClose);
        fn();
      };
      const onClose = (err: Error) => settle(() => reject(new Error(`Stopped waiting for ${what}: ${err.message}`)));
      const timer = setTimeout(
        () => settle(() => reject(new Error(`No ${what} from ${this.socketPath} within ${timeoutMs} ms`))),
        timeoutMs,
      );
      const unsubscribe = subscribe((value) => settle(() => resolve(value)));
      this.waiters.add(onClose);
    });
  }

  private dispatch(msg: QmpMessage): void {
    switch (msg.kind) {
      case 'greeting':
        this.greetingSeen = true;
        this.onGreeting?.();
        return;
      case 'return':
      case 'error': {
        // Replies without one of our ids (e.g. QEMU's own parse errors, or a reply after its timeout) are dropped.
        const entry = typeof msg.id === 'number' ? this.pending.get(msg.id) : undefined;
        if (!entry) return;
        this.pending.delete(msg.id as number);
        clearTimeout(entry.timer);
        if (msg.kind === 'return') entry.resolve(msg.value);
        else entry.reject(new QmpError(entry.command, msg.class, msg.desc));
        return;
      }
      case 'event': {
        const { kind: _kind, ...event } = msg;
        for (const listener of [...this.listeners]) {
          // A throwing listener must not cut off the rest of this chunk; surface it anyway.
          try {
            listener(event);
          } catch (err) {
            queueMicrotask(() => {
              throw err;
            });
          }
        }
        return;
      }
      case 'invalid':
        return; // Not ours to interpret; QEMU does not send these in practice.
    }
  }

  private shutDown(reason: Error): void {
    if (this.closeError) return;
    this.closeError = reason;
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(new Error(`QMP command "${entry.command}" got no reply: ${reason.message}`));
    }
    this.pending.clear();
    for (const onClose of [...this.waiters]) onClose(reason);
    this.listeners.clear();
  }
}

/** Connects to the unix socket, retrying while QEMU has not created it or is not listening yet. */
function openSocket(
  socketPath: string,
  timeoutMs: number,
  deadline: number,
  signal: AbortSignal | undefined,
): Promise<net.Socket> {
  if (signal?.aborted) return Promise.reject(new CancelledError());
  return new Promise((resolve, reject) => {
    let socket: net.Socket | undefined;
    let retryTimer: NodeJS.Timeout | undefined;
    let lastCode = 'no attempt finished';
    let done = false;

    const finish = (err: Error | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(retryTimer);
      clearTimeout(deadlineTimer);
      signal?.removeEventListener('abort', onAbort);
      if (err) {
        socket?.destroy();
        reject(err);
      } else {
        socket!.removeAllListeners('error');
        resolve(socket!);
      }
    };
    const onAbort = () => finish(new CancelledError());
    const deadlineTimer = setTimeout(
      () =>
        finish(
          new Error(`Could not connect to QMP socket ${socketPath} within ${timeoutMs} ms (last error: ${lastCode})`),
        ),
      Math.max(0, deadline - Date.now()),
    );

    const attempt = () => {
      const s = net.createConnection(socketPath);
      socket = s;
      s.once('connect', () => finish(undefined));
      s.once('error', (err: NodeJS.ErrnoException) => {
        s.destroy();
        if (done) return;
        lastCode = err.code ?? err.message;
        if (!RETRYABLE_CONNECT_ERRORS.has(lastCode)) {
          finish(new Error(`Could not connect to QMP socket ${socketPath}: ${err.message}`));
          return;
        }
        retryTimer = setTimeout(attempt, CONNECT_RETRY_MS);
      });
    };

    signal?.addEventListener('abort', onAbort, { once: true });
    attempt();
  });
}
