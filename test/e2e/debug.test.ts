/**
 * Debug access end to end: the bundled action holds the VM; the real OpenSSH client logs in with the
 * allowed people's keys (served by a stand-in GitHub API), the host key checked strictly against what
 * the action printed.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../src/qemu/port.js';
import { runAction, TEST_GITHUB_TOKEN, type ActionRun, type RunOptions } from '../helpers/action-runner.js';
import { personSsh, type SshOutcome } from '../helpers/person-ssh.js';
import { standInGitHub, type StandInGitHub } from '../helpers/github-api.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { PENALTY_EXEMPTION_FILE } from '../../src/seed/sshd-settings.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';
import { rhelLikeGuest, testGuest, warmStartInputs } from '../helpers/test-guest.js';

const exec = promisify(execFile);
let server: ImageServer;
let api: StandInGitHub;
let toolCache: string;
let sha256: string;
let clientHome: string;
const keyFile: Record<string, string> = {};
let runnerSshBefore: string;

/** The runner user's ~/.ssh as one digest (or 'absent'): must be identical after the tests. */
async function snapshotRunnerSsh(): Promise<string> {
  const directory = join(homedir(), '.ssh');
  if (!existsSync(directory)) return 'absent';
  const hash = createHash('sha256');
  for (const name of (await readdir(directory)).sort())
    hash.update(name).update(await readFile(join(directory, name)).catch(() => Buffer.from('<dir>')));
  return hash.digest('hex');
}

before(async () => {
  runnerSshBefore = await snapshotRunnerSsh();
  const guest = testGuest();
  sha256 = guest.sha256;
  server = await serveFiles({ '/guest.qcow2': guest.path, '/guest-13.qcow2.xz': rhelLikeGuest().path });
  toolCache = await mkdtemp(join(tmpdir(), 'solstice-toolcache-'));
  // The person's side: their own HOME, their own keys, made with the real ssh-keygen.
  clientHome = await mkdtemp(join(tmpdir(), 'solstice-person-'));
  const publicKeys: Record<string, string> = {};
  for (const login of ['octocat', 'hubot', 'stranger']) {
    keyFile[login] = join(clientHome, `id_${login}`);
    await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', login, '-f', keyFile[login]!]);
    publicKeys[login] = (await readFile(`${keyFile[login]}.pub`, 'utf8')).split(' ').slice(0, 2).join(' ');
  }
  api = await standInGitHub({
    octocat: [publicKeys['octocat']!],
    hubot: [publicKeys['hubot']!],
    nokeys: [],
    broken: 500,
  });
});

after(async () => {
  await server.close();
  await api.close();
  assert.equal(await snapshotRunnerSsh(), runnerSshBefore, "the runner user's ~/.ssh is byte-identical");
});

function debugRun(
  inputs: Record<string, string>,
  actor: string,
  extra: Partial<RunOptions> = {},
  env: Record<string, string> = {},
): Promise<ActionRun> {
  return runAction({
    toolCache,
    inputs: {
      'image-url': server.url('/guest.qcow2'),
      'image-checksum': `sha256:${sha256}`,
      'debug-bind': '127.0.0.1',
      // Restored warm: these tests are about the hold, not the boot (the guests above boot cold).
      ...warmStartInputs(),
      ...inputs,
    },
    env: { GITHUB_ACTOR: actor, GITHUB_API_URL: api.url, ...env },
    ...extra,
  });
}

/** The real ssh client as the person would run it, host key checked strictly. */
function loginAs(login: string, port: number, knownHosts: string, command: string): Promise<SshOutcome> {
  return personSsh({ key: keyFile[login]!, port, command, knownHosts, home: clientHome });
}

/** Polls a port during a run; resolves whether anything ever accepted a connection on it. */
function watchPort(port: number): { stop: () => boolean } {
  let accepted = false;
  const timer = setInterval(() => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      accepted = true;
      socket.destroy();
    });
    socket.once('error', () => socket.destroy());
  }, 250);
  return {
    stop: () => {
      clearInterval(timer);
      return accepted;
    },
  };
}

