/**
 * One seed, many dialects: each first-boot reader Solstice writes for, proven on the tiny guest with a
 * reader written from the real one's documented behaviour (guest/TINY.md, "Readers"), chosen on its
 * kernel command line, each with its OS's userland: cloud-tini (CIDATA ISO, keys into the image's own
 * account, user-data as a root sh script run after sshd is up; doas, pax's tar, mksh), the illumos
 * metadata agent (an odc cpio disk, root login, firstboot.sh after sshd; bsdtar, ash) and Ignition
 * (fw_cfg JSON, files before sshd; busybox tar). Each job runs the core scenarios — exit code, workspace
 * round trip, env bytes — and a person's real OpenSSH shows the pinned host key is the one served and
 * another key does not log in. A guest that reads nothing, and one that never takes the pinned key,
 * fail within the boot timeout naming the dialect.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { firstActionRun, runAction, runJob, type JobRun } from '../helpers/action-runner.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';
import { personView, type PersonView } from '../helpers/kept-vm-record.js';
import { tinyGuestVariant } from '../helpers/tiny-variants.js';

const exec = promisify(execFile);
const DROPBEAR = { sshd: 'dropbear', sshdReload: '/etc/init.d/dropbear restart' };
/** Bytes a variable must carry unchanged into each guest's shell. */
const AWKWARD = `it's "quoted" $HOME \`x\` \\ ünï\ttab`;

interface Dialect {
  /** The catalog entry name (and the variant's file name). */
  name: string;
  /** The tiny guest's reader (`solstice.reader=` on its kernel command line). */
  reader: string;
  entry: Record<string, unknown>;
  /** Who the job logs in as. */
  login: string;
  /** A command whose output shows the guest's admin command works (prints 0: root's uid). */
  adminCheck: string;
  /** Something only this guest's tar prints, to prove which one synced. */
  tarCheck: RegExp;
  /** The guest's tar is given a NUL-separated list, so a name holding a newline comes back; else it is refused. */
  takesNulList: boolean;
}

const DIALECTS: Dialect[] = [
  {
    name: 'tini-1.0',
    reader: 'tini',
    entry: {
      user: 'puffy',
      sudoGroup: 'wheel',
      shell: '/bin/ksh',
      seed: 'tini-sh',
      userland: { admin: 'doas', tar: 'pax', ...DROPBEAR },
    },
    login: 'puffy',
    adminCheck: 'doas -n id -u; command -v sudo || echo no-sudo',
    // MirBSD pax in tar mode: no --version, its usage names OpenBSD tar's option letters.
    tarCheck: /usage: tar \{crtux\}/,
    takesNulList: true,
  },
  {
    name: 'illumos-1.0',
    reader: 'illumos-cpio',
    entry: { user: 'root', shell: '/bin/sh', seed: 'illumos-cpio', userland: { tar: 'bsdtar', ...DROPBEAR } },
    login: 'root',
    adminCheck: 'id -u',
    tarCheck: /bsdtar|libarchive/,
    takesNulList: true,
  },
  {
    name: 'ignition-1.0',
    reader: 'ignition',
    entry: {
      user: 'core',
      sudoGroup: 'wheel',
      shell: '/bin/sh',
      seed: 'ignition',
      userland: { tar: 'busybox', ...DROPBEAR },
    },
    login: 'runner',
    adminCheck: 'sudo -n id -u',
    tarCheck: /tar \(busybox\)/,
    takesNulList: false,
  },
];

let server: ImageServer;
let catalogFile: string;
let toolCache: string;
let directory: string;

before(async () => {
  directory = await mkdtemp(join(tmpdir(), 'solstice-dialects-'));
  toolCache = join(directory, 'cache');
  const variants = [
    ...DIALECTS.map(({ name, reader }) => ({ name, reader })),
    { name: 'no-reader-1.0', reader: 'none' },
  ];
  const images: Record<string, unknown> = {};
  const files: Record<string, string> = {};
  for (const { name, reader } of variants) {
    const guest = tinyGuestVariant(directory, name, (line) => `${line} solstice.reader=${reader}`);
    files[`/${name}.raw`] = guest.path;
    images[name] = { sha256: guest.sha256 };
  }
  server = await serveFiles(files);
  const image = (name: string) => ({
    x86_64: {
      url: server.url(`/${name}.raw`),
      format: 'raw',
      compression: 'none',
      firmware: 'bios',
      checksum: { pinned: `sha256:${(images[name] as { sha256: string }).sha256}` },
    },
  });
  const entries: Record<string, unknown> = {};
  for (const dialect of DIALECTS)
    entries[dialect.name] = {
      title: `Tiny guest, ${dialect.reader} reader`,
      ...dialect.entry,
      arches: image(dialect.name),
    };
  // An image that claims cloud-tini but has no reader at all, and a cloud-tini image whose sshd never
  // takes the new key (the entry says OpenSSH, so the key goes where dropbear never looks, and its
  // reload does nothing): both must end at the boot deadline.
  entries['no-reader-1.0'] = { ...entries['tini-1.0']!, title: 'No reader', arches: image('no-reader-1.0') };
  entries['stale-key-1.0'] = {
    ...entries['tini-1.0']!,
    title: 'Never reloads sshd',
    userland: { admin: 'doas', tar: 'pax', sshd: 'openssh', sshdReload: 'true' },
  };
  catalogFile = join(directory, 'catalog.json');
  await writeFile(catalogFile, JSON.stringify({ images: entries }));
});

after(async () => {
  await server?.close();
});

