/**
 * The image catalog: cloud images by name (`image: ubuntu-24.04`), each with where it is downloaded,
 * where its official digest comes from, and what the guest expects (login user, sudo group, shell,
 * firmware, cloud-init flavour). The data is catalog/images.json, imported so that the bundle carries
 * it; this module checks every field of it and resolves names (catalog-table.ts prints it).
 */
import catalogData from '../../catalog/images.json' with { type: 'json' };
import { SolsticeError, type InputWording } from '../core/errors.js';
import {
  ADMIN_COMMANDS,
  DIALECT_USERLAND,
  SEED_DIALECTS,
  SSHD_KINDS,
  TAR_FLAVOURS,
  type ConsoleLogin,
  type GuestUserland,
  type SeedDialect,
} from '../core/guest-userland.js';
import {
  ARCHES,
  DIGEST_HEX_LENGTH,
  FIRMWARES,
  type Arch,
  type Compression,
  type Digest,
  type DigestAlgorithm,
  type Firmware,
} from '../core/vocabulary.js';
import type { ChecksumFileFormat } from '../image/checksum-file.js';
import type { ArchiveMember } from '../image/archive-member.js';
import { memberPath } from '../core/tar-member.js';
import type { ImageFormat, PublishedChecksum } from '../image/types.js';

export type SudoGroup = 'sudo' | 'wheel';

/** The digest is written in the catalog (for images that can no longer change). */
export interface PinnedChecksum {
  kind: 'pinned';
  digest: Digest;
}

export type ChecksumSource = PublishedChecksum | PinnedChecksum;

export interface CatalogImage {
  url: string;
  /** The disk format once decompressed. */
  format: ImageFormat;
  compression: Compression;
  /** The decompressed download is an archive (`tar`) and this member of it is the image, e.g. `disk.raw`. */
  archive?: ArchiveMember;
  /** What the digest covers: the file as downloaded, or the image after decompression (the same file when uncompressed). */
  digestOf: 'compressed' | 'uncompressed';
  firmware: Firmware;
  checksum: ChecksumSource;
  /** The most bytes its download (and the image decompressed from it) may have, when the default cap (64 GiB) does not fit. */
  maxSize?: number;
}

export interface CatalogEntry {
  /** `<os>-<release>`, e.g. `freebsd-14.3`. */
  name: string;
  os: string;
  release: string;
  title: string;
  /** The image's own login user (the action still creates its `user`). */
  user: string;
  /** The admin group the job's user joins; none where the login is root (illumos-cpio, console). */
  sudoGroup?: SudoGroup;
  shell: string;
  /** The image's first-boot reader. */
  seed: SeedDialect;
  /** The guest's admin command, tar and SSH server: the dialect's usual ones unless the entry says otherwise. */
  userland: GuestUserland;
  /** seed: console only: the login the image's serial console accepts. */
  console?: ConsoleLogin;
  note?: string;
  images: Partial<Record<Arch, CatalogImage>>;
}

export interface ResolvedImage {
  entry: CatalogEntry;
  arch: Arch;
  image: CatalogImage;
}

