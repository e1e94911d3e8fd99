/**
 * A repository's git configuration as the guest gets it: only what git needs to read the repository,
 * its remotes and branches; never a credential. actions/checkout leaves the job's GITHUB_TOKEN in
 * `.git/config` as `http.<url>.extraheader` (or in a file it includes), and other tools leave credential
 * helpers, tokens in remote URLs or in `url.<token-url>.insteadOf`: the pull request's code in the guest
 * must not get them. So this keeps an allow-list of keys and drops everything else, and a line it cannot
 * read with certainty is dropped too (fail closed). The runner's own file is never changed.
 */

/** Keys kept: `section.name` (lower case), or `section.*.name` for keys with a subsection. */
const KEPT = new Set([
  'core.repositoryformatversion',
  'core.filemode',
  'core.bare',
  'core.logallrefupdates',
  'core.ignorecase',
  'core.precomposeunicode',
  'core.symlinks',
  'core.autocrlf',
  'core.eol',
  'core.safecrlf',
  'core.sparsecheckout',
  'core.sparsecheckoutcone',
  'core.abbrev',
  'remote.*.url',
  'remote.*.pushurl',
  'remote.*.fetch',
  'remote.*.push',
  'remote.*.tagopt',
  'remote.*.promisor',
  'remote.*.partialclonefilter',
  'branch.*.remote',
  'branch.*.merge',
  'branch.*.pushremote',
  'submodule.*.url',
  'submodule.*.active',
  'submodule.*.branch',
  'lfs.repositoryformatversion',
]);

/** Keys whose values are URLs: kept without the user information (a token is often the user name). */
const URL_KEYS = new Set(['remote.*.url', 'remote.*.pushurl', 'submodule.*.url']);

export function gitConfigForGuest(text: string): string {
  const out: string[] = [];
  let section: { name: string; subsection?: string } | undefined;
  let emitted: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (trimmed.startsWith('[')) {
      section = parseSectionHeader(trimmed);
      continue;
    }
    if (!section) continue;
    const entry = parseEntry(trimmed);
    if (!entry) continue;
    const key = `${section.name}.${section.subsection === undefined ? '' : '*.'}${entry.name}`;
    // extensions.* are needed to read the repository at all (object format, worktree config).
    if (!KEPT.has(key) && section.name !== 'extensions') continue;
    if (section.name === 'extensions' && section.subsection !== undefined) continue;
    const value = URL_KEYS.has(key) ? withoutUserInformation(entry.value) : entry.value;
    if (value === undefined) continue;
    const header =
      section.subsection === undefined ? `[${section.name}]` : `[${section.name} ${quote(section.subsection)}]`;
    if (header !== emitted) out.push(header);
    emitted = header;
    out.push(`\t${entry.name} = ${quote(value)}`);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}

/** `[core]`, `[remote "origin"]`, legacy `[branch.main]`; undefined (section dropped) for anything else. */
function parseSectionHeader(line: string): { name: string; subsection?: string } | undefined {
  const plain = /^\[([A-Za-z0-9.-]+)\]\s*(?:[#;].*)?$/.exec(line);
  if (plain) {
    const [name, ...rest] = plain[1]!.split('.');
    return rest.length === 0
      ? { name: name!.toLowerCase() }
      : { name: name!.toLowerCase(), subsection: rest.join('.') };
  }
  const quoted = /^\[([A-Za-z0-9.-]+)\s+"((?:[^"\\\n]|\\.)*)"\]\s*(?:[#;].*)?$/.exec(line);
  if (!quoted) return undefined;
  return { name: quoted[1]!.toLowerCase(), subsection: quoted[2]!.replace(/\\(.)/g, '$1') };
}

/**
 * `name = value` with a value git would read the same way: plain text, or one double-quoted string,
 * an optional trailing comment. Escapes, continuation lines and mixed quoting are dropped.
 */
function parseEntry(line: string): { name: string; value: string } | undefined {
  const match = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(line);
  if (!match) return undefined;
  const name = match[1]!.toLowerCase();
  const raw = match[2] ?? 'true';
  const quotedValue = /^"([^"\\]*)"\s*(?:[#;].*)?$/.exec(raw);
  if (quotedValue) return { name, value: quotedValue[1]! };
  if (/["\\]/.test(raw)) return undefined;
  return { name, value: raw.replace(/\s*[#;].*$/, '').trim() };
}

/**
 * A URL without user information: `https://x-access-token:ghs_…@github.com/o/r` → `https://github.com/o/r`.
 * scp-like `git@host:path` keeps its user (a login name, never a secret there); a password in it drops the value.
 */
function withoutUserInformation(value: string): string | undefined {
  const url = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*@)?(.*)$/.exec(value);
  if (url) return `${url[1]}${url[3]}`;
  const scp = /^([^@/:]+)@([^:/]+):(.*)$/.exec(value);
  if (scp) return scp[1]!.includes(':') ? undefined : value;
  return value.includes('@') && value.includes(':') ? undefined : value;
}

function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
