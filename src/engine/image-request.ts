import type { ImageConfig } from '../config/job.js';
import type { Reporter } from '../core/reporter.js';
import { fetchPublishedDigest } from '../image/published-checksum.js';
import type { ImageRequest } from '../image/types.js';

/** What the image stage fetches: the configured source with its digest (a catalog image's from its publisher). */
export async function imageRequest(
  image: ImageConfig,
  cacheDir: string,
  reporter: Reporter,
  signal?: AbortSignal,
): Promise<ImageRequest> {
  const checksum =
    image.checksum ??
    (image.publishedChecksum ? await fetchPublishedDigest(image.publishedChecksum, reporter, signal) : undefined);
  return {
    source: image.source,
    cacheDir,
    compression: image.compression,
    ...(image.archive ? { archive: image.archive } : {}),
    ...(checksum ? { checksum } : {}),
    ...(image.maxSize !== undefined ? { maxSize: image.maxSize } : {}),
  };
}
