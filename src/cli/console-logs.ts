import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** How many console logs of earlier runs the state directory keeps (the newest). */
export const KEPT_CONSOLE_LOGS = 10;

/** A job's console log beside its job directory (src/engine/job-directory.ts: `<vm name>-console.log`). */
const CONSOLE_LOG = /^(solstice-[^/]+)-console\.log$/;

/**
 * Every `solstice run` leaves its console log in the state directory, for a person to read after a
 * failure; without a limit they would pile up. Keeps the newest `keep`, and always the log of a VM
 * whose job directory still exists (a run going on, or a VM kept with --keep).
 */
export async function pruneConsoleLogs(stateDirectory: string, keep = KEPT_CONSOLE_LOGS): Promise<void> {
  const names = await readdir(stateDirectory).catch(() => [] as string[]);
  const logs = await Promise.all(
    names.flatMap((name) => {
      const vmName = CONSOLE_LOG.exec(name)?.[1];
      if (vmName === undefined) return [];
      const path = join(stateDirectory, name);
      return [
        Promise.all([
          stat(path).catch(() => undefined),
          stat(join(stateDirectory, vmName)).catch(() => undefined),
        ]).then(([log, jobDirectory]) => ({ path, modifiedAt: log?.mtimeMs ?? 0, inUse: jobDirectory !== undefined })),
      ];
    }),
  );
  const old = logs.sort((a, b) => b.modifiedAt - a.modifiedAt).slice(keep);
  await Promise.all(old.filter((log) => !log.inUse).map((log) => rm(log.path, { force: true })));
}
