/**
 * How the engine talks to a person. The action implements it with @actions/core (workflow log),
 * a command-line front end with a terminal; the engine itself never imports either.
 */
import type { InputWording } from './errors.js';

export interface Reporter {
  /** How this front end names inputs in the messages the engine words itself (neutrally when absent). */
  readonly wording?: InputWording;
  info(message: string): void;
  notice(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  /** A progress line (download): a terminal may rewrite it in place; without this, it goes to info. */
  progress?(message: string): void;
  startGroup(title: string): void;
  endGroup(): void;
  /**
   * Text that came from the guest (serial console, script output). It is shown verbatim but can never
   * be interpreted as a workflow command. Called with whole lines, without the line terminator;
   * `stream` is 'stderr' for the script's standard error (a terminal keeps it off the command's stdout).
   */
  guestLine(line: string, stream?: 'stderr'): void;
}

/** A reporter that drops everything: for unit tests of stages and for quiet helpers. */
export const silentReporter: Reporter = {
  info: () => {},
  notice: () => {},
  warning: () => {},
  debug: () => {},
  progress: () => {},
  startGroup: () => {},
  endGroup: () => {},
  guestLine: () => {},
};
