/**
 * Minimal ISO 9660 + Joliet image writer, enough for a cloud-init NoCloud seed
 * (a "cidata" volume with a flat root: user-data, meta-data, ...). Pure: builds
 * the whole image in memory. Layout (ECMA-119 plus the Joliet SVD):
 *
 *   0-15   system area (zeros)
 *   16     Primary Volume Descriptor      (8.3 upper-case names, for old readers)
 *   17     Joliet Supplementary VD (%/E)  (UCS-2 names: the real file names)
 *   18     Volume Descriptor Set Terminator
 *   19-22  L and M path tables, primary then Joliet (root only, so 10 bytes each)
 *   ...    primary root directory, Joliet root directory, then file extents
 *          (each file's data is stored once and shared by both trees)
 */

export interface IsoFile {
  name: string;
  data: Uint8Array;
}

export interface IsoOptions {
  volumeId: string;
  files: readonly IsoFile[];
  /** Timestamp recorded in the descriptors and directory records; defaults to now. */
  modified?: Date;
}

const SECTOR = 2048;
const FIRST_VD_SECTOR = 16;
const PATH_TABLE_SECTOR = FIRST_VD_SECTOR + 3;
const PATH_TABLE_SIZE = 10; // one root entry: 8 bytes + 1-byte id + 1 pad byte
const FLAG_DIRECTORY = 0x02;
const MAX_FILE_SIZE = 0xffff_ffff; // data length is a 32-bit field; we write no multi-extent files
// Joliet forbids control characters and * / : ; ? \ in identifiers.
const JOLIET_FORBIDDEN = /[\u0000-\u001f*/:;?\\]/;

/** Builds the image. Same options (including `modified`) give byte-identical output. */
export function buildIso(options: IsoOptions): Buffer {
  const { volumeId, files } = options;
  const modified = options.modified ?? new Date();
  validate(volumeId, files, modified);

  const primaryNames = primaryIdentifiers(files.map((f) => f.name));
  const primaryEntries = files.map((f, i) => ({ id: Buffer.from(primaryNames[i]!, 'ascii'), file: f, index: i }));
  const jolietEntries = files.map((f, i) => ({ id: ucs2(f.name), file: f, index: i }));
  // ECMA-119 9.3 wants records ordered by identifier. Primary ids are d-characters, '.' and ';1', so
  // comparing base name then extension matches the spec's space-padded comparison; Joliet sorts by code unit.
  primaryEntries.sort((a, b) => comparePrimaryIds(primaryNames[a.index]!, primaryNames[b.index]!));
  jolietEntries.sort((a, b) => Buffer.compare(a.id, b.id));

  const primaryRootSector = PATH_TABLE_SECTOR + 4;
  const primaryRootSize = directorySize(primaryEntries.map((e) => e.id.length));
  const jolietRootSector = primaryRootSector + primaryRootSize / SECTOR;
  const jolietRootSize = directorySize(jolietEntries.map((e) => e.id.length));

  // Empty files get extent 0, as they own no sectors; readers never read it for a zero length.
  let nextSector = jolietRootSector + jolietRootSize / SECTOR;
  const extents = files.map((f) => {
    if (f.data.length === 0) return 0;
    const start = nextSector;
    nextSector += sectorsFor(f.data.length);
    return start;
  });
  const totalSectors = nextSector;

  const image = Buffer.alloc(totalSectors * SECTOR);
  const root = (sector: number, size: number): DirRecord => ({
    id: Buffer.of(0),
    extent: sector,
    size,
    flags: FLAG_DIRECTORY,
  });

  writeVolumeDescriptor(image, FIRST_VD_SECTOR, {
    joliet: false,
    volumeId,
    totalSectors,
    modified,
    pathTableSector: PATH_TABLE_SECTOR,
    root: root(primaryRootSector, primaryRootSize),
  });
  writeVolumeDescriptor(image, FIRST_VD_SECTOR + 1, {
    joliet: true,
    volumeId,
    totalSectors,
    modified,
    pathTableSector: PATH_TABLE_SECTOR + 2,
    root: root(jolietRootSector, jolietRootSize),
  });
  writeTerminator(image, FIRST_VD_SECTOR + 2);

  writePathTables(image, PATH_TABLE_SECTOR, primaryRootSector);
  writePathTables(image, PATH_TABLE_SECTOR + 2, jolietRootSector);

  const toRecord = (e: { id: Buffer; file: IsoFile; index: number }): DirRecord => ({
    id: e.id,
    extent: extents[e.index]!,
    size: e.file.data.length,
    flags: 0,
  });
  writeDirectory(image, { sector: primaryRootSector, size: primaryRootSize }, primaryEntries.map(toRecord), modified);
  writeDirectory(image, { sector: jolietRootSector, size: jolietRootSize }, jolietEntries.map(toRecord), modified);

  files.forEach((f, i) => image.set(f.data, extents[i]! * SECTOR));
  return image;
}

