/**
 * What comes back from a hostile guest is input to every later step on the runner, through the bundled
 * action on a real VM: git configuration and hooks the runner's own git would run, the checkout's
 * credential going in, link chains that lead out, sparse and oversized members, and a program the
 * runner would find on its PATH. The runner's own `git` runs afterwards.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { lstat, mkdtemp, readFile, readlink, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { firstActionRun, runJob } from '../helpers/action-runner.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';
import { testGuest, warmStartInputs } from '../helpers/test-guest.js';

const exec = promisify(execFile);
let server: ImageServer;
let toolCache: string;
let debian: Record<string, string>;

before(async () => {
  const cloud = testGuest();
  server = await serveFiles({ '/debian.qcow2': cloud.path });
  toolCache = await mkdtemp(join(tmpdir(), 'solstice-toolcache-'));
  debian = { 'image-url': server.url('/debian.qcow2'), 'image-checksum': `sha256:${cloud.sha256}` };
});
after(() => server.close());

const git = (workspace: string, ...args: string[]) =>
  exec('git', ['-C', workspace, ...args], { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });

/** The guest's tar, replaced: `--sparse` on demand, or an archive whose second header declares 1 TiB. */
const HOSTILE_TAR = String.raw`
sudo mv /usr/bin/tar /usr/bin/tar.real
sudo tee /usr/local/lib/claim.py >/dev/null <<'PY'
import sys, tarfile
out = sys.stdout.buffer
ok = tarfile.TarInfo('legit3.txt'); ok.size = 3
out.write(ok.tobuf(format=tarfile.GNU_FORMAT)); out.write(b'ok\n' + b'\0' * 509)
claim = tarfile.TarInfo('claim'); claim.size = 2 ** 40
out.write(claim.tobuf(format=tarfile.GNU_FORMAT)); out.write(b'\0' * 4096)
PY
sudo tee /usr/bin/tar >/dev/null <<'SH'
#!/bin/sh
if [ "$1" = "-cf" ] && [ -e /tmp/sparse-on ]; then exec /usr/bin/tar.real --sparse "$@"; fi
if [ "$1" = "-cf" ] && [ -e /tmp/claim-on ]; then exec python3 /usr/local/lib/claim.py; fi
exec /usr/bin/tar.real "$@"
SH
sudo chmod 755 /usr/bin/tar
`;

