/**
 * A cpio archive in the POSIX.1 "odc" format (magic 070707, octal ASCII header), the one the illumos
 * metadata agent recognises at the start of a disk besides the old binary format (it does not know
 * newc). Pure: the whole archive in memory, padded to whole 512-byte sectors for use as a raw disk.
 */

export interface CpioFile {
  name: string;
  data: Uint8Array;
  /** Permission bits (a regular file is implied). */
  mode: number;
}

const MAGIC = '070707';
const REGULAR_FILE = 0o100000;
const TRAILER = 'TRAILER!!!';
const SECTOR = 512;

/** One header field: `value` in octal, zero-padded to `width` digits. */
function octal(value: number, width: number): string {
  const text = value.toString(8);
  if (text.length > width) throw new Error(`cpio: ${value} does not fit ${width} octal digits`);
  return text.padStart(width, '0');
}

function member(name: string, mode: number, data: Uint8Array, inode: number, mtime: number): Buffer {
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name === TRAILER) throw new Error(`cpio: unsupported member name '${name}'`);
  const nameBytes = Buffer.from(`${name}\0`, 'ascii');
  const header =
    MAGIC +
    octal(0, 6) + // dev
    octal(inode, 6) + // ino: distinct, or readers take members for hard links of each other
    octal(mode, 6) +
    octal(0, 6) + // uid
    octal(0, 6) + // gid
    octal(1, 6) + // nlink
    octal(0, 6) + // rdev
    octal(mtime, 11) +
    octal(nameBytes.length, 6) +
    octal(data.length, 11);
  return Buffer.concat([Buffer.from(header, 'ascii'), nameBytes, data]);
}

/** The archive of `files` (owned by root), with a trailer, padded with zeros to a whole number of sectors. */
export function buildCpio(files: readonly CpioFile[], modified = new Date()): Buffer {
  const mtime = Math.floor(modified.getTime() / 1000);
  const parts = files.map((file, index) =>
    member(file.name, REGULAR_FILE | (file.mode & 0o7777), file.data, index + 1, mtime),
  );
  const trailer = Buffer.from(
    // dev, ino, mode, uid, gid all zero; nlink 1; rdev, mtime zero; the name; no data.
    MAGIC +
      octal(0, 5 * 6) +
      octal(1, 6) +
      octal(0, 6) +
      octal(0, 11) +
      octal(TRAILER.length + 1, 6) +
      octal(0, 11) +
      `${TRAILER}\0`,
    'ascii',
  );
  const archive = Buffer.concat([...parts, trailer]);
  const padded = Buffer.alloc(Math.ceil(archive.length / SECTOR) * SECTOR);
  archive.copy(padded);
  return padded;
}
