import { inertLine, visibleControls } from '../core/guest-text.js';

/** Terminal control sequences (colours, cursor moves, OSC titles) that systemd and getty print on the console. */
const TERMINAL_SEQUENCE = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** The line without colours, cursor moves and titles. */
export function withoutTerminalSequences(line: string): string {
  return line.replace(TERMINAL_SEQUENCE, '');
}

/**
 * Console lines as a person reads them in an error or a summary: control sequences removed (not shown as
 * `\x1b[0;32m`), carriage-return redraws reduced to what the line finally showed, other controls made
 * visible, and runs of blank lines dropped. Each line is cut at `maxLength` characters.
 */
export function readableConsoleLines(lines: readonly string[], maxLength = 300): string[] {
  const readable: string[] = [];
  for (const line of lines) {
    const redrawn = withoutTerminalSequences(line).split('\r').filter(Boolean).at(-1) ?? '';
    const text = visibleControls(redrawn).trimEnd();
    if (text.trim() === '' && (readable.length === 0 || readable.at(-1) === '')) continue;
    readable.push(text.length > maxLength ? `${text.slice(0, maxLength)}…` : text);
  }
  while (readable.at(-1) === '') readable.pop();
  return readable;
}

/** Guest lines quoted inside one of our messages (`  | line`): readable, and never a workflow command. */
export function quotedGuestLines(lines: readonly string[]): string {
  return readableConsoleLines(lines)
    .map((line) => inertLine(`  | ${line}`))
    .join('\n');
}
