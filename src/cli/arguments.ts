/**
 * The command line, parsed without side effects: `solstice run` options map one to one onto the
 * action's inputs, so both front ends share one validation (src/config/parse.ts) and one engine.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SolsticeError } from '../core/errors.js';
import { INPUTS } from '../config/inputs.js';

/**
 * A command line that does not parse (unknown command or option, a value missing, arguments that do
 * not go together): the CLI prints it with the command's usage and exits 2, as getopt-style tools do.
 */
export class UsageError extends SolsticeError {
  override name = 'UsageError';
  constructor(
    message: string,
    /** Whose usage text goes with the message: a command, or 'main'. */
    readonly topic: string,
  ) {
    super(message);
  }
}

/**
 * `run` options naming a file or directory here, which the engine wants absolute (the action's inputs
 * are); the command line takes them relative to the current directory, as every command-line tool does.
 * (`working-directory` and `copy-back` are paths in the guest and the workspace: not these.)
 */
const HOST_PATH_OPTIONS = ['image-url', 'cache-dir', 'catalog'] as const;

/**
 * Action inputs a `run` option of the same name sets directly (`--cpus 4` → input `cpus`); `--run`
 * (or the command after `--`) and the flag `--keep` are read apart.
 */
export const RUN_INPUT_OPTIONS: readonly string[] = INPUTS.filter(
  (input) => !input.actionOnly && input.value !== undefined && input.option === undefined && input.name !== 'run',
).map((input) => input.name);

/** The `run` options, one line each, from the table of inputs; then the CLI's own. */
function runOptionLines(): string {
  // Two spaces at least between an option and its help, however long the option.
  const line = (option: string, help: string) => `  ${option.padEnd(26)}  ${help}`;
  return [
    ...INPUTS.filter((input) => !input.actionOnly).map((input) =>
      line(
        `--${input.option ?? input.name}${input.value === undefined ? '' : ` ${input.value}`}`,
        input.default === '' || input.value === undefined ? input.help : `${input.help} (default: ${input.default})`,
      ),
    ),
    line('--verbose', 'show debug lines'),
  ].join('\n');
}

export type CliCommand =
  | { command: 'help'; topic?: string }
  | { command: 'run'; inputs: Record<string, string> }
  | { command: 'ssh'; name: string; remoteCommand: string[] }
  | { command: 'stop'; name: string }
  | { command: 'catalog'; catalogFile: string }
  | {
      command: 'images';
      action: 'list' | 'prune';
      cacheDir?: string;
      olderThanDays?: number;
      all: boolean;
      dryRun: boolean;
    };

export const USAGE: Record<string, string> = {
  main: `usage: solstice <command> [options]

Runs a command inside a throwaway QEMU virtual machine, the same way the Solstice GitHub Action does.

commands:
  run      boot a VM from an image, run a command in it, exit with its exit code
  ssh      open a shell (or run a command) in a VM kept with 'run --keep'
  stop     stop a VM kept with 'run --keep'
  images   list the image cache, or prune it
  catalog  list the images known by name (--image debian-12)

'solstice <command> --help' describes each.`,
  run: `usage: solstice run (--image NAME | --image-url URL) [options] [--] COMMAND [ARG...]
       solstice run (--image NAME | --image-url URL) [options] --run 'SCRIPT'

Boots the image, copies the current directory into the VM (--sync), runs the command there and exits
with its exit code. One COMMAND argument is taken as a script (\`-- 'make -j4 && make test'\`); several
are quoted as one command line (\`-- make test\`). Ctrl-C stops the VM and removes everything.

options (each is the action input of the same name; see the README for accepted values):
${runOptionLines()}`,
  ssh: `usage: solstice ssh [--name NAME] [-- COMMAND...]

Opens an interactive shell in a VM kept with 'solstice run --keep' using OpenSSH (ssh), with the job's
own key and pinned host key; with a COMMAND, runs it and exits with its exit code.`,
  catalog: `usage: solstice catalog [--catalog FILE]

Lists the images that --image accepts by name, with what each download is verified against.`,
  stop: `usage: solstice stop [--name NAME]

Stops a VM kept with 'solstice run --keep' and removes its files.`,
  images: `usage: solstice images [list] [--cache-dir DIR]
       solstice images prune [--older-than DAYS | --all] [--dry-run] [--cache-dir DIR]

Lists the cached base images (source, size, digest, last use) and the warm-start templates built on
them, or removes those not used for DAYS days (default 30), or all of them; a template whose image is
gone is removed too. Entries in use by a running VM, a download or a template build are skipped.`,
};

