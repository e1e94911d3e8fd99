/** The catalog for a person: what each image is verified against, and the table `image: list` prints. */
import { posix } from 'node:path';
import type { ChecksumFileFormat } from '../image/checksum-file.js';
import { ARCHES } from '../core/vocabulary.js';
import { loadCatalog, type CatalogEntry, type CatalogImage } from './catalog.js';

const FORMAT_LABEL: Record<ChecksumFileFormat, string> = { gnu: 'GNU lines', bsd: 'BSD lines', bare: 'bare digest' };

/** What a download of this image is checked against, in words for the list and logs. */
export function describeVerification(image: CatalogImage): string {
  const { checksum } = image;
  const covers =
    image.compression === 'none'
      ? ''
      : image.digestOf === 'compressed'
        ? ` of the .${image.compression} download`
        : ' of the decompressed image';
  if (checksum.kind === 'pinned') return `pinned ${checksum.digest.algorithm} in the catalog${covers}`;
  const signed = checksum.clearsigned ? ', PGP signature not checked' : '';
  return `publisher ${posix.basename(checksum.url)} (${FORMAT_LABEL[checksum.format]}${signed}), ${checksum.algorithm}${covers}`;
}

/**
 * The catalog as a table for `image: list`: one row per image, saying what is verified. `imageSetting`
 * is how the front end names the input that takes these names (the command line: `--image`).
 */
export function formatCatalogTable(
  entries: readonly CatalogEntry[] = loadCatalog(),
  imageSetting = '`image:`',
): string {
  // The image's own account, which Solstice does not log in as (it creates `user`, in that admin group).
  const rows = [['image', 'arch', 'disk', 'boot', 'seed', "image's user (admin group)", 'verified against']];
  for (const entry of entries) {
    for (const arch of ARCHES) {
      const image = entry.images[arch];
      if (!image) continue;
      const packed = image.archive ? `${image.archive.format}.${image.compression}` : image.compression;
      const disk = image.compression === 'none' ? image.format : `${image.format}, ${packed}`;
      rows.push([
        entry.name,
        arch,
        disk,
        image.firmware,
        entry.seed,
        entry.sudoGroup ? `${entry.user} (${entry.sudoGroup})` : entry.user,
        describeVerification(image),
      ]);
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const lines = rows.map((row) =>
    row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '),
  );
  return [
    `Images for ${imageSetting} (a release prefix such as freebsd-14 picks the newest release it matches):`,
    '',
    ...lines,
  ].join('\n');
}
