import type { Reporter } from '../core/reporter.js';
import { visibleControls } from '../core/guest-text.js';

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const ANSI = { dim: '\x1b[2m', bold: '\x1b[1m', yellow: '\x1b[33m', cyan: '\x1b[36m', reset: '\x1b[0m' };

/**
 * Reporter for a person at a terminal: colours, a dimmed boot console and progress lines rewritten in
 * place when the output is a TTY; plain lines (for logs and pipes) when it is not. Guest text goes to
 * stdout; Solstice's own messages go to stderr, so `solstice run … > out.txt` captures only what the
 * command printed. On a terminal, the guest's control sequences (other than colours) are shown as
 * visible escapes: a hostile guest must not move the cursor, retitle the window or set the clipboard
 * (OSC 52). Into a file or pipe the bytes pass unchanged.
 */
export class TerminalReporter implements Reporter {
  private groupDepth = 0;
  private progressShown = false;

  constructor(
    private readonly out: Stream = process.stdout,
    private readonly err: Stream = process.stderr,
    private readonly verbose = false,
    private readonly colour = Boolean(err.isTTY) && !process.env['NO_COLOR'],
  ) {}

  info(message: string): void {
    this.ours(message);
  }

  notice(message: string): void {
    this.ours(message, 'notice', ANSI.cyan);
  }

  warning(message: string): void {
    this.ours(message, 'warning', ANSI.yellow);
  }

  debug(message: string): void {
    if (this.verbose) this.ours(message, 'debug', ANSI.dim);
  }

  progress(message: string): void {
    if (!this.colour) return this.info(message);
    this.err.write(`\r\x1b[2K${ANSI.dim}${message}${ANSI.reset}`);
    this.progressShown = true;
  }

  startGroup(title: string): void {
    this.ours(this.colour ? `${ANSI.bold}▸ ${title}${ANSI.reset}` : `== ${title}`);
    this.groupDepth++;
  }

  endGroup(): void {
    this.groupDepth = Math.max(0, this.groupDepth - 1);
  }

  guestLine(line: string): void {
    this.endProgress();
    // Inside a group it is the boot console: context, not the command's output.
    const stream = this.groupDepth > 0 ? this.err : this.out;
    const shown = stream.isTTY ? visibleControls(line, true) : line;
    if (stream === this.err && this.colour) stream.write(`${ANSI.dim}${shown}${ANSI.reset}\n`);
    else stream.write(`${shown}\n`);
  }

  private ours(message: string, label?: string, colour?: string): void {
    this.endProgress();
    const prefix = label ? `${label}: ` : '';
    this.err.write(this.colour && colour ? `${colour}${prefix}${message}${ANSI.reset}\n` : `${prefix}${message}\n`);
  }

  private endProgress(): void {
    if (!this.progressShown) return;
    this.err.write('\r\x1b[2K');
    this.progressShown = false;
  }
}
