import { randomBytes } from 'node:crypto';
import * as core from '@actions/core';
import type { Reporter } from '../engine/reporter.js';

/**
 * Reporter for the workflow log. Guest text is written between `::stop-commands::<token>` and
 * `::<token>::`: the runner then takes none of it as a workflow command (`::add-mask::`, `::error::`…),
 * and the guest cannot end that section because the token is random and never shown to it.
 */
export class WorkflowReporter implements Reporter {
  private readonly token = randomBytes(16).toString('hex');
  private commandsStopped = false;

  constructor(private readonly write: (text: string) => void = (text) => process.stdout.write(text)) {}

  // Our own messages and commands: each ends a stopped section first.
  readonly info = this.ours(core.info);
  readonly notice = this.ours((message: string) => core.notice(message));
  readonly warning = this.ours((message: string) => core.warning(message));
  readonly debug = this.ours(core.debug);
  readonly startGroup = this.ours(core.startGroup);
  readonly endGroup = this.ours(core.endGroup);

  guestLine(line: string): void {
    if (!this.commandsStopped) {
      this.write(`::stop-commands::${this.token}\n`);
      this.commandsStopped = true;
    }
    this.write(`${line}\n`);
  }

  private ours<Args extends unknown[]>(write: (...args: Args) => void): (...args: Args) => void {
    return (...args) => {
      this.resumeCommands();
      write(...args);
    };
  }

  /** Must run before any workflow command of ours (setFailed, groups) after guest text. */
  resumeCommands(): void {
    if (!this.commandsStopped) return;
    this.write(`::${this.token}::\n`);
    this.commandsStopped = false;
  }
}
