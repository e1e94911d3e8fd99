import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { parseShell } from '../shell/shell.js';
import { DIALECT_USERLAND, loginUserOf } from '../core/guest-userland.js';
import { InputError, SolsticeError, type Problem, type Wordable } from '../core/errors.js';
import { INPUTS, inputSpec, readInputs, type InputName, type InputSource, type InputValues } from './inputs.js';
import { loadCatalog, resolveImage, type CatalogEntry } from '../catalog/catalog.js';
import {
  DEFAULT_GUEST,
  type DebugConfig,
  type DebugMode,
  type GuestProfile,
  type ImageConfig,
  type JobConfig,
  type StepRules,
} from './job.js';
import type { Compression, Firmware } from '../core/vocabulary.js';

export type { InputSource } from './inputs.js';

export interface ParseContext {
  /** RUNNER_TOOL_CACHE or the CLI's cache home: where `cache-dir` defaults to. */
  defaultCacheRoot: string;
  /** The runner's environment: RUNNER_DEBUG, GITHUB_TRIGGERING_ACTOR, GITHUB_ACTOR, GITHUB_API_URL. */
  env?: Record<string, string | undefined>;
  /** The runner's workspace (GITHUB_WORKSPACE; the current directory outside Actions). */
  workspace: string;
  /** The image catalog (the bundled one, plus the entries of a `catalog` file); default: the bundled one. */
  catalog?: readonly CatalogEntry[];
}

/**
 * Validates every input before anything starts: each one as its kind in the inputs table says
 * (inputs.ts), then the rules across inputs here. Each problem names the input, the value and what is
 * accepted; all problems are reported together, in action.yml's order (an InputError, which each front
 * end words its way).
 */
export function parseJobInputs(given: InputSource, context: ParseContext): JobConfig {
  const { values, refused, problems } = readInputs(given);
  const problem: AddProblem = (name, value, accepted) =>
    problems.push({ input: name, problem: value === '' ? 'is empty' : `is '${value}'`, hint: accepted });

  const { image, machine, guest, user } = parseImageInputs(values, context.catalog ?? loadCatalog(), problem, problems);

  // Byte for byte, untrimmed: the command line's script is the command after `--`, quoted.
  const run = given('run');
  if (run.trim() === '') problem('run', '', 'give the script to run inside the VM');

  const cacheDir = values['cache-dir'] || join(context.defaultCacheRoot, 'solstice');
  const rules = parseStepRules(values, context.workspace, problem);
  // The cache holds warm-start templates (a saved machine's RAM and disk) and images: the guest of
  // another job must never receive them with the workspace.
  if (!refused.has('cache-dir') && rules.sync !== 'none' && isInside(cacheDir, context.workspace)) {
    problem(
      'cache-dir',
      cacheDir,
      (say) =>
        `a directory outside the workspace ${context.workspace}, which sync copies into the guest with the cache's images and warm-start templates; set ${say.setting('cache-dir')} elsewhere (or ${say.setting('sync', 'none')})`,
    );
  }
  const debug = parseDebugInputs(values, given, { env: context.env ?? {}, refused, problem });
  const repository = context.env?.['GITHUB_REPOSITORY'] ?? '';

  if (problems.length > 0) throw new InputError(inTableOrder(problems));
  return {
    image: image!,
    machine,
    guest,
    run,
    cpus: values.cpus,
    memoryMiB: Math.floor(values.memory / 2 ** 20),
    ...(values['disk-size'] === undefined ? {} : { diskSizeBytes: values['disk-size'] }),
    accel: values.accel,
    user,
    bootTimeoutSeconds: values['boot-timeout'],
    bootRetries: values['boot-retries'],
    network: values.network,
    cacheDir,
    debug,
    rules: { ...rules, userland: guest.userland },
    keepRunning: values['keep-running'],
    name: values.name,
    prepare: values.prepare,
    warmStart: values['warm-start'],
    templateScope:
      values['warm-start-scope'] === 'shared' ? 'shared' : repository === '' ? 'local' : `repository ${repository}`,
  };
}

/** Records that input `name` has `value`, and what it accepts. */
type AddProblem = (name: InputName, value: string, accepted: Wordable) => void;

/** The problems in the order of the inputs table, which is action.yml's (a problem without an input first). */
function inTableOrder(problems: readonly Problem[]): Problem[] {
  const position = (problem: Problem) => INPUTS.findIndex((input) => input.name === problem.input);
  return [...problems].sort((a, b) => position(a) - position(b));
}

/**
 * `image` (a catalog name) or `image-url` (+ `image-checksum`), `arch` and `firmware`: where the image
 * comes from, how it is checked, how the machine boots it and what the guest's accounts look like.
 */
