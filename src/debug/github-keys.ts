import { SolsticeError } from '../core/errors.js';

/** Public keys per GitHub login, in the order the logins were given. */
export type KeysByLogin = Map<string, string[]>;

export class GitHubKeysError extends SolsticeError {
  override name = 'GitHubKeysError';
}

const REQUEST_TIMEOUT_MS = 15_000;
/** One OpenSSH public key, no options, no comment: nothing that could smuggle `command=` into authorized_keys. */
const PUBLIC_KEY = /^(?:ssh-(?:ed25519|rsa|dss)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}$/;

/**
 * Fetches each login's public SSH keys from the GitHub REST API (`GET /users/{login}/keys`; the base
 * URL comes from GITHUB_API_URL so GitHub Enterprise Server works). Fail closed: any API error throws,
 * it never means "no restriction".
 */
export async function fetchGitHubKeys(logins: readonly string[], apiUrl: string, token: string, signal?: AbortSignal): Promise<KeysByLogin> {
  const keys: KeysByLogin = new Map();
  for (const login of logins) {
    const url = `${apiUrl}/users/${encodeURIComponent(login)}/keys`;
    let response: Response;
    try {
      response = await fetch(url, {
        headers: {
          accept: 'application/vnd.github+json',
          'user-agent': 'solstice-action',
          'x-github-api-version': '2022-11-28',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new GitHubKeysError(`Could not ask the GitHub API for ${login}'s SSH keys (${url}): ${(error as Error).message}`);
    }
    if (!response.ok) {
      throw new GitHubKeysError(`The GitHub API answered ${response.status} ${response.statusText} for ${login}'s SSH keys (${url}).`);
    }
    const body = (await response.json().catch(() => undefined)) as unknown;
    if (!Array.isArray(body)) throw new GitHubKeysError(`The GitHub API sent something other than a key list for ${login} (${url}).`);
    keys.set(login, body
      .map((entry) => (typeof entry === 'object' && entry !== null && typeof (entry as { key?: unknown }).key === 'string' ? (entry as { key: string }).key.trim() : ''))
      .filter((key) => PUBLIC_KEY.test(key)));
  }
  return keys;
}

/** authorized_keys lines, each marked with the login it belongs to. */
export function authorizedKeysLines(keys: KeysByLogin): string[] {
  return [...keys].flatMap(([login, list]) => list.map((key) => `${key} github:${login}`));
}
