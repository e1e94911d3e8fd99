/**
 * The guest's side of the workspace tar streams, by the guest's tar (catalog `userland.tar`). Pure:
 * command lines and the lists fed to them. The runner always packs with GNU tar; what differs is the
 * archive format the guest can read, and how the guest is given a list of names to pack.
 */
import type { AdminCommand, TarFlavour } from '../core/guest-userland.js';
import { ensureDirectoryCommand, shellQuote } from '../shell/shell.js';

/** `paths` as a NUL-separated list (each name ends in NUL), as `tar --null -T -` and `xargs -0` read it. */
export const nulList = (paths: readonly string[]): string => paths.map((path) => `${path}\0`).join('');

/** GNU tar, bsdtar and OpenBSD's pax read a NUL-separated list; busybox and illumos only one name per line. */
const TAKES_NUL_LIST: ReadonlySet<TarFlavour> = new Set(['gnu', 'bsdtar', 'pax']);

/**
 * The runner's archive format for the guest's tar: GNU's own where the reader knows its long names;
 * POSIX pax (extended headers) for the BSD and illumos readers. OpenBSD's tar reads pax headers.
 */
export function sendFormat(flavour: TarFlavour): 'gnu' | 'pax' {
  return flavour === 'gnu' || flavour === 'bsdtar' || flavour === 'busybox' ? 'gnu' : 'pax';
}

/** Unpacks the stream on stdin into `directory` (made if missing, owned by the login user). */
export function unpackCommand(directory: string, admin: AdminCommand): string {
  // `cd` rather than `-C`: illumos tar reads -C differently when extracting.
  return `${ensureDirectoryCommand(directory, admin)} && cd ${shellQuote(directory)} && tar -xpf -`;
}

/** Packs the names listed on stdin (no descent into directories) from `directory` to stdout. */
export function packCommand(directory: string, flavour: TarFlavour): string {
  const cd = `cd ${shellQuote(directory)} &&`;
  switch (flavour) {
    case 'gnu':
    case 'bsdtar':
      return `${cd} tar -cf - --null --no-recursion -T -`;
    case 'busybox':
      // Debian's and Alpine's busybox tar take no list (-T): the names become its arguments.
      return `${cd} set -- && while IFS= read -r solstice_name; do set -- "$@" "$solstice_name"; done && tar -cf - --no-recursion -- "$@"`;
    case 'pax':
      // OpenBSD's tar takes no list; its pax reads one (-0: NUL-separated), -d: no descent.
      return `${cd} pax -w -0 -d -x ustar`;
    case 'illumos':
      return `${cd} pax -w -d -x ustar`;
  }
}

/**
 * The list of `paths` for packCommand: NUL-separated where the guest's tar reads that; else one per
 * line, without the names that hold a newline (`unlisted`: they cannot be named to that tar).
 */
export function packList(flavour: TarFlavour, paths: readonly string[]): { list: string; unlisted: string[] } {
  if (TAKES_NUL_LIST.has(flavour)) return { list: nulList(paths), unlisted: [] };
  const unlisted = paths.filter((path) => path.includes('\n'));
  const listed = paths.filter((path) => !path.includes('\n'));
  return { list: listed.map((path) => `${path}\n`).join(''), unlisted };
}
