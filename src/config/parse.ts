import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { isVariableName } from '../shell/environment.js';
import { parseShell } from '../shell/shell.js';
import { InputError, SolsticeError, type Problem, type Wordable } from '../core/errors.js';
import { inputDefault } from './inputs.js';
import { isIPv4 } from 'node:net';
import { loadCatalog, resolveImage, type CatalogEntry } from '../catalog/catalog.js';
import {
  DEFAULT_GUEST,
  type DebugConfig,
  type DebugMode,
  type GuestProfile,
  type ImageConfig,
  type JobConfig,
  type StepRules,
  type SyncMode,
} from './job.js';
import {
  DIGEST_HEX_LENGTH,
  type Digest,
  ARCHES,
  type Arch,
  type Compression,
  type Firmware,
  type AccelRequest,
} from '../core/vocabulary.js';

/** Reads one input by its action.yml name; returns '' when it is not set. */
export type InputSource = (name: string) => string;

const SIZE_UNITS: Record<string, number> = { M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** Parses `512M`, `2G`, `1.5G`, `20GiB` into bytes; undefined when malformed. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([MGT])(?:i?B)?$/i.exec(text.trim());
  if (!match) return undefined;
  const bytes = Number(match[1]) * SIZE_UNITS[match[2]!.toUpperCase()]!;
  return Number.isFinite(bytes) ? Math.round(bytes) : undefined;
}

export function parseChecksum(text: string): Digest | undefined {
  const match = /^(sha256|sha512):([0-9a-f]+)$/i.exec(text.trim());
  if (!match) return undefined;
  const algorithm = match[1]!.toLowerCase() as Digest['algorithm'];
  const hex = match[2]!.toLowerCase();
  return hex.length === DIGEST_HEX_LENGTH[algorithm] ? { algorithm, hex } : undefined;
}

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

const MIN_MEMORY_MIB = 256;
const MAX_MEMORY_MIB = 1024 * 1024;
const MAX_CPUS = 255;
const MAX_BOOT_RETRIES = 3;
const USER_PATTERN = /^[a-z_][a-z0-9_-]{0,31}$/;

/**
 * Validates every input before anything starts. Each problem names the input, the value and what is
 * accepted; all problems are reported together (an InputError, which each front end words its way).
 */
