import { SolsticeError } from '../core/errors.js';
import { forgetKeptVm } from '../engine/kept/kept-vm.js';
import type { Reporter } from '../core/reporter.js';
import { stopJob } from '../engine/kept/stop-job.js';
import { loadCliKeptVm } from './kept-vms.js';

/** `solstice stop`: ends a kept VM and removes its files. */
export async function stopCommand(name: string, stateDirectory: string, reporter: Reporter): Promise<void> {
  const kept = await loadCliKeptVm(
    stateDirectory,
    name,
    () =>
      new SolsticeError(
        `No VM named '${name}' is kept running${name === 'default' ? '' : ` (the default one is stopped with 'solstice stop')`}.`,
      ),
  );
  const killed = await stopJob(kept.jobDirectory);
  await forgetKeptVm(stateDirectory, name);
  reporter.info(killed.length > 0 ? `Stopped the VM '${name}'.` : `The VM '${name}' was no longer running; forgot it.`);
}
