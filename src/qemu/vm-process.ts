import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { childEnvironment } from '../core/child-environment.js';
import type { QmpClient } from '../qmp/client.js';
import { QEMU_BINARY, qemuArguments, type VmSpec } from './command-line.js';
import { program } from '../core/program-search.js';

export interface VmExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** How QEMU ended, for messages: "killed by SIGKILL", "exit code 1". */
export function describeExit(exit: VmExit): string {
  if (exit.signal) return `killed by ${exit.signal}`;
  return exit.code === 0 ? 'exit code 0: the guest powered off' : `exit code ${exit.code}`;
}

/**
 * Stop deadlines. The disk is a throwaway overlay, so nothing is gained by waiting on a guest: QMP `quit`
 * normally ends QEMU within tens of milliseconds (docs/performance.md, "Teardown"); if QEMU's main loop
 * does not get to it soon, SIGTERM, then SIGKILL, which cannot be ignored (its wait is only for the exit).
 * Worst case before SIGKILL: QUIT + TERM ≈ 0.8 s, so teardown stays under a second.
 */
const QUIT_GRACE_MS = 500;
const TERM_GRACE_MS = 300;
const KILL_GRACE_MS = 2_000;

/** The Debian package of each emulator, for the error when it is missing. */
const QEMU_PACKAGE: Record<VmSpec['arch'], string> = {
  x86_64: 'qemu-system-x86',
  aarch64: 'qemu-system-arm qemu-efi-aarch64',
};

/** One QEMU process. Its stdio never touches the action's stdout/stderr (the runner would wait on them). */
export class VmProcess {
  readonly exited: Promise<VmExit>;
  private exitInfo: VmExit | undefined;

  private constructor(
    readonly pid: number,
    readonly spec: VmSpec,
    private readonly stderrPath: string,
    exited: Promise<VmExit>,
  ) {
    this.exited = exited.then((info) => (this.exitInfo = info));
  }

  /**
   * Starts QEMU in its own process group (a terminal's Ctrl-C reaches only us; we decide how it stops).
   * stderr goes to a file so a failure to start can be explained.
   */
  static start(spec: VmSpec, stderrPath: string): Promise<VmProcess> {
    const stderrFd = openSync(stderrPath, 'w');
    try {
      const binary = QEMU_BINARY[spec.arch];
      const child = spawn(program(binary), qemuArguments(spec), {
        detached: true,
        stdio: ['ignore', 'ignore', stderrFd],
        env: childEnvironment(),
      });
      const exited = new Promise<VmExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      return new Promise((resolve, reject) => {
        child.once('error', (error) =>
          reject(
            (error as NodeJS.ErrnoException).code === 'ENOENT'
              ? new Error(
                  `${binary} was not found on PATH: install QEMU (Debian/Ubuntu: apt-get install ${QEMU_PACKAGE[spec.arch]} qemu-utils).`,
                )
              : error,
          ),
        );
        child.once('spawn', () => {
          child.unref();
          resolve(new VmProcess(child.pid!, spec, stderrPath, exited));
        });
      });
    } finally {
      closeSync(stderrFd);
    }
  }

  get hasExited(): boolean {
    return this.exitInfo !== undefined;
  }

  /** QEMU's own error output (e.g. why it could not start). */
  async stderrText(): Promise<string> {
    return (await readFile(this.stderrPath, 'utf8').catch(() => '')).trim();
  }

  /**
   * Stops the VM within a few seconds whatever state the guest is in: QMP `quit` (immediate, the disk
   * is throwaway so no guest shutdown is awaited), then SIGTERM, then SIGKILL.
   */
  async stop(qmp: QmpClient | undefined): Promise<void> {
    if (this.hasExited) return;
    if (qmp) {
      // The reply is not awaited: QEMU's exit is what counts, and it may come before or instead of the reply.
      qmp.execute('quit', undefined, { timeoutMs: QUIT_GRACE_MS }).catch(() => {});
      if (await this.exitsWithin(QUIT_GRACE_MS)) return;
    }
    this.signal('SIGTERM');
    if (await this.exitsWithin(TERM_GRACE_MS)) return;
    this.signal('SIGKILL');
    await this.exitsWithin(KILL_GRACE_MS);
  }

  /** Synchronous last resort for process exit handlers. */
  killNow(): void {
    if (!this.hasExited) this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      process.kill(this.pid, signal);
    } catch {
      // already gone
    }
  }

  private async exitsWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const result = await Promise.race([this.exited.then(() => true as const), timeout]);
    clearTimeout(timer);
    return result;
  }
}
