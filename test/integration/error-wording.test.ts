/**
 * A stage says what is wrong with which input; each front end names the input its own way: the action
 * "Input 'disk-size'" and "accel: tcg", the command line "Option --disk-size" and "--accel tcg". The
 * errors come from the real stages (input parsing, the catalog, the disk overlay, the accelerator).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { actionErrorText } from '../../src/action/error-text.js';
import { catalogWithFile } from '../../src/catalog/catalog-file.js';
import { resolveImage } from '../../src/catalog/catalog.js';
import { cliErrorText, CLI_WORDING } from '../../src/cli/error-text.js';
import { INPUTS } from '../../src/config/inputs.js';
import { parseJobInputs } from '../../src/config/parse.js';
import { InputError, SolsticeError } from '../../src/core/errors.js';
import { silentReporter } from '../../src/core/reporter.js';
import { createOverlay } from '../../src/disk/overlay.js';
import type { PreparedImage } from '../../src/image/types.js';
import { resolveAccel } from '../../src/qemu/accel.js';
import { REPO_ROOT } from '../helpers/action-runner.js';

const context = { defaultCacheRoot: '/cache', workspace: '/w' };
const caught = async (action: () => unknown): Promise<unknown> => {
  try {
    await action();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
};
const parseInputs = (inputs: Record<string, string>) =>
  parseJobInputs(
    (name) => ({ 'image-url': 'https://example.org/x.qcow2', run: 'make', ...inputs })[name] ?? '',
    context,
  );

/** Both renderings, and what the CLI must never say. */
async function worded(action: () => unknown): Promise<{ action: string; cli: string; error: unknown }> {
  const error = await caught(action);
  assert.ok(error instanceof SolsticeError, String(error));
  const cli = cliErrorText(error);
  assert.doesNotMatch(cli, /Input '|\binput\b/, 'the command line names options, not action inputs');
  return { action: actionErrorText(error), cli, error };
}

describe('errors name the input the way each front end does', () => {
  it('an input problem: the stage says what is wrong and the fix, the front end the input', async () => {
    const { action, cli, error } = await worded(() => parseInputs({ 'disk-size': '12x' }));
    assert.ok(error instanceof InputError);
    assert.deepEqual(
      error.problems.map((problem) => problem.input),
      ['disk-size'],
    );
    assert.match(
      action,
      /^Input 'disk-size' is '12x': a size such as 20G, from 1G to 64T \(or leave it empty to keep the image size\)\.$/,
    );
    assert.match(cli, /^Option --disk-size is '12x': a size such as 20G, from 1G to 64T/);
    assert.doesNotMatch(error.message, /Input '|Option --/, "the neutral .message is neither front end's");
  });

  it('several problems at once, each worded; an input mentioned in a hint is worded too', async () => {
    const { action, cli } = await worded(() =>
      parseInputs({ cpus: '0', 'keep-running': 'yes', run: ' ', image: 'debian-12' }),
    );
    assert.match(
      action,
      /^Invalid inputs:\n- Input 'image' is 'debian-12': give either image \(a catalog name\) or image-url, not both\.\n- Input 'run' is empty/,
    );
    assert.match(action, /- Input 'cpus' is '0'.*\n- Input 'keep-running' is 'yes'/);
    assert.match(
      cli,
      /^Invalid options:\n- Option --image is 'debian-12': give either --image \(a catalog name\) or --image-url, not both\./,
    );
    assert.match(cli, /- The command \(after --, or --run\) is empty: give the script/);
    assert.match(cli, /- Option --cpus is '0': a whole number from 1 to 255\.\n- Option --keep is 'yes'/);
  });

  it('a catalog name the catalog lacks (through the input parser, as the front ends call it)', async () => {
    const { action, cli } = await worded(() => parseInputs({ 'image-url': '', image: 'ubunto-24.04' }));
    assert.match(
      action,
      /^Input 'image' is 'ubunto-24\.04': no such image in the catalog\. Close matches: .*Use 'image: list' .* with image-url \(and image-checksum\)\.$/,
    );
    assert.match(
      cli,
      /^Option --image is 'ubunto-24\.04': no such image in the catalog\. Close matches: .*Use '--image list' .* with --image-url \(and --image-checksum\)\.$/,
    );
    const release = await worded(() => resolveImage('debian', 'x86_64'));
    assert.match(release.cli, /^Option --image is 'debian': name a release too, one of debian-12/);
  });

  it('a catalog file that cannot be read', async () => {
    const { action, cli } = await worded(() => catalogWithFile('/nonexistent/catalog.json'));
    assert.equal(
      action,
      "Input 'catalog' is '/nonexistent/catalog.json': cannot read it (ENOENT). Give the path of a JSON file in the format of catalog/images.json.",
    );
    assert.equal(
      cli,
      "Option --catalog is '/nonexistent/catalog.json': cannot read it (ENOENT). Give the path of a JSON file in the format of catalog/images.json.",
    );
  });

  it('a disk-size smaller than the image (the overlay refuses before qemu-img runs)', async () => {
    const base = { path: '/nonexistent/base.qcow2', format: 'qcow2', virtualSize: 2 * 2 ** 30 } as PreparedImage;
    const { action, cli } = await worded(() => createOverlay(base, '/nonexistent/disk.qcow2', 2 ** 30));
    assert.equal(
      action,
      "Input 'disk-size' (1.0 GiB) is smaller than the image's own disk (2.0 GiB): give at least 2.0 GiB or leave it empty.",
    );
    assert.equal(
      cli,
      "Option --disk-size (1.0 GiB) is smaller than the image's own disk (2.0 GiB): give at least 2.0 GiB or leave it empty.",
    );
  });

  it('accel kvm where KVM cannot run the guest (a guest of another architecture: no probe runs)', async () => {
    const other = process.arch === 'arm64' ? 'x86_64' : 'aarch64';
    const { action, cli } = await worded(() => resolveAccel('kvm', other, silentReporter));
    assert.match(
      action,
      /^Input 'accel' is 'kvm' but KVM does not work on this runner: KVM runs only guests of the host's own architecture.*\. Fix KVM on the runner, or use accel: auto \(falls back to TCG\) or accel: tcg\.$/,
    );
    assert.match(
      cli,
      /^Option --accel is 'kvm' but KVM does not work on this runner: .*\. Fix KVM on the runner, or use --accel auto \(falls back to TCG\) or --accel tcg\.$/,
    );
  });

  it("every input has a CLI wording that is not the action's", () => {
    for (const { name } of INPUTS) {
      assert.doesNotMatch(CLI_WORDING.subject(name), /^Input /, name);
      assert.doesNotMatch(CLI_WORDING.setting(name, 'x'), /: x$/, name);
    }
    assert.equal(CLI_WORDING.setting('keep-running', 'true'), '--keep');
  });
});

describe('the solstice command prints input errors as options', () => {
  const state = mkdtempSync(join(tmpdir(), 'solstice-wording-'));
  after(() => rmSync(state, { recursive: true, force: true }));

  it('solstice run with bad options exits 125 naming the options', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO_ROOT, 'src/cli/main.ts'),
        'run',
        '--image-url',
        'ftp://x/y.img',
        '--cpus',
        'many',
        '--',
        'true',
      ],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, XDG_RUNTIME_DIR: state },
      },
    );
    assert.equal(result.status, 125, result.stderr);
    assert.match(
      result.stderr,
      /^solstice: Invalid options:\n- Option --image-url is 'ftp:\/\/x\/y\.img': only http:\/\/ and https:\/\//,
    );
    assert.match(result.stderr, /- Option --cpus is 'many': a whole number from 1 to 255\./);
    assert.doesNotMatch(result.stderr, /Input '/);
  });
});
