/** Tar members as tar-stream reads them, the same for every archive Solstice unpacks: an image's, the guest's. */
import type { Header } from 'tar-stream';

/** A path longer than this (or a component longer than 255 bytes) is not a plain path (PATH_MAX). */
export const MAX_PATH_BYTES = 4096;

/** The member's path without `./` and trailing `/`; '' for the root; undefined when not a plain relative path. */
export function memberPath(name: string): string | undefined {
  const path = name.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  if (path === '.' || path === '') return '';
  if (Buffer.byteLength(path) > MAX_PATH_BYTES || path.includes('\0') || path.startsWith('/')) return undefined;
  const parts = path.split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..' || Buffer.byteLength(part) > 255))
    return undefined;
  return path;
}

/** A GNU sparse member (pax `GNU.sparse.*` keys): its data is not the file's bytes. */
export function isSparseMember(header: Header): boolean {
  return Object.keys((header.pax ?? {}) as object).some((key) => key.startsWith('GNU.sparse'));
}
