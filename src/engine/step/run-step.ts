import { randomBytes } from 'node:crypto';
import type { Client } from 'ssh2';
import { exportStatements, guestEnvironment } from '../../shell/environment.js';
import type { StepRules } from '../../config/job.js';
import { LineBuffer } from '../../core/line-buffer.js';
import { execCommand, type ExecResult } from '../../ssh/exec.js';
import { copyBackFilter } from '../../sync/copy-back-filter.js';
import { buildManifest, diffManifests, type Manifest } from '../../sync/manifest.js';
import { copyBackFromGuest, sendToGuest } from '../../sync/transfer.js';
import type { Refusal } from '../../sync/refusal.js';
import { describeProblem, NEUTRAL_WORDING, SolsticeError, type InputWording } from '../../core/errors.js';
import { jobFiles } from '../job-directory.js';
import { launcher } from './launcher.js';
import type { Reporter } from '../../core/reporter.js';

export interface StepRequest {
  script: string;
  rules: StepRules;
  /** What the guest holds from the last sync (later steps): only changes are sent. */
  previouslySynced?: Manifest;
  /** The runner's variables, from which the step's are taken. */
  runnerEnv: Record<string, string | undefined>;
  reporter: Reporter;
  signal: AbortSignal;
  moreStepsFollow: boolean;
  /** The private job directory: copy-back unpacks the guest's archive there before anything reaches the workspace. */
  jobDirectory: string;
  /** Told which part of the step runs, so a failure meanwhile (the VM lost) can name it. */
  onPhase?: (phase: string) => void;
}

export interface StepOutcome {
  result: ExecResult;
  /** The workspace as the guest now has it (undefined with sync: none), for the next step's sync. */
  synced?: Manifest;
  /** What copy-back did (sync: both). */
  copyBack?: CopyBackReport;
  /** The script's last lines of output (stdout and stderr as they came, raw guest text), for a failure's message. */
  lastLines: string[];
}

export interface CopyBackReport {
  copied: number;
  deleted: number;
  /** Git metadata the guest changed and copy-back left there (copy-back names no `.git`). */
  gitLeft: number;
}

/**
 * One step: bring the guest's copy of the workspace up to date (everything the first time, then only
 * what changed), run the script with the step's variables and shell, and with sync: both bring back
 * what the script changed.
 */
export async function runStep(ssh: Client, request: StepRequest): Promise<StepOutcome> {
  const { rules } = request;
  const synced = rules.sync === 'none' ? undefined : await syncIn(ssh, request);
  const stepDirectory = `/tmp/solstice-step-${randomBytes(6).toString('hex')}`;
  const { result, lastLines } = await runScript(ssh, request, stepDirectory);
  if (rules.sync !== 'both' || !synced) return { result, lastLines, ...(synced ? { synced } : {}) };
  const back = await copyBack(ssh, request, { stepDirectory, synced });
  return { result, lastLines, ...back };
}

/** Sends the workspace (or what changed since the last sync); returns it as the guest now has it, when known. */
async function syncIn(ssh: Client, request: StepRequest): Promise<Manifest | undefined> {
  const { rules, previouslySynced, reporter, signal } = request;
  request.onPhase?.('the workspace sync');
  const startedAt = Date.now();
  // The walk over the workspace is needed only to diff against a later step or to apply deletions
  // on copy-back; a one-step job with sync: in sends the tree without it (less work before the script).
  const synced =
    previouslySynced || request.moreStepsFollow || rules.sync === 'both'
      ? await buildManifest(rules.workspace)
      : undefined;
  const changes = previouslySynced && synced ? diffManifests(previouslySynced, synced) : undefined;
  await sendToGuest(ssh, {
    workspace: rules.workspace,
    guestDirectory: rules.workingDirectory,
    paths: changes ? changes.changed : 'all',
    removed: changes ? changes.removed : [],
    scratchDirectory: jobFiles(request.jobDirectory).gitConfigScratch,
    userland: rules.userland,
    // The manifest walked the workspace already: no second walk for its git configs.
    ...(synced ? { knownEntries: Object.keys(synced) } : {}),
    signal,
  });
  const what = changes ? `${changes.changed.length + changes.removed.length} changed entries` : 'the whole workspace';
  reporter.info(
    `Workspace synced into the guest at ${rules.workingDirectory}: ${what} in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`,
  );
  return synced;
}

