/** How the action words a failure: inputs as a workflow sets them ("Input 'disk-size'", "accel: tcg"). */
import { CancelledError, SolsticeError, type InputWording } from '../core/errors.js';

export const ACTION_WORDING: InputWording = {
  subject: (input) => `Input '${input}'`,
  setting: (input, value) => (value === undefined ? input : `${input}: ${value}`),
  several: 'Invalid inputs',
};

/** The one text the action's entry points print for an error. */
export function actionErrorText(error: unknown): string {
  if (error instanceof CancelledError) return 'Cancelled: the VM was stopped and its files removed.';
  if (error instanceof SolsticeError) return error.describe(ACTION_WORDING);
  return error instanceof Error ? error.message : String(error);
}
