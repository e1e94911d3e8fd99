/**
 * Decides the format and guest size of an image file, and refuses files that are unsafe (a qcow2 that
 * refers to other files on the runner) or obviously not disk images (an HTML error page saved as .qcow2).
 */
import { open } from 'node:fs/promises';
import { execa } from 'execa';
import { childEnvironment } from '../core/child-environment.js';
import { CancelledError, SolsticeError } from '../core/errors.js';
import type { ImageFormat } from './types.js';
import { program } from '../core/program-search.js';

export interface ImageInfo {
  format: ImageFormat;
  /** Guest disk size in bytes. */
  virtualSize: number;
}

/** How much of the file's beginning is looked at. */
const SAMPLE_BYTES = 4096;
const QCOW2_MAGIC = Buffer.from([0x51, 0x46, 0x49, 0xfb]); // "QFI\xfb"
const QEMU_IMG_TIMEOUT_MS = 60_000;

/**
 * Inspects `file` (an absolute path). `source` names the image in messages (its URL or path).
 * Throws SolsticeError when the file is refused, CancelledError when `signal` fires.
 */
export async function inspectImage(file: string, source: string, signal?: AbortSignal): Promise<ImageInfo> {
  const { format, size } = await inspectHeader(file, source);
  return format === 'qcow2' ? inspectQcow2(file, source, signal) : { format, virtualSize: size };
}

/**
 * The cheap part of inspectImage (the first 4 KiB, no qemu-img), cheap enough for every cache hit: the
 * format the header shows, refusing what the header alone shows to be unsafe or not a disk image.
 */
export async function inspectHeader(file: string, source: string): Promise<{ format: ImageFormat; size: number }> {
  const { sample, size } = await readSample(file, source);
  if (size === 0) {
    throw new SolsticeError(`The image ${source} is empty (0 bytes): it is not a disk image.`);
  }
  if (sample.length >= 4 && sample.subarray(0, 4).equals(QCOW2_MAGIC)) {
    checkQcow2Header(sample, source);
    return { format: 'qcow2', size };
  }
  const notAnImage = recogniseNonImage(sample, source);
  if (notAnImage) {
    throw new SolsticeError(`The image ${source} is not a disk image: ${notAnImage}`);
  }
  return { format: 'raw', size };
}

/** The header checks of a file that must be qcow2 (see checkQcow2Header). */
export async function checkQcow2File(file: string, source: string, backing: 'refuse' | 'allow'): Promise<void> {
  checkQcow2Header((await readSample(file, source)).sample, source, backing);
}

async function readSample(file: string, source: string): Promise<{ sample: Buffer; size: number }> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new SolsticeError(`Cannot read the image ${source}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { sample: buffer.subarray(0, filled), size };
  } finally {
    await handle.close();
  }
}

/**
 * Checks the qcow2 header itself, before qemu-img opens anything the header points to. `backing: 'allow'`
 * is for an overlay whose backing file the caller sets itself before anything reads through it.
 */
export function checkQcow2Header(header: Buffer, source: string, backing: 'refuse' | 'allow' = 'refuse'): void {
  if (!header.subarray(0, 4).equals(QCOW2_MAGIC)) throw new SolsticeError(`The image ${source} is not a qcow2 image.`);
  if (header.length < 72) {
    throw new SolsticeError(`The image ${source} starts like a qcow2 image but its header is truncated.`);
  }
  const version = header.readUInt32BE(4);
  const backingFileOffset = header.readBigUInt64BE(8);
  const cryptMethod = header.readUInt32BE(32);
  if (backingFileOffset !== 0n && backing === 'refuse') {
    const backingSize = header.readUInt32BE(16);
    const offset = Number(backingFileOffset);
    const name =
      offset + backingSize <= header.length && backingSize > 0
        ? ` (${JSON.stringify(header.subarray(offset, offset + backingSize).toString('latin1'))})`
        : '';
    throw new SolsticeError(
      `The qcow2 image ${source} refers to a backing file${name}. Images with a backing file are refused: ` +
        'it could make the VM read files of the runner. Give a self-contained image ' +
        '(e.g. made with `qemu-img convert -O qcow2`).',
    );
  }
  if (version >= 3 && header.length >= 80) {
    const incompatible = header.readBigUInt64BE(72);
    if ((incompatible & 0x4n) !== 0n) {
      throw new SolsticeError(
        `The qcow2 image ${source} uses an external data file. Such images are refused: ` +
          'it could make the VM read files of the runner. Give a self-contained image ' +
          '(e.g. made with `qemu-img convert -O qcow2`).',
      );
    }
  }
  if (cryptMethod !== 0) {
    throw new SolsticeError(`The qcow2 image ${source} is encrypted; encrypted images are not supported.`);
  }
}

export interface QemuImgInfo {
  format?: string;
  'virtual-size'?: number;
  'backing-filename'?: string;
  'full-backing-filename'?: string;
  'format-specific'?: { type?: string; data?: { 'data-file'?: string; corrupt?: boolean } };
}

/** `qemu-img info` of a qcow2 file (its backing file not opened), parsed; SolsticeError naming `source` when it fails. */
export async function qcow2Info(file: string, source: string, signal?: AbortSignal): Promise<QemuImgInfo> {
  // -U: the image may be in use (read-only) by a running VM of another job.
  const result = await execa(program('qemu-img'), ['info', '--output=json', '-f', 'qcow2', '-U', file], {
    reject: false,
    timeout: QEMU_IMG_TIMEOUT_MS,
    ...(signal ? { cancelSignal: signal } : {}),
    stdin: 'ignore',
    env: childEnvironment(),
    extendEnv: false,
  });
  if (result.isCanceled || signal?.aborted) throw new CancelledError();
  if (result.failed) {
    if ((result.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' || result.code === 'ENOENT') {
      throw new SolsticeError('qemu-img was not found: install QEMU (the qemu-utils package) on the runner.');
    }
    const detail = (result.stderr || result.shortMessage || 'unknown error').trim();
    throw new SolsticeError(`qemu-img could not read the qcow2 image ${source}: ${detail}`);
  }
  try {
    return JSON.parse(result.stdout) as QemuImgInfo;
  } catch {
    throw new SolsticeError(`qemu-img gave unreadable output for the image ${source}.`);
  }
}

async function inspectQcow2(file: string, source: string, signal?: AbortSignal): Promise<ImageInfo> {
  const info = await qcow2Info(file, source, signal);
  const backing = info['full-backing-filename'] ?? info['backing-filename'];
  if (backing !== undefined) {
    throw new SolsticeError(
      `The qcow2 image ${source} refers to a backing file (${JSON.stringify(backing)}). Images with a backing ` +
        'file are refused: it could make the VM read files of the runner. Give a self-contained image.',
    );
  }
  const data = info['format-specific']?.data;
  if (data?.['data-file'] !== undefined) {
    throw new SolsticeError(
      `The qcow2 image ${source} uses an external data file (${JSON.stringify(data['data-file'])}). Such images ` +
        'are refused: it could make the VM read files of the runner. Give a self-contained image.',
    );
  }
  if (data?.corrupt === true) {
    throw new SolsticeError(`The qcow2 image ${source} is marked corrupt; repair it with \`qemu-img check -r all\`.`);
  }
  const virtualSize = info['virtual-size'];
  if (
    info.format !== 'qcow2' ||
    typeof virtualSize !== 'number' ||
    !Number.isSafeInteger(virtualSize) ||
    virtualSize <= 0
  ) {
    throw new SolsticeError(`qemu-img did not report a valid qcow2 virtual size for the image ${source}.`);
  }
  return { format: 'qcow2', virtualSize };
}

