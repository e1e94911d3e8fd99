/**
 * Broken variants of the tiny guest, for boots that must fail: the same image with another kernel
 * command line. guest/TINY.md: syslinux.cfg is on the FAT partition at 1 MiB, edited here with mtools
 * (which guest/build-tiny.sh installs) in a raw copy; the digest is of that copy.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tinyGuest, type TestGuest } from './test-guest.js';

/** Writes `<directory>/<name>.raw`: the tiny guest with `change` applied to its kernel command line. */
export function tinyGuestVariant(directory: string, name: string, change: (commandLine: string) => string): TestGuest {
  const path = join(directory, `${name}.raw`);
  execFileSync('qemu-img', ['convert', '-O', 'raw', tinyGuest().path, path]);
  const partition = `${path}@@1M`;
  const config = execFileSync('mtype', ['-i', partition, '::/syslinux.cfg'], { encoding: 'utf8' });
  const changed = config.replace(
    /^(\s*APPEND )(.*)$/m,
    (_, keyword: string, commandLine: string) => `${keyword}${change(commandLine)}`,
  );
  if (changed === config) throw new Error(`${name}: the kernel command line did not change:\n${config}`);
  const configPath = join(directory, `${name}-syslinux.cfg`);
  writeFileSync(configPath, changed);
  execFileSync('mcopy', ['-o', '-i', partition, configPath, '::/syslinux.cfg']);
  return { path, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}
