import type { JobConfig } from '../config/job.js';
import { announcementMarkdown } from '../debug/announcement.js';
import type { JobResult } from '../engine/pipeline.js';
import type { CopyBackReport } from '../engine/step.js';
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
      result.image.cacheHit ? 'hit (nothing downloaded)' : `${formatBytes(result.image.fetchedBytes)} downloaded`,
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
  const phases = Object.entries(result.phases)
    .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(2)} s`)
    .join(', ');
  return [
    '### Solstice VM job',
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    '',
    `<sub>Phases: ${phases}</sub>`,
    '',
    ...(result.debug?.access ? [announcementMarkdown(result.debug.access)] : []),
    // The message can carry guest text (a panic line): shown literally, never as Markdown or HTML.
    ...(result.debug ? [`Debug: ${markdownText(result.debug.message)}`, ''] : []),
  ].join('\n');
}

function copyBackCell({ copied, deleted, gitLeft }: CopyBackReport): string {
  const left =
    gitLeft > 0 ? `; ${gitLeft} changed git metadata entries left in the guest (copy-back names no \`.git\`)` : '';
  return `${copied} new or changed, ${deleted} deleted${left}`;
}

function escapeCell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('`', "'");
}
