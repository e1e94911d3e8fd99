import type { QmpClient } from '../qmp/client.js';
import { CONSOLE_CHARDEV_ID } from './command-line.js';

/** Drops the guest's serial output from now on (its chardev becomes null): the console log stops growing. */
export async function dropConsoleOutput(qmp: QmpClient): Promise<void> {
  await qmp.execute('chardev-change', { id: CONSOLE_CHARDEV_ID, backend: { type: 'null', data: {} } });
}