const CATALOG_FILE = 'catalog/images.json';
const NAME = /^([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)-(r?\d+(?:\.\d+)*)$/;
const LOGIN = /^[a-z_][a-z0-9_-]{0,31}$/;
const SHELL = /^\/[A-Za-z0-9_./-]+$/;
const COMPRESSIONS: readonly Compression[] = ['none', 'xz', 'zst', 'gz', 'bz2'];
const PINNED_DIGEST = new RegExp(
  `^(sha256:[0-9a-f]{${DIGEST_HEX_LENGTH.sha256}}|sha512:[0-9a-f]{${DIGEST_HEX_LENGTH.sha512}})$`,
);
const CHECKSUM_FORMATS: readonly ChecksumFileFormat[] = ['gnu', 'bsd', 'bare'];
/** How many close names an unknown-image error suggests. */
const SUGGESTIONS = 4;

let bundled: readonly CatalogEntry[] | undefined;

/** The catalog shipped with the action, checked on first use. */
export function loadCatalog(): readonly CatalogEntry[] {
  bundled ??= parseCatalog(catalogData);
  return bundled;
}

/**
 * Checks catalog data field by field. Every problem is reported at once, each naming the entry, the
 * field and what is accepted, e.g. `freebsd-14.3.arches.aarch64.firmware is 'bios': …`.
 */
export function parseCatalog(
  data: unknown,
  source = CATALOG_FILE,
  options: { allowHttp?: boolean } = {},
): CatalogEntry[] {
  const reader = new Reader(options.allowHttp);
  const root = reader.object(data, source, ['images', '$comment']);
  const images = root ? reader.object(root['images'], 'images') : undefined;
  const entries = Object.entries(images ?? {}).map(([name, value]) => readEntry(reader, name, value));
  if (reader.problems.length > 0) {
    throw new SolsticeError(`The image catalog ${source} is invalid:\n- ${reader.problems.join('\n- ')}`);
  }
  return entries;
}

function readEntry(reader: Reader, name: string, value: unknown): CatalogEntry {
  const match = NAME.exec(name);
  if (!match)
    reader.fail(name, name, "an entry name '<os>-<release>' such as 'debian-12' or 'freebsd-14.3' (lower case)");
  const fields =
    reader.object(value, name, [
      'title',
      'user',
      'sudoGroup',
      'shell',
      'seed',
      'cloudInit',
      'userland',
      'console',
      'note',
      'arches',
    ]) ?? {};
  const at = fieldsOf(fields, name);
  const arches = reader.object(fields['arches'], `${name}.arches`, ARCHES);
  if (arches && Object.keys(arches).length === 0)
    reader.problems.push(`${name}.arches has no image: give at least one of ${ARCHES.join(', ')}.`);
  const images: Partial<Record<Arch, CatalogImage>> = {};
  for (const arch of ARCHES) {
    if (arches && arch in arches) images[arch] = readImage(reader, `${name}.arches.${arch}`, arch, arches[arch]);
  }
  const note = fields['note'] === undefined ? undefined : reader.text(at('note'), /\S/, 'a non-empty note');
  const seed = readSeed(reader, fields, at);
  return {
    name,
    os: match?.[1] ?? name,
    release: match?.[2] ?? '',
    title: reader.text(at('title'), /\S/, 'a non-empty title'),
    user: reader.text(at('user'), LOGIN, 'a login name of lower-case letters, digits, _ and -'),
    ...(fields['sudoGroup'] === undefined && (seed === 'illumos-cpio' || seed === 'console')
      ? {}
      : { sudoGroup: reader.oneOf<SudoGroup>(at('sudoGroup'), ['sudo', 'wheel']) }),
    shell: reader.text(at('shell'), SHELL, 'an absolute path such as /bin/bash'),
    seed,
    userland: readUserland(reader, `${name}.userland`, fields['userland'], seed),
    ...readConsoleLogin(reader, name, fields['console'], seed),
    ...(note === undefined ? {} : { note }),
    images,
  };
}

/** `seed`, or the older `cloudInit` of catalog files written before dialects (cloud-init and nuageinit read cloud-config). */
function readSeed(reader: Reader, fields: Record<string, unknown>, at: (key: string) => Field): SeedDialect {
  if (fields['seed'] === undefined && fields['cloudInit'] !== undefined) {
    const flavour = reader.oneOf(at('cloudInit'), ['cloud-init', 'nuageinit', 'none'], " (or give 'seed' instead)");
    return flavour === 'none' ? 'none' : 'cloud-config';
  }
  if (fields['cloudInit'] !== undefined)
    reader.fail(at('cloudInit').path, fields['cloudInit'], "nothing beside 'seed'");
  return reader.oneOf(at('seed'), SEED_DIALECTS);
}

function readConsoleLogin(reader: Reader, name: string, value: unknown, seed: SeedDialect): { console?: ConsoleLogin } {
  const path = `${name}.console`;
  if (seed !== 'console') {
    if (value !== undefined)
      reader.fail(path, value, "nothing: only an entry with seed 'console' logs in on its console");
    return {};
  }
  const fields = reader.object(value, path, ['user', 'password']) ?? {};
  const at = fieldsOf(fields, path);
  const password = fields['password'] ?? '';
  if (typeof password !== 'string' || /[\0-\x1f\x7f]/.test(password))
    reader.fail(`${path}.password`, password, 'a string of printable characters (empty for none)');
  return {
    console: {
      user: reader.text(at('user'), LOGIN, 'a login name of lower-case letters, digits, _ and -'),
      password: typeof password === 'string' ? password : '',
    },
  };
}

function readUserland(reader: Reader, path: string, value: unknown, seed: SeedDialect): GuestUserland {
  const usual = DIALECT_USERLAND[seed];
  if (value === undefined) return usual;
  const fields = reader.object(value, path, ['admin', 'tar', 'sshd', 'sshdReload']) ?? {};
  const at = fieldsOf(fields, path);
  return {
    admin: fields['admin'] === undefined ? usual.admin : reader.oneOf(at('admin'), ADMIN_COMMANDS),
    tar: fields['tar'] === undefined ? usual.tar : reader.oneOf(at('tar'), TAR_FLAVOURS),
    sshd: fields['sshd'] === undefined ? usual.sshd : reader.oneOf(at('sshd'), SSHD_KINDS),
    sshdReload:
      fields['sshdReload'] === undefined
        ? usual.sshdReload
        : reader.text(
            at('sshdReload'),
            /^[^\n\0]+$/,
            'one line of shell that makes the SSH server take a new host key',
          ),
  };
}

function readImage(reader: Reader, path: string, arch: Arch, value: unknown): CatalogImage {
  const fields =
    reader.object(value, path, [
      'url',
      'format',
      'compression',
      'archive',
      'digestOf',
      'firmware',
      'checksum',
      'maxSize',
    ]) ?? {};
  const at = fieldsOf(fields, path);
  const compression = reader.oneOf(at('compression'), COMPRESSIONS);
  // An uncompressed file is the image itself, so only a compressed one has to say what its digest covers.
  const digestOf =
    compression === 'none' && fields['digestOf'] === undefined
      ? 'uncompressed'
      : reader.oneOf(at('digestOf'), compression === 'none' ? ['uncompressed'] : ['compressed', 'uncompressed']);
  // QEMU's aarch64 `virt` machine has no BIOS: its images boot with UEFI only.
  const firmware =
    arch === 'aarch64'
      ? reader.oneOf(at('firmware'), ['uefi'], ' (aarch64 guests boot with UEFI only)')
      : reader.oneOf(at('firmware'), FIRMWARES);
  const maxSize =
    fields['maxSize'] === undefined
      ? undefined
      : reader.positiveInteger(at('maxSize'), 'a whole number of bytes above 0, such as 4294967296 for 4 GiB');
  const archive =
    fields['archive'] === undefined ? undefined : readArchive(reader, `${path}.archive`, fields['archive']);
  if (archive && compression === 'none')
    reader.problems.push(
      `${path}.archive needs a compression: an archive is unpacked from the decompressed download (give 'gz' for a .tar.gz).`,
    );
  return {
    url: reader.httpsUrl(at('url')),
    format: reader.oneOf(at('format'), ['qcow2', 'raw']),
    compression,
    ...(archive === undefined ? {} : { archive }),
    digestOf,
    firmware,
    checksum: readChecksum(reader, `${path}.checksum`, fields['checksum']),
    ...(maxSize === undefined ? {} : { maxSize }),
  };
}

/** `archive`: `{ "format": "tar", "member": "disk.raw" }`, the member a plain relative path. */
function readArchive(reader: Reader, path: string, value: unknown): ArchiveMember {
  const at = fieldsOf(reader.object(value, path, ['format', 'member']) ?? {}, path);
  const format = reader.oneOf(at('format'), ['tar']);
  const member = at('member');
  const normal = typeof member.value === 'string' ? memberPath(member.value) : undefined;
  if (normal === undefined || normal === '' || normal !== member.value) {
    reader.fail(member.path, member.value, "the path of the image inside the archive, relative, such as 'disk.raw'");
  }
  return { format, member: normal ?? '' };
}

function readChecksum(reader: Reader, path: string, value: unknown): ChecksumSource {
  const isPinned = typeof value === 'object' && value !== null && 'pinned' in value;
  if (isPinned) {
    const at = fieldsOf(reader.object(value, path, ['pinned']) ?? {}, path);
    const text = reader.text(
      at('pinned'),
      PINNED_DIGEST,
      `'sha256:' and ${DIGEST_HEX_LENGTH.sha256} or 'sha512:' and ${DIGEST_HEX_LENGTH.sha512} lower-case hex digits`,
    );
    const [algorithm, hex] = text.split(':') as [DigestAlgorithm, string];
    return { kind: 'pinned', digest: { algorithm, hex } };
  }
  const fields = reader.object(value, path, ['url', 'format', 'clearsigned', 'algorithm', 'file']) ?? {};
  const at = fieldsOf(fields, path);
  const clearsigned = fields['clearsigned'] ?? false;
  if (typeof clearsigned !== 'boolean') reader.fail(`${path}.clearsigned`, clearsigned, 'true or false');
  return {
    kind: 'published',
    url: reader.httpsUrl(at('url')),
    format: reader.oneOf(at('format'), CHECKSUM_FORMATS),
    clearsigned: clearsigned === true,
    algorithm: reader.oneOf(at('algorithm'), ['sha256', 'sha512']),
    fileName: reader.text(at('file'), /^[^/\s]+$/, 'the file name the checksum file lists (no directory)'),
  };
}

interface Field {
  value: unknown;
  path: string;
}

/** A field of `fields` by name, with its path for messages. */
function fieldsOf(fields: Record<string, unknown>, path: string): (key: string) => Field {
  return (key) => ({ value: fields[key], path: `${path}.${key}` });
}

/** Reads untyped data, collecting a problem for each field that is missing or wrong. */
class Reader {
  readonly problems: string[] = [];

  constructor(private readonly allowHttp = false) {}

  fail(path: string, value: unknown, expected: string): void {
    const shown = typeof value === 'string' ? `'${value}'` : value === undefined ? 'missing' : JSON.stringify(value);
    this.problems.push(`${path} is ${shown}: expected ${expected}.`);
  }

  /** An object; with `known`, one that has no other fields. Undefined when it is not an object. */
  object(value: unknown, path: string, known?: readonly string[]): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, value, 'an object');
      return undefined;
    }
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (known && !known.includes(key))
        this.problems.push(`${path}.${key} is not a known field (known: ${known.join(', ')}).`);
    }
    return fields;
  }

  text(field: Field, pattern: RegExp, expected: string): string {
    if (typeof field.value === 'string' && pattern.test(field.value)) return field.value;
    this.fail(field.path, field.value, expected);
    return '';
  }

  positiveInteger(field: Field, expected: string): number {
    if (Number.isSafeInteger(field.value) && (field.value as number) > 0) return field.value as number;
    this.fail(field.path, field.value, expected);
    return 0;
  }

  oneOf<T extends string>(field: Field, allowed: readonly T[], why = ''): T {
    if (allowed.includes(field.value as T)) return field.value as T;
    this.fail(field.path, field.value, `${allowed.map((value) => `'${value}'`).join(' or ')}${why}`);
    return allowed[0]!;
  }

  /**
   * HTTPS only in the bundled catalog: a checksum fetched over plain HTTP could be swapped along with the
   * image. A project's own catalog file may name http:// mirrors on its own network.
   */
  httpsUrl(field: Field): string {
    const expected = this.allowHttp ? 'an http(s):// URL of a file' : 'an https:// URL of a file';
    const text = this.text(field, this.allowHttp ? /^https?:\/\/\S+\/[^/\s]+$/ : /^https:\/\/\S+\/[^/\s]+$/, expected);
    if (text !== '' && !URL.canParse(text)) this.fail(field.path, text, expected);
    return text;
  }
}