function validate(volumeId: string, files: readonly IsoFile[], modified: Date): void {
  if (!/^[A-Za-z0-9_]{1,32}$/.test(volumeId)) {
    throw new Error(`Invalid ISO volume id ${JSON.stringify(volumeId)}: use 1-32 characters of A-Z, a-z, 0-9, _.`);
  }
  const year = modified.getUTCFullYear();
  if (Number.isNaN(modified.getTime()) || year < 1900 || year > 2155) {
    throw new Error(`Invalid ISO timestamp ${String(modified)}: directory records hold years 1900-2155 only.`);
  }
  const seen = new Set<string>();
  for (const { name, data } of files) {
    const shown = JSON.stringify(name);
    if (name.length === 0 || name.length > 64) {
      throw new Error(`Invalid ISO file name ${shown}: must be 1-64 characters (Joliet limit).`);
    }
    if (JOLIET_FORBIDDEN.test(name)) {
      throw new Error(`Invalid ISO file name ${shown}: '/', control characters and * : ; ? \\ are not allowed.`);
    }
    // Linux drops trailing dots from Joliet names, so such a file would be read back under another name.
    if (name.endsWith('.')) throw new Error(`Invalid ISO file name ${shown}: must not end with '.'.`);
    if (/[\ud800-\udfff]/.test(name)) {
      throw new Error(`Invalid ISO file name ${shown}: Joliet is UCS-2, characters outside the BMP are not allowed.`);
    }
    if (seen.has(name)) throw new Error(`Duplicate ISO file name ${shown}.`);
    seen.add(name);
    if (data.length > MAX_FILE_SIZE) {
      throw new Error(`ISO file ${shown} is ${data.length} bytes; the limit is ${MAX_FILE_SIZE}.`);
    }
  }
}

/** Level 1 names ("USER_DAT.;1") for the primary tree, made unique with a numeric suffix on collision. */
function primaryIdentifiers(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const clean = (s: string) => s.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
    const base = clean(dot > 0 ? name.slice(0, dot) : name).slice(0, 8);
    const ext = dot > 0 ? clean(name.slice(dot + 1)).slice(0, 3) : '';
    let id = `${base}.${ext};1`;
    for (let n = 1; used.has(id); n++) {
      const suffix = String(n);
      id = `${base.slice(0, 8 - suffix.length)}${suffix}.${ext};1`;
    }
    used.add(id);
    return id;
  });
}

/** "BASE.EXT;1" ids: by base name, then extension (the version is always 1). */
function comparePrimaryIds(a: string, b: string): number {
  const [aBase = '', aExt = ''] = a.split(/[.;]/);
  const [bBase = '', bExt = ''] = b.split(/[.;]/);
  return aBase < bBase ? -1 : aBase > bBase ? 1 : aExt < bExt ? -1 : aExt > bExt ? 1 : 0;
}

function ucs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16(); // Joliet stores UCS-2 big-endian
}

function sectorsFor(bytes: number): number {
  return Math.ceil(bytes / SECTOR);
}

// ---- directory records --------------------------------------------------------------------------

interface DirRecord {
  id: Buffer;
  extent: number;
  size: number;
  flags: number;
}

/** Record length: 33 fixed bytes + identifier, padded to an even length (ECMA-119 9.1.12). */
function recordLength(idLength: number): number {
  return 33 + idLength + (idLength % 2 === 0 ? 1 : 0);
}

/** Bytes a directory occupies when records may not cross sector boundaries; always whole sectors. */
function directorySize(idLengths: readonly number[]): number {
  let sectors = 1;
  let used = 2 * recordLength(1); // "." and ".."
  for (const len of idLengths) {
    const rec = recordLength(len);
    if (used + rec > SECTOR) {
      sectors++;
      used = 0;
    }
    used += rec;
  }
  return sectors * SECTOR;
}

function writeDirectory(
  image: Buffer,
  { sector, size }: { sector: number; size: number },
  files: readonly DirRecord[],
  when: Date,
): void {
  const self: DirRecord = { id: Buffer.of(0), extent: sector, size, flags: FLAG_DIRECTORY };
  const parent: DirRecord = { ...self, id: Buffer.of(1) }; // the root is its own parent
  const start = sector * SECTOR;
  let offset = start;
  for (const record of [self, parent, ...files]) {
    const len = recordLength(record.id.length);
    const sectorEnd = start + (Math.floor((offset - start) / SECTOR) + 1) * SECTOR;
    if (offset + len > sectorEnd) offset = sectorEnd; // leave the zero padding, continue in the next sector
    writeRecord(image, offset, record, when);
    offset += len;
  }
}

