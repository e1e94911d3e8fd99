/**
 * `solstice`, the command line: the action's engine for a developer's own Linux machine.
 *   solstice run --image-url URL -- make test      same job, same cache layout, same exit code
 *   solstice ssh / stop                            a VM kept with --keep
 *   solstice images [prune]                        the image cache
 *   solstice catalog                               the images known by name
 */
import { formatCatalogTable } from '../catalog/catalog-table.js';
import { catalogWithFile } from '../catalog/catalog-file.js';
import { PrepareFailedError } from '../engine/step/prepare-script.js';
import { CancelledError } from '../core/errors.js';
import { abortOnSignals } from '../core/signals.js';
import { parseCli, USAGE, UsageError } from './arguments.js';
import { imagesCommand } from './images.js';
import { stopOrphanedRuns } from './orphans.js';
import { runCommand } from './run.js';
import { sshCommand } from './ssh.js';
import { cliStateDirectory } from './state-directory.js';
import { CLI_WORDING, cliErrorText } from './error-text.js';
import { stopCommand } from './stop.js';
import { TerminalReporter } from './terminal-reporter.js';

/** Exit status when Solstice itself fails (as docker run uses it); the command's own codes pass through. */
const ERROR_EXIT = 125;
/** As a shell reports a command ended by SIGINT. */
const CANCELLED_EXIT = 130;
/** A command line that does not parse, as getopt-style tools exit. */
const USAGE_EXIT = 2;

async function main(argv: string[]): Promise<number> {
  const cli = parseCli(argv);
  const reporter = new TerminalReporter(process.stdout, process.stderr, { verbose: cli.verbose });
  if (cli.command === 'help') {
    process.stdout.write(`${USAGE[cli.topic ?? 'main']}\n`);
    return 0;
  }
  const stateDirectory = await cliStateDirectory();
  await stopOrphanedRuns(stateDirectory, reporter);
  switch (cli.command) {
    case 'run': {
      const cancelled = abortOnSignals((signal) => reporter.info(`Received ${signal}: stopping the VM.`));
      return runCommand(cli.inputs, stateDirectory, reporter, cancelled);
    }
    case 'ssh':
      return sshCommand(cli.name, cli.remoteCommand, stateDirectory);
    case 'stop':
      await stopCommand(cli.name, stateDirectory, reporter);
      return 0;
    case 'images':
      await imagesCommand(cli, reporter);
      return 0;
    case 'catalog':
      process.stdout.write(
        `${formatCatalogTable(await catalogWithFile(cli.catalogFile), CLI_WORDING.setting('image'))}\n`,
      );
      return 0;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    error instanceof UsageError
      ? `solstice: ${cliErrorText(error)}\n\n${USAGE[error.topic]}\n`
      : error instanceof CancelledError
        ? `${cliErrorText(error)}\n`
        : `solstice: ${cliErrorText(error)}\n`,
  );
  // A failed prepare ends the command with prepare's own exit code, as a failed script would.
  process.exitCode =
    error instanceof UsageError
      ? USAGE_EXIT
      : error instanceof CancelledError
        ? CANCELLED_EXIT
        : error instanceof PrepareFailedError
          ? error.exitCode
          : ERROR_EXIT;
}
// Nothing of ours may keep the process alive after the job (timers, sockets).
process.exit();
