/**
 * Every input of the action, in action.yml's order: its default exactly as action.yml writes it, the kind
 * of value it takes (input-kinds.ts checks it), and how `solstice run` sets it. The input parser takes
 * its defaults and single-input checks from here, the CLI its usage text and option names; a unit test
 * holds action.yml and README's input table to it, ranges and choices included.
 */
import { isIPv4 } from 'node:net';
import type { Problem } from '../core/errors.js';
import { SEED_DIALECTS } from '../core/guest-userland.js';
import { ACCEL_REQUESTS, ARCHES, FIRMWARES } from '../core/vocabulary.js';
import { isVariableName } from '../shell/environment.js';
import { parseShell } from '../shell/shell.js';
import {
  BOOLEAN_CHOICES,
  checkValue,
  type BooleanKind,
  type ChoiceKind,
  type InputKind,
  type KindValue,
} from './input-kinds.js';
import { SYNC_MODES } from './job.js';

interface InputBase {
  /** The action.yml name; the CLI option is `--` and this, unless `option` says otherwise. */
  readonly name: string;
  /** As action.yml writes it ('' when there is none: the input is optional). */
  readonly default: string;
  readonly required?: true;
  /** One line for `solstice run --help` (or, for an action-only input, what it is). */
  readonly help: string;
  /** The option's placeholder in the usage (`--cpus N`); absent for a flag (`--keep`). */
  readonly value?: string;
  /** The CLI option's name when it differs from the input's. */
  readonly option?: string;
  /** Only the action has it: `solstice run` has no option for it. */
  readonly actionOnly?: true;
  /** What leaving an optional input empty does ("to keep the image size"), said when its value is refused. */
  readonly whenEmpty?: string;
}

export type InputSpec = InputBase & InputKind;

/** Reads one input by its action.yml name; returns '' when it is not set. */
export type InputSource = (name: string) => string;

/** One of `choices`; the usage's placeholder lists them (`--accel auto|kvm|tcg`). */
function choice<const Choice extends string>(
  choices: readonly Choice[],
  more: Pick<ChoiceKind<Choice>, 'meanings' | 'aliases'> = {},
): ChoiceKind<Choice> & { value: string } {
  return { kind: 'choice', choices, value: choices.join('|'), ...more };
}

/** `true` or `false`, set on the command line as `--name true|false` (a `flag()` is set by its presence). */
function boolean(meanings?: BooleanKind['meanings']): BooleanKind & { value: string } {
  return { ...flag(meanings), value: BOOLEAN_CHOICES.join('|') };
}

/** `true` or `false`, set on the command line by the flag's presence (`--keep`): no placeholder. */
function flag(meanings?: BooleanKind['meanings']): BooleanKind {
  return meanings === undefined ? { kind: 'boolean' } : { kind: 'boolean', meanings };
}

/** GitHub logins: alphanumerics and single inner hyphens, at most 39 characters. */
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