const COMPRESSED: ReadonlyArray<{ magic: number[]; offset?: number; what: string }> = [
  { magic: [0x1f, 0x8b], what: 'a gzip-compressed file' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'an xz-compressed file' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], what: 'a zstd-compressed file' },
  { magic: [0x42, 0x5a, 0x68], what: 'a bzip2-compressed file' },
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-zip archive' },
  { magic: [0x75, 0x73, 0x74, 0x61, 0x72], offset: 257, what: 'a tar archive' },
];

const OTHER_FORMATS: ReadonlyArray<{ magic: string; what: string }> = [
  { magic: 'KDMV', what: 'a VMDK image' },
  { magic: 'vhdxfile', what: 'a VHDX image' },
  { magic: 'conectix', what: 'a VHD image' },
];

/** Returns a description ending the sentence "…is not a disk image: <it>" or undefined for a plausible raw image. */
function recogniseNonImage(sample: Buffer, source: string): string | undefined {
  for (const { magic, offset = 0, what } of COMPRESSED) {
    if (sample.length >= offset + magic.length && magic.every((byte, i) => sample[offset + i] === byte)) {
      return `it is ${what}. Decompress it first, or give the URL of the uncompressed qcow2 or raw image.`;
    }
  }
  for (const { magic, what } of OTHER_FORMATS) {
    if (sample.subarray(0, magic.length).toString('latin1') === magic) {
      return `it is ${what}; only qcow2 and raw images are supported (convert it with \`qemu-img convert -O qcow2\`).`;
    }
  }
  const text = decodeText(sample);
  if (text === undefined) return undefined;
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  const start = JSON.stringify(trimmed.slice(0, 60).replace(/\s+/g, ' '));
  const hint = /^https?:\/\//i.test(source)
    ? 'The server may have returned an error or login page instead of the image: check the URL.'
    : 'Check the path: it must name a qcow2 or raw disk image.';
  if (/^<!doctype html|^<html|^<head|^<body/i.test(trimmed)) {
    return `it is an HTML page (it starts with ${start}). ${hint}`;
  }
  if (trimmed.startsWith('<')) return `it is XML/HTML markup (it starts with ${start}). ${hint}`;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return `it is JSON text (it starts with ${start}). ${hint}`;
  if (trimmed.startsWith('# Disk DescriptorFile')) {
    return 'it is a VMDK descriptor (text); only qcow2 and raw images are supported.';
  }
  return `it is a text file (it starts with ${start}). ${hint}`;
}

/** The sample as a string when it looks like text (UTF-8, no control characters but whitespace), else undefined. */
function decodeText(sample: Buffer): string | undefined {
  if (sample.length === 0) return undefined;
  let text: string;
  try {
    // stream: true tolerates a multi-byte character cut at the end of the sample.
    text = new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f\u007f]/.test(text)) return undefined;
  return text;
}