export function parseJobInputs(given: InputSource, context: ParseContext): JobConfig {
  const problems: Problem[] = [];
  const problem: AddProblem = (name, value, accepted) =>
    problems.push({ input: name, problem: value === '' ? 'is empty' : `is '${value}'`, hint: accepted });
  /** The input as given, else its action.yml default. */
  const input = (name: string) => given(name).trim() || inputDefault(name);

  const { image, machine, guest } = parseImageInputs(input, context.catalog ?? loadCatalog(), problem, problems);

  const run = given('run');
  if (run.trim() === '') problem('run', run.trim(), 'give the script to run inside the VM');

  const cpusText = input('cpus');
  const cpus = /^\d+$/.test(cpusText) ? Number(cpusText) : NaN;
  if (!(cpus >= 1 && cpus <= MAX_CPUS)) problem('cpus', cpusText, `a whole number from 1 to ${MAX_CPUS}`);

  const memoryText = input('memory');
  const memoryBytes = parseSize(memoryText);
  const memoryMiB = memoryBytes === undefined ? NaN : Math.floor(memoryBytes / 2 ** 20);
  if (!(memoryMiB >= MIN_MEMORY_MIB && memoryMiB <= MAX_MEMORY_MIB)) {
    problem('memory', memoryText, `a size such as 512M or 4G, from ${MIN_MEMORY_MIB}M to 1024G`);
  }

  const diskText = input('disk-size');
  const diskSizeBytes = diskText === '' ? undefined : parseSize(diskText);
  if (diskText !== '' && !(diskSizeBytes !== undefined && diskSizeBytes >= 2 ** 30 && diskSizeBytes <= 64 * 2 ** 40)) {
    problem('disk-size', diskText, 'a size such as 20G, from 1G to 64T (or leave it empty to keep the image size)');
  }

  const accelText = input('accel').toLowerCase();
  if (!['auto', 'kvm', 'tcg'].includes(accelText)) problem('accel', accelText, "one of 'auto', 'kvm', 'tcg'");

  const user = input('user');
  if (!USER_PATTERN.test(user) || user === 'root') {
    problem(
      'user',
      user,
      'a login name of lower-case letters, digits, _ and - (not starting with a digit or -, at most 32 characters, not root)',
    );
  }

  const bootTimeoutText = input('boot-timeout');
  const bootTimeoutSeconds = /^\d+$/.test(bootTimeoutText) ? Number(bootTimeoutText) : NaN;
  if (!(bootTimeoutSeconds >= 5 && bootTimeoutSeconds <= 86_400)) {
    problem('boot-timeout', bootTimeoutText, 'a whole number of seconds from 5 to 86400');
  }
  const networkText = input('network').toLowerCase();
  if (!['true', 'false'].includes(networkText))
    problem('network', networkText, "'true' (the guest may connect out) or 'false' (no network but the action's SSH)");

  const bootRetriesText = input('boot-retries');
  const bootRetries = /^\d+$/.test(bootRetriesText) ? Number(bootRetriesText) : NaN;
  if (!(bootRetries >= 0 && bootRetries <= MAX_BOOT_RETRIES))
    problem('boot-retries', bootRetriesText, `a whole number from 0 to ${MAX_BOOT_RETRIES}`);

  const cacheDirText = input('cache-dir');
  if (cacheDirText !== '' && !isAbsolute(cacheDirText)) {
    problem('cache-dir', cacheDirText, 'an absolute directory path (or leave it empty for the tool cache)');
  }
  const cacheDir = cacheDirText || join(context.defaultCacheRoot, 'solstice');

  const debug = parseDebugInputs(input, given, { env: context.env ?? {}, isolated: networkText === 'false', problem });
  const rules = parseStepRules(input, context.workspace, problem);
  // The cache holds warm-start templates (a saved machine's RAM and disk) and images: the guest of
  // another job must never receive them with the workspace.
  if (rules.sync !== 'none' && isInside(cacheDir, context.workspace)) {
    problem(
      'cache-dir',
      cacheDir,
      (say) =>
        `a directory outside the workspace ${context.workspace}, which sync copies into the guest with the cache's images and warm-start templates; set ${say.setting('cache-dir')} elsewhere (or ${say.setting('sync', 'none')})`,
    );
  }

  const keepRunningText = input('keep-running').toLowerCase();
  if (!['true', 'false'].includes(keepRunningText)) problem('keep-running', keepRunningText, "'true' or 'false'");
  const name = input('name');
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(name))
    problem('name', name, 'letters, digits, ., _ and - (at most 40 characters)');

  const warmStartText = input('warm-start').toLowerCase();
  if (!['true', 'false'].includes(warmStartText))
    problem('warm-start', warmStartText, "'true' (restore a saved template) or 'false' (boot every job)");

  const scopeText = input('warm-start-scope').toLowerCase();
  if (!['repository', 'shared'].includes(scopeText))
    problem(
      'warm-start-scope',
      scopeText,
      "'repository' (templates are restored only by jobs of the repository that built them) or 'shared' (by every repository using this cache)",
    );
  const repository = context.env?.['GITHUB_REPOSITORY'] ?? '';

  if (problems.length > 0) throw new InputError(problems);
  return {
    image: image!,
    machine,
    guest,
    run,
    cpus,
    memoryMiB,
    ...(diskSizeBytes === undefined ? {} : { diskSizeBytes }),
    accel: accelText as AccelRequest,
    user,
    bootTimeoutSeconds,
    bootRetries,
    network: networkText === 'true',
    cacheDir,
    debug,
    rules,
    keepRunning: keepRunningText === 'true',
    name,
    prepare: input('prepare'),
    warmStart: warmStartText === 'true',
    templateScope: scopeText === 'shared' ? 'shared' : repository === '' ? 'local' : `repository ${repository}`,
  };
}

/** Records that input `name` has `value`, and what it accepts. */
type AddProblem = (name: string, value: string, accepted: Wordable) => void;

/**
 * `image` (a catalog name) or `image-url` (+ `image-checksum`), `arch` and `firmware`: where the image
 * comes from, how it is checked, how the machine boots it and what the guest's accounts look like.
 */
