/**
 * Reads the checksum file a publisher puts next to its images and finds the digest of one file.
 *
 * Every layout those publishers use is recognised line by line, so one parser serves them all:
 * - GNU coreutils: `<hex>  name` (text mode), `<hex> *name` (binary mode, Ubuntu) and `<hex> name`
 *   (one space, openSUSE's `.sha256` files); a leading `\` marks an escaped name.
 * - BSD: `SHA256 (name) = <hex>` / `SHA512 (name) = <hex>` (Fedora, Rocky, CentOS Stream, FreeBSD).
 * - A bare digest as the file's only content (OmniOS sidecars): it names no file, it is the
 *   digest of the one file it sits next to.
 * A PGP clearsigned wrapper (Fedora's CHECKSUM) is removed first. Its signature is NOT verified:
 * the digest is only as trustworthy as the HTTPS connection that fetched the file.
 */
import { posix } from 'node:path';
import { SolsticeError } from '../core/errors.js';
import { DIGEST_HEX_LENGTH, type Digest, type DigestAlgorithm } from '../core/vocabulary.js';

export type ChecksumFileFormat = 'gnu' | 'bsd' | 'bare';

export interface ChecksumFileMatch {
  digest: Digest;
  /** The layout of the line (or file) the digest came from. */
  format: ChecksumFileFormat;
  /** The lines sat inside a PGP clearsigned message (whose signature is not checked). */
  clearsigned: boolean;
}

/** One digest line. `algorithm` is undefined for digests Solstice does not verify (MD5, SHA-1, …). */
interface Entry {
  name: string;
  algorithm: DigestAlgorithm | undefined;
  /** The algorithm as the file states it: the BSD tag, or the digest's bit length for GNU lines. */
  label: string;
  hex: string;
  format: ChecksumFileFormat;
}

const BSD_LINE = /^([A-Za-z0-9-]+) ?\((.+)\) ?= ?([0-9A-Fa-f]+)$/;
const GNU_LINE = /^(\\?)([0-9A-Fa-f]+) [ *]?(.+)$/;
const BARE_DIGEST = /^[0-9A-Fa-f]+$/;
const ALGORITHM_BY_HEX_LENGTH = new Map(
  Object.entries(DIGEST_HEX_LENGTH).map(([algorithm, length]) => [length, algorithm as DigestAlgorithm]),
);
/** How many of the listed names a "no entry" error shows. */
const NAMES_SHOWN = 5;

/** The digest `source` (a URL or a label, for messages) publishes for `fileName` (a name or path). */
export function parseChecksumFile(text: string, fileName: string, source = 'the checksum file'): Digest {
  return inspectChecksumFile(text, fileName, source).digest;
}

/** Like parseChecksumFile, and says which layout the publisher used (for checking the catalog). */
export function inspectChecksumFile(text: string, fileName: string, source = 'the checksum file'): ChecksumFileMatch {
  const wanted = posix.basename(fileName);
  const { lines, clearsigned } = unwrapClearsigned(splitLines(text), source);
  const content = lines.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const entries = content.map(parseEntry).filter((entry): entry is Entry => entry !== undefined);

  if (entries.length === 0) {
    const bare = content.length === 1 ? bareDigest(content[0]!) : undefined;
    if (bare) return { digest: bare, format: 'bare', clearsigned };
    const first = content[0] === undefined ? 'it is empty' : `its first line is '${content[0].slice(0, 80)}'`;
    throw new SolsticeError(
      `${source} is not a checksum file (${first}): expected lines like '<hex>  ${wanted}' or ` +
        `'SHA256 (${wanted}) = <hex>'. The URL may point at an error page or the wrong file.`,
    );
  }

  const matches = entries.filter((entry) => posix.basename(entry.name) === wanted);
  if (matches.length === 0) throw missingEntry(entries, wanted, source);
  const usable = matches.filter((entry) => entry.algorithm !== undefined);
  if (usable.length === 0) {
    const labels = [...new Set(matches.map((entry) => entry.label))].join(', ');
    throw new SolsticeError(
      `${source} gives ${wanted} only a ${labels} digest; Solstice verifies sha256 or sha512. ` +
        "Use the publisher's SHA256 or SHA512 checksum file, or pin the digest with image-checksum.",
    );
  }
  // The strongest algorithm listed wins; two different digests under one algorithm mean a broken file.
  const algorithm: DigestAlgorithm = usable.some((entry) => entry.algorithm === 'sha512') ? 'sha512' : 'sha256';
  const chosen = usable.filter((entry) => entry.algorithm === algorithm);
  const digests = new Set(chosen.map((entry) => entry.hex));
  if (digests.size > 1) {
    throw new SolsticeError(
      `${source} lists ${digests.size} different ${algorithm} digests for ${wanted}; it cannot be trusted. ` +
        'Fetch it again later, or pin the digest with image-checksum.',
    );
  }
  return { digest: { algorithm, hex: chosen[0]!.hex }, format: chosen[0]!.format, clearsigned };
}

