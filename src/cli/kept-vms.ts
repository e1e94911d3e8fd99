import { SolsticeError } from '../core/errors.js';
import { loadKeptVm, type KeptVm } from '../engine/kept/kept-vm.js';
import { isInStateDirectory } from './state-directory.js';

/**
 * A VM kept by `solstice run --keep`, for `ssh` and `stop`: `missing` when there is none. Its record
 * must name a job directory inside the state directory, since `stop` kills and removes what it names.
 */
export async function loadCliKeptVm(
  stateDirectory: string,
  name: string,
  missing: () => SolsticeError,
): Promise<KeptVm> {
  const { kept } = await loadKeptVm(stateDirectory, name).catch(() => {
    throw missing();
  });
  if (!(await isInStateDirectory(stateDirectory, kept.jobDirectory))) {
    throw new SolsticeError(
      `The record of the VM '${name}' names the job directory ${kept.jobDirectory}, outside ${stateDirectory}: it was not ` +
        `made by 'solstice run', so nothing was stopped or removed. Delete ${stateDirectory}/solstice-vms/${name}.json.`,
    );
  }
  return kept;
}
