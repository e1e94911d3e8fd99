import { writeFile } from 'node:fs/promises';
import { seedDocuments, type SeedSpec } from './cloud-init.js';
import { buildIso } from './iso9660.js';

/** Volume label cloud-init's NoCloud datasource looks for. */
export const NOCLOUD_LABEL = 'cidata';

/** Writes the NoCloud seed ISO for one VM. */
export async function writeSeedIso(spec: SeedSpec, path: string): Promise<void> {
  const documents = seedDocuments(spec);
  const files = Object.entries(documents).map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8') }));
  await writeFile(path, buildIso({ volumeId: NOCLOUD_LABEL, files }), { mode: 0o600 });
}
