// Runs the whole suite with node's test runner (its closing lines give the counts).
// Unit tests first (pure logic), then integration tests (real QEMU, HTTP servers, processes and files;
// no guest boot), then end-to-end tests on the project's test guests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const pick = (dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => `${dir}/${name}`);
const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...pick('test/unit'), ...pick('test/integration'), ...pick('test/e2e')];
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