const TABLE = [
  {
    name: 'image',
    default: '',
    kind: 'text',
    value: 'NAME',
    help: 'a catalog image, e.g. debian-12, ubuntu-24.04, freebsd-14 (solstice catalog)',
  },
  {
    name: 'arch',
    default: 'x86_64',
    ...choice(ARCHES, { aliases: { amd64: 'x86_64', arm64: 'aarch64' } }),
    help: 'guest architecture of a catalog image',
  },
  {
    name: 'firmware',
    default: 'auto',
    ...choice(['auto', ...FIRMWARES], { meanings: { auto: "the catalog's, else BIOS on x86_64 and UEFI on aarch64" } }),
    help: "auto: the catalog's, else BIOS on x86_64 and UEFI on aarch64",
  },
  {
    name: 'catalog',
    default: '',
    kind: 'text',
    value: 'FILE',
    help: 'more catalog entries (JSON, the format of catalog/images.json)',
  },
  {
    name: 'image-url',
    default: '',
    kind: 'text',
    value: 'URL|PATH',
    help: 'http(s) URL or absolute path of a qcow2 or raw image (.xz .zst .gz .bz2 too)',
  },
  {
    name: 'image-checksum',
    default: '',
    kind: 'digest',
    value: 'ALGO:HEX',
    help: 'sha256:… or sha512:… of the image (recommended)',
  },
  {
    name: 'seed',
    default: 'auto',
    ...choice(['auto', ...SEED_DIALECTS.filter((dialect) => dialect !== 'none')], {
      meanings: { auto: "the catalog entry's, else cloud-config" },
    }),
    help: "the image's first-boot reader: auto (the catalog's, else cloud-config), tini-sh, illumos-cpio, ignition…",
  },
  {
    name: 'run',
    default: '',
    required: true,
    kind: 'text',
    value: 'SCRIPT',
    help: 'the script, instead of a command after --',
  },
  { name: 'cpus', default: '2', kind: 'number', min: 1, max: 255, value: 'N', help: 'vCPUs, 1–255' },
  {
    name: 'memory',
    default: '2G',
    kind: 'size',
    min: '256M',
    max: '1024G',
    example: '512M or 4G',
    value: 'SIZE',
    help: 'guest memory, 256M–1024G, such as 4G',
  },
  {
    name: 'disk-size',
    default: '',
    kind: 'size',
    min: '1G',
    max: '64T',
    example: '20G',
    whenEmpty: 'to keep the image size',
    value: 'SIZE',
    help: 'grow the disk to this size, 1G–64T, such as 20G (empty: the image size)',
  },
  {
    name: 'accel',
    default: 'auto',
    ...choice(ACCEL_REQUESTS),
    help: 'auto: KVM when it works, else TCG (slow) with a notice',
  },
  {
    name: 'install',
    default: 'false',
    ...flag({
      true: 'install missing QEMU packages with sudo and make /dev/kvm usable, on any runner',
      false: 'only on GitHub-hosted runners',
    }),
    actionOnly: true,
    help: 'install missing QEMU packages with sudo apt-get and make /dev/kvm usable (always on GitHub-hosted runners)',
  },
  {
    name: 'user',
    default: 'runner',
    kind: 'text',
    accepts: (user: string) => /^[a-z_][a-z0-9_-]{0,31}$/.test(user) && user !== 'root',
    accepted:
      'a login name of lower-case letters, digits, _ and - (not starting with a digit or -, at most 32 characters, not root)',
    value: 'NAME',
    help: 'login created in the guest, with passwordless sudo',
  },
  {
    name: 'boot-timeout',
    default: '120',
    kind: 'number',
    min: 5,
    max: 86_400,
    unit: 'seconds',
    value: 'SECONDS',
    help: 'seconds until SSH answers, 5–86400; ×4 under TCG',
  },
  {
    name: 'boot-retries',
    default: '1',
    kind: 'number',
    min: 0,
    max: 3,
    value: 'N',
    help: 'boot again, 0–3 times, after a crash, panic or hang',
  },
  {
    name: 'cache-dir',
    default: '',
    kind: 'directory',
    whenEmpty: 'for the tool cache',
    value: 'DIR',
    help: 'image cache (empty: $XDG_CACHE_HOME/solstice or ~/.cache/solstice)',
  },
  {
    name: 'cache',
    default: 'auto',
    ...choice(['auto', 'local', 'actions', 'none'], {
      meanings: {
        auto: 'the Actions cache too on GitHub-hosted runners, and on self-hosted ones whose local cache is empty',
        local: 'only cache-dir on this runner',
        actions: 'cache-dir and the Actions cache',
        none: "nothing kept: images go to a directory of the job's own under RUNNER_TEMP, removed after the job",
      },
    }),
    actionOnly: true,
    help: 'where images are kept between jobs: cache-dir, also the Actions cache, or nowhere',
  },
  {
    name: 'sync',
    default: 'in',
    ...choice(SYNC_MODES, {
      meanings: { in: 'copy the workspace into the VM', both: 'and copy changes back' },
    }),
    help: 'copy the current directory in, also back, or not at all',
  },
  {
    name: 'working-directory',
    default: '',
    kind: 'text',
    value: 'DIR',
    help: 'where the command runs in the guest (empty: the same path as here)',
  },
  {
    name: 'copy-back',
    default: '',
    kind: 'text',
    value: 'PATHS',
    help: 'with --sync both: paths/globs to copy back (comma separated)',
  },
  {
    name: 'env',
    default: '',
    kind: 'list',
    accepts: isVariableName,
    accepted: 'variable names (letters, digits and _, not starting with a digit), separated by commas or newlines',
    value: 'NAMES',
    help: 'variables passed from here into the guest (comma separated)',
  },
  {
    name: 'shell',
    default: '',
    kind: 'text',
    accepts: (shell: string) => parseShell(shell) !== undefined,
    accepted: "'bash', 'sh', or a command template containing {0} for the script path (e.g. 'python3 {0}')",
    value: 'bash|sh|TEMPLATE',
    help: 'how the script runs (empty: bash if present, else sh)',
  },
  {
    name: 'network',
    default: 'true',
    ...boolean({ true: 'the guest may connect out', false: "no network but the action's SSH" }),
    help: 'false: no connections out of the guest',
  },
  {
    name: 'keep-running',
    default: 'false',
    ...flag(),
    option: 'keep',
    help: 'leave the VM running afterwards (then: solstice ssh, solstice stop)',
  },
  {
    name: 'name',
    default: 'default',
    kind: 'text',
    accepts: (name: string) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(name),
    accepted: 'letters, digits, ., _ and - (at most 40 characters)',
    value: 'NAME',
    help: 'name of the kept VM',
  },
  {
    name: 'prepare',
    default: '',
    kind: 'text',
    value: 'SCRIPT',
    help: 'run before the script (sudo works); with --warm-start once, in the saved template',
  },
  {
    name: 'warm-start',
    default: 'false',
    ...flag({ true: 'restore a saved template', false: 'boot every job' }),
    help: 'restore a saved, booted guest (built once per image and prepare) instead of booting',
  },
  {
    name: 'warm-start-scope',
    default: 'repository',
    ...choice(['repository', 'shared'], {
      meanings: {
        repository: 'templates are restored only by jobs of the repository that built them',
        shared: 'by every repository using this cache',
      },
    }),
    help: "who restores the templates: this repository's jobs (here: this machine's), or every job using the cache",
  },
  {
    name: 'debug',
    default: 'auto',
    ...choice(['false', 'true', 'on-failure', 'auto']),
    actionOnly: true,
    help: 'hold the VM for SSH access (auto: on failure, on a re-run with debug logging)',
  },
  {
    name: 'debug-users',
    default: '',
    kind: 'list',
    accepts: (login: string) => GITHUB_LOGIN.test(login),
    accepted: 'GitHub logins (letters, digits, single hyphens; comma or newline separated)',
    actionOnly: true,
    help: 'GitHub logins allowed into a debug hold',
  },
  {
    name: 'github-token',
    default: '${{ github.token }}',
    kind: 'text',
    actionOnly: true,
    help: "token that reads the allowed users' SSH keys",
  },
  {
    name: 'debug-bind',
    default: '0.0.0.0',
    kind: 'text',
    accepts: isIPv4,
    accepted: 'an IPv4 address to listen on, such as 0.0.0.0 or 127.0.0.1',
    actionOnly: true,
    help: 'address the debug SSH forward listens on',
  },
  {
    name: 'debug-port',
    default: '',
    kind: 'number',
    min: 1,
    max: 65_535,
    whenEmpty: 'for a free one',
    actionOnly: true,
    help: 'port of the debug SSH forward, 1–65535 (empty: a free one)',
  },
  {
    name: 'debug-timeout-minutes',
    default: '15',
    kind: 'number',
    min: 0.1,
    max: 360,
    fractions: true,
    unit: 'minutes',
    actionOnly: true,
    help: 'minutes a debug hold waits for somebody, 0.1–360',
  },
] as const satisfies readonly InputSpec[];

