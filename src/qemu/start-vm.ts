import { SolsticeError } from '../core/errors.js';
import { QmpClient } from '../qmp/client.js';
import type { VmSpec } from './command-line.js';
import { freePort } from './port.js';
import { VmProcess } from './vm-process.js';

export interface StartedVm {
  vm: VmProcess;
  qmp: QmpClient;
}

const QMP_CONNECT_TIMEOUT_MS = 15_000;
const PORT_ATTEMPTS = 5;

/**
 * Starts QEMU and connects to its QMP socket. The SSH port is picked free just before; if another
 * process takes it first QEMU exits saying so, and we try again with a new port.
 */
export async function startVm(
  spec: Omit<VmSpec, 'sshPort'>,
  stderrPath: string,
  signal: AbortSignal,
): Promise<StartedVm> {
  for (let attempt = 1; ; attempt++) {
    const vm = await VmProcess.start({ ...spec, sshPort: await freePort() }, stderrPath);
    const exitedEarly = vm.exited.then(() => 'exited' as const);
    const connecting = QmpClient.connect(spec.qmpSocketPath, { timeoutMs: QMP_CONNECT_TIMEOUT_MS, signal });
    try {
      const first = await Promise.race([connecting, exitedEarly]);
      if (first !== 'exited') return { vm, qmp: first };
    } catch (error) {
      await vm.stop(undefined);
      throw error;
    }
    connecting.then(
      (qmp) => qmp.close(),
      () => {},
    );
    const stderr = await vm.stderrText();
    if (/host forwarding|address already in use/i.test(stderr) && attempt < PORT_ATTEMPTS) continue;
    throw new SolsticeError(`QEMU exited right after start: ${stderr || 'no error output'}`);
  }
}