function parseImageInputs(
  values: InputValues,
  catalog: readonly CatalogEntry[],
  problem: AddProblem,
  problems: Problem[],
) {
  const { arch, image: name, 'image-url': url } = values;
  if (arch === 'aarch64' && values.firmware === 'bios')
    problem('firmware', values.firmware, "aarch64 guests boot with UEFI only: use 'auto' or 'uefi'");

  let chosen: ChosenImage | undefined;
  if (name !== '' && url !== '') {
    problem(
      'image',
      name,
      (say) => `give either ${say.setting('image')} (a catalog name) or ${say.setting('image-url')}, not both`,
    );
  } else if (name !== '') {
    chosen = catalogImage(values, catalog, problem, problems);
  } else {
    chosen = urlImage(values, problem);
  }
  const firmware: Firmware =
    values.firmware === 'auto' ? (chosen?.firmware ?? (arch === 'aarch64' ? 'uefi' : 'bios')) : values.firmware;
  const guest = chosen?.guest ?? DEFAULT_GUEST;
  const user = loginUserOf(guest.seed, chosen?.imageUser ?? values.user, values.user);
  if (user !== values.user && values.user !== inputSpec('user').default)
    problem(
      'user',
      values.user,
      (say) =>
        `'${user}' or nothing: this image's first-boot reader (${guest.seed}) puts the job's key only into ${user === 'root' ? 'root' : `its own account ${user}`} (leave ${say.setting('user')} unset)`,
    );
  // Logged in as root, commands need no admin command.
  const userland = user === 'root' ? { ...guest.userland, admin: 'root' as const } : guest.userland;
  if (values['warm-start'] && guest.seed !== 'cloud-config' && guest.seed !== 'console')
    problem(
      'warm-start',
      'true',
      `'false' for this image: warm start works with cloud-config and console images only so far (this one reads ${guest.seed})`,
    );
  return { image: chosen?.image, machine: { arch, firmware }, guest: { ...guest, userland }, user };
}

interface ChosenImage {
  image: ImageConfig;
  guest: GuestProfile;
  /** The account the image itself has (catalog entries), which a reader that creates no user keys. */
  imageUser?: string;
  /** The catalog entry's firmware, which `firmware: auto` follows. */
  firmware?: Firmware;
}

/** `image`: the catalog entry for the name and `arch`, checked against its publisher's checksum. */
function catalogImage(
  { image: name, arch, 'image-checksum': checksum, seed: seedInput }: InputValues,
  catalog: readonly CatalogEntry[],
  problem: AddProblem,
  problems: Problem[],
): ChosenImage | undefined {
  if (checksum)
    problem(
      'image-checksum',
      `${checksum.algorithm}:${checksum.hex}`,
      (say) =>
        `catalog images are checked against their publisher's checksum; ${say.setting('image-checksum')} goes with ${say.setting('image-url')}`,
    );
  try {
    const { image, entry } = resolveImage(name, arch, catalog);
    if (entry.seed === 'none') {
      problem(
        'image',
        name,
        `${entry.name} reads no seed at first boot (seed: none), so Solstice cannot put the job's key in; pick an image with a first-boot reader (docs/guests.md)`,
      );
    }
    if (seedInput !== 'auto' && seedInput !== entry.seed)
      problem(
        'seed',
        seedInput,
        `'auto' or '${entry.seed}': ${entry.name}'s first-boot reader reads ${entry.seed} (a project's own catalog file can describe another image)`,
      );
    return {
      image: {
        label: entry.name === name ? entry.name : `${name} (${entry.name})`,
        source: image.url,
        compression: image.compression,
        ...(image.archive ? { archive: image.archive } : {}),
        ...(image.maxSize !== undefined ? { maxSize: image.maxSize } : {}),
        ...(image.checksum.kind === 'pinned'
          ? { checksum: image.checksum.digest }
          : { publishedChecksum: image.checksum }),
      },
      guest: {
        ...(entry.sudoGroup ? { adminGroup: entry.sudoGroup } : {}),
        shell: entry.shell,
        seed: entry.seed,
        userland: entry.userland,
        ...(entry.console ? { console: entry.console } : {}),
      },
      imageUser: entry.user,
      firmware: image.firmware,
    };
  } catch (error) {
    if (!(error instanceof SolsticeError)) throw error;
    problems.push({
      problem: error.problem,
      ...(error.input === undefined ? {} : { input: error.input }),
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    });
    return undefined;
  }
}

