import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { parseJobInputs } from '../../src/config/parse.js';
import { actionErrorText } from '../../src/action/error-text.js';
import { announcementLines, motd, type DebugAccess } from '../../src/debug/announcement.js';
import { authorizedKeysLines, fetchGitHubKeys, GitHubKeysError } from '../../src/debug/github-keys.js';
import { wantsHold } from '../../src/debug/hold.js';
import { generateEd25519 } from '../../src/ssh/keys.js';
import { standInGitHub } from '../helpers/github-api.js';

const parse = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  parseJobInputs((name) => ({ 'image-url': 'https://example.org/x.qcow2', run: 'true', ...inputs })[name] ?? '', {
    defaultCacheRoot: '/c',
    env,
    workspace: '/w',
  });

describe('debug inputs', () => {
  it('auto holds failing runs only on a debug re-run', () => {
    assert.equal(parse({}).debug.mode, 'never');
    assert.equal(parse({}, { RUNNER_DEBUG: '1' }).debug.mode, 'on-failure');
    assert.equal(parse({ debug: 'true' }).debug.mode, 'always');
    assert.equal(parse({ debug: 'false' }, { RUNNER_DEBUG: '1' }).debug.mode, 'never');
    assert.equal(parse({ debug: 'on-failure' }).debug.mode, 'on-failure');
  });
  it('allows the triggering actor (falling back to the actor) plus debug-users', () => {
    assert.deepEqual(parse({ 'debug-users': 'hubot, mona\nhubot' }, { GITHUB_ACTOR: 'octocat' }).debug.logins, [
      'octocat',
      'hubot',
      'mona',
    ]);
    assert.deepEqual(parse({}, { GITHUB_ACTOR: 'octocat', GITHUB_TRIGGERING_ACTOR: 'rerunner' }).debug.logins, [
      'rerunner',
    ]);
  });
  it('takes the API base URL from GITHUB_API_URL (GitHub Enterprise Server)', () => {
    assert.equal(
      parse({}, { GITHUB_API_URL: 'https://ghe.example.com/api/v3/' }).debug.githubApiUrl,
      'https://ghe.example.com/api/v3',
    );
    assert.equal(parse({}).debug.githubApiUrl, 'https://api.github.com');
  });
  for (const [name, value, message] of [
    ['debug', 'maybe', /Input 'debug' is 'maybe': one of 'false', 'true', 'on-failure', 'auto'/],
    ['debug-users', 'good,-bad', /Input 'debug-users' is '-bad': GitHub logins/],
    ['debug-users', 'a--b', /Input 'debug-users' is 'a--b'/],
    ['debug-bind', 'localhost', /Input 'debug-bind' is 'localhost': an IPv4 address/],
    ['debug-port', '70000', /Input 'debug-port' is '70000'/],
    ['debug-timeout-minutes', '0', /Input 'debug-timeout-minutes' is '0'/],
  ] as const) {
    it(`rejects ${name}: '${value}'`, () =>
      assert.throws(
        () => parse({ [name]: value }),
        (error) => message.test(actionErrorText(error)),
      ));
  }
  it('decides holds from the mode and the exit code', () => {
    assert.equal(wantsHold('always', 0), true);
    assert.equal(wantsHold('on-failure', 0), false);
    assert.equal(wantsHold('on-failure', 2), true);
    assert.equal(wantsHold('never', 2), false);
  });
});

