/**
 * Bad input, table-driven, through the bundled action in the runner-faithful harness: each case fails
 * the step with an error naming the input, the value and what is accepted (or what is wrong with the
 * image), before anything is downloaded or started — no request reaches the image server, no QEMU runs,
 * nothing is left in RUNNER_TEMP or the cache.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { runAction } from '../helpers/action-runner.js';
import { serveFiles, type ImageServer } from '../helpers/image-server.js';
import { assertNothingLeft } from '../helpers/nothing-left.js';

let server: ImageServer;
let toolCache: string;
let files: string;

before(async () => {
  files = await mkdtemp(join(tmpdir(), 'solstice-bad-input-'));
  await writeFile(
    join(files, 'error-page.qcow2'),
    '<!DOCTYPE html>\n<html><body><h1>404 Not Found</h1></body></html>\n',
  );
  // A crafted qcow2 whose backing file is a runner file: opening it would let the guest read /etc/passwd.
  await execa('qemu-img', [
    'create',
    '-q',
    '-f',
    'qcow2',
    '-F',
    'raw',
    '-b',
    '/etc/passwd',
    join(files, 'backed.qcow2'),
  ]);
  await execa('qemu-img', [
    'create',
    '-q',
    '-f',
    'qcow2',
    '-o',
    `data_file=${join(files, 'data.raw')},data_file_raw=on`,
    join(files, 'external-data.qcow2'),
    '16M',
  ]);
  server = await serveFiles({ '/image.qcow2': join(files, 'error-page.qcow2') });
  toolCache = await mkdtemp(join(tmpdir(), 'solstice-bad-input-cache-'));
});
after(() => server.close());

const SHA = 'a'.repeat(64);
/** [inputs (merged over a valid job), what the error must say]. */
const cases: [string, Record<string, string>, RegExp][] = [
  ['memory too small', { memory: '64M' }, /Input 'memory' is '64M': a size such as 512M or 4G, from 256M to 1024G/],
  ['memory malformed', { memory: 'lots' }, /Input 'memory' is 'lots'/],
  ['cpus zero', { cpus: '0' }, /Input 'cpus' is '0': a whole number from 1 to 255/],
  ['cpus malformed', { cpus: 'two' }, /Input 'cpus' is 'two'/],
  ['disk-size too small', { 'disk-size': '100M' }, /Input 'disk-size' is '100M': a size such as 20G, from 1G to 64T/],
  ['unknown accel', { accel: 'hvf' }, /Input 'accel' is 'hvf': one of 'auto', 'kvm', 'tcg'/],
  [
    'accel: kvm without working KVM',
    { accel: 'kvm' },
    /Input 'accel' is 'kvm' but KVM does not work on this runner: .*Fix KVM on the runner, or use accel: auto/,
  ],
  [
    'malformed checksum',
    { 'image-checksum': 'sha256:xyz' },
    /Input 'image-checksum' is 'sha256:xyz': expected 'sha256:' followed by 64 hex digits/,
  ],
  [
    'checksum length of the other algorithm',
    { 'image-checksum': `sha256:${SHA}${SHA}` },
    /Input 'image-checksum' is 'sha256:a{128}': expected 'sha256:' followed by 64 hex digits or 'sha512:' followed by 128/,
  ],
  [
    'unsupported scheme',
    { 'image-url': 'ftp://example.org/disk.qcow2' },
    /Input 'image-url' is 'ftp:\/\/example\.org\/disk\.qcow2': only http:\/\/ and https:\/\/ URLs/,
  ],
  [
    'relative path',
    { 'image-url': 'images/disk.qcow2' },
    /Input 'image-url' is 'images\/disk\.qcow2': a local image must be an absolute path/,
  ],
  [
    'unknown catalog name',
    { image: 'ubuntu-42.04', 'image-url': '' },
    /Input 'image' is 'ubuntu-42\.04': no such image in the catalog\. Close matches: ubuntu-/,
  ],
  ['empty run', { run: '  ' }, /Input 'run' is empty: give the script to run inside the VM/],
  [
    'shell template without {0}',
    { shell: 'python3' },
    /Input 'shell' is 'python3': 'bash', 'sh', or a command template containing \{0\}/,
  ],
  ['invalid debug-users login', { 'debug-users': 'good,-bad' }, /Input 'debug-users' is '-bad': GitHub logins/],
  ['local file that does not exist', { 'image-url': '/nonexistent/disk.qcow2' }, /\/nonexistent\/disk\.qcow2/],
  ['an HTML error page saved as .qcow2', { 'image-url': 'ERROR_PAGE' }, /is not a disk image: it is an HTML page/],
  [
    'a qcow2 whose backing file is a runner file',
    { 'image-url': 'BACKED' },
    /refers to a backing file \("\/etc\/passwd"\)\. Images with a backing file are refused/,
  ],
  [
    'a qcow2 with an external data file',
    { 'image-url': 'EXTERNAL_DATA' },
    /uses an external data file\. Such images are refused/,
  ],
];

describe('bad input', () => {
  for (const [name, overrides, expected] of cases) {
    it(`${name}: a clear error before anything is downloaded or started`, async () => {
      const local: Record<string, string> = {
        ERROR_PAGE: 'error-page.qcow2',
        BACKED: 'backed.qcow2',
        EXTERNAL_DATA: 'external-data.qcow2',
      };
      const imageUrl = overrides['image-url'];
      const inputs = {
        'image-url': server.url('/image.qcow2'),
        run: 'true',
        ...overrides,
        ...(imageUrl && local[imageUrl] ? { 'image-url': join(files, local[imageUrl]!) } : {}),
      };
      const run = await runAction({ toolCache, inputs, timeoutMs: 60_000 });
      assert.equal(run.main.exitCode, 1, run.main.log);
      const errors = run.main.commands
        .filter((command) => command.command === 'error')
        .map((command) => command.data)
        .join('\n');
      assert.match(errors, expected);
      assert.equal(server.requests('/image.qcow2'), 0, 'nothing was downloaded');
      assert.doesNotMatch(run.main.log, /QEMU started/, 'nothing was started');
      await assertNothingLeft(run);
    });
  }

  it('left nothing in the image cache', async () => {
    const images = await readdir(join(toolCache, 'solstice', 'images')).catch(() => [] as string[]);
    assert.deepEqual(
      images.filter((name) => !name.endsWith('.lock')),
      [],
    );
  });
});
