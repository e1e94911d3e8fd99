/**
 * The step log's "Host" group: the QEMU that runs the guest and what KVM depends on on this runner,
 * as commands an operator can type again (@actions/exec echoes each as `[command]…`). Whether KVM
 * really works is decided by the engine's probe guest, which says so in the log.
 */
import { Writable } from 'node:stream';
import * as core from '@actions/core';
import * as exec from '@actions/exec';
import { QEMU_BINARY } from '../qemu/command-line.js';
import type { Arch } from '../core/vocabulary.js';
import { childEnvironment } from '../core/child-environment.js';

/** The main step waits for the report before it ends: a command that hangs must not hold it. */
const COMMAND_DEADLINE_MS = 5_000;

/**
 * Runs the commands side by side and resolves to their echoed output, in order; never rejects.
 * Run and printed when the job has ended, off its critical path.
 */
export async function hostReport(arch: Arch): Promise<string> {
  const commands = [[QEMU_BINARY[arch], '--version'], ['ls', '-l', '/dev/kvm'], ['id']] as const;
  const outputs = await Promise.all(
    commands.map(async ([command, ...args]) => {
      const chunks: Buffer[] = [];
      const collect = new Writable({ write: (chunk: Buffer, _encoding, done) => done(void chunks.push(chunk)) });
      // Informational only: a missing QEMU or /dev/kvm shows here and fails (or falls back) in the job with its own message.
      const run = exec
        .exec(command, args, {
          ignoreReturnCode: true,
          env: childEnvironment() as Record<string, string>,
          outStream: collect,
          errStream: collect,
        })
        .then(
          () => '',
          (error: unknown) => `${command}: ${(error as Error).message}\n`,
        );
      const deadline = new Promise<string>((resolve) =>
        setTimeout(
          resolve,
          COMMAND_DEADLINE_MS,
          `${command}: no answer within ${COMMAND_DEADLINE_MS / 1000} s\n`,
        ).unref(),
      );
      const problem = await Promise.race([run, deadline]);
      return Buffer.concat(chunks).toString() + problem;
    }),
  );
  return outputs.join('');
}

export function printHostGroup(report: string): void {
  core.startGroup('Host');
  core.info(report.trimEnd());
  core.endGroup();
}
