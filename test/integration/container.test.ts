// The runner image for actions-runner-controller (Containerfile at the top, container/) and its guide
// (docs/scale-out.md). There is no container engine here: the Containerfile is checked for consistency, its apt packages
// against this machine's Debian 12 apt index, and the entrypoint is run directly with its paths
// pointed at temporary files. Cache sharing between processes is tested in image.test.ts.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { parseJobInputs } from '../../src/config/parse.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const containerDir = join(repoRoot, 'container');
const containerfilePath = join(repoRoot, 'Containerfile');
const entrypointPath = join(containerDir, 'entrypoint.sh');
const docPath = join(repoRoot, 'docs', 'scale-out.md');

// --- container/packages.txt -----------------------------------------------------------------------

interface PackageList {
  always: string[];
  aarch64: string[];
}

/** Same rules as the Containerfile's awk: "#" starts a comment, "aarch64: NAME" is optional. */
function parsePackages(text: string): PackageList {
  const list: PackageList = { always: [], aarch64: [] };
  for (const raw of text.split('\n')) {
    const fields = raw.replace(/#.*/, '').trim().split(/\s+/).filter(Boolean);
    if (fields.length === 0) continue;
    if (fields[0] === 'aarch64:') {
      assert.equal(fields.length, 2, `one package per "aarch64:" line: ${raw}`);
      list.aarch64.push(fields[1]!);
    } else {
      assert.equal(fields.length, 1, `one package per line: ${raw}`);
      list.always.push(fields[0]!);
    }
  }
  return list;
}

// --- Containerfile ---------------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

/** Instructions with continuation lines joined and comments dropped. */
function parseContainerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (pending === '' && /^\s*(#|$)/.test(line)) continue;
    if (/\\\s*$/.test(line)) {
      pending += `${line.replace(/\\\s*$/, '')} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    const match = /^([A-Za-z]+)\s+(.*)$/s.exec(full);
    assert.ok(match, `an instruction: ${full}`);
    instructions.push({ keyword: match[1]!.toUpperCase(), args: match[2]!.trim() });
  }
  assert.equal(pending, '', 'the Containerfile does not end in a continuation line');
  return instructions;
}

function only(instructions: Instruction[], keyword: string): Instruction {
  const found = instructions.filter((i) => i.keyword === keyword);
  assert.equal(found.length, 1, `exactly one ${keyword}`);
  return found[0]!;
}

function jsonArray(instruction: Instruction): string[] {
  const value = JSON.parse(instruction.args) as unknown;
  assert.ok(
    Array.isArray(value) && value.every((v) => typeof v === 'string'),
    `${instruction.keyword} is a JSON array of strings`,
  );
  return value as string[];
}

/** ARG and ENV values (`NAME=value`, several per ENV). */
function assignments(instructions: Instruction[], keyword: 'ARG' | 'ENV'): Map<string, string> {
  const values = new Map<string, string>();
  for (const { args } of instructions.filter((i) => i.keyword === keyword)) {
    for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?/g)) values.set(match[1]!, match[2] ?? '');
  }
  return values;
}

// --- the entrypoint -------------------------------------------------------------------------------

function runEntrypoint(args: string[], env: Record<string, string>, prefix: string[] = []): SpawnSyncReturns<string> {
  const base = { ...process.env };
  for (const name of [
    'RUNNER_TOOL_CACHE',
    'SOLSTICE_CACHE_DIR',
    'SOLSTICE_KVM_DEVICE',
    'SOLSTICE_RUNNER_HOME',
    'SOLSTICE_REQUIRE_KVM',
  ])
    delete base[name];
  const [command, ...rest] = [...prefix, entrypointPath, ...args];
  return spawnSync(command!, rest, { env: { ...base, ...env }, encoding: 'utf8', timeout: 30_000 });
}

function show(result: SpawnSyncReturns<string>): string {
  return `exit ${result.status}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
}

// --- docs/scale-out.md ----------------------------------------------------------------------------

function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

/** "4500m" or "4.5" → millicores. */
function millicores(value: unknown): number {
  const text = String(value);
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(text);
  assert.ok(match, `a CPU quantity: ${text}`);
  return match[2] === 'm' ? Number(match[1]) : Math.round(Number(match[1]) * 1000);
}

/** "8960Mi" or "8Gi" → MiB. */
function mebibytes(value: unknown): number {
  const text = String(value);
  const match = /^(\d+)(Mi|Gi)$/.exec(text);
  assert.ok(match, `a memory quantity in Mi or Gi: ${text}`);
  return Number(match[1]) * (match[2] === 'Gi' ? 1024 : 1);
}

/** cpus and memory as Solstice itself reads them. */
function vmSize(inputs: Record<string, string>): { cpus: number; memoryMiB: number } {
  const required: Record<string, string> = { 'image-url': 'https://example.org/x.qcow2', run: 'true' };
  const config = parseJobInputs((name) => inputs[name] ?? required[name] ?? '', {
    defaultCacheRoot: '/c',
    workspace: '/w',
  });
  return { cpus: config.cpus, memoryMiB: config.memoryMiB };
}

// ---------------------------------------------------------------------------------------------------

let containerfile: string;
let instructions: Instruction[];
let packages: PackageList;
let entrypoint: string;
let doc: string;
let work: string;

before(async () => {
  containerfile = await readFile(containerfilePath, 'utf8');
  instructions = parseContainerfile(containerfile);
  packages = parsePackages(await readFile(join(containerDir, 'packages.txt'), 'utf8'));
  entrypoint = await readFile(entrypointPath, 'utf8');
  doc = await readFile(docPath, 'utf8');
  work = await mkdtemp(join(tmpdir(), 'solstice-container-'));
  await chmod(work, 0o755); // the non-root run below must reach it
});

after(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The cache directory the entrypoint uses by default. */
function entrypointCacheDefault(): string {
  const match = /^cache_dir=\$\{SOLSTICE_CACHE_DIR:-([^}]+)\}$/m.exec(entrypoint);
  assert.ok(match, 'entrypoint.sh sets cache_dir from SOLSTICE_CACHE_DIR with a default');
  return match[1]!;
}

describe('container/packages.txt', () => {
  it("every apt package the image installs exists in Debian 12 (this machine's apt index)", () => {
    const osRelease = existsSync('/etc/os-release')
      ? spawnSync('sh', ['-c', '. /etc/os-release && echo "$ID $VERSION_ID"'], { encoding: 'utf8' }).stdout.trim()
      : '';
    assert.equal(osRelease, 'debian 12', 'the check needs a Debian 12 apt index');
    const names = [...packages.always, ...packages.aarch64];
    assert.ok(
      packages.always.includes('qemu-system-x86') && packages.always.includes('qemu-utils'),
      'QEMU is always installed',
    );
    assert.deepEqual(packages.aarch64.sort(), ['qemu-efi-aarch64', 'qemu-system-arm'], 'the optional aarch64 set');
    assert.equal(new Set(names).size, names.length, 'no package is listed twice');
    // One apt-cache call (each takes most of a second): it shows the records it finds and skips the rest.
    const shown = spawnSync('apt-cache', ['show', '--no-all-versions', ...names], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(shown.error, undefined, 'apt-cache runs');
    const found = new Set([...shown.stdout.matchAll(/^Package: (\S+)$/gm)].map((m) => m[1]!));
    const missing = names.filter((name) => !found.has(name));
    assert.deepEqual(missing, [], `not in this machine's apt index (after apt-get update): ${missing.join(', ')}`);
  });

  it("the Containerfile's own selection (its awk program, run here) installs exactly these", async () => {
    const run = only(
      instructions.filter((i) => i.keyword === 'RUN' && i.args.includes('apt-get install')),
      'RUN',
    );
    const program = /awk -v aarch64="\$WITH_AARCH64" '([^']*)'/.exec(run.args);
    assert.ok(program, 'the apt RUN selects packages with awk from packages.txt');
    assert.match(run.args, /xargs -a \/tmp\/solstice-selected\.txt apt-get install -y --no-install-recommends/);
    for (const [flag, expected] of [
      ['0', packages.always],
      ['1', [...packages.always, ...packages.aarch64]],
    ] as const) {
      const result: SpawnSyncReturns<string> = spawnSync(
        'awk',
        ['-v', `aarch64=${flag}`, program[1]!, join(containerDir, 'packages.txt')],
        { encoding: 'utf8' },
      );
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(result.stdout.trim().split('\n').sort(), [...expected].sort(), `WITH_AARCH64=${flag}`);
    }
    const copy = instructions.find((i) => i.keyword === 'COPY' && i.args.startsWith('container/packages.txt '));
    assert.ok(copy, 'packages.txt is copied into the image');
    assert.match(
      run.args,
      new RegExp(` ${copy.args.split(/\s+/)[1]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\b`),
      'the awk reads the copied list',
    );
  });
});

describe('container/entrypoint.sh (run directly on this machine)', () => {
  it('execs the command with its arguments, output and exit code; TCG line without /dev/kvm', async () => {
    const cacheDir = join(work, 'exec', 'cache', 'nested');
    const result = runEntrypoint(
      [
        'sh',
        '-c',
        'printf "<%s>" "$@"; echo; echo "pid=$$"; echo to-stderr >&2; exit 7',
        'fake-runner',
        'a',
        'b c',
        '$HOME',
        '',
      ],
      { SOLSTICE_CACHE_DIR: cacheDir, SOLSTICE_KVM_DEVICE: join(work, 'no-such-kvm') },
    );
    assert.equal(result.status, 7, show(result));
    assert.ok(result.stdout.includes('<a><b c><$HOME><>\n'), show(result));
    assert.ok(
      result.stdout.includes(`pid=${result.pid}\n`),
      `the command replaced the entrypoint (same pid)\n${show(result)}`,
    );
    assert.ok(result.stderr.includes('to-stderr'), show(result));
    assert.match(
      result.stdout,
      /KVM: \S*no-such-kvm does not exist in this container: jobs will run under TCG software emulation, about 10-50x slower/,
    );
    assert.match(result.stdout, /devices\.kubevirt\.io\/kvm/);
    assert.ok((await stat(cacheDir)).isDirectory(), 'the cache directory was created');
    assert.deepEqual(
      spawnSync('ls', ['-A', cacheDir], { encoding: 'utf8' }).stdout,
      '',
      'the write test left nothing behind',
    );
  });

  it('says KVM is usable when the device opens read-write', () => {
    const result = runEntrypoint(['true'], {
      SOLSTICE_CACHE_DIR: join(work, 'usable'),
      SOLSTICE_KVM_DEVICE: '/dev/null',
    });
    assert.equal(result.status, 0, show(result));
    assert.match(
      result.stdout,
      /KVM: \/dev\/null is usable by \S+ \(uid \d+, groups [\d,]+\): jobs run with hardware acceleration/,
    );
    assert.doesNotMatch(result.stdout, /TCG/);
  });

  it('a KVM path that is not a character device means TCG, and still runs the command', async () => {
    const file = join(work, 'regular-kvm');
    await writeFile(file, '');
    const result = runEntrypoint(['echo', 'ran'], {
      SOLSTICE_CACHE_DIR: join(work, 'not-char'),
      SOLSTICE_KVM_DEVICE: file,
    });
    assert.equal(result.status, 0, show(result));
    assert.match(result.stdout, /is not a character device: jobs will run under TCG/);
    assert.match(result.stdout, /^ran$/m);
  });

  it("without arguments it runs $SOLSTICE_RUNNER_HOME/run.sh (the image's CMD)", async () => {
    const home = join(work, 'home');
    await mkdir(home);
    await writeFile(join(home, 'run.sh'), '#!/bin/sh\necho "fake run.sh $#"\nexit 3\n', { mode: 0o755 });
    const result = runEntrypoint([], {
      SOLSTICE_CACHE_DIR: join(work, 'noargs'),
      SOLSTICE_KVM_DEVICE: '/dev/null',
      SOLSTICE_RUNNER_HOME: home,
    });
    assert.equal(result.status, 3, show(result));
    assert.match(result.stdout, /^fake run\.sh 0$/m);
  });

  it('fails with the path and the fix when the cache directory is a file, and runs nothing', async () => {
    const file = join(work, 'cache-is-a-file');
    await writeFile(file, 'not a directory');
    for (const cacheDir of [file, join(file, 'below')]) {
      const marker = join(work, 'should-not-exist');
      const result = runEntrypoint(['touch', marker], {
        SOLSTICE_CACHE_DIR: cacheDir,
        SOLSTICE_KVM_DEVICE: '/dev/null',
      });
      assert.equal(result.status, 1, show(result));
      assert.ok(result.stderr.includes(cacheDir), show(result));
      assert.match(
        result.stderr,
        /^solstice-entrypoint: error: (the image cache directory \S+ exists but is not a directory|cannot create the image cache directory \S+: .*Not a directory)\. Fix: .*fsGroup.*SOLSTICE_CACHE_DIR.*cache-dir/m,
      );
      assert.equal(existsSync(marker), false, 'the command did not run');
    }
  });

  it('as a non-root user: a read-only cache directory fails, an unopenable /dev/kvm names its group', async () => {
    const setpriv = spawnSync('sh', ['-c', 'command -v setpriv'], { encoding: 'utf8' }).stdout.trim();
    assert.ok(
      process.getuid?.() === 0 && setpriv !== '',
      'the tests run as root with setpriv (util-linux) to become another user',
    );
    const asNobody = [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups'];
    assert.equal(
      spawnSync(asNobody[0]!, [...asNobody.slice(1), 'test', '-x', entrypointPath]).status,
      0,
      'the entrypoint is executable by nobody',
    );
    const kvm = join(work, 'kvm-0660');
    assert.equal(spawnSync('mknod', ['-m', '0660', kvm, 'c', '1', '3']).status, 0, 'mknod made the device node');
    const readOnly = join(work, 'read-only-cache');
    await mkdir(readOnly, { mode: 0o555 });
    await chmod(readOnly, 0o555);

    const result = runEntrypoint(['true'], { SOLSTICE_CACHE_DIR: readOnly, SOLSTICE_KVM_DEVICE: kvm }, asNobody);
    assert.equal(result.status, 1, show(result));
    assert.ok(
      result.stdout.includes(
        `KVM: ${kvm} exists (crw-rw----, group id 0) but nobody (uid 65534, groups 65534) cannot open it read-write: jobs will run under TCG`,
      ),
      show(result),
    );
    assert.match(
      result.stdout,
      /Fix: add 0 to the pod's securityContext\.supplementalGroups, or build the image with --build-arg KVM_GID=0/,
    );
    assert.match(
      result.stderr,
      new RegExp(
        `error: the image cache directory ${readOnly.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not writable by nobody \\(uid 65534, groups 65534\\): .*Permission denied\\. Fix: .*fsGroup`,
      ),
    );
  });

  it("notes when Solstice's default cache-dir ($RUNNER_TOOL_CACHE/solstice) is not the cache directory", async () => {
    const cacheDir = join(work, 'shared-cache');
    const linked = join(work, 'toolcache-linked');
    await mkdir(linked, { recursive: true });
    await mkdir(cacheDir);
    await symlink(cacheDir, join(linked, 'solstice'));
    const good = runEntrypoint(['true'], {
      SOLSTICE_CACHE_DIR: cacheDir,
      SOLSTICE_KVM_DEVICE: '/dev/null',
      RUNNER_TOOL_CACHE: linked,
    });
    assert.equal(good.status, 0, show(good));
    assert.doesNotMatch(good.stdout, /note:/);
    const other = runEntrypoint(['true'], {
      SOLSTICE_CACHE_DIR: cacheDir,
      SOLSTICE_KVM_DEVICE: '/dev/null',
      RUNNER_TOOL_CACHE: join(work, 'toolcache-plain'),
    });
    assert.equal(other.status, 0, show(other));
    assert.ok(
      other.stdout.includes(
        `note: Solstice's default cache-dir ${join(work, 'toolcache-plain')}/solstice is not ${cacheDir}; workflows that should share the cache need 'cache-dir: ${cacheDir}'.`,
      ),
      show(other),
    );
  });

  it('--check says "ready: KVM" or "ready: TCG", fails on an unwritable cache or missing required KVM, and runs nothing', async () => {
    const home = join(work, 'check-home');
    const marker = join(work, 'check-ran-run-sh');
    await mkdir(home);
    await writeFile(join(home, 'run.sh'), `#!/bin/sh\ntouch ${marker}\n`, { mode: 0o755 });
    const check = (env: Record<string, string>) =>
      runEntrypoint(['--check'], { SOLSTICE_CACHE_DIR: join(work, 'check-cache'), SOLSTICE_RUNNER_HOME: home, ...env });

    const kvm = check({ SOLSTICE_KVM_DEVICE: '/dev/null' });
    assert.equal(kvm.status, 0, show(kvm));
    assert.match(kvm.stdout, /is usable by .*\n.*image cache: .* is writable\.\nsolstice-entrypoint: ready: KVM\n$/);
    const tcg = check({ SOLSTICE_KVM_DEVICE: join(work, 'no-such-kvm') });
    assert.equal(tcg.status, 0, show(tcg));
    assert.match(tcg.stdout, /\nsolstice-entrypoint: ready: TCG \(no usable KVM\)\n$/);
    const required = check({ SOLSTICE_KVM_DEVICE: join(work, 'no-such-kvm'), SOLSTICE_REQUIRE_KVM: '1' });
    assert.equal(required.status, 1, show(required));
    assert.equal(
      required.stderr,
      'solstice-entrypoint: error: not ready: SOLSTICE_REQUIRE_KVM=1 but KVM is not usable (see the KVM line above).\n',
    );
    const file = join(work, 'check-cache-file');
    await writeFile(file, '');
    const noCache = check({ SOLSTICE_KVM_DEVICE: '/dev/null', SOLSTICE_CACHE_DIR: file });
    assert.equal(noCache.status, 1, show(noCache));
    assert.doesNotMatch(noCache.stdout, /ready/);
    assert.equal(existsSync(marker), false, '--check never runs the runner');
  });

  it('is POSIX sh', () => {
    assert.match(entrypoint, /^#!\/bin\/sh\n/);
    const result = spawnSync('sh', ['-n', entrypointPath], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });
});

describe("Containerfile (the repository's top level)", () => {
  it('is based on Debian 12 and pins the runner release by version and sha256', () => {
    assert.match(only(instructions, 'FROM').args, /^debian:12(-slim)?$/);
    const args = instructions.filter((i) => i.keyword === 'ARG').map((i) => i.args);
    const version = args.findIndex((a) => a.startsWith('RUNNER_VERSION='));
    assert.match(args[version] ?? '', /^RUNNER_VERSION=\d+\.\d+\.\d+$/);
    assert.match(
      args[version + 1] ?? '',
      /^RUNNER_SHA256=[0-9a-f]{64}$/,
      'the sha256 ARG comes right after the version ARG',
    );
    const download = only(
      instructions.filter((i) => i.keyword === 'RUN' && i.args.includes('actions-runner-linux-x64')),
      'RUN',
    ).args;
    assert.ok(
      download.includes(
        'https://github.com/actions/runner/releases/download/v${RUNNER_VERSION}/actions-runner-linux-x64-${RUNNER_VERSION}.tar.gz',
      ),
      download,
    );
    assert.ok(
      download.includes('echo "${RUNNER_SHA256}  /tmp/runner.tar.gz" | sha256sum -c -'),
      'the tarball is checked before it is unpacked',
    );
    assert.ok(
      download.indexOf('sha256sum -c') < download.indexOf('tar -xzf /tmp/runner.tar.gz -C /home/runner'),
      'checked, then unpacked into /home/runner',
    );
  });

  it("runs the Node the runner ships for the action's runs.using", async () => {
    const action = parse(await readFile(join(repoRoot, 'action.yml'), 'utf8')) as { runs: { using: string } };
    assert.match(action.runs.using, /^node\d+$/);
    assert.ok(
      containerfile.includes(`/home/runner/externals/${action.runs.using}/bin/node --version`),
      `the build checks externals/${action.runs.using}`,
    );
  });

  it("ENTRYPOINT is the repository's entrypoint.sh, CMD the runner's run.sh unpacked into /home/runner", () => {
    const entry = jsonArray(only(instructions, 'ENTRYPOINT'));
    assert.equal(entry.length, 1);
    const copy = instructions.find((i) => i.keyword === 'COPY' && i.args.split(/\s+/)[1] === entry[0]);
    assert.ok(copy, `${entry[0]} is copied into the image`);
    const source = copy.args.split(/\s+/)[0]!;
    assert.equal(
      resolve(repoRoot, source),
      entrypointPath,
      'from container/entrypoint.sh (the build context is the top level)',
    );
    assert.ok(
      instructions.some((i) => i.keyword === 'RUN' && i.args === `chmod 0755 ${entry[0]}`),
      'made executable',
    );
    assert.deepEqual(jsonArray(only(instructions, 'CMD')), ['/home/runner/run.sh']);
    assert.match(containerfile, /test -x \/home\/runner\/run\.sh/);
    const defaultCommand =
      /set -- "\$runner_home\/run\.sh"/.test(entrypoint) &&
      /runner_home=\$\{SOLSTICE_RUNNER_HOME:-\/home\/runner\}/.test(entrypoint);
    assert.ok(defaultCommand, 'without arguments the entrypoint runs /home/runner/run.sh too');
  });

  it("the VOLUME is the entrypoint's cache directory, and Solstice's default cache-dir leads to it", () => {
    const volume = jsonArray(only(instructions, 'VOLUME'));
    const env = assignments(instructions, 'ENV');
    assert.deepEqual(volume, [entrypointCacheDefault()]);
    assert.equal(env.get('SOLSTICE_CACHE_DIR'), volume[0]);
    const toolCache = env.get('RUNNER_TOOL_CACHE');
    assert.ok(toolCache, 'RUNNER_TOOL_CACHE is set');
    const { cacheDir } = parseJobInputs(
      (name) => ({ 'image-url': 'https://example.org/x.qcow2', run: 'true' })[name] ?? '',
      { defaultCacheRoot: toolCache, workspace: '/w' },
    );
    assert.ok(
      containerfile.includes(`ln -s ${volume[0]} ${cacheDir}`),
      `the image links Solstice's default cache-dir ${cacheDir} to ${volume[0]}`,
    );
    assert.match(containerfile, new RegExp(`install -d -o runner -g runner -m 0755 ${volume[0]} ${toolCache}`));
  });

  it('builds from the top level: COPY takes only container/, the one directory .dockerignore lets into the context', async () => {
    const sources = instructions.filter((i) => i.keyword === 'COPY').map((i) => i.args.split(/\s+/)[0]!);
    assert.deepEqual(sources.sort(), ['container/entrypoint.sh', 'container/packages.txt']);
    for (const source of sources) assert.ok(existsSync(join(repoRoot, source)), source);
    const ignore = await readFile(join(repoRoot, '.dockerignore'), 'utf8');
    assert.deepEqual(
      ignore.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#')),
      ['*', '!container/'],
    );
  });

  it('carries the OCI labels, consistent with the base image, the runner version and package.json', async () => {
    const labels = new Map(
      [
        ...instructions.filter((i) => i.keyword === 'LABEL').flatMap((i) => [...i.args.matchAll(/(\S+?)="([^"]*)"/g)]),
      ].map((m) => [m[1]!, m[2]!]),
    );
    const prefix = 'org.opencontainers.image.';
    assert.deepEqual(
      [...labels.keys()].filter((key) => !key.startsWith(prefix)),
      [],
      'only OCI annotation keys',
    );
    assert.deepEqual([...labels.keys()].map((key) => key.slice(prefix.length)).sort(), [
      'base.name',
      'created',
      'description',
      'licenses',
      'revision',
      'source',
      'title',
      'version',
    ]);
    const { license } = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { license: string };
    assert.equal(labels.get(`${prefix}licenses`), license);
    assert.equal(labels.get(`${prefix}base.name`), `docker.io/library/${only(instructions, 'FROM').args}`);
    assert.equal(labels.get(`${prefix}version`), '${RUNNER_VERSION}');
    const args = assignments(instructions, 'ARG');
    for (const [key, arg] of [
      ['source', 'IMAGE_SOURCE'],
      ['revision', 'IMAGE_REVISION'],
      ['created', 'IMAGE_CREATED'],
    ]) {
      assert.equal(labels.get(`${prefix}${key}`), `\${${arg}}`);
      assert.ok(args.has(arg!), `ARG ${arg}`);
    }
  });

  it("HEALTHCHECK runs the entrypoint's --check, with a timeout", () => {
    const health = only(instructions, 'HEALTHCHECK').args;
    const match = /^((?:--[a-z-]+=\S+\s+)*)CMD\s+(\[.*\])$/.exec(health);
    assert.ok(match, `HEALTHCHECK [OPTIONS] CMD [...]: ${health}`);
    assert.match(match[1]!, /--timeout=\d+s/);
    assert.deepEqual(JSON.parse(match[2]!), [...jsonArray(only(instructions, 'ENTRYPOINT')), '--check']);
  });

  it('runs as a non-root runner user in the kvm group', () => {
    const args = assignments(instructions, 'ARG');
    const user = only(instructions, 'USER').args.replace(/^\$\{?(\w+)\}?$/, (_, name: string) => args.get(name) ?? '');
    assert.match(user, /^[1-9]\d*$/, 'a numeric non-zero uid (runAsNonRoot can verify it)');
    assert.equal(args.get('RUNNER_UID'), user);
    assert.match(containerfile, /useradd [^;]*--uid "\$RUNNER_UID" [^;]*--groups kvm runner/);
  });
});

describe('docs/scale-out.md', () => {
  const rule = (): { cpuOverhead: number; memoryOverhead: number } => {
    const match =
      /\*\*Sizing rule:\*\* CPU request = `cpus` \+ (\d+)m; memory request = `memory` \+ (\d+)Mi\b.*memory limit = memory request\./s.exec(
        doc,
      );
    assert.ok(match, 'the doc states the sizing rule');
    return { cpuOverhead: Number(match[1]), memoryOverhead: Number(match[2]) };
  };

  it('every YAML block parses', () => {
    const blocks = yamlBlocks(doc);
    assert.ok(blocks.length >= 5, `found ${blocks.length} YAML blocks`);
    for (const block of blocks) {
      for (const document of parseAllDocuments(block)) assert.deepEqual(document.errors, [], block);
    }
  });

  it("the values example runs the image's entrypoint with the cache volume, sized by the rule for the example job", () => {
    const blocks = yamlBlocks(doc).map((block) => parse(block) as Record<string, any>);
    const values = blocks.find((b) => b['githubConfigUrl'] !== undefined);
    const workflow = blocks.find((b) => b['jobs'] !== undefined);
    const claim = blocks.find((b) => b['kind'] === 'PersistentVolumeClaim');
    assert.ok(values && workflow && claim, 'values, workflow and claim examples');
    assert.equal(values['containerMode'], undefined, 'default container mode: steps run in the runner container');

    const runner = (values['template'].spec.containers as any[]).find((c) => c.name === 'runner');
    assert.ok(runner, 'a container named runner (ARC merges its settings by that name)');
    assert.deepEqual(runner.command, [
      ...jsonArray(only(instructions, 'ENTRYPOINT')),
      ...jsonArray(only(instructions, 'CMD')),
    ]);
    const mount = (runner.volumeMounts as any[]).find(
      (m) => m.mountPath === jsonArray(only(instructions, 'VOLUME'))[0],
    );
    assert.ok(mount, "the cache volume is mounted at the image's VOLUME");
    const volume = (values['template'].spec.volumes as any[]).find((v) => v.name === mount.name);
    assert.equal(volume?.persistentVolumeClaim?.claimName, claim['metadata'].name);
    assert.deepEqual(claim['spec'].accessModes, ['ReadWriteMany']);
    assert.equal(
      String(runner.resources.limits['devices.kubevirt.io/kvm']),
      '1',
      'the KVM device-plugin resource is a limit',
    );
    assert.deepEqual(
      runner.readinessProbe?.exec?.command,
      JSON.parse(/CMD\s+(\[.*\])$/.exec(only(instructions, 'HEALTHCHECK').args)![1]!),
      "the readiness probe is the image's HEALTHCHECK",
    );
    assert.ok(
      (runner.env as { name: string; value: string }[]).some(
        (e) => e.name === 'SOLSTICE_REQUIRE_KVM' && e.value === '1',
      ),
      'a KVM scale set requires KVM to be ready',
    );

    const job = Object.values(workflow['jobs'] as Record<string, any>)[0];
    assert.equal(job['runs-on'], values['runnerScaleSetName']);
    const step = (job.steps as any[]).find((s) => /solstice@/.test(String(s.uses)));
    assert.ok(step, 'the example job uses Solstice');
    const vm = vmSize(
      Object.fromEntries(Object.entries(step.with as Record<string, unknown>).map(([k, v]) => [k, String(v)])),
    );
    const { cpuOverhead, memoryOverhead } = rule();
    assert.equal(
      millicores(runner.resources.requests.cpu),
      vm.cpus * 1000 + cpuOverhead,
      `CPU request for cpus ${vm.cpus}`,
    );
    assert.equal(
      mebibytes(runner.resources.requests.memory),
      vm.memoryMiB + memoryOverhead,
      `memory request for ${vm.memoryMiB} MiB`,
    );
    assert.equal(runner.resources.limits.memory, runner.resources.requests.memory, 'memory limit = request');
    assert.equal(runner.resources.limits.cpu, undefined, 'no CPU limit');
  });

  it('the sizing table follows the rule for cpus 2 and 4 and memory 2G, 4G and 8G', () => {
    const { cpuOverhead, memoryOverhead } = rule();
    const rows = [...doc.matchAll(/^\| (\d+) \| (\d+[MG]) \| (\S+) \| (\S+) \|$/gm)];
    const seen = new Set<string>();
    for (const [, cpus, memory, cpuRequest, memoryRequest] of rows) {
      const vm = vmSize({ cpus: cpus!, memory: memory! });
      assert.equal(millicores(cpuRequest), vm.cpus * 1000 + cpuOverhead, `row ${cpus} ${memory}`);
      assert.equal(mebibytes(memoryRequest), vm.memoryMiB + memoryOverhead, `row ${cpus} ${memory}`);
      seen.add(`${cpus} ${memory}`);
    }
    assert.deepEqual([...seen].sort(), ['2 2G', '2 4G', '2 8G', '4 2G', '4 4G', '4 8G']);
  });

  it("the privileged variant mounts the node's /dev/kvm as a character device", () => {
    const variant = yamlBlocks(doc)
      .map((block) => parse(block) as Record<string, any>)
      .find((b) => b['template']?.spec?.containers?.[0]?.securityContext?.privileged === true);
    assert.ok(variant, 'a privileged example');
    const spec = variant['template'].spec;
    const mount = (spec.containers[0].volumeMounts as any[]).find((m) => m.mountPath === '/dev/kvm');
    const volume = (spec.volumes as any[]).find((v) => v.name === mount?.name);
    assert.deepEqual(volume?.hostPath, { path: '/dev/kvm', type: 'CharDevice' });
    assert.ok(spec.nodeSelector, 'kept on KVM nodes by a node selector');
  });

  it('the cross-process cache tests it cites exist in image.test.ts', async () => {
    const imageTests = await readFile(join(repoRoot, 'test', 'integration', 'image.test.ts'), 'utf8');
    const cited = [...doc.matchAll(/"([^"]+)"/g)]
      .map((m) => m[1]!.replace(/\s+/g, ' '))
      .filter((name) => /process|lock/.test(name) && !/Lost the lock|Another job/.test(name));
    assert.ok(cited.length >= 2, `cites tests: ${cited.join(' | ')}`);
    for (const name of cited) assert.ok(imageTests.includes(`'${name}'`), `image.test.ts has the test "${name}"`);
  });
});