function parseImageInputs(
  input: InputSource,
  catalog: readonly CatalogEntry[],
  problem: AddProblem,
  problems: Problem[],
) {
  const archText = input('arch').toLowerCase();
  const arch = ARCH_ALIASES[archText];
  if (!arch) problem('arch', archText, `one of ${ARCHES.join(', ')} (amd64 and arm64 are accepted too)`);
  const firmwareText = input('firmware').toLowerCase();
  if (!['auto', 'bios', 'uefi'].includes(firmwareText))
    problem(
      'firmware',
      firmwareText,
      "one of 'auto' (the catalog's, else BIOS on x86_64 and UEFI on aarch64), 'bios', 'uefi'",
    );
  if (arch === 'aarch64' && firmwareText === 'bios')
    problem('firmware', firmwareText, "aarch64 guests boot with UEFI only: use 'auto' or 'uefi'");

  const name = input('image');
  const url = input('image-url');
  const checksumText = input('image-checksum');
  const checksum = checksumText === '' ? undefined : parseChecksum(checksumText);
  if (checksumText !== '' && !checksum) {
    problem(
      'image-checksum',
      checksumText,
      "expected 'sha256:' followed by 64 hex digits or 'sha512:' followed by 128",
    );
  }
  let image: ImageConfig | undefined;
  let guest: GuestProfile = DEFAULT_GUEST;
  let catalogFirmware: Firmware | undefined;
  if (name !== '' && url !== '') {
    problem(
      'image',
      name,
      (say) => `give either ${say.setting('image')} (a catalog name) or ${say.setting('image-url')}, not both`,
    );
  } else if (name !== '') {
    if (checksumText !== '')
      problem(
        'image-checksum',
        checksumText,
        (say) =>
          `catalog images are checked against their publisher's checksum; ${say.setting('image-checksum')} goes with ${say.setting('image-url')}`,
      );
    try {
      const resolved = resolveImage(name, arch ?? 'x86_64', catalog);
      if (resolved.entry.cloudInit === 'none') {
        problem(
          'image',
          name,
          `${resolved.entry.name} has no cloud-init, so Solstice cannot create its user and key; pick an image with cloud-init`,
        );
      }
      const { image: entryImage, entry } = resolved;
      image = {
        label: entry.name === name ? entry.name : `${name} (${entry.name})`,
        source: entryImage.url,
        compression: entryImage.compression,
        ...(entryImage.maxSize !== undefined ? { maxSize: entryImage.maxSize } : {}),
        ...(entryImage.checksum.kind === 'pinned'
          ? { checksum: entryImage.checksum.digest }
          : { publishedChecksum: entryImage.checksum }),
      };
      guest = { adminGroup: entry.sudoGroup, shell: entry.shell };
      catalogFirmware = entryImage.firmware;
    } catch (error) {
      if (!(error instanceof SolsticeError)) throw error;
      problems.push({
        problem: error.problem,
        ...(error.input === undefined ? {} : { input: error.input }),
        ...(error.hint === undefined ? {} : { hint: error.hint }),
      });
    }
  } else if (url === '') {
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
  } else {
    image = { label: url, source: url, compression: compressionOf(url), ...(checksum ? { checksum } : {}) };
  }
  const firmware: Firmware =
    firmwareText === 'bios' || firmwareText === 'uefi'
      ? firmwareText
      : (catalogFirmware ?? (arch === 'aarch64' ? 'uefi' : 'bios'));
  return { image, machine: { arch: arch ?? 'x86_64', firmware }, guest };
}

const ARCH_ALIASES: Record<string, Arch> = { x86_64: 'x86_64', amd64: 'x86_64', aarch64: 'aarch64', arm64: 'aarch64' };

/** Publishers name compressed images by their suffix (`.qcow2.xz`, `.raw.zst`, `.img.gz`, `.bz2`). */
export function compressionOf(url: string): Compression {
  const suffix = /\.(xz|zst|gz|bz2)$/i.exec(new URL(url, 'file:///').pathname)?.[1]?.toLowerCase();
  return (suffix as Compression | undefined) ?? 'none';
}