describe('seed dialects on guests whose first-boot reader is not cloud-init', { concurrency: 3 }, () => {
  for (const dialect of DIALECTS) {
    it(`${dialect.reader}: the job's key, pinned host key, workspace, env bytes and exit code`, async () => {
      const person = await mkdtemp(join(tmpdir(), `solstice-${dialect.reader}-person-`));
      await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(person, 'stranger')]);
      const views: PersonView[] = [];
      const run: JobRun = await runJob({
        toolCache,
        timeoutMs: 6 * 60_000,
        beforeStep: async (index, workspace) => {
          if (index === 0) {
            await mkdir(join(workspace, 'in dir'));
            await writeFile(join(workspace, 'in dir', 'in file.txt'), 'from the runner\n');
            return;
          }
          if (index !== 1) return;
          // Between the steps the VM is up: a person's OpenSSH, as the job left it.
          // (A first step that failed left no VM: its log tells why.)
          const view = await personView(workspace, dialect.login, person, { stranger: join(person, 'stranger') }).catch(
            () => undefined,
          );
          if (view) views.push(view);
        },
        steps: [
          {
            uses: 'solstice',
            env: { SOLSTICE_BYTES: AWKWARD },
            inputs: {
              image: dialect.name,
              catalog: catalogFile,
              accel: 'tcg',
              sync: 'both',
              env: 'SOLSTICE_BYTES',
              'keep-running': 'true',
              run: [
                // The login's name, as sshd set it (the tiny guest gives admin users uid 0, so `id -un` may name another).
                'echo "login=$LOGNAME"',
                `echo "admin=$({ ${dialect.adminCheck}; } | tr '\\n' ' ')"`,
                'printf "%s" "$SOLSTICE_BYTES" > bytes.txt',
                'cat "in dir/in file.txt"',
                'mkdir -p out && echo "from the guest" > "out/new file.txt"',
                '(tar --version 2>&1 || tar 2>&1) | head -n 2 | tr "\\n" " " | sed "s/^/tar=/"; echo',
              ].join('\n'),
            },
          },
          { shell: 'solstice {0}', run: 'test -f bytes.txt && exit 7' },
          // A guest-made name with a newline: through a NUL list it comes back; a tar that reads one
          // name per line cannot be given it, so copy-back refuses it by name and the step fails.
          { shell: 'solstice {0}', run: 'printf x > "$(printf "new\\nline")"' },
        ],
      });
      const [first, second, third] = run.steps;
      assert.equal(first!.exitCode, 0, first!.log);
      assert.match(first!.log, new RegExp(`login=${dialect.login}\\b`));
      assert.match(first!.log, /admin=0 /, 'the admin command of the entry works');
      if (dialect.reader === 'tini') assert.match(first!.log, /admin=0 no-sudo/, 'doas, and no sudo to fall back on');
      assert.match(first!.log, dialect.tarCheck, "the guest's own tar synced the workspace");
      assert.match(first!.log, /from the runner/);
      assert.equal(await readFile(join(run.workspace, 'bytes.txt'), 'utf8'), AWKWARD, 'env bytes survive');
      assert.equal(await readFile(join(run.workspace, 'out', 'new file.txt'), 'utf8'), 'from the guest\n');
      assert.equal(second!.exitCode, 7, 'the exact exit code of a later step');
      if (dialect.takesNulList) {
        assert.equal(third!.exitCode, 0, third!.log);
        assert.equal(await readFile(join(run.workspace, 'new\nline'), 'utf8'), 'x');
      } else {
        assert.notEqual(third!.exitCode, 0, 'a name the guest cannot list back fails the step');
        assert.match(third!.log, /Copy-back refused 1 of the entries/);
        assert.match(third!.log, /holds a newline/);
        await assert.rejects(readFile(join(run.workspace, 'new\nline')), 'nothing of it reaches the workspace');
      }
      const [view] = views;
      assert.ok(view, 'the person tried between the steps');
      assert.equal(view.served, view.pinned, 'the guest serves exactly the host key the job pinned');
      assert.equal(
        view.logins['job'],
        0,
        `the job's key logs in with the pinned key checked strictly: ${view.jobOutput}`,
      );
      assert.equal(view.logins['stranger'], 255, "another key (a second job's) does not log in");
      await assertNothingLeft(firstActionRun(run));
    });
  }

  it('a guest with no reader, and one that never takes the pinned key, end at the boot deadline naming the dialect', async () => {
    const [silent, stale] = await Promise.all(
      ['no-reader-1.0', 'stale-key-1.0'].map((image) =>
        runAction({
          toolCache,
          timeoutMs: 4 * 60_000,
          inputs: { image, catalog: catalogFile, accel: 'tcg', 'boot-timeout': '8', 'boot-retries': '0', run: 'true' },
        }),
      ),
    );
    for (const run of [silent!, stale!]) {
      assert.notEqual(run.main.exitCode, 0);
      assert.match(run.main.log, /SSH did not become ready within \d+ s/);
      assert.match(run.main.log, /first-boot reader tini-sh \(cloud-tini/);
    }
    assert.match(silent!.main.log, /no first-boot reader in this image/, 'the console lines are in the error');
    assert.match(stale!.main.log, /presented a host key that is not the one generated for this VM/);
    assert.match(
      stale!.main.log,
      /solstice: the job's SSH host key is installed/,
      'the script ran; the key was never taken',
    );
    await assertNothingLeft(silent!);
    await assertNothingLeft(stale!);
  });
});
