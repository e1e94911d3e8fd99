/**
 * Closers of a job's resources, registered as each resource comes into being and run in reverse order
 * (last made, first closed) on every path out of the job. Hand-rolled because AsyncDisposableStack is
 * not in the Node 20 the CLI still runs on.
 */
export class Teardown {
  private readonly closers: Array<{ close: () => unknown; outlivesHandOver: boolean }> = [];
  private handedOver = false;

  /**
   * Registers `close`; with `outlivesHandOver`, the resource is left alone when the VM is handed over to
   * later steps (the VM itself, its directory). Returns a function that closes it now, out of turn
   * (a failed boot's QEMU before the next boot).
   */
  add(close: () => unknown, options: { outlivesHandOver?: boolean } = {}): () => Promise<void> {
    const entry = { close, outlivesHandOver: options.outlivesHandOver ?? false };
    this.closers.push(entry);
    return async () => {
      const index = this.closers.indexOf(entry);
      if (index < 0) return;
      this.closers.splice(index, 1);
      await entry.close();
    };
  }

  /** The VM stays up for later steps: closers registered with `outlivesHandOver` will not run. */
  handOver(): void {
    this.handedOver = true;
  }

  /** Runs every closer, newest first; one that fails does not stop the others. Returns their errors. */
  async run(): Promise<unknown[]> {
    const errors: unknown[] = [];
    for (const { close, outlivesHandOver } of this.closers.splice(0).reverse()) {
      if (outlivesHandOver && this.handedOver) continue;
      try {
        await close();
      } catch (error) {
        errors.push(error);
      }
    }
    return errors;
  }
}
