/**
 * Every input of the action, in action.yml's order: its default exactly as action.yml writes it, and
 * how `solstice run` sets it. The input parser takes its defaults from here, the CLI its usage text and
 * option names; a unit test holds action.yml to it.
 */
export interface InputSpec {
  /** The action.yml name; the CLI option is `--` and this, unless `option` says otherwise. */
  readonly name: string;
  /** As action.yml writes it ('' when there is none). */
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
}

export const INPUTS: readonly InputSpec[] = [
  {
    name: 'image',
    default: '',
    value: 'NAME',
    help: 'a catalog image, e.g. debian-12, ubuntu-24.04, freebsd-14 (solstice catalog)',
  },
  { name: 'arch', default: 'x86_64', value: 'x86_64|aarch64', help: 'guest architecture of a catalog image' },
  {
    name: 'firmware',
    default: 'auto',
    value: 'auto|bios|uefi',
    help: "auto: the catalog's, else BIOS on x86_64 and UEFI on aarch64",
  },
  {
    name: 'catalog',
    default: '',
    value: 'FILE',
    help: 'more catalog entries (JSON, the format of catalog/images.json)',
  },
  {
    name: 'image-url',
    default: '',
    value: 'URL|PATH',
    help: 'http(s) URL or absolute path of a qcow2 or raw image (.xz .zst .gz .bz2 too)',
  },
  { name: 'image-checksum', default: '', value: 'ALGO:HEX', help: 'sha256:… or sha512:… of the image (recommended)' },
  { name: 'run', default: '', required: true, value: 'SCRIPT', help: 'the script, instead of a command after --' },
  { name: 'cpus', default: '2', value: 'N', help: 'vCPUs, 1 to 255' },
  { name: 'memory', default: '2G', value: 'SIZE', help: 'guest memory, such as 512M or 4G' },
  {
    name: 'disk-size',
    default: '',
    value: 'SIZE',
    help: 'grow the disk to this size, such as 20G (empty: the image size)',
  },
  {
    name: 'accel',
    default: 'auto',
    value: 'auto|kvm|tcg',
    help: 'auto: KVM when it works, else TCG (slow) with a notice',
  },
  { name: 'user', default: 'runner', value: 'NAME', help: 'login created in the guest, with passwordless sudo' },
  { name: 'boot-timeout', default: '120', value: 'SECONDS', help: 'until SSH answers; ×4 under TCG' },
  { name: 'boot-retries', default: '1', value: 'N', help: 'boot again, 0 to 3 times, after a crash, panic or hang' },
  {
    name: 'cache-dir',
    default: '',
    value: 'DIR',
    help: 'image cache (empty: $XDG_CACHE_HOME/solstice or ~/.cache/solstice)',
  },
  {
    name: 'sync',
    default: 'in',
    value: 'in|both|none',
    help: 'copy the current directory in, also back, or not at all',
  },
  {
    name: 'working-directory',
    default: '',
    value: 'DIR',
    help: 'where the command runs in the guest (empty: the same path as here)',
  },
  {
    name: 'copy-back',
    default: '',
    value: 'PATHS',
    help: 'with --sync both: paths/globs to copy back (comma separated)',
  },
  { name: 'env', default: '', value: 'NAMES', help: 'variables passed from here into the guest (comma separated)' },
  {
    name: 'shell',
    default: '',
    value: 'bash|sh|TEMPLATE',
    help: 'how the script runs (empty: bash if present, else sh)',
  },
  { name: 'network', default: 'true', value: 'true|false', help: 'false: no connections out of the guest' },
  {
    name: 'keep-running',
    default: 'false',
    option: 'keep',
    help: 'leave the VM running afterwards (then: solstice ssh, solstice stop)',
  },
  { name: 'name', default: 'default', value: 'NAME', help: 'name of the kept VM' },
  {
    name: 'prepare',
    default: '',
    value: 'SCRIPT',
    help: 'run before the script (sudo works); with --warm-start once, in the saved template',
  },
  {
    name: 'warm-start',
    default: 'false',
    help: 'restore a saved, booted guest (built once per image and prepare) instead of booting',
  },
  {
    name: 'warm-start-scope',
    default: 'repository',
    value: 'repository|shared',
    help: "who restores the templates: this repository's jobs (here: this machine's), or every job using the cache",
  },
  {
    name: 'debug',
    default: 'auto',
    actionOnly: true,
    help: 'hold the VM for SSH access: false, true, on-failure or auto',
  },
  { name: 'debug-users', default: '', actionOnly: true, help: 'GitHub logins allowed into a debug hold' },
  {
    name: 'github-token',
    default: '${{ github.token }}',
    actionOnly: true,
    help: "token that reads the allowed users' SSH keys",
  },
  { name: 'debug-bind', default: '0.0.0.0', actionOnly: true, help: 'address the debug SSH forward listens on' },
  { name: 'debug-port', default: '', actionOnly: true, help: 'port of the debug SSH forward (empty: a free one)' },
  { name: 'debug-timeout-minutes', default: '15', actionOnly: true, help: 'minutes a debug hold waits for somebody' },
];

/** The input of that name; throws for a name that is not an input (a slip in our own code). */
export function inputSpec(name: string): InputSpec {
  const spec = INPUTS.find((input) => input.name === name);
  if (!spec) throw new Error(`'${name}' is not an input of the action.`);
  return spec;
}

/** The input's default as action.yml writes it. */
export function inputDefault(name: string): string {
  return inputSpec(name).default;
}

/** The `solstice run` option that sets the input, without `--`; undefined for an action-only input. */
export function cliOption(name: string): string | undefined {
  const spec = inputSpec(name);
  return spec.actionOnly ? undefined : (spec.option ?? spec.name);
}
