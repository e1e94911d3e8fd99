/** The project's own test guests, built from Debian packages by guest/*.sh and cached on disk. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './action-runner.js';

export interface TestGuest {
  path: string;
  sha256: string;
}

const built = new Map<string, TestGuest>();

/** Runs the build script (it returns at once when its output is cached) and reads the digest it wrote. */
function buildGuest(script: string, sumsFile: string, imageName: string): TestGuest {
  const cached = built.get(script);
  if (cached) return cached;
  const directory = process.env['SOLSTICE_GUEST_DIR'] || '/var/cache/solstice/guest';
  execFileSync('bash', [join(REPO_ROOT, script), directory], { stdio: ['ignore', 'ignore', 'inherit'] });
  const line = readFileSync(join(directory, sumsFile), 'utf8').split('\n').find((entry) => entry.endsWith(imageName));
  if (!line) throw new Error(`${sumsFile} in ${directory} has no line for ${imageName}`);
  const guest = { path: join(directory, imageName), sha256: line.split(/\s+/)[0]! };
  built.set(script, guest);
  return guest;
}

/** The Debian 12 cloud-init guest: for everything the seed decides and the main end-to-end runs. */
export function testGuest(): TestGuest {
  return buildGuest('guest/build.sh', 'SHA256SUMS', 'debian-12-solstice-amd64.qcow2');
}

/** The 4-second busybox + dropbear guest (guest/TINY.md): for the action's own mechanics. */
export function tinyGuest(): TestGuest {
  return buildGuest('guest/build-tiny.sh', 'SHA256SUMS-tiny', 'tiny-solstice-amd64.qcow2');
}
