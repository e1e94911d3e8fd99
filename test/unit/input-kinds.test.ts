import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkValue, rangeText, type InputKind } from '../../src/config/input-kinds.js';
import { INPUTS, readInputs } from '../../src/config/inputs.js';

/** The words a refused value gets, or its value. */
const check = (kind: InputKind, text: string, whenEmpty?: string) => {
  const checked = checkValue(kind, text, whenEmpty);
  return 'value' in checked ? { value: checked.value } : { refused: checked.refusals };
};

describe('input kinds: one checker, one wording per kind', () => {
  it('booleans and choices: without case, aliases, meanings; two choices are "or", more "one of"', () => {
    const yesNo: InputKind = { kind: 'boolean', meanings: { true: 'on', false: 'off' } };
    assert.deepEqual(check(yesNo, 'TRUE'), { value: true });
    assert.deepEqual(check(yesNo, 'yes'), { refused: [{ text: 'yes', accepted: "'true' (on) or 'false' (off)" }] });
    const arch: InputKind = {
      kind: 'choice',
      choices: ['x86_64', 'aarch64'],
      aliases: { amd64: 'x86_64', arm64: 'aarch64' },
    };
    assert.deepEqual(check(arch, 'ARM64'), { value: 'aarch64' });
    assert.deepEqual(check(arch, 'sparc'), {
      refused: [{ text: 'sparc', accepted: "'x86_64' or 'aarch64' (amd64 and arm64 are accepted too)" }],
    });
    const accel: InputKind = { kind: 'choice', choices: ['auto', 'kvm', 'tcg'], meanings: { auto: 'KVM if it works' } };
    assert.deepEqual(check(accel, 'hvf'), {
      refused: [{ text: 'hvf', accepted: "one of 'auto' (KVM if it works), 'kvm', 'tcg'" }],
    });
  });

  it('numbers: whole unless fractions, inside the range, with their unit', () => {
    const port: InputKind = { kind: 'number', min: 1, max: 65_535 };
    assert.deepEqual(check(port, '22'), { value: 22 });
    for (const text of ['0', '65536', '2.5', '-1', '0x16'])
      assert.deepEqual(check(port, text, 'for a free one'), {
        refused: [{ text, accepted: 'a whole number from 1 to 65535 (or leave it empty for a free one)' }],
      });
    const minutes: InputKind = { kind: 'number', min: 0.1, max: 360, fractions: true, unit: 'minutes' };
    assert.deepEqual(check(minutes, '0.5'), { value: 0.5 });
    assert.deepEqual(check(minutes, '0.05'), {
      refused: [{ text: '0.05', accepted: 'a number of minutes from 0.1 to 360' }],
    });
  });

  it('sizes: in bytes, inside a range written the way users write sizes', () => {
    const memory: InputKind = { kind: 'size', min: '256M', max: '1024G', example: '512M or 4G' };
    assert.deepEqual(check(memory, '1.5G'), { value: 1.5 * 2 ** 30 });
    assert.deepEqual(check(memory, '1024GiB'), { value: 2 ** 40 });
    for (const text of ['255M', '1025G', '2X'])
      assert.deepEqual(check(memory, text), {
        refused: [{ text, accepted: 'a size such as 512M or 4G, from 256M to 1024G' }],
      });
    assert.equal(rangeText(memory), '256M–1024G');
    assert.equal(rangeText({ kind: 'number', min: 1, max: 255 }), '1–255');
    assert.equal(rangeText({ kind: 'text' }), undefined);
  });

  it('directories, digests, checked text and lists (each refused item named)', () => {
    assert.deepEqual(check({ kind: 'directory' }, '/var/cache'), { value: '/var/cache' });
    assert.deepEqual(check({ kind: 'directory' }, 'cache'), {
      refused: [{ text: 'cache', accepted: 'an absolute directory path' }],
    });
    assert.deepEqual(check({ kind: 'digest' }, `SHA256:${'A'.repeat(64)}`), {
      value: { algorithm: 'sha256', hex: 'a'.repeat(64) },
    });
    assert.ok('refused' in check({ kind: 'digest' }, `sha512:${'a'.repeat(64)}`));
    const word: InputKind = { kind: 'text', accepts: (text) => /^[a-z]+$/.test(text), accepted: 'lower-case letters' };
    assert.deepEqual(check(word, 'abc'), { value: 'abc' });
    assert.deepEqual(check(word, 'a b'), { refused: [{ text: 'a b', accepted: 'lower-case letters' }] });
    const names: InputKind = { kind: 'list', accepts: (item) => /^[A-Z]+$/.test(item), accepted: 'upper-case names' };
    assert.deepEqual(check(names, 'A, B\nC'), { value: ['A', 'B', 'C'] });
    assert.deepEqual(check(names, 'A,b c'), {
      refused: [
        { text: 'b', accepted: 'upper-case names' },
        { text: 'c', accepted: 'upper-case names' },
      ],
    });
  });

  it('empty text is no value: an optional number, size or digest reads as undefined', () => {
    assert.deepEqual(check({ kind: 'number', min: 1, max: 2 }, ''), { value: undefined });
    assert.deepEqual(check({ kind: 'size', min: '1G', max: '2G', example: '1G' }, ''), { value: undefined });
    assert.deepEqual(check({ kind: 'list', accepts: () => false, accepted: '' }, ''), { value: [] });
    assert.deepEqual(check({ kind: 'directory' }, ''), { value: '' });
  });
});

describe('the inputs table', () => {
  it("every default is accepted by its own input's kind", () => {
    const { problems, refused } = readInputs(() => '');
    assert.deepEqual(problems, []);
    assert.equal(refused.size, 0);
  });

  it('a refused input reads as its default, so rules across inputs still run, and is reported once per value', () => {
    const given: Record<string, string> = { cpus: '0', 'debug-port': '0', env: 'A,1B,2C', accel: 'KVM' };
    const { values, refused, problems } = readInputs((name) => given[name] ?? '');
    assert.deepEqual([...refused], ['cpus', 'env', 'debug-port']);
    assert.equal(values.cpus, 2);
    assert.equal(values['debug-port'], undefined);
    assert.equal(values.accel, 'kvm');
    assert.deepEqual(
      problems.map((problem) => `${problem.input} ${String(problem.problem)}`),
      ["cpus is '0'", "env is '1B'", "env is '2C'", "debug-port is '0'"],
    );
  });

  it('the usage lists each choice input by its choices, from the same array as its type', () => {
    for (const input of INPUTS)
      if (input.kind === 'choice' && !input.actionOnly) assert.equal(input.value, input.choices.join('|'), input.name);
    assert.equal(INPUTS.find((input) => input.name === 'accel')?.value, 'auto|kvm|tcg');
  });
});