// ---------------------------------------------------------------------------------------------------
// Resolution

/**
 * The image for `image: <name>` and `arch:`. A name is an exact entry, or a release prefix that picks
 * the newest release it covers (`freebsd-14` → the highest `freebsd-14.x`, compared as numbers).
 */
export function resolveImage(
  name: string,
  arch: Arch,
  entries: readonly CatalogEntry[] = loadCatalog(),
): ResolvedImage {
  const wanted = name.trim().toLowerCase();
  const entry = entries.find((candidate) => candidate.name === wanted) ?? newestWithPrefix(wanted, entries);
  if (!entry) throw unknownImage(name.trim(), wanted, entries);
  const image = entry.images[arch];
  if (!image) {
    const available = ARCHES.filter((candidate) => entry.images[candidate]);
    throw new SolsticeError(
      `is '${arch}': the catalog has no ${arch} image of ${entry.name} (it has ${available.join(', ')}).`,
      {
        input: 'arch',
        hint: (say) =>
          `Use ${say.setting('arch', available[0])}, or give a ${arch} image by URL with ${say.setting('image-url')}.`,
      },
    );
  }
  return { entry, arch, image };
}

function newestWithPrefix(wanted: string, entries: readonly CatalogEntry[]): CatalogEntry | undefined {
  return entries
    .filter((entry) => entry.name.startsWith(`${wanted}.`))
    .sort((a, b) => compareReleases(b.release, a.release))[0];
}

