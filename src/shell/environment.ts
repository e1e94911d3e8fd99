import { shellQuote } from './shell.js';

/** Names a build usually reads: passed to the guest whenever the runner has them. */
export const ALWAYS_PASSED = [
  'GITHUB_ACTIONS',
  'GITHUB_ACTOR',
  'GITHUB_API_URL',
  'GITHUB_BASE_REF',
  'GITHUB_EVENT_NAME',
  'GITHUB_HEAD_REF',
  'GITHUB_JOB',
  'GITHUB_REF',
  'GITHUB_REF_NAME',
  'GITHUB_REF_TYPE',
  'GITHUB_REPOSITORY',
  'GITHUB_REPOSITORY_OWNER',
  'GITHUB_RUN_ATTEMPT',
  'GITHUB_RUN_ID',
  'GITHUB_RUN_NUMBER',
  'GITHUB_SERVER_URL',
  'GITHUB_SHA',
  'GITHUB_TRIGGERING_ACTOR',
  'GITHUB_WORKFLOW',
  'RUNNER_ARCH',
  'RUNNER_DEBUG',
  'RUNNER_NAME',
  'RUNNER_OS',
] as const;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isVariableName(name: string): boolean {
  return NAME.test(name);
}

export interface GuestEnvironment {
  variables: Record<string, string>;
  /** Requested names the runner does not have: a warning each, never a silent empty value. */
  missing: string[];
}

/**
 * The variables set for the script in the guest: CI=true, the GITHUB_ and RUNNER_ values a build reads,
 * the requested names, and GITHUB_WORKSPACE pointing at the guest's working directory.
 */
export function guestEnvironment(
  requested: readonly string[],
  runnerEnv: Record<string, string | undefined>,
  workingDirectory: string,
): GuestEnvironment {
  const variables: Record<string, string> = { CI: 'true' };
  for (const name of ALWAYS_PASSED) {
    const value = runnerEnv[name];
    if (value !== undefined) variables[name] = value;
  }
  variables['GITHUB_WORKSPACE'] = workingDirectory;
  const missing: string[] = [];
  for (const name of requested) {
    const value = runnerEnv[name];
    if (value === undefined) missing.push(name);
    else variables[name] = value;
  }
  return { variables, missing };
}

/**
 * A POSIX sh fragment exporting the variables byte for byte (single quotes: no expansion of `$`,
 * backquotes or backslashes; newlines and any UTF-8 survive). It does not rely on sshd's AcceptEnv.
 */
export function exportStatements(variables: Record<string, string>): string {
  return Object.entries(variables)
    .map(([name, value]) => `export ${name}=${shellQuote(value)}\n`)
    .join('');
}
