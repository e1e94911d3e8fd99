import { chmod, open, type FileHandle } from 'node:fs/promises';
import { LineBuffer } from '../core/line-buffer.js';
import { quotedGuestLines, readableConsoleLines, withoutTerminalSequences } from './readable-lines.js';

const POLL_INTERVAL_MS = 100;
const KEPT_LINES = 40;
/**
 * The console log's size limit. A guest can print without end; past this the log is not read further
 * and the front end is told (`onLimit`), which cuts QEMU's serial output off (chardev-change to null).
 */
export const MAX_CONSOLE_LOG_BYTES = 64 * 2 ** 20;

/**
 * Follows the serial console log that QEMU writes, line by line, while the VM runs. QEMU writes the
 * file itself (so nothing the guest prints can block on us); we only read behind it.
 */
export class ConsoleTail {
  private readonly recent: string[] = [];
  private readonly lines = new LineBuffer((line) => this.take(line));
  private readonly listeners = new Set<(line: string) => void>();
  private handle: FileHandle | undefined;
  private offset = 0;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> = Promise.resolve();
  private readonly buffer = Buffer.allocUnsafe(64 * 1024);
  private readonly limitListeners = new Set<() => void>();
  constructor(private readonly path: string) {}

  /**
   * Creates the log (mode 0600: it holds whatever the guest printed) before QEMU opens it, which keeps
   * that mode; QEMU appends to it, also across boot retries.
   */
  async create(): Promise<void> {
    await (await open(this.path, 'a', 0o600)).close();
    await chmod(this.path, 0o600);
  }

  /**
   * Calls `listener` once when the log reaches MAX_CONSOLE_LOG_BYTES (at the next poll if it is there
   * already); returns a function that stops it.
   */
  onLimit(listener: () => void): () => void {
    this.limitListeners.add(listener);
    return () => this.limitListeners.delete(listener);
  }

  start(): void {
    this.timer = setInterval(() => {
      this.reading = this.reading.then(() => this.readMore());
    }, POLL_INTERVAL_MS);
  }

  /** Calls `listener` for every new console line; returns a function that stops it. */
  onLine(listener: (line: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The last lines seen, for error messages (boot timeout, QEMU exit). */
  tail(count = 20): string[] {
    return this.recent.slice(-count);
  }

  /** Reads what is left, emits a last partial line and closes the file. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.reading = this.reading.then(() => this.readMore());
    await this.reading;
    this.lines.flush();
    await this.handle?.close();
    this.handle = undefined;
  }

  private async readMore(): Promise<void> {
    try {
      this.handle ??= await open(this.path, 'r');
    } catch {
      return; // QEMU has not created it yet
    }
    while (this.offset < MAX_CONSOLE_LOG_BYTES) {
      const wanted = Math.min(this.buffer.length, MAX_CONSOLE_LOG_BYTES - this.offset);
      const { bytesRead } = await this.handle.read(this.buffer, 0, wanted, this.offset);
      if (bytesRead === 0) return;
      this.offset += bytesRead;
      this.lines.push(this.buffer.subarray(0, bytesRead));
    }
    for (const listener of this.limitListeners) listener();
    this.limitListeners.clear();
  }

  private take(line: string): void {
    this.recent.push(line);
    if (this.recent.length > KEPT_LINES) this.recent.shift();
    for (const listener of this.listeners) listener(line);
  }
}

export function consoleLimitMessage(logPath: string): string {
  return `The guest printed more than ${MAX_CONSOLE_LOG_BYTES / 2 ** 20} MiB on its serial console: the rest of its console output is dropped (the log ${logPath} ends there).`;
}

/**
 * A console line that says the SSH server is starting: systemd's `ssh.service`/`sshd.service` (Debian,
 * Ubuntu, RHEL-likes, SUSE), BSD rc's `Starting sshd.`, dropbear. A hint for readiness polling only.
 */
export const SSHD_STARTING = /\b(sshd?\.service|starting sshd|dropbear)\b/i;

/** True for console lines with nothing to read once terminal control sequences are removed. */
export function isBlankConsoleLine(line: string): boolean {
  return withoutTerminalSequences(line).trim() === '';
}

/**
 * The error text when a guest does not come up: why, what QEMU said, the fix when one would help, and
 * the console's last lines as a person reads them (no colour codes, no blank runs).
 */
export function bootFailureMessage(
  reason: string,
  qemuStderr: string,
  consoleTail: readonly string[],
  hint?: string,
): string {
  return [
    `${reason}.`,
    qemuStderr ? `QEMU said: ${qemuStderr}` : '',
    hint ?? '',
    ...(readableConsoleLines(consoleTail).length > 0
      ? ['Last console lines:', quotedGuestLines(consoleTail)]
      : [
          'The serial console printed nothing (no kernel output: check the image boots with this firmware and a serial console).',
        ]),
  ]
    .filter(Boolean)
    .join('\n');
}
