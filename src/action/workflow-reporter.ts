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

  info(message: string): void {
    this.resumeCommands();
    core.info(message);
  }

  notice(message: string): void {
    this.resumeCommands();
    core.notice(message);
  }

  warning(message: string): void {
    this.resumeCommands();
    core.warning(message);
  }

  debug(message: string): void {
    this.resumeCommands();
    core.debug(message);
  }

  startGroup(title: string): void {
    this.resumeCommands();
    core.startGroup(title);
  }

  endGroup(): void {
    this.resumeCommands();
    core.endGroup();
  }

  guestLine(line: string): void {
    if (!this.commandsStopped) {
      this.write(`::stop-commands::${this.token}\n`);
      this.commandsStopped = true;
    }
    this.write(`${line}\n`);
  }

  /** Must run before any workflow command of ours (setFailed, groups) after guest text. */
  resumeCommands(): void {
    if (!this.commandsStopped) return;
    this.write(`::${this.token}::\n`);
    this.commandsStopped = false;
  }
}
