/**
 * Guest text made harmless for where it is shown. The guest is hostile: what it prints must never
 * parse as a workflow command, move a terminal's cursor or set its clipboard, nor render as Markdown
 * or HTML in the job summary. One place decides that for every front end.
 */

/** Not whitespace to .NET's TrimStart (the runner's parser), yet invisible in the log. */
const ZERO_WIDTH_SPACE = '\u200b';
/** What the runner trims before looking for `::` (.NET Char.IsWhiteSpace includes NEL, JS's \s does not). */
const COMMAND_START = /^[\s\x85]*::/;

/**
 * A guest line the runner can never take as a workflow command, whatever stop-commands state it is
 * in: a line that (after leading white space) starts with `::` gets a zero-width space in front, and
 * `##[` (the runner's older command syntax, matched anywhere in a line) is broken up the same way.
 */
export function inertLine(line: string): string {
  const broken = line.includes('##[') ? line.replaceAll('##[', `##${ZERO_WIDTH_SPACE}[`) : line;
  return COMMAND_START.test(broken) ? `${ZERO_WIDTH_SPACE}${broken}` : broken;
}

/** C0 and C1 control characters except tab; with `keepColours`, SGR sequences (colours only) pass. */
const CONTROL = /\x1b\[[0-9;]*m|[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;

/**
 * Control characters as visible escapes (`\x1b`, `\n`): for guest text shown on a terminal or inside
 * one of our own messages. Colour sequences are harmless and kept when `keepColours` is set.
 */
export function visibleControls(text: string, keepColours = false): string {
  return text.replace(CONTROL, (match) => {
    if (match.length > 1) return keepColours ? match : match.replace('\x1b', '\\x1b');
    if (match === '\n') return '\\n';
    if (match === '\r') return '\\r';
    return `\\x${match.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** Guest text inside one of our messages: one line, controls visible, never a command. */
export function guestTextInline(text: string): string {
  return inertLine(visibleControls(text));
}

/**
 * A message of ours that may carry guest text (a guest's stderr, a link target it chose), for a
 * terminal or a log: every line as `guestTextInline`, our own line breaks kept.
 */
export function inertMessage(message: string): string {
  return message.split(/\r?\n/).map(guestTextInline).join('\n');
}

/** Characters with a meaning in GitHub Markdown or HTML, shown literally in the job summary. */
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()<>#+!|~&:@]/g;

/** Text shown as itself in Markdown (job summary): no links, images, HTML or formatting from the guest. */
export function markdownText(text: string): string {
  return visibleControls(text).replace(MARKDOWN_SPECIAL, (match) =>
    match === '&' ? '&amp;' : match === '<' ? '&lt;' : match === '>' ? '&gt;' : `\\${match}`,
  );
}
