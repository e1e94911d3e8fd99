import assert from 'node:assert/strict';
import { DIALECT_USERLAND } from '../../src/core/guest-userland.js';
import { describe, it } from 'node:test';
import { parseJobInputs } from '../../src/config/parse.js';
import { parseChecksum, parseSize } from '../../src/config/input-kinds.js';
import { InputError } from '../../src/core/errors.js';
import { actionErrorText } from '../../src/action/error-text.js';
import { effectiveBootTimeoutSeconds } from '../../src/config/job.js';

const SHA256 = 'a'.repeat(64);
const context = { defaultCacheRoot: '/opt/toolcache', workspace: '/home/runner/work/repo/repo' };
const parse = (inputs: Record<string, string>) =>
  parseJobInputs(
    (name) => ({ 'image-url': 'https://example.org/x.qcow2', run: 'make test', ...inputs })[name] ?? '',
    context,
  );

describe('input parsing', () => {
  it('applies the documented defaults', () => {
    const config = parse({});
    assert.deepEqual(config, {
      image: { label: 'https://example.org/x.qcow2', source: 'https://example.org/x.qcow2', compression: 'none' },
      machine: { arch: 'x86_64', firmware: 'bios' },
      guest: { seed: 'cloud-config', userland: DIALECT_USERLAND['cloud-config'] },
      run: 'make test',
      cpus: 2,
      memoryMiB: 2048,
      accel: 'auto',
      user: 'runner',
      bootTimeoutSeconds: 120,
      bootRetries: 1,
      network: true,
      cacheDir: '/opt/toolcache/solstice',
      debug: {
        mode: 'never',
        logins: [],
        githubApiUrl: 'https://api.github.com',
        githubToken: '',
        bind: '0.0.0.0',
        port: 0,
        timeoutMinutes: 15,
      },
      rules: {
        shell: { kind: 'auto' },
        envNames: [],
        sync: 'in',
        workspace: '/home/runner/work/repo/repo',
        workingDirectory: '/home/runner/work/repo/repo',
        copyBack: [],
        userland: DIALECT_USERLAND['cloud-config'],
      },
      keepRunning: false,
      prepare: '',
      warmStart: false,
      templateScope: 'local',
      name: 'default',
    });
  });

  it('reads every input', () => {
    const config = parse({
      'image-url': '/srv/images/debian.qcow2',
      'image-checksum': `SHA256:${SHA256.toUpperCase()}`,
      cpus: '4',
      memory: '512M',
      'disk-size': '20G',
      accel: 'TCG',
      user: 'builder',
      'boot-timeout': '300',
      'boot-retries': '0',
      'cache-dir': '/var/cache/vm',
    });
    assert.deepEqual(config.image, {
      label: '/srv/images/debian.qcow2',
      source: '/srv/images/debian.qcow2',
      compression: 'none',
      checksum: { algorithm: 'sha256', hex: SHA256 },
    });
    assert.equal(config.cpus, 4);
    assert.equal(config.memoryMiB, 512);
    assert.equal(config.diskSizeBytes, 20 * 2 ** 30);
    assert.equal(config.accel, 'tcg');
    assert.equal(config.user, 'builder');
    assert.equal(config.bootTimeoutSeconds, 300);
    assert.equal(config.bootRetries, 0);
    assert.equal(config.cacheDir, '/var/cache/vm');
  });

  const bad: Array<[string, string, RegExp]> = [
    [
      'image-url',
      'ftp://example.org/x.qcow2',
      /Input 'image-url' is 'ftp:\/\/example.org\/x.qcow2': only http:\/\/ and https:\/\//,
    ],
    ['image-url', 'images/x.qcow2', /Input 'image-url' is 'images\/x.qcow2': a local image must be an absolute path/],
    [
      'image-url',
      'https://example.org/openbsd-79-amd64.tar.gz',
      /Input 'image-url' is 'https:\/\/example.org\/openbsd-79-amd64.tar.gz': this is an archive, .*"archive": \{ "format": "tar", "member": "disk.raw" \} .*catalog/,
    ],
    ['image-url', '/srv/images/disk.tgz', /Input 'image-url' is '\/srv\/images\/disk.tgz': this is an archive/],
    [
      'image-url',
      '',
      /Input 'image' is empty: name a catalog image such as 'debian-12' \('list' prints the catalog\), or give image-url/,
    ],
    ['image-checksum', 'md5:abc', /Input 'image-checksum' is 'md5:abc': expected 'sha256:'/],
    ['image-checksum', `sha512:${SHA256}`, /Input 'image-checksum' .*128/],
    ['run', '   ', /Input 'run' is empty: give the script/],
    ['cpus', '0', /Input 'cpus' is '0': a whole number from 1 to 255/],
    ['cpus', 'two', /Input 'cpus' is 'two'/],
    ['memory', '2X', /Input 'memory' is '2X': a size such as 512M or 4G/],
    ['memory', '64M', /Input 'memory' is '64M'/],
    ['disk-size', 'big', /Input 'disk-size' is 'big': a size such as 20G/],
    ['accel', 'hvf', /Input 'accel' is 'hvf': one of 'auto', 'kvm', 'tcg'/],
    ['user', 'root', /Input 'user' is 'root'/],
    ['user', 'Bad User', /Input 'user' is 'Bad User'/],
    ['boot-timeout', '1', /Input 'boot-timeout' is '1': a whole number of seconds/],
    ['boot-retries', '4', /Input 'boot-retries' is '4': a whole number from 0 to 3/],
    ['boot-retries', 'once', /Input 'boot-retries' is 'once'/],
    ['cache-dir', 'relative/dir', /Input 'cache-dir' is 'relative\/dir': an absolute directory path/],
    ['sync', 'up', /Input 'sync' is 'up': one of 'in'/],
    ['shell', 'python3', /Input 'shell' is 'python3': 'bash', 'sh', or a command template containing \{0\}/],
    ['env', 'GOOD,1BAD', /Input 'env' is '1BAD': variable names/],
    ['copy-back', '../outside', /Input 'copy-back' is '..\/outside'/],
    ['keep-running', 'yes', /Input 'keep-running' is 'yes': 'true' or 'false'/],
    ['warm-start', 'sometimes', /Input 'warm-start' is 'sometimes': 'true' \(restore a saved template\) or 'false'/],
    ['network', 'offline', /Input 'network' is 'offline': 'true' \(the guest may connect out\) or 'false'/],
    ['name', 'a b', /Input 'name' is 'a b'/],
    // The ranges the table states (and README with it) are the ones enforced.
    ['memory', '1025G', /Input 'memory' is '1025G': a size such as 512M or 4G, from 256M to 1024G/],
    ['disk-size', '512M', /Input 'disk-size' is '512M': a size such as 20G, from 1G to 64T/],
    ['boot-timeout', '86401', /Input 'boot-timeout' is '86401': a whole number of seconds from 5 to 86400/],
    [
      'debug-port',
      '0',
      /Input 'debug-port' is '0': a whole number from 1 to 65535 \(or leave it empty for a free one\)/,
    ],
    ['debug-port', '65536', /Input 'debug-port' is '65536'/],
    ['debug-timeout-minutes', '0.05', /Input 'debug-timeout-minutes' is '0.05': a number of minutes from 0.1 to 360/],
  ];
  for (const [name, value, message] of bad) {
    it(`rejects ${name}: '${value}' naming the input, the value and what is accepted`, () => {
      assert.throws(
        () => parse({ [name]: value }),
        (error: unknown) => error instanceof InputError && message.test(actionErrorText(error)),
      );
    });
  }

  it('refuses a cache-dir inside the workspace that sync would copy into the guest, naming the input and the fix', () => {
    for (const cacheDir of [
      '/home/runner/work/repo/repo/.cache',
      '/home/runner/work/repo/repo',
      '/home/runner/work/repo/repo/a/../b',
    ]) {
      assert.throws(
        () => parse({ 'cache-dir': cacheDir }),
        (error: unknown) =>
          error instanceof InputError &&
          new RegExp(
            `Input 'cache-dir' is '${cacheDir}': a directory outside the workspace /home/runner/work/repo/repo, which sync copies into the guest with the cache's images and warm-start templates; set cache-dir elsewhere \\(or sync: none\\)`,
          ).test(actionErrorText(error)),
        cacheDir,
      );
    }
    // The default (the tool cache) inside the workspace is refused too, naming where it is.
    assert.throws(
      () =>
        parseJobInputs((name) => ({ 'image-url': 'https://example.org/x.qcow2', run: 'x' })[name] ?? '', {
          ...context,
          defaultCacheRoot: '/home/runner/work/repo/repo/tools',
        }),
      (error: unknown) =>
        error instanceof InputError &&
        /Input 'cache-dir' is '\/home\/runner\/work\/repo\/repo\/tools\/solstice'/.test(actionErrorText(error)),
    );
    assert.equal(
      parse({ 'cache-dir': '/home/runner/work/repo/repo/.cache', sync: 'none' }).cacheDir,
      '/home/runner/work/repo/repo/.cache',
    );
    assert.equal(
      parse({ 'cache-dir': '/home/runner/work/repo/repo-cache' }).cacheDir,
      '/home/runner/work/repo/repo-cache',
    );
    assert.equal(
      parse({ 'cache-dir': '/home/runner/work/repo' }).cacheDir,
      '/home/runner/work/repo',
      'above the workspace',
    );
  });

  it('refuses a debug forward off loopback into a guest with network: false (a debug re-run holds nothing instead)', () => {
    assert.throws(
      () => parse({ network: 'false', debug: 'true' }),
      (error: unknown) =>
        error instanceof InputError &&
        /Input 'debug-bind' is '0.0.0.0': a loopback address \(127.0.0.1\) with network: false, as a debug forward on another address/.test(
          actionErrorText(error),
        ),
    );
    assert.equal(parse({ network: 'false', debug: 'on-failure', 'debug-bind': '127.0.0.1' }).debug.mode, 'on-failure');
    assert.equal(
      parseJobInputs(
        (name) => ({ 'image-url': 'https://example.org/x.qcow2', run: 'x', network: 'false' })[name] ?? '',
        { ...context, env: { RUNNER_DEBUG: '1' } },
      ).debug.mode,
      'never',
    );
    assert.equal(parse({ debug: 'true' }).debug.bind, '0.0.0.0', 'with network the default bind stays');
  });

  it('reads the step rules', () => {
    const config = parse({
      sync: 'both',
      shell: 'python3 {0}',
      env: 'A, B\nA',
      'working-directory': 'sub/dir',
      'copy-back': 'build/\nreports/*.xml',
      'keep-running': 'true',
      name: 'second',
    });
    assert.deepEqual(config.rules, {
      shell: { kind: 'template', template: 'python3 {0}' },
      envNames: ['A', 'B'],
      sync: 'both',
      workspace: '/home/runner/work/repo/repo',
      workingDirectory: '/home/runner/work/repo/repo/sub/dir',
      copyBack: ['build/', 'reports/*.xml'],
      userland: DIALECT_USERLAND['cloud-config'],
    });
    assert.equal(config.keepRunning, true);
    assert.equal(config.name, 'second');
    assert.equal(parse({ 'working-directory': '/srv/build' }).rules.workingDirectory, '/srv/build');
  });

  it('reports every problem at once', () => {
    assert.throws(
      () => parse({ cpus: '0', memory: 'x', accel: 'y' }),
      (error: unknown) =>
        error instanceof InputError &&
        error.problems.length === 3 &&
        /cpus[\s\S]*memory[\s\S]*accel/.test(error.message),
    );
  });

  it('reports the problems in the order of action.yml, whichever rule found them', () => {
    assert.throws(
      () => parse({ 'debug-port': '0', 'keep-running': 'maybe', run: '', cpus: 'x', 'image-url': 'disk.img' }),
      (error: unknown) =>
        error instanceof InputError &&
        error.problems.map((problem) => problem.input).join(' ') === 'image-url run cpus keep-running debug-port',
    );
  });

  it('takes the empty debug-port as a free one, and a port in range as given', () => {
    assert.equal(parse({}).debug.port, 0);
    assert.equal(parse({ 'debug-port': '2222' }).debug.port, 2222);
    assert.equal(parse({ 'debug-timeout-minutes': '0.1' }).debug.timeoutMinutes, 0.1);
  });

  it('parses sizes and checksums', () => {
    assert.equal(parseSize('1.5G'), 1.5 * 2 ** 30);
    assert.equal(parseSize('20GiB'), 20 * 2 ** 30);
    assert.equal(parseSize('512 m'), 512 * 2 ** 20);
    assert.equal(parseSize('12'), undefined);
    assert.deepEqual(parseChecksum(`sha512:${'B'.repeat(128)}`), { algorithm: 'sha512', hex: 'b'.repeat(128) });
    assert.equal(parseChecksum(`sha256:${'g'.repeat(64)}`), undefined);
  });

  it('multiplies the boot timeout under TCG only', () => {
    assert.equal(effectiveBootTimeoutSeconds({ bootTimeoutSeconds: 100 }, 'kvm'), 100);
    assert.equal(effectiveBootTimeoutSeconds({ bootTimeoutSeconds: 100 }, 'tcg'), 400);
  });
});
