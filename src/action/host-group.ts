/**
 * The step log's "Host" group: the QEMU that will run the guest and what KVM depends on on this
 * runner, as commands an operator can type again (@actions/exec echoes each as `[command]…`).
 * Whether KVM really works is decided afterwards by the engine's probe guest, which says so.
 */
import * as core from '@actions/core';
import * as exec from '@actions/exec';
import type { Arch } from '../catalog/catalog.js';
import { QEMU_BINARY } from '../qemu/command-line.js';

/** The runner's secrets (GITHUB_TOKEN and the like) are no business of these commands. */
const commandEnv = (): Record<string, string> => ({ PATH: process.env['PATH'] ?? '/usr/bin:/bin', LANG: 'C.UTF-8' });

export async function showHost(arch: Arch): Promise<void> {
  await core.group('Host', async () => {
    const commands = [[QEMU_BINARY[arch], '--version'], ['ls', '-l', '/dev/kvm'], ['id']] as const;
    for (const [command, ...args] of commands) {
      // Informational only: a missing QEMU or /dev/kvm shows here and fails (or falls back) later with its own message.
      await exec.exec(command, args, { ignoreReturnCode: true, env: commandEnv() })
        .catch((error: unknown) => core.info(`${command}: ${(error as Error).message}`));
    }
  });
}
