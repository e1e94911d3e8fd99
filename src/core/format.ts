/**
 * How numbers are shown to a person, one policy everywhere: amounts of data moved (downloads,
 * transfers) in decimal units (kB, MB, GB, as network tools show them); sizes a user gives (disk-size,
 * memory, which parse as binary units) in GiB; durations in s or min.
 */

/** The URL as shown in messages: a password in the user-info part is masked. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Bytes moved, in decimal units. */
export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** A size given in binary units (disk-size), shown as GiB. */
export function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

export function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

export function formatMinutes(minutes: number): string {
  return minutes >= 1 ? `${minutes} min` : `${Math.round(minutes * 60)} s`;
}
