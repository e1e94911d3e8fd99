import { writeFile } from 'node:fs/promises';
import { cloudbaseInitDocuments } from './cloudbase-init.js';
import { cloudConfigDocuments } from './cloud-config.js';
import { ignitionConfig } from './ignition.js';
import { illumosCpioDisk } from './illumos-cpio.js';
import { buildIso } from './iso9660.js';
import type { NoCloudDocuments, SeedSpec } from './seed-spec.js';
import { TINI_LABEL, tiniDocuments } from './tini-sh.js';

/** Volume label cloud-init's NoCloud datasource looks for (cloud-tini wants it upper case). */
export const NOCLOUD_LABEL = 'cidata';

function iso(volumeId: string, documents: NoCloudDocuments): Buffer {
  const files = Object.entries(documents).map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') }));
  return buildIso({ volumeId, files });
}

/**
 * The seed's bytes, in the dialect of the guest's first-boot reader (spec.guest.seed); none for a guest
 * provisioned over its console. Pure.
 */
export function seedMedium(spec: SeedSpec): Buffer | undefined {
  switch (spec.guest.seed) {
    case 'cloud-config':
      return iso(NOCLOUD_LABEL, cloudConfigDocuments(spec));
    case 'tini-sh':
      return iso(TINI_LABEL, tiniDocuments(spec));
    case 'cloudbase-init':
      return iso(NOCLOUD_LABEL, cloudbaseInitDocuments(spec));
    case 'illumos-cpio':
      return illumosCpioDisk(spec);
    case 'ignition':
      return Buffer.from(ignitionConfig(spec));
    case 'console':
      return undefined;
    case 'none':
      throw new Error('an image that reads no seed gets none (such images are refused when the inputs are read)');
  }
}

/** Writes the seed for one VM (private: it holds the host's private key). */
export async function writeSeed(spec: SeedSpec, path: string): Promise<void> {
  // No medium (console): an empty file, never attached, so a guest's files are always the same set.
  await writeFile(path, seedMedium(spec) ?? '', { mode: 0o600 });
}