describe('what comes back from the guest never runs on the runner, and what goes in holds no credential', () => {
  it('git metadata, link chains, sparse and oversized members, and PATH programs from a hostile guest', async () => {
    const markers = await mkdtemp(join(tmpdir(), 'solstice-markers-'));
    const gitMarker = join(markers, 'git-ran-guest-code');
    const tarMarker = join(markers, 'runner-ran-guest-tar');
    let originalConfig = '';
    const run = await runJob({
      toolCache,
      timeoutMs: 10 * 60_000,
      // A relative and an empty PATH entry: both mean the working directory, which is the workspace.
      env: { PATH: `bin::${process.env['PATH']}` },
      beforeStep: async (index, workspace) => {
        if (index !== 0) return;
        // What actions/checkout leaves: a repository whose config holds the job's token.
        await git(workspace, 'init', '-q', '-b', 'main');
        await writeFile(join(workspace, 'README'), 'hello\n');
        await git(workspace, 'add', 'README');
        await git(workspace, '-c', 'user.name=ci', '-c', 'user.email=ci@example.com', 'commit', '-q', '-m', 'first');
        await git(
          workspace,
          'remote',
          'add',
          'origin',
          'https://x-access-token:ghs_URLTOKEN@github.com/octo-org/octo-repo',
        );
        await git(workspace, 'config', 'http.https://github.com/.extraheader', 'AUTHORIZATION: basic SEADERTOKEN');
        await git(workspace, 'config', 'credential.helper', 'store --file=/home/runner/.git-credentials');
        originalConfig = await readFile(join(workspace, '.git/config'), 'utf8');
      },
      steps: [
        {
          uses: 'solstice',
          inputs: {
            ...debian,
            ...warmStartInputs(),
            sync: 'both',
            'keep-running': 'true',
            run: [
              'set -e',
              'if grep -Eq "TOKEN|extraheader|credential" .git/config; then cat .git/config; exit 9; fi',
              'grep -q "https://github.com/octo-org/octo-repo" .git/config || { cat .git/config; exit 8; }',
              'git status --short', // the guest's git reads the repository it was given
              `printf '[core]\\n\\tfsmonitor = "touch ${gitMarker}"\\n\\thooksPath = .git/hooks\\n' >> .git/config`,
              `printf '#!/bin/sh\\ntouch ${gitMarker}\\n' > .git/hooks/post-checkout && chmod +x .git/hooks/post-checkout`,
              `printf '#!/bin/sh\\ntouch ${tarMarker}\\nexec /usr/bin/tar "$@"\\n' > .git/hooks/pre-commit`,
              'mkdir -p vendor/lib/.git && printf "[core]\\n\\tfsmonitor = x\\n" > vendor/lib/.git/config',
              `mkdir -p bin && printf '#!/bin/sh\\ntouch ${tarMarker}\\nexec /usr/bin/tar "$@"\\n' > bin/tar && chmod +x bin/tar`,
              'echo built > out.txt',
              HOSTILE_TAR,
            ].join('\n'),
          },
        },
        // The runner's tar runs here (sync in) with `bin` and the workspace on PATH; then a link chain
        // whose every link looks inside, and a sparse file of 2 TiB sent by a guest tar with --sparse.
        {
          shell: 'solstice {0}',
          run: 'mkdir -p sub && ln -s .. sub/d && ln -s d/.. sub/x && ln -s d/sub sub/back && truncate -s 2T huge && echo ok > legit2.txt && touch /tmp/sparse-on',
        },
        // An archive whose header declares 1 TiB after a legitimate member.
        { shell: 'solstice {0}', run: 'rm /tmp/sparse-on && touch legit3.txt /tmp/claim-on' },
      ],
    });
    const [first, second, third] = run.steps;
    const workspace = run.workspace;

    assert.equal(first!.exitCode, 0, `git metadata left in the guest does not fail the step: ${first!.log}`);
    // A restored guest's console log starts at the restore and names the template build's log.
    const [header] = (await readFile(first!.outputs['console-log']!, 'utf8')).split('\n');
    const restored =
      /^--- Solstice: this guest is restored from the warm-start template [0-9a-f]{12} at \S+; its boot and prepare are in (\S+) ---$/.exec(
        header!,
      );
    assert.ok(restored, `the console log's first line: ${header}`);
    assert.match(await readFile(restored[1]!, 'utf8'), /Linux version/, "the template build's log holds its boot");
    assert.match(first!.log, /Copy-back left \d+ changed git metadata entries in the guest/);
    assert.match(
      first!.summary,
      /\| Copy-back \| \d+ new or changed, 0 deleted; \d+ changed git metadata entries left/,
    );
    assert.equal(await readFile(join(workspace, 'out.txt'), 'utf8'), 'built\n', 'build outputs come back');
    assert.equal((await stat(join(workspace, 'bin/tar'))).mode & 0o777, 0o755, 'exec bits survive');
    assert.equal(
      await readFile(join(workspace, '.git/config'), 'utf8'),
      originalConfig,
      "the runner's config is untouched",
    );
    for (const path of ['.git/hooks/post-checkout', '.git/hooks/pre-commit', 'vendor/lib/.git'])
      await assert.rejects(lstat(join(workspace, path)), `${path} does not come back`);

    assert.notEqual(second!.exitCode, 0, second!.log);
    assert.match(second!.log, /"sub\/x" \(a symlink to d\/\.\., which leads outside the workspace\)/);
    assert.match(second!.log, /"huge" \([^)]*sparse file/);
    assert.equal(await readlink(join(workspace, 'sub/back')), 'd/sub', 'a chain that stays inside comes back');
    assert.equal(await readFile(join(workspace, 'legit2.txt'), 'utf8'), 'ok\n');
    for (const path of ['sub/x', 'huge']) await assert.rejects(lstat(join(workspace, path)), `${path} is not created`);

    assert.notEqual(third!.exitCode, 0, third!.log);
    assert.match(third!.log, /declaring more than [\d.]+ [kMG]?B \([^)]*\); "claim" alone declares 1099.51 GB/);
    assert.match(third!.log, /wrote nothing into the workspace/);
    await assert.rejects(lstat(join(workspace, 'legit3.txt')), 'past the budget, nothing of the archive is written');

    await assert.rejects(lstat(tarMarker), "the guest's bin/tar never ran on the runner");
    // The runner's own git, as later steps and the next job's checkout run it.
    await git(workspace, 'status');
    await git(workspace, 'diff');
    await git(workspace, 'checkout', '-q', '-b', 'later-step');
    await git(workspace, 'checkout', '-q', 'main');
    await assert.rejects(lstat(gitMarker), "the runner's git ran nothing the guest wrote");
    await assertNothingLeft(firstActionRun(run));
  });
});
