import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import type { Reporter } from '../core/reporter.js';
import { inertLine } from '../core/guest-text.js';
import { ACTION_WORDING } from './error-text.js';

/**
 * Reporter for the workflow log. Guest text is made inert line by line (`inertLine`), and is also
 * written between `::stop-commands::<token>` and `::<token>::`, with a fresh random token for every
 * stretch of guest output: the runner echoes the token in the log, so one that a guest learnt from a
 * watched log is already spent. Our own info messages go through `inertLine` too, since some carry
 * guest-derived text (a path, a console line).
 */
export class WorkflowReporter implements Reporter {
  private token: string | undefined;
  readonly wording = ACTION_WORDING;

  constructor(private readonly write: (text: string) => void = (text) => process.stdout.write(text)) {}

  // Our own messages and commands: each ends a stopped section first.
  readonly info = this.ours((message: string) => core.info(inertLines(message)));
  readonly notice = this.ours((message: string) => core.notice(message));
  readonly warning = this.ours((message: string) => core.warning(message));
  readonly debug = this.ours(core.debug);
  readonly startGroup = this.ours(core.startGroup);
  readonly endGroup = this.ours(core.endGroup);

  guestLine(line: string): void {
    if (!this.token) {
      this.token = randomBytes(16).toString('hex');
      this.write(`::stop-commands::${this.token}\n`);
    }
    this.write(`${inertLine(line)}\n`);
  }

  private ours<Args extends unknown[]>(write: (...args: Args) => void): (...args: Args) => void {
    return (...args) => {
      this.resumeCommands();
      write(...args);
    };
  }

  /** Must run before any workflow command of ours (setFailed, groups) after guest text. */
  resumeCommands(): void {
    if (!this.token) return;
    this.write(`::${this.token}::\n`);
    this.token = undefined;
  }
}

/** `core.info` writes a message with line breaks as several log lines: each must be inert. */
function inertLines(message: string): string {
  return message
    .split(/\r\n|\n|\r/)
    .map(inertLine)
    .join('\n');
}