describe('GitHub keys', () => {
  const plainKey = (comment: string) => generateEd25519(comment).publicKey.split(' ').slice(0, 2).join(' ');
  const alice = plainKey('a');
  it('fetches each login with the token, keeping only plain public keys', async () => {
    const api = await standInGitHub({
      alice: [alice, `command="rm -rf /" ${alice}`, `${alice}\nssh-ed25519 AAAAinjected`],
      nokeys: [],
    });
    try {
      const keys = await fetchGitHubKeys(['alice', 'nokeys'], api.url, 'tok');
      assert.deepEqual(
        [...keys],
        [
          ['alice', [alice]],
          ['nokeys', []],
        ],
      );
      assert.deepEqual(api.authorizations, ['token tok', 'token tok']);
      assert.deepEqual(authorizedKeysLines(keys), [`${alice} github:alice`]);
    } finally {
      await api.close();
    }
  });
  it('reads every page of a login with more keys than one page holds', async () => {
    const many = Array.from({ length: 130 }, (_, index) => plainKey(`k${index}`));
    const api = await standInGitHub({ many });
    try {
      const keys = await fetchGitHubKeys(['many'], api.url, '');
      assert.deepEqual(keys.get('many'), many);
      assert.deepEqual(api.paths, ['/users/many/keys?per_page=100', '/users/many/keys?per_page=100&page=2']);
      assert.deepEqual(api.authorizations, ['', ''], 'no token, no authorization header');
    } finally {
      await api.close();
    }
  });
  it("asks the API under GITHUB_API_URL's path (GitHub Enterprise Server)", async () => {
    const api = await standInGitHub({ alice: [alice] });
    try {
      const keys = await fetchGitHubKeys(['alice'], `${api.url}/api/v3`, '');
      assert.deepEqual(keys.get('alice'), [alice]);
      assert.deepEqual(api.paths, ['/api/v3/users/alice/keys?per_page=100']);
    } finally {
      await api.close();
    }
  });
  it("fails closed on an API error or an unknown user, keeping the status and GitHub's message", async () => {
    const api = await standInGitHub({ broken: 500 });
    try {
      await assert.rejects(
        fetchGitHubKeys(['broken'], api.url, ''),
        (error: unknown) =>
          error instanceof GitHubKeysError &&
          error.message ===
            `The GitHub API answered 500 for broken's SSH keys (${api.url}/users/broken/keys): Server Error`,
      );
      await assert.rejects(fetchGitHubKeys(['ghost'], api.url, ''), /answered 404 for ghost's SSH keys .*: Not Found/);
    } finally {
      await api.close();
    }
    const nobody = await closedPortUrl();
    await assert.rejects(
      fetchGitHubKeys(['alice'], nobody, ''),
      (error: unknown) =>
        error instanceof GitHubKeysError &&
        error.message.startsWith(`Could not ask the GitHub API for alice's SSH keys (${nobody}/users/alice/keys): `) &&
        /ECONNREFUSED/.test(error.message),
    );
  });
  it('a rate limit says when it resets, and without a token that a token lifts it', async () => {
    const resetsAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 10 * 60_000);
    const api = await standInGitHub({ limited: { rateLimitResetsAt: resetsAt } });
    try {
      for (const token of ['', 'tok']) {
        await assert.rejects(fetchGitHubKeys(['limited'], api.url, token), (error: unknown) => {
          assert.ok(error instanceof GitHubKeysError);
          assert.match(
            error.message,
            /^The GitHub API answered 403 for limited's SSH keys \(.*\): API rate limit exceeded for 127\.0\.0\.1\./,
          );
          assert.ok(
            error.message.includes(
              `The rate limit (60 requests an hour) resets at ${resetsAt.toISOString()} (in 10 min).`,
            ),
            error.message,
          );
          assert.equal(error.message.includes('Set the github-token input'), token === '', error.message);
          return true;
        });
      }
    } finally {
      await api.close();
    }
  });
});

/** A URL on 127.0.0.1 where nothing listens (a port that was just free). */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('debug announcement', () => {
  const access: DebugAccess = {
    user: 'runner',
    hosts: ['192.0.2.10', '198.51.100.7'],
    port: 40123,
    hostKeyFingerprint: 'SHA256:abc',
    knownHostsLine: '[192.0.2.10]:40123 ssh-ed25519 AAAA',
    logins: ['octocat'],
    timeoutMinutes: 15,
    continuePath: '/home/runner/continue',
  };
  it('gives the exact ssh command, the fingerprint, who may enter and how to continue', () => {
    const text = announcementLines(access).join('\n');
    assert.match(text, /ssh -p 40123 runner@192\.0\.2\.10/);
    assert.match(text, /198\.51\.100\.7/);
    assert.match(text, /SHA256:abc/);
    assert.match(text, /octocat/);
    assert.match(text, /touch ~\/continue/);
    assert.match(text, /15 min/);
  });
  it('tells the person in the guest how to continue', () => {
    assert.match(motd(access), /touch ~\/continue/);
    assert.match(motd({ ...access, timeoutMinutes: 0.25 }), /15 s/);
  });
});
