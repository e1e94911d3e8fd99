import { RequestError } from '@octokit/request-error';
import { Octokit } from '@octokit/rest';
import { SolsticeError } from '../core/errors.js';

/** Public keys per GitHub login, in the order the logins were given. */
export type KeysByLogin = Map<string, string[]>;

export class GitHubKeysError extends SolsticeError {
  override name = 'GitHubKeysError';
}

const REQUEST_TIMEOUT_MS = 15_000;
/** GitHub's largest page: a login with many keys costs as few requests (and rate-limit points) as possible. */
const PAGE_SIZE = 100;
/** One OpenSSH public key, no options, no comment: nothing that could smuggle `command=` into authorized_keys. */
const PUBLIC_KEY =
  /^(?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}$/;
/** Octokit logs failed requests itself; ours are thrown with more context, so its log stays quiet. */
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Fetches each login's public SSH keys from the GitHub REST API (`GET /users/{login}/keys`, every
 * page; the base URL comes from GITHUB_API_URL so GitHub Enterprise Server works). Fail closed: any
 * API error throws, it never means "no restriction".
 */
export async function fetchGitHubKeys(
  logins: readonly string[],
  apiUrl: string,
  token: string,
  signal?: AbortSignal,
): Promise<KeysByLogin> {
  const octokit = new Octokit({
    auth: token || undefined,
    baseUrl: apiUrl,
    userAgent: 'solstice-action',
    log: quiet,
    request: { fetch: fetchWithTimeout(signal) },
  });
  const keys: KeysByLogin = new Map();
  for (const login of logins) keys.set(login, await keysOf(octokit, login, apiUrl));
  return keys;
}

async function keysOf(octokit: Octokit, login: string, apiUrl: string): Promise<string[]> {
  const keys: string[] = [];
  try {
    for await (const page of octokit.paginate.iterator(octokit.rest.users.listPublicKeysForUser, {
      username: login,
      per_page: PAGE_SIZE,
    })) {
      const entries: unknown = page.data;
      if (!Array.isArray(entries))
        throw new GitHubKeysError(`The GitHub API sent something other than a key list for ${login} (${apiUrl}).`);
      keys.push(
        ...entries
          .map((entry: { key?: unknown } | null) =>
            typeof entry === 'object' && entry !== null && typeof entry.key === 'string' ? entry.key.trim() : '',
          )
          .filter((key) => PUBLIC_KEY.test(key)),
      );
    }
  } catch (error) {
    if (error instanceof GitHubKeysError) throw error;
    throw new GitHubKeysError(
      describeFailure(error, `${login}'s SSH keys (${apiUrl}/users/${encodeURIComponent(login)}/keys)`),
    );
  }
  return keys;
}

/** authorized_keys lines, each marked with the login it belongs to. */
export function authorizedKeysLines(keys: KeysByLogin): string[] {
  return [...keys].flatMap(([login, list]) => list.map((key) => `${key} github:${login}`));
}

/** Each request gets its own deadline, on top of the job's cancellation. */
function fetchWithTimeout(signal: AbortSignal | undefined): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    return fetch(input, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  };
}

/** The status and GitHub's own message; for a rate limit, when it resets and what lifts it. */
function describeFailure(error: unknown, what: string): string {
  if (!(error instanceof RequestError) || !error.response) {
    const cause =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`
        : (error as Error).message;
    return `Could not ask the GitHub API for ${what}: ${cause}`;
  }
  const { status, message } = error;
  const headers = error.response.headers;
  let text = `The GitHub API answered ${status} for ${what}: ${message}`;
  if ((status === 403 || status === 429) && headers['x-ratelimit-remaining'] === '0' && headers['x-ratelimit-reset']) {
    const resetsAt = new Date(Number(headers['x-ratelimit-reset']) * 1000);
    const minutes = Math.max(0, Math.ceil((resetsAt.getTime() - Date.now()) / 60_000));
    text += ` The rate limit (${headers['x-ratelimit-limit'] ?? '?'} requests an hour) resets at ${resetsAt.toISOString()} (in ${minutes} min).`;
    if (!error.request.headers.authorization) text += ' Set the github-token input: a token raises the limit.';
  } else if ((status === 403 || status === 429) && headers['retry-after']) {
    text += ` GitHub asks to retry after ${headers['retry-after']} s (secondary rate limit).`;
  }
  return text;
}
