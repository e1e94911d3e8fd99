import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { exportStatements, guestEnvironment } from '../../src/shell/environment.js';
import { parseShell, shellCommand } from '../../src/shell/shell.js';
import { copyBackFilter } from '../../src/sync/copy-back-filter.js';
import { buildManifest, diffManifests } from '../../src/sync/manifest.js';

describe('shell', () => {
  it('parses bash, sh, templates, and refuses a template without {0}', () => {
    assert.deepEqual(parseShell(''), { kind: 'auto' });
    assert.deepEqual(parseShell('bash'), { kind: 'bash' });
    assert.deepEqual(parseShell('sh'), { kind: 'sh' });
    assert.deepEqual(parseShell('python3 -u {0}'), { kind: 'template', template: 'python3 -u {0}' });
    assert.equal(parseShell('python3'), undefined);
  });
  it('builds the commands GitHub users know', () => {
    assert.equal(shellCommand({ kind: 'bash' }, '/tmp/s'), "bash --noprofile --norc -eo pipefail '/tmp/s'");
    assert.equal(shellCommand({ kind: 'sh' }, '/tmp/s'), "sh -e '/tmp/s'");
    assert.equal(
      shellCommand({ kind: 'template', template: 'perl {0} {0}' }, "/tmp/it's"),
      "perl '/tmp/it'\\''s' '/tmp/it'\\''s'",
    );
    assert.match(
      shellCommand({ kind: 'auto' }, '/tmp/s'),
      /command -v bash.*bash --noprofile --norc -eo pipefail '\/tmp\/s'.*sh -e '\/tmp\/s'/,
    );
  });
});

describe('guest environment', () => {
  const hostile = {
    QUOTES: `it's "quoted"`,
    SUBST: '$(touch /tmp/pwned) `id` ${HOME}',
    NEWLINE: 'a\nb\n',
    BACKSLASH: 'c:\\dir\\',
    EMOJI: '🚀 ünïcødé',
  };
  it('always passes CI and the usual GITHUB_/RUNNER_ values, plus the requested names; warns about missing ones', () => {
    const result = guestEnvironment(
      ['QUOTES', 'NOT_SET'],
      { ...hostile, GITHUB_SHA: 'abc', RUNNER_OS: 'Linux', GITHUB_TOKEN: 'secret', RUNNER_TEMP: '/r' },
      '/w',
    );
    assert.deepEqual(result.variables, {
      CI: 'true',
      GITHUB_SHA: 'abc',
      RUNNER_OS: 'Linux',
      GITHUB_WORKSPACE: '/w',
      QUOTES: hostile.QUOTES,
    });
    assert.deepEqual(result.missing, ['NOT_SET']);
  });
  it('exports values byte for byte through a real POSIX shell', () => {
    const script = `${exportStatements(hostile)}for n in QUOTES SUBST NEWLINE BACKSLASH EMOJI; do eval "printf '%s\\\\0' \\"\\$$n\\""; done`;
    const output = execFileSync('sh', ['-c', script]).toString('utf8').split('\0').slice(0, -1);
    assert.deepEqual(output, Object.values(hostile));
  });
});

describe('workspace manifest and copy-back filter', () => {
  it('finds new, changed and removed entries (a removed directory once)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'solstice-manifest-'));
    try {
      await mkdir(join(root, 'dir/sub'), { recursive: true });
      await writeFile(join(root, 'dir/sub/a'), 'a');
      await writeFile(join(root, 'keep'), 'k');
      await writeFile(join(root, 'edit'), '1');
      await symlink('keep', join(root, 'link'));
      const before = await buildManifest(root);
      assert.deepEqual(Object.keys(before).sort(), ['dir', 'dir/sub', 'dir/sub/a', 'edit', 'keep', 'link']);
      await rm(join(root, 'dir'), { recursive: true });
      await writeFile(join(root, 'edit'), '22');
      await writeFile(join(root, 'new'), 'n');
      assert.deepEqual(diffManifests(before, await buildManifest(root)), {
        changed: ['edit', 'new'],
        removed: ['dir'],
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
  it('copy-back selects plain paths with what is below them, and globs', () => {
    const include = copyBackFilter(['build/', 'reports/**/*.xml', './dist']);
    assert.deepEqual(
      ['build', 'build/a.o', 'builder', 'reports/x/t.xml', 'reports/t.txt', 'dist/x', 'src/a'].filter(include),
      ['build', 'build/a.o', 'reports/x/t.xml', 'dist/x'],
    );
    assert.equal(copyBackFilter([])('anything'), true);
  });
});
