import { randomBytes } from 'node:crypto';
import type { Client } from 'ssh2';
import { SolsticeError } from '../engine/errors.js';
import { LineBuffer } from '../report/line-buffer.js';
import { execCommand, type ExecResult } from './exec.js';

export interface ScriptOptions {
  /** Called for every line the script prints, stdout and stderr alike, as it arrives. */
  onLine: (line: string) => void;
  signal?: AbortSignal;
}

/** Single-quotes a word for a POSIX shell. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The guest's shell for the script: bash with errexit and pipefail where the guest has bash (and no
 * profile, so the image's dotfiles cannot change the result), else POSIX sh with errexit.
 */
export function scriptCommand(remotePath: string): string {
  const path = shellQuote(remotePath);
  return `cd && if command -v bash >/dev/null 2>&1; then exec bash --noprofile --norc -eo pipefail ${path}; else exec sh -e ${path}; fi`;
}

/** Uploads the script over the existing connection and runs it, streaming its output line by line. */
export async function runScript(client: Client, script: string, options: ScriptOptions): Promise<ExecResult> {
  const remotePath = `/tmp/solstice-script-${randomBytes(6).toString('hex')}.sh`;
  const upload = await execCommand(client, `umask 077 && cat > ${shellQuote(remotePath)}`, {
    stdin: script.endsWith('\n') ? script : `${script}\n`,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (upload.exitCode !== 0) {
    throw new SolsticeError(`Could not upload the script to the guest (${remotePath}): exit code ${upload.exitCode}.`);
  }
  const stdout = new LineBuffer(options.onLine);
  const stderr = new LineBuffer(options.onLine);
  try {
    return await execCommand(client, scriptCommand(remotePath), {
      onStdout: (chunk) => stdout.push(chunk),
      onStderr: (chunk) => stderr.push(chunk),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } finally {
    stdout.flush();
    stderr.flush();
  }
}