function parseStepRules(input: InputSource, workspace: string, problem: AddProblem): StepRules {
  const syncText = input('sync').toLowerCase();
  if (!['in', 'both', 'none'].includes(syncText))
    problem('sync', syncText, "one of 'in' (copy the workspace into the VM), 'both' (and copy changes back), 'none'");

  const shellText = input('shell');
  const shell = parseShell(shellText);
  if (!shell)
    problem(
      'shell',
      shellText.trim(),
      "'bash', 'sh', or a command template containing {0} for the script path (e.g. 'python3 {0}')",
    );

  const envNames = splitList(input('env'));
  for (const variable of envNames) {
    if (!isVariableName(variable))
      problem(
        'env',
        variable,
        'variable names (letters, digits and _, not starting with a digit), separated by commas or newlines',
      );
  }

  const directoryText = input('working-directory');
  const workingDirectory = directoryText === '' ? workspace : posix.resolve(workspace, directoryText);

  const copyBack = input('copy-back')
    .split(/[\n,]/)
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');
  for (const pattern of copyBack) {
    if (pattern.startsWith('/') || pattern.split('/').includes('..'))
      problem('copy-back', pattern, 'paths or globs relative to the working directory, inside it');
  }
  return {
    shell: shell ?? { kind: 'auto' },
    envNames: [...new Set(envNames)],
    sync: syncText as SyncMode,
    workspace,
    workingDirectory,
    copyBack,
  };
}

/** GitHub logins: alphanumerics and single inner hyphens, at most 39 characters. */
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

interface DebugContext {
  env: Record<string, string | undefined>;
  /** network: false (a debug forward would open the isolated guest). */
  isolated: boolean;
  problem: AddProblem;
}

function parseDebugInputs(
  input: InputSource,
  given: InputSource,
  { env, isolated, problem }: DebugContext,
): DebugConfig {
  const modeText = input('debug').toLowerCase();
  const modes: Record<string, DebugMode> = {
    false: 'never',
    true: 'always',
    'on-failure': 'on-failure',
    // A debug re-run ("Re-run with debug logging") sets RUNNER_DEBUG=1: hold the failing VM then.
    auto: env['RUNNER_DEBUG'] === '1' ? 'on-failure' : 'never',
  };
  const mode = modes[modeText];
  if (!mode) problem('debug', modeText, "one of 'false', 'true', 'on-failure', 'auto'");

  const extraUsers = splitList(input('debug-users'));
  for (const login of extraUsers) {
    if (!GITHUB_LOGIN.test(login))
      problem('debug-users', login, 'GitHub logins (letters, digits, single hyphens; comma or newline separated)');
  }
  const actor = env['GITHUB_TRIGGERING_ACTOR'] || env['GITHUB_ACTOR'] || '';
  const logins = [...new Set([actor, ...extraUsers].filter((login) => login !== ''))];

  const bind = input('debug-bind');
  if (!isIPv4(bind)) problem('debug-bind', bind, 'an IPv4 address to listen on, such as 0.0.0.0 or 127.0.0.1');
  // The debug forward is a way into the guest that SLIRP's restrict=on does not close: with network:
  // false, a guest could serve anything to whoever reaches the runner. Loopback only, then; a debug
  // re-run (auto) of such a job holds nothing rather than failing.
  const inboundRefused = isolated && isIPv4(bind) && !bind.startsWith('127.');
  if (inboundRefused && (modeText === 'true' || modeText === 'on-failure')) {
    problem(
      'debug-bind',
      bind,
      (say) =>
        `a loopback address (127.0.0.1) with ${say.setting('network', 'false')}, as a debug forward on another address would open an isolated guest to the network`,
    );
  }

  const portText = input('debug-port');
  const port = portText === '' ? 0 : /^\d+$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 0 && port <= 65_535))
    problem('debug-port', portText, 'a TCP port from 1 to 65535 (or empty for a free one)');

  const timeoutText = input('debug-timeout-minutes');
  const timeoutMinutes = /^\d+(\.\d+)?$/.test(timeoutText) ? Number(timeoutText) : NaN;
  if (!(timeoutMinutes > 0 && timeoutMinutes <= 360))
    problem(
      'debug-timeout-minutes',
      timeoutText,
      'minutes from 0.1 to 360 (the runner ends jobs after 6 hours anyway)',
    );

  return {
    mode: inboundRefused ? 'never' : (mode ?? 'never'),
    logins,
    githubApiUrl: (env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, ''),
    // Not its default: action.yml's `${{ github.token }}` is for the runner to expand.
    githubToken: given('github-token').trim(),
    bind,
    port,
    timeoutMinutes,
  };
}

/** `path` is `directory` or below it (compared as written: absolute, normalised paths). */
function isInside(path: string, directory: string): boolean {
  const below = relative(resolve(directory), resolve(path));
  return below === '' || (below.split(sep)[0] !== '..' && !isAbsolute(below));
}

function splitList(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
