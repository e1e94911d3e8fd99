import type { Client } from 'ssh2';
import type { JobConfig } from '../../config/job.js';
import { SolsticeError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import { quotedGuestLines } from '../../console/readable-lines.js';
import { runStep } from './run-step.js';

/** Where `prepare` starts: it sees no workspace (in a template no job's files may ever be). */
const PREPARE_DIRECTORY = '/tmp';

/**
 * Runs the `prepare` script in its own log group: the step's shell, no workspace, none of the runner's
 * variables (a template is shared by later jobs, so it must hold nothing of this one), whether it runs
 * once in a template or before `run` in every job. Throws PrepareFailedError when it fails.
 */
export async function runPrepareScript(
  ssh: Client,
  { config, where, reporter, signal }: { config: JobConfig; where: string; reporter: Reporter; signal: AbortSignal },
): Promise<void> {
  const startedAt = Date.now();
  reporter.startGroup(`Prepare (${where})`);
  try {
    const { result, lastLines } = await runStep(ssh, {
      script: config.prepare,
      rules: { ...config.rules, sync: 'none', envNames: [], workingDirectory: PREPARE_DIRECTORY, copyBack: [] },
      runnerEnv: {},
      reporter,
      signal,
      moreStepsFollow: false,
      jobDirectory: '',
    });
    if (result.exitCode !== 0) throw new PrepareFailedError(result.exitCode, lastLines);
  } finally {
    reporter.endGroup();
    reporter.info(`prepare ran ${where} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
  }
}

/** `prepare` failed (in the template, or before `run`): the step fails with its exit code, `run` never starts. */
export class PrepareFailedError extends SolsticeError {
  override name = 'PrepareFailedError';
  constructor(
    readonly exitCode: number,
    readonly lastLines: readonly string[],
  ) {
    super(
      `prepare failed with exit code ${exitCode}, so run did not start (its output is in the "Prepare" group above)${lastLines.length > 0 ? `. Its last lines:\n${quotedGuestLines(lastLines)}` : '.'}`,
    );
  }
}
