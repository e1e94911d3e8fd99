import type { ConsoleTail } from '../console/console-tail.js';
import type { PreparedImage } from '../image/types.js';
import type { Accel } from '../core/vocabulary.js';
import type { PhaseClock } from './phase-clock.js';
import type { GuestStart } from './start/start-guest.js';

/** What the front end may publish as soon as it is known (outputs), before the job has ended. */
export interface JobFacts {
  consoleLogPath: string;
  image: PreparedImage;
  accel: Accel;
  sshPort: number;
  bootSeconds: number;
  start: 'warm' | 'cold';
  templateKey?: string;
}

/** What a job that failed before it could return a result had reached, for the summary and the error. */
export interface JobFailure {
  /** The stage it was in: "starting the guest", "the copy back", … */
  phase: string;
  /** Milliseconds per phase that ended. */
  phases: Record<string, number>;
  consoleLogPath: string;
  /** The console's last lines, raw guest text (empty when QEMU never started). */
  consoleTail: string[];
}

export interface ProgressListeners {
  /** Called with each fact as soon as it is known (the console log's path first). */
  onFacts?: (facts: Partial<JobFacts>) => void;
  /** Called when the job fails (not when its script does), before the error is thrown on. */
  onFailure?: (failure: JobFailure) => void;
}

/** How many of the console's last lines a failure shows. */
const FAILURE_CONSOLE_LINES = 25;

/**
 * How far a job got, told to the front end as it goes: facts as they become known, and on a failure the
 * stage reached with the console's last lines, so an early failure still leaves something to look at.
 */
export class JobProgress {
  /** The stage the job is in, in words. */
  phase = 'preparing the job';
  private console: { path: string; tail: ConsoleTail } | undefined;

  constructor(
    private readonly listeners: ProgressListeners,
    private readonly clock: PhaseClock,
  ) {}

  consoleFollowed(path: string, tail: ConsoleTail): void {
    this.console = { path, tail };
    this.facts({ consoleLogPath: path });
  }

  facts(known: Partial<JobFacts>): void {
    this.listeners.onFacts?.(known);
  }

  started({ guest, how, templateKey }: GuestStart): void {
    this.facts({
      sshPort: guest.vm.spec.sshPort,
      bootSeconds: guest.bootSeconds,
      start: how,
      ...(how === 'warm' && templateKey ? { templateKey } : {}),
    });
  }

  /** The job failed: what it had reached (nothing is told before its console log exists). */
  failed(): void {
    if (!this.console) return;
    this.listeners.onFailure?.({
      phase: this.phase,
      phases: { ...this.clock.phases },
      consoleLogPath: this.console.path,
      consoleTail: this.console.tail.tail(FAILURE_CONSOLE_LINES),
    });
  }
}
