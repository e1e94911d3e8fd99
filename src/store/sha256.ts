import { createHash } from 'node:crypto';

/** The sha256 of a text, as lower-case hex: cache directory names, template keys, a `prepare` script's hash. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
