import { defaultCacheRoot } from '../config/cache-root.js';
import { parseJobInputs } from '../config/parse.js';
import { catalogWithFile } from '../catalog/catalog-file.js';
import { formatCatalogTable } from '../catalog/catalog-table.js';
import { loadKeptVm } from '../engine/kept/kept-vm.js';
import { runJob } from '../engine/pipeline.js';
import type { Reporter } from '../core/reporter.js';
import { SolsticeError } from '../core/errors.js';
import { pruneConsoleLogs } from './console-logs.js';
import { CLI_WORDING } from './error-text.js';
import { checkHostPrograms } from './host-programs.js';
import { forgetRun, recordRun } from './orphans.js';

/** `solstice run`: one job, exactly as the action runs it; returns the command's exit code. */
export async function runCommand(
  inputs: Record<string, string>,
  stateDirectory: string,
  reporter: Reporter,
  signal: AbortSignal,
): Promise<number> {
  if (inputs['image']?.trim().toLowerCase() === 'list') {
    process.stdout.write(
      `${formatCatalogTable(await catalogWithFile(inputs['catalog'] ?? ''), CLI_WORDING.setting('image'))}\n`,
    );
    return 0;
  }
  const config = parseJobInputs((name) => inputs[name] ?? '', {
    catalog: await catalogWithFile(inputs['catalog'] ?? ''),
    defaultCacheRoot: defaultCacheRoot(process.env),
    workspace: process.cwd(),
  });
  if (
    config.keepRunning &&
    (await loadKeptVm(stateDirectory, config.name).then(
      () => true,
      () => false,
    ))
  ) {
    throw new SolsticeError(
      `A VM named '${config.name}' is already kept running: use it with 'solstice ssh${nameOption(config.name)}', stop it with 'solstice stop${nameOption(config.name)}', or pick another --name.`,
    );
  }
  await checkHostPrograms(config);
  let jobDirectory: string | undefined;
  let recording: Promise<void> = Promise.resolve();
  let logsPruned: Promise<void> = Promise.resolve();
  try {
    const result = await runJob(
      config,
      {
        tempRoot: stateDirectory,
        runnerEnv: process.env,
        onJobDirectory: (path) => {
          jobDirectory = path;
          recording = recordRun(stateDirectory, path);
        },
        onFacts: ({ consoleLogPath }) => {
          if (consoleLogPath === undefined) return;
          reporter.info(`The boot console is logged to ${consoleLogPath}`);
          // Now that this run's log exists (and its job directory protects it), the oldest others go.
          logsPruned = pruneConsoleLogs(stateDirectory);
        },
      },
      reporter,
      signal,
    );
    if (result.kept) {
      reporter.info(
        `The VM '${result.kept.name}' keeps running (SSH on 127.0.0.1:${result.sshPort}): 'solstice ssh${nameOption(result.kept.name)}' opens a shell, 'solstice stop${nameOption(result.kept.name)}' stops it.`,
      );
    }
    reporter.info(
      result.exitSignal
        ? `The command was killed by signal ${result.exitSignal} (exit code ${result.exitCode}).`
        : `The command exited with code ${result.exitCode}.`,
    );
    return result.exitCode;
  } finally {
    await recording.catch(() => {});
    await logsPruned.catch(() => {});
    if (jobDirectory) await forgetRun(stateDirectory, jobDirectory);
  }
}

export function nameOption(name: string): string {
  return name === 'default' ? '' : ` --name ${name}`;
}