function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

const SIGNED_MESSAGE = '-----BEGIN PGP SIGNED MESSAGE-----';
const SIGNATURE_BEGIN = '-----BEGIN PGP SIGNATURE-----';
const SIGNATURE_END = '-----END PGP SIGNATURE-----';
const ARMOR_HEADER = /^[A-Za-z][A-Za-z0-9-]*: \S/;

/**
 * The signed lines of a clearsigned message (RFC 4880 §7), dash-escaping undone; other text as is.
 * The signature itself is not checked (see the module comment).
 */
function unwrapClearsigned(lines: string[], source: string): { lines: string[]; clearsigned: boolean } {
  const start = lines.findIndex((line) => line.trim() === SIGNED_MESSAGE);
  if (start === -1) return { lines, clearsigned: false };
  const malformed = (what: string): SolsticeError =>
    new SolsticeError(`${source} is a PGP signed message but ${what}: it is truncated or corrupt. Fetch it again.`);

  // Armor headers ("Hash: SHA256") run up to the first empty line; anything else there is not signed.
  let bodyStart = start + 1;
  for (; bodyStart < lines.length && lines[bodyStart]!.trim() !== ''; bodyStart++) {
    if (!ARMOR_HEADER.test(lines[bodyStart]!))
      throw malformed(`its header has the line '${lines[bodyStart]!.slice(0, 80)}'`);
  }
  const signature = lines.findIndex((line, index) => index > bodyStart && line.trim() === SIGNATURE_BEGIN);
  if (signature === -1) throw malformed('has no signature block');
  const end = lines.findIndex((line, index) => index > signature && line.trim() === SIGNATURE_END);
  if (end === -1) throw malformed('its signature block does not end');
  if ([...lines.slice(0, start), ...lines.slice(end + 1)].some((line) => line.trim() !== '')) {
    throw malformed('it has text outside the signed message');
  }
  const body = lines.slice(bodyStart + 1, signature).map((line) => (line.startsWith('- ') ? line.slice(2) : line));
  return { lines: body, clearsigned: true };
}

function parseEntry(line: string): Entry | undefined {
  const bsd = BSD_LINE.exec(line);
  if (bsd) {
    const algorithm = bsd[1]!.toLowerCase();
    const hex = bsd[3]!.toLowerCase();
    const known =
      Object.hasOwn(DIGEST_HEX_LENGTH, algorithm) && hex.length === DIGEST_HEX_LENGTH[algorithm as DigestAlgorithm];
    return {
      name: bsd[2]!,
      algorithm: known ? (algorithm as DigestAlgorithm) : undefined,
      label: bsd[1]!,
      hex,
      format: 'bsd',
    };
  }
  const gnu = GNU_LINE.exec(line);
  if (gnu) {
    const hex = gnu[2]!.toLowerCase();
    const name = gnu[1] === '\\' ? unescapeGnuName(gnu[3]!) : gnu[3]!;
    return {
      name,
      algorithm: ALGORITHM_BY_HEX_LENGTH.get(hex.length),
      label: `${hex.length * 4}-bit`,
      hex,
      format: 'gnu',
    };
  }
  return undefined;
}

/** coreutils escapes `\` and newline in names and marks such lines with a leading `\`. */
function unescapeGnuName(name: string): string {
  return name.replace(/\\([\\n])/g, (_, escaped: string) => (escaped === 'n' ? '\n' : '\\'));
}

function bareDigest(line: string): Digest | undefined {
  if (!BARE_DIGEST.test(line)) return undefined;
  const algorithm = ALGORITHM_BY_HEX_LENGTH.get(line.length);
  return algorithm ? { algorithm, hex: line.toLowerCase() } : undefined;
}

function missingEntry(entries: Entry[], wanted: string, source: string): SolsticeError {
  const names = [...new Set(entries.map((entry) => posix.basename(entry.name)))];
  // The likeliest intended names share the most characters at the start and end with the wanted one
  // (an Ubuntu codename URL against versioned names still shares "-server-cloudimg-amd64.img").
  const common = (a: string, b: string): number => {
    let length = 0;
    while (length < Math.min(a.length, b.length) && a[length] === b[length]) length++;
    return length;
  };
  const reverse = (text: string): string => [...text].reverse().join('');
  const score = (name: string): number => common(name, wanted) + common(reverse(name), reverse(wanted));
  const closest = [...names].sort((a, b) => score(b) - score(a)).slice(0, NAMES_SHOWN);
  const listed =
    names.length > closest.length ? `${names.length} files, the closest: ` : `${names.length === 1 ? 'only ' : ''}`;
  return new SolsticeError(
    `${source} has no entry for ${wanted}; it lists ${listed}${closest.join(', ')}. ` +
      'The image URL and the checksum file do not belong together: check both.',
  );
}
