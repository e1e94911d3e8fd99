import type { Reporter } from '../core/reporter.js';
import { inertLine, inertMessage, visibleControls } from '../core/guest-text.js';
import { CLI_WORDING } from './error-text.js';

interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface TerminalOptions {
  verbose?: boolean;
  /** Colours and a progress line rewritten in place; by default when stderr is a TTY and NO_COLOR is unset. */
  colour?: boolean;
  /** Run by a workflow step (by default when GITHUB_ACTIONS=true): the runner reads workflow commands in the output. */
  inWorkflow?: boolean;
}

const ANSI = { dim: '\x1b[2m', bold: '\x1b[1m', yellow: '\x1b[33m', cyan: '\x1b[36m', reset: '\x1b[0m' };

/**
 * Reporter for a person at a terminal: colours, a dimmed boot console and progress lines rewritten in
 * place when the output is a TTY; plain lines (for logs and pipes) when it is not. The command's
 * stdout goes to stdout, its stderr to stderr; the boot console and Solstice's own messages go to
 * stderr too, so `solstice run … > out.txt` captures only what the command printed. The guest is hostile:
 * - on a terminal, its control sequences (other than colours) are shown as visible escapes: it must
 *   not move the cursor, retitle the window or set the clipboard (OSC 52);
 * - into a pipe or file, and in a workflow step, its lines are made inert as the action makes them
 *   (`inertLine`: no line parses as a workflow command). A runner reads its steps' output through
 *   pipes, and GITHUB_ACTIONS does not survive every hop (`ssh host solstice run`, `docker run`,
 *   `sudo`), so any pipe is treated as possibly read by one; only a person's own terminal outside a
 *   workflow gets the lines without the invisible break (it would travel with a copy and paste);
 * - our own messages, which can quote it (its stderr, a link target), always get both.
 */
export class TerminalReporter implements Reporter {
  private groupDepth = 0;
  private progressShown = false;
  private readonly verbose: boolean;
  private readonly colour: boolean;
  private readonly inWorkflow: boolean;
  readonly wording = CLI_WORDING;

  constructor(
    private readonly out: Stream = process.stdout,
    private readonly err: Stream = process.stderr,
    options: TerminalOptions = {},
  ) {
    this.verbose = options.verbose ?? false;
    this.colour = options.colour ?? (Boolean(err.isTTY) && !process.env['NO_COLOR']);
    this.inWorkflow = options.inWorkflow ?? process.env['GITHUB_ACTIONS'] === 'true';
  }

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
    this.err.write(`\r\x1b[2K${ANSI.dim}${inertMessage(message)}${ANSI.reset}`);
    this.progressShown = true;
  }

  startGroup(title: string): void {
    this.ours(`${this.colour ? '▸' : '=='} ${title}`, undefined, ANSI.bold);
    this.groupDepth++;
  }

  endGroup(): void {
    this.groupDepth = Math.max(0, this.groupDepth - 1);
  }

  guestLine(line: string, from?: 'stderr'): void {
    this.endProgress();
    // Inside a group it is the boot console: context, not the command's output, so dimmed.
    const bootConsole = this.groupDepth > 0;
    const stream = bootConsole || from === 'stderr' ? this.err : this.out;
    const visible = stream.isTTY ? visibleControls(line, true) : line;
    const shown = this.inWorkflow || !stream.isTTY ? inertLine(visible) : visible;
    if (bootConsole && this.colour) stream.write(`${ANSI.dim}${shown}${ANSI.reset}\n`);
    else stream.write(`${shown}\n`);
  }

  private ours(message: string, label?: string, colour?: string): void {
    this.endProgress();
    const text = `${label ? `${label}: ` : ''}${inertMessage(message)}`;
    this.err.write(this.colour && colour ? `${colour}${text}${ANSI.reset}\n` : `${text}\n`);
  }

  private endProgress(): void {
    if (!this.progressShown) return;
    this.err.write('\r\x1b[2K');
    this.progressShown = false;
  }
}
