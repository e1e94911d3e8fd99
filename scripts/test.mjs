// Runs the whole suite with node's test runner (its closing lines give the counts).
// Unit tests first (pure logic), then integration tests (real QEMU, HTTP servers, processes and files;
// no guest boot), then end-to-end tests on the project's test guests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pick = (dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => `${dir}/${name}`);
const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...pick('test/unit'), ...pick('test/integration'), ...pick('test/e2e')];
// One warm-start template cache for the whole run: e2e tests that only need a running guest restore it
// (test/helpers/test-guest.ts, warmStartInputs), so the template is built once, not once per file.
const warmCache = mkdtempSync(join(tmpdir(), 'solstice-warm-cache-'));
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, SOLSTICE_TEST_WARM_CACHE: warmCache } },
);
rmSync(warmCache, { recursive: true, force: true });
process.exit(result.status ?? 1);
