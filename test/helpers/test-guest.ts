/** The project's own test guest (built from Debian packages by guest/build.sh, cached on disk). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './action-runner.js';

export interface TestGuest {
  path: string;
  sha256: string;
}

let guest: TestGuest | undefined;

/** Builds the guest if this machine has not yet (the build caches itself), and returns it. */
export function testGuest(): TestGuest {
  if (guest) return guest;
  const directory = process.env['SOLSTICE_GUEST_DIR'] || '/var/cache/solstice/guest';
  execFileSync('bash', [join(REPO_ROOT, 'guest/build.sh'), directory], { stdio: ['ignore', 'ignore', 'inherit'] });
  const sums = readFileSync(join(directory, 'SHA256SUMS'), 'utf8');
  const [sha256, name] = sums.trim().split(/\s+\*?/);
  guest = { path: join(directory, name!), sha256: sha256! };
  return guest;
}
