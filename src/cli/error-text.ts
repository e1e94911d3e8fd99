/** How the command line words a failure: inputs as the options that set them ("Option --disk-size"). */
import { CancelledError, SolsticeError, type InputWording } from '../core/errors.js';
import { cliOption, inputSpec } from '../config/inputs.js';
import { inertMessage } from '../core/guest-text.js';

export const CLI_WORDING: InputWording = {
  subject: (input) => {
    if (input === 'run') return 'The command (after --, or --run)';
    const option = cliOption(input);
    // An action-only input has no option: the CLI sets it itself (debug), so this is ours to fix.
    return option === undefined ? `The setting '${input}'` : `Option --${option}`;
  },
  setting: (input, value) => {
    const option = cliOption(input);
    if (option === undefined) return value === undefined ? `'${input}'` : `'${input}' ${value}`;
    // A flag (--keep) carries no value.
    return value === undefined || inputSpec(input).value === undefined ? `--${option}` : `--${option} ${value}`;
  },
  several: 'Invalid options',
};

/** The one text the command line prints for an error (after `solstice: `); guest text in it is made inert. */
export function cliErrorText(error: unknown): string {
  if (error instanceof CancelledError) return 'Cancelled: the VM was stopped and its files removed.';
  if (error instanceof SolsticeError) return inertMessage(error.describe(CLI_WORDING));
  return inertMessage(error instanceof Error ? (error.stack ?? error.message) : String(error));
}
