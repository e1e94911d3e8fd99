/** Measures how long each phase of a job took (milliseconds). */
export class PhaseClock {
  readonly phases: Record<string, number> = {};

  async time<T>(phase: string, work: Promise<T>): Promise<T> {
    const startedAt = Date.now();
    try {
      return await work;
    } finally {
      this.phases[phase] = Date.now() - startedAt;
    }
  }
}
