/**
 * The `solstice` command a kept VM puts on PATH for later steps of the job:
 *   shell: solstice {0}                 run the step's script in the kept VM
 *   shell: solstice --name NAME {0}     …in the VM started with `name: NAME` (--vm NAME, its older spelling, too)
 *   run: solstice --reboot              reboot the guest and wait until it answers again
 * Exits with the script's exact exit code.
 */
import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { abortOnSignals } from '../core/signals.js';
import { WorkflowReporter } from './workflow-reporter.js';
import { actionErrorText } from './error-text.js';
import { runLaterStep } from '../engine/kept/later-step.js';
import { scriptFailure } from './script-failure.js';

const usage = 'usage: solstice [--name NAME] [--reboot] [SCRIPT]';

function parseArguments(args: string[]): { name: string; reboot: boolean; scriptPath?: string } {
  let name = process.env['SOLSTICE_VM'] || 'default';
  let reboot = false;
  let scriptPath: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    // --name, as the action input and the command line's option are called; --vm kept for older workflows.
    if ((arg === '--name' || arg === '--vm') && index + 1 < args.length) name = args[++index]!;
    else if (arg === '--reboot') reboot = true;
    else if (!arg.startsWith('-') && scriptPath === undefined) scriptPath = arg;
    else throw new Error(`Unexpected argument '${arg}'. ${usage}`);
  }
  if (!reboot && scriptPath === undefined)
    throw new Error(`Give the script to run (shell: solstice {0}) or --reboot. ${usage}`);
  return { name, reboot, ...(scriptPath ? { scriptPath } : {}) };
}

const reporter = new WorkflowReporter();
const cancelled = abortOnSignals();
try {
  const request = parseArguments(process.argv.slice(2));
  const { exitCode, lastLines } = await runLaterStep(
    { ...request, tempRoot: process.env['RUNNER_TEMP'] || tmpdir(), runnerEnv: process.env },
    reporter,
    cancelled,
  );
  reporter.resumeCommands();
  if (exitCode !== 0) core.error(scriptFailure(exitCode, lastLines));
  process.exitCode = exitCode;
} catch (error) {
  reporter.resumeCommands();
  core.error(actionErrorText(error));
  process.exitCode = cancelled.aborted ? 130 : 1;
}
process.exit();
