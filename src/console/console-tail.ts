import { open, type FileHandle } from 'node:fs/promises';
import { LineBuffer } from '../report/line-buffer.js';

const POLL_INTERVAL_MS = 100;
const KEPT_LINES = 40;

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

  constructor(private readonly path: string) {}

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
    for (;;) {
      const { bytesRead } = await this.handle.read(this.buffer, 0, this.buffer.length, this.offset);
      if (bytesRead === 0) return;
      this.offset += bytesRead;
      this.lines.push(this.buffer.subarray(0, bytesRead));
    }
  }

  private take(line: string): void {
    this.recent.push(line);
    if (this.recent.length > KEPT_LINES) this.recent.shift();
    for (const listener of this.listeners) listener(line);
  }
}

/**
 * A console line that says the SSH server is starting: systemd's `ssh.service`/`sshd.service` (Debian,
 * Ubuntu, RHEL-likes, SUSE), BSD rc's `Starting sshd.`, dropbear. A hint for readiness polling only.
 */
export const SSHD_STARTING = /\b(sshd?\.service|starting sshd|dropbear)\b/i;

/** ANSI control sequences (colours, cursor moves) systemd uses on the console. */
const ANSI_SEQUENCE = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** True for console lines with nothing to read once terminal control sequences are removed. */
export function isBlankConsoleLine(line: string): boolean {
  return line.replace(ANSI_SEQUENCE, '').trim() === '';
}

/** The error text when a guest does not come up: why, what QEMU said, and the console's last lines. */
export function bootFailureMessage(reason: string, qemuStderr: string, consoleTail: readonly string[]): string {
  return [
    `${reason}.`,
    qemuStderr ? `QEMU said: ${qemuStderr}` : '',
    ...(consoleTail.length > 0 ? ['Last console lines:', ...consoleTail.map((line) => `  | ${line}`)] : ['The serial console printed nothing (no kernel output: check the image boots with this firmware and a serial console).']),
  ].filter(Boolean).join('\n');
}
