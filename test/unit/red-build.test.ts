import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootFailureMessage } from '../../src/console/console-tail.js';
import { quotedGuestLines, readableConsoleLines } from '../../src/console/readable-lines.js';

describe('console lines in errors and summaries', () => {
  it('drop colour codes, cursor moves, titles and blank runs; keep what the line finally showed', () => {
    assert.deepEqual(
      readableConsoleLines([
        '',
        '[\x1b[0;32m  OK  \x1b[0m] Started \x1b[0;1;39mssh.service\x1b[0m.',
        '\x1b[K',
        '   ',
        '\x1b]0;title\x07progress 10%\rprogress 100%',
        'bell\x07 and nul\x00',
        '',
      ]),
      ['[  OK  ] Started ssh.service.', '', 'progress 100%', 'bell\\x07 and nul\\x00'],
    );
    assert.equal(readableConsoleLines(['x'.repeat(400)])[0]!.length, 301, 'cut at 300 characters and …');
  });

  it('quoted guest lines never start a workflow command', () => {
    assert.equal(quotedGuestLines(['::error::x', '##[warning]y']), '  | ::error::x\n  | ##\u200b[warning]y');
  });

  it('a boot failure names the knob when one would help, and shows the console readably', () => {
    const message = bootFailureMessage(
      'SSH did not become ready within 20 s',
      '',
      ['\x1b[0;32mStarting\x1b[0m cloud-init', '', '', 'still working'],
      'The console was still printing at the deadline: raise boot-timeout.',
    );
    assert.equal(
      message,
      [
        'SSH did not become ready within 20 s.',
        'The console was still printing at the deadline: raise boot-timeout.',
        'Last console lines:',
        '  | Starting cloud-init',
        '  | ',
        '  | still working',
      ].join('\n'),
    );
  });
});