/** Runs the script with the step's variables and shell, its output shown line by line; keeps its last lines. */
async function runScript(
  ssh: Client,
  { script, rules, runnerEnv, reporter, signal, onPhase }: StepRequest,
  stepDirectory: string,
): Promise<{ result: ExecResult; lastLines: string[] }> {
  const environment = guestEnvironment(rules.envNames, runnerEnv, rules.workingDirectory);
  for (const name of environment.missing)
    reporter.warning(unsetVariableWarning(name, reporter.wording ?? NEUTRAL_WORDING));
  onPhase?.('the script');
  // Output without line breaks is cut into continuation lines; past MAX_UNBROKEN_OUTPUT it is a flood.
  const flood = new AbortController();
  const floodGuard = (characters: number) => characters > MAX_UNBROKEN_OUTPUT && flood.abort();
  const lastLines: string[] = [];
  const show = (line: string, stream?: 'stderr') => {
    reporter.guestLine(line, stream);
    lastLines.push(line.length > LAST_LINE_LENGTH ? line.slice(0, LAST_LINE_LENGTH) : line);
    if (lastLines.length > LAST_LINES) lastLines.shift();
  };
  const stdout = new LineBuffer(show, floodGuard);
  const stderr = new LineBuffer((line) => show(line, 'stderr'), floodGuard);
  let result: ExecResult;
  try {
    result = await execCommand(ssh, 'sh -s', {
      stdin: launcher(stepDirectory, script, exportStatements(environment.variables), rules),
      onStdout: (chunk) => stdout.push(chunk),
      onStderr: (chunk) => stderr.push(chunk),
      signal: AbortSignal.any([signal, flood.signal]),
    });
  } catch (error) {
    if (flood.signal.aborted && !signal.aborted) {
      throw new SolsticeError(
        `The script printed more than ${MAX_UNBROKEN_OUTPUT / 2 ** 20} MiB without a line break: the step was stopped (output that cannot be shown as log lines; write it to a file instead).`,
      );
    }
    throw error;
  } finally {
    stdout.flush();
    stderr.flush();
  }
  return { result, lastLines };
}

/**
 * Brings back what the script changed (sync: both), then the workspace as it now is. Refused entries fail
 * the step after the rest is applied; git metadata left in the guest is only reported.
 */
async function copyBack(
  ssh: Client,
  { rules, reporter, signal, jobDirectory, onPhase }: StepRequest,
  { stepDirectory, synced }: { stepDirectory: string; synced: Manifest },
): Promise<{ synced: Manifest; copyBack: CopyBackReport }> {
  onPhase?.('the copy back');
  const startedAt = Date.now();
  const back = await copyBackFromGuest(ssh, {
    guestDirectory: rules.workingDirectory,
    workspace: rules.workspace,
    markerPath: `${stepDirectory}/marker`,
    knownPaths: Object.keys(synced),
    include: copyBackFilter(rules.copyBack),
    stagingDirectory: jobFiles(jobDirectory).copyBackStaging,
    tar: rules.userland.tar,
    signal,
  });
  reporter.info(
    `Copied back from the guest: ${back.copied} new or changed, ${back.deleted} deleted, in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`,
  );
  if (back.gitLeft.length > 0) reporter.notice(gitLeftMessage(back.gitLeft));
  const now = await buildManifest(rules.workspace);
  if (back.refused.length > 0) throw new SolsticeError(refusedMessage(back.refused));
  return { synced: now, copyBack: { copied: back.copied, deleted: back.deleted, gitLeft: back.gitLeft.length } };
}

/** The warning for a name in `env` that is not set where Solstice runs, in the front end's words. */
export function unsetVariableWarning(name: string, wording: InputWording): string {
  return describeProblem(
    { input: 'env', problem: `names ${name}, which is not set on the runner`, hint: 'it is not passed to the guest' },
    wording,
  );
}

/** The longest stretch of script output without a line break before the step is stopped. */
const MAX_UNBROKEN_OUTPUT = 8 * 2 ** 20;
const NAMED_REFUSALS = 20;
/** How much of the script's output a failure repeats: the cause is usually in its last lines. */
const LAST_LINES = 15;
const LAST_LINE_LENGTH = 500;

function refusedMessage(refused: readonly Refusal[]): string {
  const named = namedList(refused.map(({ path, reason }) => `${JSON.stringify(path)} (${reason})`));
  return `Copy-back refused ${refused.length} of the entries the guest sent back, and wrote nothing outside the workspace: ${named}. The step fails: only regular files, directories and symlinks that stay inside the workspace come back, and no git configuration or hooks.`;
}

function gitLeftMessage(paths: readonly string[]): string {
  const named = namedList(paths.map((path) => JSON.stringify(path)));
  return `Copy-back left ${paths.length} changed git metadata entries in the guest (${named}): repository metadata comes back only when copy-back names .git, and never git's configuration or hooks.`;
}

/** The first NAMED_REFUSALS items, then how many more. */
function namedList(items: readonly string[]): string {
  const more = items.length > NAMED_REFUSALS ? `, and ${items.length - NAMED_REFUSALS} more` : '';
  return `${items.slice(0, NAMED_REFUSALS).join('; ')}${more}`;
}
