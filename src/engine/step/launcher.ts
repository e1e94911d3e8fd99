import { randomBytes } from 'node:crypto';
import type { StepRules } from '../../config/job.js';
import { ensureDirectoryCommand, shellCommand, shellQuote } from '../../shell/shell.js';

/**
 * A POSIX sh program fed on stdin: sets the variables, writes the script with a quoted here-document
 * (its bytes are never interpreted), marks the time for copy-back, and runs the step's shell with stdin
 * from /dev/null. One round trip for upload and start, and few programs: under TCG each one the guest
 * starts costs 50–300 ms, so the marker is made only for a copy-back and the working directory only when
 * the sync has not made it already.
 */
export function launcher(
  stepDirectory: string,
  script: string,
  exports: string,
  rules: Pick<StepRules, 'workingDirectory' | 'shell' | 'userland' | 'sync'>,
): string {
  const end = `SOLSTICE_EOF_${randomBytes(12).toString('hex')}`;
  const dir = shellQuote(stepDirectory);
  const workdir = shellQuote(rules.workingDirectory);
  return [
    'set -e',
    'umask 077',
    `mkdir -p ${dir}`,
    `cat > ${dir}/script <<'${end}'`,
    `${script.endsWith('\n') ? script : `${script}\n`}${end}`,
    'umask 022',
    `[ -d ${workdir} ] || ${ensureDirectoryCommand(rules.workingDirectory, rules.userland.admin)}`,
    ...(rules.sync === 'both' ? copyBackMarker(dir) : []),
    exports,
    `cd ${workdir}`,
    // The shell reads this program from stdin: only the step's command gets /dev/null instead.
    `{ ${shellCommand(rules.shell, `${stepDirectory}/script`)}`,
    '} </dev/null',
    '',
  ].join('\n');
}

/**
 * Copy-back takes what is newer than the marker, and busybox find compares whole seconds: the marker is
 * dated one second back (BSD date -r, GNU and busybox date -d @), so what the script changes in its first
 * second still counts. A date with neither: the start of this minute.
 */
function copyBackMarker(dir: string): string[] {
  return [
    'solstice_now=$(date +%s 2>/dev/null || :)',
    'case $solstice_now in',
    "  ''|*[!0-9]*) solstice_stamp= ;;",
    '  *) solstice_stamp=$(date -r "$((solstice_now - 1))" +%Y%m%d%H%M.%S 2>/dev/null || date -d "@$((solstice_now - 1))" +%Y%m%d%H%M.%S 2>/dev/null || :) ;;',
    'esac',
    'if [ -z "$solstice_stamp" ]; then [ "$(date +%S)" != 00 ] || sleep 1; solstice_stamp=$(date +%Y%m%d%H%M); fi',
    `touch -t "$solstice_stamp" ${dir}/marker`,
  ];
}