/** Orders releases by their numeric components: 14.10 after 14.9, r151058 after r151054. */
export function compareReleases(a: string, b: string): number {
  const numbers = (release: string): number[] => release.replace(/^r/, '').split('.').map(Number);
  const [left, right] = [numbers(a), numbers(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? -1) - (right[index] ?? -1);
    if (difference !== 0) return difference;
  }
  return 0;
}

function unknownImage(shown: string, wanted: string, entries: readonly CatalogEntry[]): SolsticeError {
  const fix = (say: InputWording) =>
    `Use '${say.setting('image', 'list')}' to print the catalog, or give an image that is not in it by URL with ${say.setting('image-url')} (and ${say.setting('image-checksum')}).`;
  const sameOs = entries.filter((entry) => entry.os === wanted);
  if (sameOs.length > 0) {
    return new SolsticeError(`is '${shown}'`, {
      input: 'image',
      hint: (say) => `name a release too, one of ${names(sameOs)}. ${fix(say)}`,
    });
  }
  // Close: a few typos away, or the same family under a shorter or longer name (rocky-9, freebsd-13).
  const wantedOs = NAME.exec(wanted)?.[1] ?? wanted;
  const sameFamily = (entry: CatalogEntry): boolean =>
    wantedOs !== '' && (entry.os.startsWith(wantedOs) || wantedOs.startsWith(entry.os));
  const ranked = entries
    .map((entry) => ({ entry, distance: editDistance(wanted, entry.name) }))
    .filter(({ entry, distance }) => distance <= Math.max(2, Math.floor(wanted.length / 3)) || sameFamily(entry))
    .sort((a, b) => a.distance - b.distance || compareReleases(b.entry.release, a.entry.release))
    .slice(0, SUGGESTIONS)
    .map(({ entry }) => entry);
  const hint =
    ranked.length > 0
      ? `Close matches: ${names(ranked)}.`
      : `The catalog has ${[...new Set(entries.map((entry) => entry.os))].join(', ')}.`;
  return new SolsticeError(`is '${shown}': no such image in the catalog.`, {
    input: 'image',
    hint: (say) => `${hint} ${fix(say)}`,
  });
}

function names(entries: readonly CatalogEntry[]): string {
  return entries.map((entry) => entry.name).join(', ');
}

/** Levenshtein distance: the number of one-character edits from one name to the other. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
