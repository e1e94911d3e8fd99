/** A workflow command as the runner would execute it from a step's output. */
export interface WorkflowCommand {
  command: string;
  properties: string;
  data: string;
}

/**
 * Reads a step's output the way the runner does: lines (`\r\n`, `\n` or a bare `\r`), `::cmd props::data`
 * and `##[cmd props]data` commands, and `::stop-commands::TOKEN` … `::TOKEN::` sections in which nothing is a command.
 */
export function parseWorkflowCommands(output: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  for (const line of output.split(/\r\n|\n|\r/)) {
    // .NET's TrimStart: Unicode white space, which includes NEL (U+0085) unlike JavaScript's \s.
    const trimmed = line.replace(/^[\s\x85]+/, '');
    if (stopToken !== undefined) {
      if (trimmed === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    // The runner's older syntax, `##[name props]data`, is recognised anywhere in a line.
    const match =
      /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(trimmed) ?? /##\[([A-Za-z-]+)(?: ([^\]]*))?\](.*)$/.exec(trimmed);
    if (!match) continue;
    const command = { command: match[1]!, properties: match[2] ?? '', data: match[3]! };
    if (command.command === 'stop-commands') stopToken = command.data;
    commands.push(command);
  }
  return commands;
}

/** Parses a GITHUB_OUTPUT / GITHUB_STATE file (`name=value` and `name<<DELIM` heredoc forms). */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      while (++index < lines.length && lines[index] !== heredoc[2]) value.push(lines[index]!);
      values[heredoc[1]!] = value.join('\n');
    } else if (line.includes('=')) {
      values[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return values;
}
