import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@actions/core';
import { shellQuote } from '../shell/shell.js';

/**
 * Puts `solstice` on PATH for the job's later steps (`shell: solstice {0}`): a small sh wrapper that
 * runs the bundled step entry with the same Node the runner gave this action.
 */
export async function installSolsticeCommand(tempRoot: string): Promise<string> {
  const binDirectory = join(tempRoot, 'solstice-bin');
  const stepEntry = join(dirname(fileURLToPath(import.meta.url)), 'step.js');
  await mkdir(binDirectory, { recursive: true });
  const command = join(binDirectory, 'solstice');
  await writeFile(command, `#!/bin/sh\nexec ${shellQuote(process.execPath)} ${shellQuote(stepEntry)} "$@"\n`);
  await chmod(command, 0o755);
  core.addPath(binDirectory);
  return command;
}
