import { StringDecoder } from 'node:string_decoder';

/**
 * Turns a byte stream into whole lines (UTF-8 safe across chunk boundaries). `\r\n`, `\n` and a bare
 * `\r` all end a line, as they do for the runner's log parser.
 */
export class LineBuffer {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer | string): void {
    this.pending += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const parts = this.pending.split(/\r\n|\n|\r(?!$)/);
    this.pending = parts.pop() ?? '';
    for (const line of parts) this.onLine(line);
  }

  /** Emits a last unterminated line, if any. */
  flush(): void {
    this.pending += this.decoder.end();
    const rest = this.pending.replace(/\r$/, '');
    this.pending = '';
    if (rest !== '') this.onLine(rest);
  }
}
