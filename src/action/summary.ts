import type { JobConfig } from '../config/job.js';
import { readableConsoleLines } from '../console/readable-lines.js';
import { announcementMarkdown } from '../debug/announcement.js';
import type { JobFailure, JobResult } from '../engine/pipeline.js';
import type { CopyBackReport } from '../engine/step/run-step.js';
import { formatBytes } from '../core/format.js';
import { markdownText } from '../core/guest-text.js';
import { shortKey } from '../warm/template-key.js';

/** The job summary as Markdown: what ran where, how long it took, and how it ended. */
export function jobSummaryMarkdown(config: JobConfig, result: JobResult): string {
  const status =
    result.exitCode === 0
      ? '✅ passed'
      : `❌ failed with exit code ${result.exitCode}${result.exitSignal ? ` (signal ${result.exitSignal})` : ''}`;
  const rows: Array<[string, string]> = [
    ['Result', status],
    ['Image', `\`${escapeCell(config.image.source)}\``],
    [
      'Image digest',
      `\`${result.image.digest.algorithm}:${result.image.digest.hex}\`${result.image.verified ? ' (verified)' : ' (**not verified**: no image-checksum)'}`,
    ],
    [
      'Image cache',
      result.image.cacheHit
        ? 'hit (nothing downloaded)'
        : result.image.restored
          ? 'restored from the Actions cache and verified (nothing downloaded)'
          : `${formatBytes(result.image.fetchedBytes)} downloaded`,
    ],
    ['Accelerator', result.accel === 'kvm' ? 'KVM' : 'TCG (software emulation)'],
    ['VM', `${config.cpus} vCPU, ${config.memoryMiB} MiB`],
    [
      'Start',
      result.start === 'warm'
        ? `warm: restored the template \`${shortKey(result.templateKey ?? '')}\``
        : 'cold: booted',
    ],
    [result.start === 'warm' ? 'Restore to SSH' : 'Boot to SSH', `${result.bootSeconds.toFixed(1)} s`],
  ];
  if (result.copyBack) rows.push(['Copy-back', copyBackCell(result.copyBack)]);
  rows.push(['Console log', `\`${escapeCell(result.consoleLogPath)}\``]);
  return [
    '### Solstice VM job',
    '',
    ...table(rows),
    '',
    phasesLine(result.phases),
    '',
    ...(result.lastLines && result.lastLines.length > 0
      ? ["**The script's last lines**", '', ...fenced(readableConsoleLines(result.lastLines)), '']
      : []),
    ...(result.debug?.access ? [announcementMarkdown(result.debug.access)] : []),
    // The message can carry guest text (a panic line): shown literally, never as Markdown or HTML.
    ...(result.debug ? [`Debug: ${markdownText(result.debug.message)}`, ''] : []),
  ].join('\n');
}

/**
 * The summary of a job that failed before its script could end it: where it got to, the error (which
 * may quote guest text: shown literally), the console's last lines and where the whole log is.
 */
export function failureSummaryMarkdown(config: JobConfig, failure: JobFailure, error: string): string {
  const console = readableConsoleLines(failure.consoleTail);
  return [
    '### Solstice VM job',
    '',
    ...table([
      ['Result', `❌ failed during ${escapeCell(failure.phase)}`],
      ['Image', `\`${escapeCell(config.image.source)}\``],
      ['Console log', `\`${escapeCell(failure.consoleLogPath)}\``],
    ]),
    '',
    phasesLine(failure.phases),
    '',
    '**Error**',
    '',
    ...fenced(error.split('\n')),
    '',
    ...(console.length > 0
      ? ['**Last console lines**', '', ...fenced(console), '']
      : ['The serial console printed nothing.', '']),
  ].join('\n');
}

/** A failure before there was a job at all (inputs, the catalog): the error alone. */
export function inputFailureSummaryMarkdown(error: string): string {
  return ['### Solstice VM job', '', '❌ The job did not start:', '', ...fenced(error.split('\n')), ''].join('\n');
}

function table(rows: ReadonlyArray<[string, string]>): string[] {
  return ['| | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`)];
}

function phasesLine(phases: Record<string, number>): string {
  const timed = Object.entries(phases).map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(2)} s`);
  return `<sub>Phases: ${timed.length > 0 ? timed.join(', ') : 'none ended'}</sub>`;
}

/**
 * Lines shown literally in Markdown: a tilde fence longer than any the lines hold, so no guest line can
 * close it, and no Markdown or HTML inside is rendered.
 */
function fenced(lines: readonly string[]): string[] {
  const longest = Math.max(2, ...lines.map((line) => /^\s*(~+)/.exec(line)?.[1]!.length ?? 0));
  const fence = '~'.repeat(longest + 1);
  return [`${fence}text`, ...lines, fence];
}

function copyBackCell({ copied, deleted, gitLeft }: CopyBackReport): string {
  const left =
    gitLeft > 0 ? `; ${gitLeft} changed git metadata entries left in the guest (copy-back names no \`.git\`)` : '';
  return `${copied} new or changed, ${deleted} deleted${left}`;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('`', "'");
}
