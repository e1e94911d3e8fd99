/**
 * Images published inside an archive (OpenBSD's cloud images are a `.tar.gz` holding `disk.raw`): the
 * decompressed tar stream goes in, the named member's bytes come out, nothing else is kept. The whole
 * archive is read before the output ends, so a second member of the same name is caught before the
 * image is accepted. Only a regular file is taken: a link, a directory, a sparse member (whose data is
 * not the image's bytes) or a member declaring more than the size cap refuses the archive.
 */
import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';
import { extract, type Header } from 'tar-stream';
import { SolsticeError } from '../core/errors.js';
import { formatBytes } from '../core/format.js';
import { isSparseMember, memberPath } from '../core/tar-member.js';

/** Which file of the archive is the image (catalog `archive` field). */
export interface ArchiveMember {
  format: 'tar';
  /** Relative path inside the archive, such as `disk.raw` (a leading `./` in the archive is ignored). */
  member: string;
}

export interface MemberOptions {
  /** The image as shown in messages. */
  source: string;
  /** The most bytes the tar stream, and so the member, may have. */
  maxBytes: number;
}

/** How many other names an error for a missing member lists. */
const NAMES_SHOWN = 5;

/**
 * The bytes of `wanted.member` read from the tar stream `input`. The returned stream errors (with a
 * SolsticeError naming the image and the fix) when the archive is not a tar, lacks the member, holds
 * it more than once or not as a regular file, or passes the cap; it ends once the whole archive was read.
 */
export function extractMember(input: Readable, wanted: ArchiveMember, { source, maxBytes }: MemberOptions): Readable {
  const output = new PassThrough({ highWaterMark: 4 * 1024 * 1024 });
  const extractor = extract();
  const refuse = (problem: string): SolsticeError =>
    new SolsticeError(
      `The image ${source} is a tar archive that ${problem}. The download was discarded. ` +
        `Check the catalog entry's archive.member ('${wanted.member}') against the archive's contents (tar -tzf), ` +
        'or ask its publisher.',
    );
  let tarBytes = 0;
  input.on('data', (chunk: Buffer) => {
    tarBytes += chunk.byteLength;
    if (tarBytes > maxBytes) {
      extractor.destroy(
        refuse(
          `expands to more than the limit of ${formatBytes(maxBytes)}; if the image really is that large, give its catalog entry a larger maxSize (bytes)`,
        ),
      );
    }
  });
  input.on('error', (error) => extractor.destroy(error));
  input.pipe(extractor as unknown as NodeJS.WritableStream);

  const unpack = async (): Promise<void> => {
    let found = false;
    const others: string[] = [];
    for await (const entry of extractor) {
      const header: Header = entry.header;
      const path = memberPath(memberName(header));
      if (path !== wanted.member) {
        if (path !== undefined && header.type !== 'directory' && others.length <= NAMES_SHOWN) others.push(path);
        entry.resume();
        continue;
      }
      const problem = memberProblem(header, found, maxBytes);
      if (problem) throw refuse(problem);
      found = true;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        if (!output.write(chunk)) await once(output, 'drain');
      }
    }
    if (!found) {
      const listed = others.length === 0 ? 'no file' : others.slice(0, NAMES_SHOWN).join(', ');
      throw refuse(`has no member '${wanted.member}' (it holds ${listed}${others.length > NAMES_SHOWN ? ', …' : ''})`);
    }
    output.end();
  };
  unpack().catch((error: unknown) => {
    input.unpipe(extractor as unknown as NodeJS.WritableStream);
    extractor.destroy();
    output.destroy(
      error instanceof SolsticeError
        ? error
        : refuse(`cannot be read (${error instanceof Error ? error.message : String(error)})`),
    );
  });
  return output;
}

/**
 * A member's name as tar shows it. GNU tar's pax sparse members are stored under a made-up name
 * (`GNUSparseFile.<pid>/disk.raw`) with the real one in the pax header: by that one they are known
 * (and then refused as sparse), not missed.
 */
function memberName(header: Header): string {
  const pax = (header.pax ?? {}) as Record<string, string>;
  return pax['GNU.sparse.name'] ?? header.name;
}

/** Why this header of the wanted member makes the archive unusable, or undefined. */
function memberProblem(header: Header, seenBefore: boolean, maxBytes: number): string | undefined {
  const name = `'${memberName(header)}'`;
  if (seenBefore) return `holds more than one member named ${name}, so which one is the image is ambiguous`;
  if (header.type !== 'file') return `holds ${name} as a ${header.type ?? 'special'} entry, not a regular file`;
  if (isSparseMember(header)) return `holds ${name} as a sparse file, which is not unpacked here`;
  if (header.size !== undefined && header.size > maxBytes)
    return `declares ${name} as ${formatBytes(header.size)}, over the limit of ${formatBytes(maxBytes)}; if the image really is that large, give its catalog entry a larger maxSize (bytes)`;
  return undefined;
}