function writeRecord(buf: Buffer, at: number, record: DirRecord, when: Date): void {
  buf[at] = recordLength(record.id.length);
  buf[at + 1] = 0; // extended attribute record length
  writeBoth32(buf, at + 2, record.extent);
  writeBoth32(buf, at + 10, record.size);
  writeShortDate(buf, at + 18, when);
  buf[at + 25] = record.flags;
  writeBoth16(buf, at + 28, 1); // volume sequence number
  buf[at + 32] = record.id.length;
  record.id.copy(buf, at + 33);
}

// ---- volume descriptors and path tables ---------------------------------------------------------

interface DescriptorFields {
  joliet: boolean;
  volumeId: string;
  totalSectors: number;
  modified: Date;
  pathTableSector: number;
  root: DirRecord;
}

function writeVolumeDescriptor(image: Buffer, sector: number, d: DescriptorFields): void {
  const at = sector * SECTOR;
  // Text fields are space padded; Joliet writes them as UCS-2, so the 32-byte volume id holds 16 characters.
  const text = (offset: number, length: number, value = '') => {
    if (d.joliet) {
      const chars = Math.floor(length / 2);
      ucs2(value.slice(0, chars).padEnd(chars, ' ')).copy(image, at + offset);
    } else {
      image.write(value.padEnd(length, ' '), at + offset, length, 'ascii');
    }
  };
  image[at] = d.joliet ? 2 : 1;
  image.write('CD001', at + 1, 'ascii');
  image[at + 6] = 1; // descriptor version
  text(8, 32); // system identifier
  text(40, 32, d.volumeId);
  writeBoth32(image, at + 80, d.totalSectors);
  if (d.joliet) image.write('%/E', at + 88, 'ascii'); // UCS-2 level 3
  writeBoth16(image, at + 120, 1); // volume set size
  writeBoth16(image, at + 124, 1); // volume sequence number
  writeBoth16(image, at + 128, SECTOR);
  writeBoth32(image, at + 132, PATH_TABLE_SIZE);
  image.writeUInt32LE(d.pathTableSector, at + 140);
  image.writeUInt32BE(d.pathTableSector + 1, at + 148);
  writeRecord(image, at + 156, d.root, d.modified);
  text(190, 128); // volume set
  text(318, 128); // publisher
  text(446, 128); // data preparer
  text(574, 128); // application
  text(702, 37); // copyright file
  text(739, 37); // abstract file
  text(776, 37); // bibliographic file
  writeLongDate(image, at + 813, d.modified); // creation
  writeLongDate(image, at + 830, d.modified); // modification
  writeLongDate(image, at + 847, undefined); // expiration: none
  writeLongDate(image, at + 864, undefined); // effective: immediately
  image[at + 881] = 1; // file structure version
}

function writeTerminator(image: Buffer, sector: number): void {
  const at = sector * SECTOR;
  image[at] = 255;
  image.write('CD001', at + 1, 'ascii');
  image[at + 6] = 1;
}

/** Writes the L (little-endian) table at `sector` and the M (big-endian) one right after it. */
function writePathTables(image: Buffer, sector: number, rootSector: number): void {
  for (const bigEndian of [false, true]) {
    const at = (sector + (bigEndian ? 1 : 0)) * SECTOR;
    image[at] = 1; // identifier length: the root's is a single 0x00 byte
    if (bigEndian) {
      image.writeUInt32BE(rootSector, at + 2);
      image.writeUInt16BE(1, at + 6); // parent directory number (root is 1)
    } else {
      image.writeUInt32LE(rootSector, at + 2);
      image.writeUInt16LE(1, at + 6);
    }
  }
}

// ---- field encodings ----------------------------------------------------------------------------

function writeBoth16(buf: Buffer, at: number, value: number): void {
  buf.writeUInt16LE(value, at);
  buf.writeUInt16BE(value, at + 2);
}

function writeBoth32(buf: Buffer, at: number, value: number): void {
  buf.writeUInt32LE(value, at);
  buf.writeUInt32BE(value, at + 4);
}

/** 7-byte directory record date, in UTC (offset 0). */
function writeShortDate(buf: Buffer, at: number, date: Date): void {
  buf[at] = date.getUTCFullYear() - 1900;
  buf[at + 1] = date.getUTCMonth() + 1;
  buf[at + 2] = date.getUTCDate();
  buf[at + 3] = date.getUTCHours();
  buf[at + 4] = date.getUTCMinutes();
  buf[at + 5] = date.getUTCSeconds();
  buf[at + 6] = 0;
}

/** 17-byte descriptor date "YYYYMMDDHHMMSScc" + UTC offset; all zero digits means "not specified". */
function writeLongDate(buf: Buffer, at: number, date: Date | undefined): void {
  const two = (n: number) => String(n).padStart(2, '0');
  const digits = date
    ? `${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}` +
      `${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}` +
      two(Math.floor(date.getUTCMilliseconds() / 10))
    : '0'.repeat(16);
  buf.write(digits, at, 'ascii');
  buf[at + 16] = 0;
}
