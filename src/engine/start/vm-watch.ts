import { bootFailureMessage, type ConsoleTail } from '../../console/console-tail.js';
import { guestTextInline } from '../../core/guest-text.js';
import { describeExit, type VmExit, type VmProcess } from '../../qemu/vm-process.js';
import { ConnectionLostError } from '../../ssh/exec.js';
import { CancelledError, SolsticeError } from '../../core/errors.js';
import { sleep } from '../../core/sleep.js';

/** What ended the VM or the link to it: `what` happened (during a phase), `detail` says more. */
export interface Loss {
  what: string;
  detail?: string;
  /** Set when QEMU exited; a VM loss without it is a kernel panic. */
  exit?: VmExit;
}

/**
 * Linux prints this when it panics, also with `quiet` (an emergency message): the guest is dead from here.
 * (Not pvpanic's QMP event: with QEMU's default panic action the VM powers off before the kernel has
 * flushed the panic to the serial console, and the error would lose the reason. `-action panic=none`
 * avoids that but needs QEMU 6.0.)
 */
const KERNEL_PANIC_LINE = /Kernel panic - not syncing: (.*?)(?: \]---)?\s*$/;
/** A dying VM drops the SSH connection a moment before its exit is reported: wait this long for the real cause. */
const CAUSE_GRACE_MS = 1_000;
const CONSOLE_LINES = 15;

/**
 * Notices that the VM under a job is gone, whatever the job is waiting for at the time: QEMU exited,
 * or the guest kernel panicked (its panic line on the serial console).
 * Failures then name the cause and the phase, with the console's last lines.
 */
export class VmWatch {
  /** What the job is doing, for messages: "boot", "the script". */
  phase = 'boot';
  /** Set once the VM is lost. */
  loss: Loss | undefined;
  /** When the serial console last printed a line (undefined: not yet). */
  consoleLineAt: number | undefined;
  /** Resolves when the VM is lost; never rejects (and never settles if the VM lasts). */
  readonly lost: Promise<Loss>;
  private watching = true;
  private readonly stopFollowing: () => void;

  constructor(
    private readonly vm: VmProcess,
    private readonly console: ConsoleTail,
  ) {
    let resolveLost: (loss: Loss) => void = () => {};
    this.lost = new Promise((resolve) => (resolveLost = resolve));
    const lose = (loss: Loss) => {
      if (!this.watching || this.loss) return;
      this.loss = loss;
      resolveLost(loss);
    };
    this.stopFollowing = console.onLine((line) => {
      this.consoleLineAt = Date.now();
      const panic = KERNEL_PANIC_LINE.exec(line);
      if (panic) lose({ what: 'the guest kernel panicked', detail: guestTextInline(panic[1]!.trim()) }); // the kernel's reason, e.g. "sysrq triggered crash"
    });
    void vm.exited.then((exit) => lose({ what: 'QEMU exited', detail: describeExit(exit), exit }));
  }

  /** From now on nothing counts as a loss (teardown, or a boot that is given up). */
  stop(): void {
    this.watching = false;
    this.stopFollowing();
  }

  /** Awaits `work`, but fails at once if the VM is lost meanwhile; a failure caused by a lost VM or SSH link says so. */
  async during<T>(work: Promise<T>): Promise<T> {
    work.catch(() => {}); // after a loss nobody awaits it: it fails when teardown closes the connection
    let first: { done: T } | Loss;
    try {
      first = await Promise.race([work.then((done) => ({ done })), this.lost]);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      const loss = await this.cause(error);
      throw loss ? new SolsticeError(await this.message(loss)) : error;
    }
    if ('done' in first) return first.done;
    throw new SolsticeError(await this.message(first));
  }

  /** What ended the VM or the SSH link, as a clause: "QEMU exited (killed by SIGKILL)"; `error` is what a guest command failed with. */
  readonly describe = async (error?: unknown): Promise<string> => {
    const loss = await this.cause(error);
    if (loss) return `${loss.what}${loss.detail ? ` (${loss.detail})` : ''}`;
    return error instanceof Error ? error.message : 'the VM stopped';
  };

  /** "QEMU exited during the script (killed by SIGKILL)." with what QEMU said and the console's last lines. */
  async message(loss: Loss): Promise<string> {
    const reason = `${loss.what[0]!.toUpperCase()}${loss.what.slice(1)} during ${this.phase}${loss.detail ? ` (${loss.detail})` : ''}`;
    return bootFailureMessage(
      reason,
      this.vm.hasExited ? await this.vm.stderrText() : '',
      this.console.tail(CONSOLE_LINES),
    );
  }

  /** The VM's loss, else (a lost SSH link) what the link's end says; undefined for other failures. */
  private async cause(error: unknown): Promise<Loss | undefined> {
    if (this.loss || !(error instanceof ConnectionLostError)) return this.loss;
    return (await Promise.race([this.lost, sleep(CAUSE_GRACE_MS)])) ?? error;
  }
}