export const INPUTS: readonly InputSpec[] = TABLE;

type TableEntry = (typeof TABLE)[number];
export type InputName = TableEntry['name'];
/** Every input as its kind reads it: the types follow the table (a choice's type is its array's). */
export type InputValues = { readonly [Entry in TableEntry as Entry['name']]: KindValue<Entry> };

export interface ReadInputs {
  readonly values: InputValues;
  /** The inputs whose value was refused: they read as their default, so that rules across inputs can run. */
  readonly refused: ReadonlySet<InputName>;
  /** One for each refused value (each item of a list), naming the input, the value and what is accepted. */
  readonly problems: Problem[];
}

/** Reads every input as its kind says: what was given (trimmed), else its default. */
export function readInputs(given: InputSource): ReadInputs {
  const values: Record<string, unknown> = {};
  const refused = new Set<InputName>();
  const problems: Problem[] = [];
  for (const spec of INPUTS) {
    const checked = checkValue(spec, given(spec.name).trim() || spec.default, spec.whenEmpty);
    if ('value' in checked) {
      values[spec.name] = checked.value;
      continue;
    }
    for (const { text, accepted } of checked.refusals)
      problems.push({ input: spec.name, problem: `is '${text}'`, hint: accepted });
    refused.add(spec.name as InputName);
    // Every default is accepted (test/unit/input-kinds.test.ts holds the table to that).
    values[spec.name] = (checkValue(spec, spec.default) as { value: unknown }).value;
  }
  // Each kind's checker returns KindValue of its spec (input-kinds.ts), so the record is InputValues.
  return { values: values as InputValues, refused, problems };
}

/** The input of that name; throws for a name that is not an input (a slip in our own code). */
export function inputSpec(name: string): InputSpec {
  const spec = INPUTS.find((input) => input.name === name);
  if (!spec) throw new Error(`'${name}' is not an input of the action.`);
  return spec;
}

/** The `solstice run` option that sets the input, without `--`; undefined for an action-only input. */
export function cliOption(name: string): string | undefined {
  const spec = inputSpec(name);
  return spec.actionOnly ? undefined : (spec.option ?? spec.name);
}
