import { StringDecoder } from 'node:string_decoder';

/** The longest line passed on whole; a longer one comes out as several lines of this length. */
export const MAX_LINE_LENGTH = 64 * 1024;

/**
 * Turns a byte stream into whole lines (UTF-8 safe across chunk boundaries). `\r\n`, `\n` and a bare
 * `\r` all end a line, as they do for the runner's log parser. The text comes from the guest, so the
 * work is linear in what arrives (only the new chunk is scanned) and nothing held grows past one line:
 * a line longer than MAX_LINE_LENGTH is cut into continuation lines. `onUnbroken`, when given, hears
 * how many characters have arrived since the last line break, after every chunk (a flood guard).
 */
export class LineBuffer {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';
  /** The previous chunk ended with `\r`: a `\n` at the start of the next one belongs to it. */
  private afterCarriageReturn = false;
  private unbroken = 0;
  /** The last line passed on was a full-length piece of a longer one. */
  private continued = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onUnbroken?: (characters: number) => void,
  ) {}

  push(chunk: Buffer | string): void {
    let text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    if (this.afterCarriageReturn && text !== '') {
      this.afterCarriageReturn = false;
      if (text.startsWith('\n')) text = text.slice(1);
    }
    const separators = /\r\n|\n|\r/g;
    let start = 0;
    for (let match = separators.exec(text); match; match = separators.exec(text)) {
      this.emit(this.pending + text.slice(start, match.index));
      this.pending = '';
      this.unbroken = 0;
      start = match.index + match[0].length;
      if (match[0] === '\r' && start === text.length) this.afterCarriageReturn = true;
    }
    this.hold(text.slice(start));
    this.onUnbroken?.(this.unbroken);
  }

  /** Emits a last unterminated line, if any. */
  flush(): void {
    this.hold(this.decoder.end());
    const rest = this.pending;
    this.pending = '';
    this.unbroken = 0;
    if (rest !== '') this.emit(rest);
    this.continued = false;
  }

  /** Keeps an unterminated piece, passing on full-length continuation lines as they fill up. */
  private hold(piece: string): void {
    this.unbroken += piece.length;
    this.pending += piece;
    while (this.pending.length >= MAX_LINE_LENGTH) {
      this.onLine(this.pending.slice(0, MAX_LINE_LENGTH));
      this.pending = this.pending.slice(MAX_LINE_LENGTH);
      this.continued = true;
    }
  }

  private emit(line: string): void {
    let rest = line;
    while (rest.length > MAX_LINE_LENGTH) {
      this.onLine(rest.slice(0, MAX_LINE_LENGTH));
      rest = rest.slice(MAX_LINE_LENGTH);
    }
    // A break right after a continuation line ends that line: no empty line for it.
    if (rest !== '' || !this.continued) this.onLine(rest);
    this.continued = false;
  }
}
