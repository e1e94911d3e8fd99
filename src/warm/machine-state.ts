/**
 * Saving a running machine and restoring it in another QEMU, over QMP. The RAM is not in the stream:
 * it stays in the memory-backend-file (x-ignore-shared skips shared RAM on the saving side, and the
 * restoring side keeps the pages its private mapping already shows), so the stream is only device state.
 */
import { CancelledError, SolsticeError } from '../core/errors.js';
import { sleep } from '../core/sleep.js';
import type { QmpClient } from '../qmp/client.js';
import { shellQuote } from '../shell/shell.js';

const POLL_MS = 50;
const IGNORE_SHARED = { capabilities: [{ capability: 'x-ignore-shared', state: true }] };

interface MigrationInfo {
  status?: string;
  'error-desc'?: string;
}

/** Pauses the guest and writes its device state to `statePath` (the RAM file is complete once paused). */
export async function saveMachineState(
  qmp: QmpClient,
  statePath: string,
  deadlineMs: number,
  signal: AbortSignal,
): Promise<void> {
  await qmp.execute('migrate-set-capabilities', IGNORE_SHARED);
  await qmp.execute('stop');
  await qmp.execute('migrate', { uri: `exec:cat > ${shellQuote(statePath)}` });
  await untilMigrated(qmp, 'saving the template', deadlineMs, signal);
}

/** Loads `statePath` into a QEMU started with `-incoming defer`; the guest runs again when this resolves. */
export async function restoreMachineState(
  qmp: QmpClient,
  statePath: string,
  deadlineMs: number,
  signal: AbortSignal,
): Promise<void> {
  await qmp.execute('migrate-set-capabilities', IGNORE_SHARED);
  await qmp.execute('migrate-incoming', { uri: `exec:cat ${shellQuote(statePath)}` });
  await untilMigrated(qmp, 'restoring the template', deadlineMs, signal);
  // An incoming migration resumes the guest by itself; `cont` makes sure, whatever the autostart setting.
  const status = await qmp.execute<{ status?: string }>('query-status');
  if (status.status !== 'running') await qmp.execute('cont');
}

async function untilMigrated(qmp: QmpClient, what: string, deadlineMs: number, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (signal.aborted) throw new CancelledError();
    const info = await qmp.execute<MigrationInfo>('query-migrate');
    if (info.status === 'completed') return;
    if (info.status === 'failed' || info.status === 'cancelled')
      throw new SolsticeError(`QEMU failed ${what}: ${info['error-desc'] ?? info.status}`);
    if (Date.now() >= deadline) throw new SolsticeError(`QEMU did not finish ${what} within ${deadlineMs / 1000} s`);
    await sleep(POLL_MS, signal);
  }
}
