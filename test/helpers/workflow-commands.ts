/** A workflow command as the runner would execute it from a step's output. */
export interface WorkflowCommand {
  command: string;
  properties: string;
  data: string;
}

/**
 * Reads a step's output the way the runner does: lines (`\r\n`, `\n` or a bare `\r`), `::cmd props::data`
 * commands, and `::stop-commands::TOKEN` … `::TOKEN::` sections in which nothing is a command.
 */
export function parseWorkflowCommands(output: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  for (const line of output.split(/\r\n|\n|\r/)) {
    const trimmed = line.trimStart();
    if (stopToken !== undefined) {
      if (trimmed === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const match = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(trimmed);
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
