import { readFile } from 'node:fs/promises';
import { SolsticeError } from '../core/errors.js';
import { loadCatalog, parseCatalog, type CatalogEntry } from './catalog.js';

/**
 * The bundled catalog plus the entries of a project's own catalog file (`catalog:` input, same format
 * as catalog/images.json): private or mirrored images by name. An entry of the file replaces a bundled
 * one of the same name. Its URLs may be plain http:// (a mirror on the project's own network).
 */
export async function catalogWithFile(path: string): Promise<readonly CatalogEntry[]> {
  if (path.trim() === '') return loadCatalog();
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new SolsticeError(`is '${path}': cannot read it (${error.code ?? error.message}).`, {
      input: 'catalog',
      hint: 'Give the path of a JSON file in the format of catalog/images.json.',
    });
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SolsticeError(`is '${path}': it is not JSON (${(error as Error).message}).`, { input: 'catalog' });
  }
  const own = parseCatalog(data, path, { allowHttp: true });
  const names = new Set(own.map((entry) => entry.name));
  return [...loadCatalog().filter((entry) => !names.has(entry.name)), ...own];
}
