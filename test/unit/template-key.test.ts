/**
 * The warm-start template key: everything that runs inside a template (prepare and the shell that runs
 * it) and who may restore it (its scope) decide which template a job gets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJobInputs } from '../../src/config/parse.js';
import { templateIdentity, templateKey, type TemplateMachine } from '../../src/warm/template-key.js';

const MACHINE: TemplateMachine = {
  imageDigest: `sha256:${'a'.repeat(64)}`,
  firmware: 'bios',
  accel: 'tcg',
  qemuBinary: '/usr/bin/qemu-system-x86_64 1000 2000',
};

/** The key of the template a job with these inputs restores, in a workflow of `repository` ('' outside Actions). */
function keyOf(inputs: Record<string, string>, repository = 'octo-org/octo-repo'): string {
  const given: Record<string, string> = {
    'image-url': 'https://example.org/guest.qcow2',
    run: 'make check',
    'warm-start': 'true',
    ...inputs,
  };
  const config = parseJobInputs((name) => given[name] ?? '', {
    defaultCacheRoot: '/cache',
    workspace: '/work/repo',
    env: repository === '' ? {} : { GITHUB_REPOSITORY: repository },
  });
  return templateKey(templateIdentity(config, MACHINE));
}

describe('template key', () => {
  it('the same inputs in the same repository give the same template; the run script is not part of it', () => {
    assert.equal(keyOf({ prepare: 'make deps' }), keyOf({ prepare: 'make deps', run: 'make other' }));
  });

  it('prepare run by another shell is another template', () => {
    const keys = ['', 'bash', 'sh', 'python3 {0}', 'bash -x {0}'].map((shell) =>
      keyOf({ prepare: 'make deps', shell }),
    );
    assert.equal(new Set(keys).size, keys.length, 'each shell its own template');
  });

  it('without prepare nothing ran in the template: the shell does not split it', () => {
    assert.equal(keyOf({ shell: 'sh' }), keyOf({ shell: 'python3 {0}' }));
  });

  it('another prepare text is another template', () => {
    assert.notEqual(keyOf({ prepare: 'make deps' }), keyOf({ prepare: 'make deps2' }));
    assert.notEqual(keyOf({ prepare: '' }), keyOf({ prepare: 'true' }));
  });

  it('templates are scoped to the repository by default', () => {
    assert.notEqual(keyOf({ prepare: 'make deps' }, 'octo-org/a'), keyOf({ prepare: 'make deps' }, 'octo-org/b'));
    assert.equal(
      keyOf({ prepare: 'make deps', 'warm-start-scope': 'repository' }, 'octo-org/a'),
      keyOf({ prepare: 'make deps' }, 'octo-org/a'),
    );
  });

  it('warm-start-scope: shared gives every repository the same template, and none of the scoped ones', () => {
    const shared = keyOf({ prepare: 'make deps', 'warm-start-scope': 'shared' }, 'octo-org/a');
    assert.equal(shared, keyOf({ prepare: 'make deps', 'warm-start-scope': 'Shared' }, 'octo-org/b'));
    assert.equal(shared, keyOf({ prepare: 'make deps', 'warm-start-scope': 'shared' }, ''));
    assert.notEqual(shared, keyOf({ prepare: 'make deps' }, 'octo-org/a'));
  });

  it('outside Actions (the CLI: no GITHUB_REPOSITORY) templates have a scope of their own, local', () => {
    const given: Record<string, string> = { 'image-url': 'https://example.org/guest.qcow2', run: 'true' };
    const config = parseJobInputs((name) => given[name] ?? '', { defaultCacheRoot: '/cache', workspace: '/w' });
    assert.equal(config.templateScope, 'local');
    assert.notEqual(keyOf({}, ''), keyOf({}, 'octo-org/a'));
    assert.notEqual(keyOf({}, ''), keyOf({ 'warm-start-scope': 'shared' }, ''));
  });

  it('an unknown warm-start-scope is refused, naming the input and what it accepts', () => {
    assert.throws(
      () => keyOf({ 'warm-start-scope': 'organisation' }),
      (error: Error) =>
        /warm-start-scope/.test(error.message) &&
        /organisation/.test(error.message) &&
        /'repository'.*'shared'/.test(error.message),
    );
  });
});
