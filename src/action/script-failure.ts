import { quotedGuestLines } from '../console/readable-lines.js';

/** A failed script's error, in the first step and in later ones: its code, and its last lines, where the cause usually is. */
export function scriptFailure(exitCode: number, lastLines: readonly string[], signal?: string): string {
  const ended = signal
    ? `The script was killed by signal ${signal} (exit code ${exitCode}).`
    : `The script exited with code ${exitCode}.`;
  return lastLines.length > 0 ? `${ended} Its last lines:\n${quotedGuestLines(lastLines)}` : ended;
}
