/**
 * A conversation with the guest's serial console over QEMU's socket chardev (QEMU logs the same bytes
 * to the console log itself). What the guest prints is hostile: only the last MAX_KEPT bytes are kept,
 * every wait has a deadline, and what is typed goes out one short line at a time, each waiting for the
 * guest to answer it (a slow TCG guest drops keystrokes when flooded).
 */
import { connect, type Socket } from 'node:net';
import { CancelledError, SolsticeError } from '../core/errors.js';
import { sleep } from '../core/sleep.js';

const MAX_KEPT = 64 * 1024;
const CONNECT_ATTEMPTS = 50;
const CONNECT_PAUSE_MS = 100;

/** Which of the patterns matched (its index), and how. */
export interface Found {
  index: number;
  match: RegExpExecArray;
}

export class ConsoleSession {
  private text = '';
  /** Where the text not yet searched starts (a `waitFor` looks only at what came after the last send). */
  private from = 0;
  private lastOutputAt = Date.now();
  private closedBecause: string | undefined;
  private wake: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.text += chunk;
      if (this.text.length > MAX_KEPT) {
        const drop = this.text.length - MAX_KEPT;
        this.text = this.text.slice(drop);
        this.from = Math.max(0, this.from - drop);
      }
      this.lastOutputAt = Date.now();
      this.wake?.();
    });
    socket.on('close', () => {
      this.closedBecause ??= 'the console connection closed (QEMU exited?)';
      this.wake?.();
    });
    socket.on('error', (error) => {
      this.closedBecause = `the console connection failed: ${error.message}`;
      this.wake?.();
    });
  }

  /** Connects to QEMU's console socket, which appears a moment after QEMU starts. */
  static async open(path: string, signal: AbortSignal): Promise<ConsoleSession> {
    for (let attempt = 1; ; attempt++) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const candidate = connect(path);
          candidate.once('connect', () => resolve(candidate));
          candidate.once('error', reject);
        });
        return new ConsoleSession(socket);
      } catch (error) {
        if (attempt >= CONNECT_ATTEMPTS)
          throw new SolsticeError(`Could not open the serial console (${path}): ${(error as Error).message}`);
        await sleep(CONNECT_PAUSE_MS, signal);
      }
    }
  }

  /** Milliseconds since the guest last printed anything. */
  get quietMs(): number {
    return Date.now() - this.lastOutputAt;
  }

  /** The console's recent text, for messages and for reading what a command printed. */
  recent(characters = 2000): string {
    return this.text.slice(-characters);
  }

  /** Sends `text` as typed keys; later waits look only at what the guest prints after it. */
  type(text: string): void {
    this.from = this.text.length;
    // Quiet is counted from here: the guest has just been given something to answer.
    this.lastOutputAt = Date.now();
    this.socket.write(text, 'latin1');
  }

  /**
   * Waits until the text printed since the last `type` matches one of `patterns`; returns the index of
   * the first that does and its match. Past `deadline` it fails, naming `what`. With `nudge`, its keys
   * are typed whenever the guest has printed nothing for a while (Enter at a login prompt that scrolled by).
   */
  async waitFor(
    patterns: readonly RegExp[],
    deadline: number,
    signal: AbortSignal,
    what: string,
    nudge?: { afterMs: number; keys: string },
  ): Promise<Found> {
    const found = await this.scan(patterns, deadline, signal, what, () => {
      if (nudge && this.quietMs >= nudge.afterMs) this.type(nudge.keys);
      return 'wait';
    });
    if (!found) throw new SolsticeError(`The serial console did not show ${what} in time.`);
    return found;
  }

  /**
   * Like waitFor for something that comes at once or not at all (a password prompt): undefined once the
   * guest has printed nothing for `quietMs`, or after `maxMs`.
   */
  settle(patterns: readonly RegExp[], quietMs: number, maxMs: number, signal: AbortSignal): Promise<Found | undefined> {
    return this.scan(patterns, Date.now() + maxMs, signal, 'an answer', () =>
      this.quietMs >= quietMs ? 'stop' : 'wait',
    );
  }

  /** Matches `patterns` as output arrives until `deadline` (then undefined), or until `onIdle` says stop. */
  private async scan(
    patterns: readonly RegExp[],
    deadline: number,
    signal: AbortSignal,
    what: string,
    onIdle: () => 'wait' | 'stop',
  ): Promise<Found | undefined> {
    for (;;) {
      const window = this.text.slice(this.from);
      for (const [index, pattern] of patterns.entries()) {
        const match = pattern.exec(window);
        if (match) return { index, match };
      }
      if (signal.aborted) throw new CancelledError();
      if (this.closedBecause)
        throw new SolsticeError(`Waiting for ${what} on the serial console: ${this.closedBecause}.`);
      const left = deadline - Date.now();
      if (left <= 0 || onIdle() === 'stop') return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