/** Parses `argv`; relative paths in options are taken against `cwd`. */
export function parseCli(argv: readonly string[], cwd = process.cwd()): CliCommand & { verbose: boolean } {
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('No command given.', 'main');
  if (command === 'help' || command === '--help' || command === '-h') {
    const topic = rest[0];
    if (topic !== undefined && !isCommand(topic)) throw unknownCommand(topic);
    return { command: 'help', ...(topic ? { topic } : {}), verbose: false };
  }
  if (!isCommand(command)) throw unknownCommand(command);
  if (rest.includes('--help') && (rest.indexOf('--') === -1 || rest.indexOf('--help') < rest.indexOf('--'))) {
    return { command: 'help', topic: command, verbose: false };
  }
  switch (command) {
    case 'run':
      return parseRun(rest, cwd);
    case 'ssh': {
      const { values, positionals } = parse(rest, { name: { type: 'string' } }, command);
      return { command: 'ssh', name: values.name ?? 'default', remoteCommand: positionals, verbose: false };
    }
    case 'stop': {
      const { values } = parse(rest, { name: { type: 'string' } }, command, false);
      return { command: 'stop', name: values.name ?? 'default', verbose: false };
    }
    case 'catalog': {
      const { values } = parse(rest, { catalog: { type: 'string' } }, command, false);
      return { command: 'catalog', catalogFile: hostPath(values.catalog ?? '', cwd), verbose: false };
    }
    default:
      return parseImages(rest, cwd);
  }
}

function isCommand(word: string): boolean {
  return word in USAGE && word !== 'main';
}

function unknownCommand(command: string): UsageError {
  return new UsageError(`Unknown command '${command}'. Commands: run, ssh, stop, images, catalog.`, 'main');
}

/** An option's path as the engine wants it: absolute, against `cwd`; empty stays empty (the default). */
function hostPath(path: string, cwd: string): string {
  return path === '' ? path : resolve(cwd, path);
}

function parseRun(args: readonly string[], cwd: string): CliCommand & { verbose: boolean } {
  const options = Object.fromEntries(RUN_INPUT_OPTIONS.map((name) => [name, { type: 'string' as const }]));
  const { values, positionals } = parse(
    args,
    {
      ...options,
      run: { type: 'string' },
      keep: { type: 'boolean' },
      'warm-start': { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
    'run',
  );
  if (values.run !== undefined && positionals.length > 0) {
    throw new UsageError("Give the script either with --run or after '--', not both.", 'run');
  }
  const inputs: Record<string, string> = {};
  for (const name of RUN_INPUT_OPTIONS) {
    const value = (values as Record<string, string | boolean | undefined>)[name];
    if (typeof value === 'string') inputs[name] = value;
  }
  for (const name of HOST_PATH_OPTIONS) {
    const value = inputs[name];
    // An image URL stays as given (a scheme other than http(s) is refused by the input's own check).
    if (value !== undefined && !(name === 'image-url' && /^[a-z][a-z0-9+.-]*:/i.test(value)))
      inputs[name] = hostPath(value, cwd);
  }
  inputs['run'] = typeof values.run === 'string' ? values.run : commandLineScript(positionals);
  inputs['keep-running'] = values.keep === true ? 'true' : 'false';
  inputs['warm-start'] = values['warm-start'] === true ? 'true' : 'false';
  // A debug hold needs GitHub keys and a workflow: locally, --keep and `solstice ssh` do that job.
  inputs['debug'] = 'false';
  return { command: 'run', inputs, verbose: values.verbose === true };
}

function parseImages(args: readonly string[], cwd: string): CliCommand & { verbose: boolean } {
  const { values, positionals } = parse(
    args,
    {
      'cache-dir': { type: 'string' },
      'older-than': { type: 'string' },
      all: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
    },
    'images',
  );
  const action = positionals[0] ?? 'list';
  if ((action !== 'list' && action !== 'prune') || positionals.length > 1) {
    throw new UsageError(
      `Unexpected 'solstice images ${positionals.join(' ')}': use 'solstice images' or 'solstice images prune'.`,
      'images',
    );
  }
  const olderText = values['older-than'];
  const olderThanDays = olderText === undefined ? undefined : Number(olderText);
  if (olderThanDays !== undefined && !(Number.isFinite(olderThanDays) && olderThanDays >= 0)) {
    throw new UsageError(`Option --older-than is '${olderText}': give a number of days, such as 30.`, 'images');
  }
  if (action === 'list' && (values.all || olderText !== undefined || values['dry-run'])) {
    throw new UsageError("--older-than, --all and --dry-run belong to 'solstice images prune'.", 'images');
  }
  if (values.all && olderText !== undefined) throw new UsageError('Give --all or --older-than, not both.', 'images');
  return {
    command: 'images',
    action,
    ...(values['cache-dir'] ? { cacheDir: hostPath(values['cache-dir'], cwd) } : {}),
    ...(olderThanDays !== undefined ? { olderThanDays } : {}),
    all: values.all === true,
    dryRun: values['dry-run'] === true,
    verbose: false,
  };
}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

function parse<T extends OptionSpec>(args: readonly string[], options: T, command: string, allowPositionals = true) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, '.'), command);
  }
}

/** One argument is a script; several are one command whose arguments keep their exact bytes. */
export function commandLineScript(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return words.map(shellQuote).join(' ');
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
