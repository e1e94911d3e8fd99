import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkflowReporter } from '../../src/action/workflow-reporter.js';
import { LineBuffer } from '../../src/core/line-buffer.js';
import { parseWorkflowCommands } from '../helpers/workflow-commands.js';

describe('line buffer', () => {
  it('splits on \\n, \\r\\n and bare \\r, across chunks and inside UTF-8 sequences', () => {
    const lines: string[] = [];
    const buffer = new LineBuffer((line) => lines.push(line));
    const bytes = Buffer.from('a\r\nb\rc\nü');
    buffer.push(bytes.subarray(0, 2));
    buffer.push(bytes.subarray(2, 9));
    buffer.push(bytes.subarray(9));
    buffer.push('x\r');
    buffer.push('\nlast');
    buffer.flush();
    assert.deepEqual(lines, ['a', 'b', 'c', 'üx', 'last']);
  });
});

describe('workflow reporter', () => {
  it('wraps guest text so the runner takes none of it as a command', () => {
    let log = '';
    const reporter = new WorkflowReporter((text) => (log += text));
    reporter.guestLine('::error::from the guest');
    reporter.guestLine('::add-mask::secret');
    reporter.guestLine('::stop-commands::guess');
    reporter.guestLine('::guess::');
    reporter.guestLine('::warning::still inert');
    reporter.resumeCommands();
    log += '::error::ours\n';
    const commands = parseWorkflowCommands(log).filter((command) => command.command !== 'stop-commands');
    assert.deepEqual(commands, [{ command: 'error', properties: '', data: 'ours' }]);
    assert.match(log, /::error::from the guest/);
  });
  it('uses a fresh unguessable token per reporter', () => {
    const tokens = [0, 1].map(() => {
      let log = '';
      new WorkflowReporter((text) => (log += text)).guestLine('x');
      return /::stop-commands::(\w+)/.exec(log)![1]!;
    });
    assert.notEqual(tokens[0], tokens[1]);
    assert.ok(tokens[0]!.length >= 32);
  });
});

describe('console echo', () => {
  it('treats lines that are only terminal control sequences as blank', async () => {
    const { isBlankConsoleLine } = await import('../../src/console/console-tail.js');
    assert.equal(isBlankConsoleLine('\x1b[K  '), true);
    assert.equal(isBlankConsoleLine(''), true);
    assert.equal(isBlankConsoleLine('         Starting \x1b[0;1;39mssh.service\x1b[0m'), false);
  });
});

describe('line buffer against a flooding guest', () => {
  it('cuts a line longer than 64 KiB into continuation lines, holding no more than one line', async () => {
    const { MAX_LINE_LENGTH } = await import('../../src/core/line-buffer.js');
    const lines: string[] = [];
    const unbroken: number[] = [];
    const buffer = new LineBuffer(
      (line) => lines.push(line),
      (characters) => unbroken.push(characters),
    );
    const piece = 'x'.repeat(32 * 1024);
    for (let index = 0; index < 32; index++) buffer.push(Buffer.from(piece)); // 1 MiB, no newline
    assert.equal(lines.length, 16);
    assert.ok(lines.every((line) => line.length === MAX_LINE_LENGTH));
    assert.equal(unbroken.at(-1), 1024 * 1024);
    buffer.push('\ny');
    assert.equal(lines.length, 16, 'the break right after a full continuation line adds no empty line');
    assert.equal(unbroken.at(-1), 1);
    buffer.push(`${'z'.repeat(MAX_LINE_LENGTH * 2 + 5)}\r`);
    buffer.push('\nend');
    buffer.flush();
    assert.deepEqual(
      lines.slice(16).map((line) => line.length),
      [MAX_LINE_LENGTH, MAX_LINE_LENGTH, 6, 3],
    );
    assert.equal(lines[16]![0], 'y');
  });
});