const errors = (run: ActionRun) =>
  run.main.commands.filter((command) => command.command === 'error').map((command) => command.data);

/** The guests the hold is tried on: Debian 12 (OpenSSH 9.2) and Debian 13 (OpenSSH 10, per-source penalties on by default). */
const GUESTS = {
  'Debian 12': () => ({ ...testGuest(), file: '/guest.qcow2' }),
  'Debian 13': () => ({ ...rhelLikeGuest(), file: '/guest-13.qcow2.xz' }),
};
/**
 * A stranger's failed logins at the debug port: 4 × 5 s of penalty passes the 15 s from which OpenSSH ≥ 9.8
 * refuses the source, and through SLIRP the source is everybody's (before the fix: the next login 18 s later).
 */
const STRANGER_ATTEMPTS = 4;

describe('debug access', () => {
  for (const [name, guest] of Object.entries(GUESTS)) {
    // Every login below is one attempt of the real client: a source sshd penalises is refused at once.
    it(`${name}: lets the actor in at once and debug-users after a stranger's failed logins, refuses others, and continues on touch ~/continue`, async (t) => {
      const image = guest();
      let log = '';
      let person: Promise<Record<string, { code: number; stdout: string; stderr: string } | string>> | undefined;
      const run = await debugRun(
        {
          debug: 'true',
          'debug-users': 'hubot',
          run: 'echo script ran; exit 0',
          'image-url': server.url(image.file),
          'image-checksum': `sha256:${image.sha256}`,
        },
        'octocat',
        {
          onLog: (text) => {
            log += text;
            const pinned = /Or pin it in a known_hosts file: (\S+ \S+ \S+)/.exec(log);
            const printedFingerprint = /Host key fingerprint.*: (SHA256:\S+)/.exec(log);
            const port = /ssh -p (\d+) runner@127\.0\.0\.1/.exec(log);
            if (person || !pinned || !printedFingerprint || !port) return;
            const announcedAt = Date.now();
            person = (async () => {
              const knownHosts = join(clientHome, 'known_hosts');
              await writeFile(knownHosts, `${pinned[1]}\n`);
              const results: Record<string, { code: number; stdout: string; stderr: string } | string> = {
                printed: printedFingerprint[1]!,
              };
              const as = (login: string, command: string) => loginAs(login, Number(port[1]), knownHosts, command);
              results['actor'] = await as('octocat', 'echo in as $(id -un); cat /etc/motd');
              results['actorMs'] = String(Date.now() - announcedAt);
              for (let attempt = 0; attempt < STRANGER_ATTEMPTS; attempt++)
                results[`stranger${attempt}`] = await as('stranger', 'true');
              results['debugUser'] = await as('hubot', 'echo hubot got in');
              results['sshd'] = await as(
                'octocat',
                `sudo -n sshd -T | grep '^persourcepenalt'; ls ${PENALTY_EXEMPTION_FILE} 2>&1`,
              );
              results['continue'] = await as('octocat', 'touch ~/continue');
              results['fingerprint'] = (await exec('ssh-keygen', ['-l', '-f', knownHosts])).stdout;
              return results;
            })();
          },
        },
      );
      assert.ok(person, `the hold was announced:\n${run.main.log}`);
      const results = await person;
      const get = (key: string) => results[key] as { code: number; stdout: string; stderr: string };
      assert.ok(
        (results['fingerprint'] as string).includes(results['printed'] as string),
        'the printed fingerprint is the key the guest presents',
      );
      assert.equal(get('actor').code, 0, get('actor').stderr);
      assert.match(get('actor').stdout, /in as runner/);
      assert.match(get('actor').stdout, /touch ~\/continue/, 'the message of the day says how to continue');
      // Not asserted as a time: one login costs this TCG guest 1.5–5 s of CPU depending on the machine's load.
      t.diagnostic(`announcement → the actor's first command done: ${results['actorMs']} ms`);
      for (let attempt = 0; attempt < STRANGER_ATTEMPTS; attempt++) {
        assert.equal(get(`stranger${attempt}`).code, 255);
        assert.match(get(`stranger${attempt}`).stderr, /Permission denied/);
      }
      assert.equal(
        get('debugUser').code,
        0,
        `a debug user gets in at the first try after the stranger's failed logins: ${get('debugUser').stderr}`,
      );
      assert.match(get('debugUser').stdout, /hubot got in/);
      if (name === 'Debian 13') {
        assert.match(
          get('sshd').stdout,
          /^persourcepenaltyexemptlist 10\.0\.2\.2$/m,
          'sshd runs with the SLIRP gateway exempt',
        );
      } else {
        // OpenSSH 9.2 knows no penalties and would reject the keyword: nothing was written, and the guest booted.
        assert.doesNotMatch(get('sshd').stdout, /persourcepenalt/);
        assert.match(get('sshd').stdout, /No such file or directory/);
      }
      assert.equal(get('continue').code, 0);
      assert.equal(run.main.exitCode, 0, run.main.log);
      assert.equal(run.main.outputs['exit-code'], '0');
      assert.match(run.main.log, /~\/continue was created/);
      assert.equal(run.main.log.match(/ssh -p \d+ runner@/g)?.length, 1 + 1, 'printed once (plus once in the notice)');
      assert.match(run.main.summary, /Debug access[\s\S]*ssh -p/);
      assert.ok(api.authorizations.includes(`token ${TEST_GITHUB_TOKEN}`), 'github-token defaults to github.token');
      await assertNothingLeft(run);
    });
  }

  it('opens nothing when the actor has no keys, and fails a debug: true step saying why', async () => {
    const port = await freePort();
    const watch = watchPort(port);
    const run = await debugRun({ debug: 'true', 'debug-port': String(port), run: 'true' }, 'nokeys');
    assert.equal(watch.stop(), false, 'the debug port never accepted a connection');
    assert.equal(run.main.exitCode, 1);
    assert.equal(run.main.outputs['exit-code'], '0', 'the script itself passed');
    assert.ok(
      errors(run).some((message) =>
        /No public SSH key .* nokeys: no debug access was opened \(fail closed\)/.test(message),
      ),
      run.main.log,
    );
    await assertNothingLeft(run);
  });

  it('treats a GitHub API error as an error, not an open door', async () => {
    const port = await freePort();
    const watch = watchPort(port);
    const run = await debugRun({ debug: 'true', 'debug-port': String(port), run: 'true' }, 'broken');
    assert.equal(watch.stop(), false);
    assert.equal(run.main.exitCode, 1);
    assert.ok(
      errors(run).some((message) => /500[\s\S]*No debug access was opened/.test(message)),
      run.main.log,
    );
    await assertNothingLeft(run);
  });

  it('on-failure does not hold a passing run', async () => {
    const run = await debugRun({ debug: 'on-failure', run: 'echo fine' }, 'octocat');
    assert.equal(run.main.exitCode, 0);
    assert.doesNotMatch(run.main.log, /held for debugging/);
    await assertNothingLeft(run);
  });

  it('auto holds a failing debug re-run, and the idle timeout ends the hold with the script result', async () => {
    const run = await debugRun({ run: 'exit 5', 'debug-timeout-minutes': '0.2' }, 'octocat', {}, { RUNNER_DEBUG: '1' });
    assert.match(run.main.log, /held for debugging/);
    assert.match(run.main.log, /nobody was connected/);
    assert.equal(run.main.outputs['exit-code'], '5');
    assert.ok(errors(run).includes('The script exited with code 5.'));
    await assertNothingLeft(run);
  });

  it('a cancel during the hold tears down within the runner window', async () => {
    const run = await debugRun({ debug: 'true', run: 'true' }, 'octocat', {
      cancel: { when: (log) => /held for debugging/.test(log) },
    });
    assert.equal(run.main.signal, null, 'ended by itself before SIGKILL');
    assert.ok(errors(run).some((message) => /Cancelled/.test(message)));
    await assertNothingLeft(run);
  });
});
