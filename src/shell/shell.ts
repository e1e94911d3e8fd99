import { asRoot, type AdminCommand } from '../core/guest-userland.js';
/** How the guest runs a step's script, like GitHub's own `shell:`. */
export type ShellSpec = { kind: 'auto' } | { kind: 'bash' } | { kind: 'sh' } | { kind: 'template'; template: string };

/** Single-quotes a word for a POSIX shell (exact bytes, nothing expanded). */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

const BASH = 'bash --noprofile --norc -eo pipefail';
const SH = 'sh -e';

/** Parses the `shell` input; undefined when a template lacks `{0}`. */
export function parseShell(text: string): ShellSpec | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'auto' };
  if (trimmed === 'bash') return { kind: 'bash' };
  if (trimmed === 'sh') return { kind: 'sh' };
  return trimmed.includes('{0}') ? { kind: 'template', template: trimmed } : undefined;
}

/**
 * The command that runs the uploaded script at `scriptPath`. `auto` is bash (no profile, errexit,
 * pipefail) where the guest has it, else POSIX sh with errexit.
 */
export function shellCommand(shell: ShellSpec, scriptPath: string): string {
  const path = shellQuote(scriptPath);
  switch (shell.kind) {
    case 'bash':
      return `${BASH} ${path}`;
    case 'sh':
      return `${SH} ${path}`;
    case 'template':
      return shell.template.replaceAll('{0}', path);
    case 'auto':
      return `if command -v bash >/dev/null 2>&1; then exec ${BASH} ${path}; else exec ${SH} ${path}; fi`;
  }
}

/** Shell code that creates `directory` for the login user: itself where it may, else with sudo and chown. */
export function ensureDirectoryCommand(directory: string, admin: AdminCommand): string {
  const dir = shellQuote(directory);
  const root = asRoot(admin);
  return `{ mkdir -p ${dir} 2>/dev/null || { ${root}mkdir -p ${dir} && ${root}chown "$(id -u):$(id -g)" ${dir}; }; }`;
}
