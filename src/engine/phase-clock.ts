/** The phases a job is timed by (the summary and the bench read them; a template build's carry `template:`). */
export type Phase =
  | 'accel-probe'
  | 'image'
  | 'overlay'
  | 'seed'
  | 'template'
  | 'qemu-start'
  | 'ssh-ready'
  | 'restore-state'
  | 'agent'
  | 'secure-identity'
  | 'job-login'
  | 'template-save'
  | 'prepare'
  | 'script'
  | 'debug-hold'
  | 'teardown';

/** Measures how long each phase of a job took (milliseconds). */
export class PhaseClock {
  constructor(
    readonly phases: Record<string, number> = {},
    private readonly prefix = '',
  ) {}

  async time<T>(phase: Phase, work: Promise<T>): Promise<T> {
    const startedAt = Date.now();
    try {
      return await work;
    } finally {
      this.record(phase, Date.now() - startedAt);
    }
  }

  record(phase: Phase, ms: number): void {
    this.phases[`${this.prefix}${phase}`] = ms;
  }

  /** The same record, each phase named `<prefix><phase>`: a template build's phases beside its job's. */
  prefixed(prefix: string): PhaseClock {
    return new PhaseClock(this.phases, `${this.prefix}${prefix}`);
  }
}
