// Runs the whole suite with node's test runner (its closing lines give the counts).
// Unit tests first (fast, no VM), then end-to-end tests on the project's test guest.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const pick = (dir) => readdirSync(dir).filter((name) => name.endsWith('.test.ts')).sort().map((name) => `${dir}/${name}`);
const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...pick('test/unit'), ...pick('test/e2e')];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