/** `image-url`: an http(s) URL or an absolute path, with the checksum given for it. */
function urlImage(
  { image: name, 'image-url': url, 'image-checksum': checksum, seed: seedInput }: InputValues,
  problem: AddProblem,
): ChosenImage | undefined {
  if (url === '') {
    problem(
      'image',
      name,
      (say) =>
        `name a catalog image such as 'debian-12' ('list' prints the catalog), or give ${say.setting('image-url')}`,
    );
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !/^https?:\/\/[^/]+/i.test(url)) {
    problem('image-url', url, 'only http:// and https:// URLs (or an absolute file path) are supported');
  } else if (!/^https?:/i.test(url) && !isAbsolute(url)) {
    problem('image-url', url, 'a local image must be an absolute path (or give an http(s) URL)');
  } else if (isArchive(url)) {
    problem(
      'image-url',
      url,
      (say) =>
        `this is an archive, and ${say.setting('image-url')} takes a disk image (qcow2 or raw, maybe .xz/.zst/.gz/.bz2-compressed). ` +
        `A catalog entry can name the image inside an archive: write one with "archive": { "format": "tar", "member": "disk.raw" } ` +
        `in your own catalog file and give it with ${say.setting('catalog')} (docs/guests.md shows one)`,
    );
  } else {
    const image = { label: url, source: url, compression: compressionOf(url), ...(checksum ? { checksum } : {}) };
    const seed = seedInput === 'auto' ? DEFAULT_GUEST.seed : seedInput;
    if (seed === 'console') {
      problem(
        'seed',
        seedInput,
        `another dialect for image-url: 'console' needs the console login the image ships with, which only a catalog entry can give (a project's own catalog file: docs/guests.md)`,
      );
      return undefined;
    }
    return { image, guest: { seed, userland: DIALECT_USERLAND[seed] } };
  }
  return undefined;
}

/** A tar archive by its name (`.tar`, `.tar.gz`, `.tgz`, …): image-url cannot say which member is the image. */
export function isArchive(url: string): boolean {
  return /\.(tar(\.(xz|zst|gz|bz2))?|tgz|txz|tbz2?)$/i.test(new URL(url, 'file:///').pathname);
}

/** Publishers name compressed images by their suffix (`.qcow2.xz`, `.raw.zst`, `.img.gz`, `.bz2`). */
export function compressionOf(url: string): Compression {
  const suffix = /\.(xz|zst|gz|bz2)$/i.exec(new URL(url, 'file:///').pathname)?.[1]?.toLowerCase();
  return (suffix as Compression | undefined) ?? 'none';
}

function parseStepRules(values: InputValues, workspace: string, problem: AddProblem): Omit<StepRules, 'userland'> {
  const directory = values['working-directory'];
  const copyBack = values['copy-back']
    .split(/[\n,]/)
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');
  for (const pattern of copyBack) {
    if (pattern.startsWith('/') || pattern.split('/').includes('..'))
      problem('copy-back', pattern, 'paths or globs relative to the working directory, inside it');
  }
  return {
    shell: parseShell(values.shell) ?? { kind: 'auto' },
    envNames: [...new Set(values.env)],
    sync: values.sync,
    workspace,
    workingDirectory: directory === '' ? workspace : posix.resolve(workspace, directory),
    copyBack,
  };
}

interface DebugContext {
  env: Record<string, string | undefined>;
  refused: ReadonlySet<InputName>;
  problem: AddProblem;
}

function parseDebugInputs(
  values: InputValues,
  given: InputSource,
  { env, refused, problem }: DebugContext,
): DebugConfig {
  const modes: Record<InputValues['debug'], DebugMode> = {
    false: 'never',
    true: 'always',
    'on-failure': 'on-failure',
    // A debug re-run ("Re-run with debug logging") sets RUNNER_DEBUG=1: hold the failing VM then.
    auto: env['RUNNER_DEBUG'] === '1' ? 'on-failure' : 'never',
  };
  const actor = env['GITHUB_TRIGGERING_ACTOR'] || env['GITHUB_ACTOR'] || '';
  const logins = [...new Set([actor, ...values['debug-users']].filter((login) => login !== ''))];

  const bind = values['debug-bind'];
  // The debug forward is a way into the guest that SLIRP's restrict=on does not close: with network:
  // false, a guest could serve anything to whoever reaches the runner. Loopback only, then; a debug
  // re-run (auto) of such a job holds nothing rather than failing.
  const inboundRefused = !values.network && !refused.has('debug-bind') && !bind.startsWith('127.');
  if (inboundRefused && (values.debug === 'true' || values.debug === 'on-failure')) {
    problem(
      'debug-bind',
      bind,
      (say) =>
        `a loopback address (127.0.0.1) with ${say.setting('network', 'false')}, as a debug forward on another address would open an isolated guest to the network`,
    );
  }
  return {
    mode: inboundRefused ? 'never' : modes[values.debug],
    logins,
    githubApiUrl: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, ''),
    // Not its default: action.yml's `${{ github.token }}` is for the runner to expand.
    githubToken: given('github-token').trim(),
    bind,
    port: values['debug-port'] ?? 0,
    timeoutMinutes: values['debug-timeout-minutes'],
  };
}

/** `path` is `directory` or below it (compared as written: absolute, normalised paths). */
function isInside(path: string, directory: string): boolean {
  const below = relative(resolve(directory), resolve(path));
  return below === '' || (below.split(sep)[0] !== '..' && !isAbsolute(below));
}
