import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkflowReporter } from '../../src/action/workflow-reporter.js';
import { TerminalReporter } from '../../src/cli/terminal-reporter.js';
import { forwardedConnections } from '../../src/debug/usernet.js';
import { cliErrorText } from '../../src/cli/error-text.js';
import { SolsticeError } from '../../src/core/errors.js';
import { guestTextInline, inertLine, markdownText, visibleControls } from '../../src/core/guest-text.js';
import { parseWorkflowCommands } from '../helpers/workflow-commands.js';

/** Lines a hostile guest prints, meant to run as workflow commands outside any stop-commands section. */
const ATTACKS = [
  '::error title=INJECTED::x',
  '  ::add-mask::runner',
  '\t::save-state name=kept-name::../../x',
  '\x85::warning::after NEL, which .NET trims and JavaScript does not',
  '\u3000::set-output name=a::ideographic space',
  'text ##[error]old syntax in the middle',
  '##[add-mask]secret',
];

describe('guest text never parses as a workflow command', () => {
  it('inertLine leaves no command in any line, with or without stop-commands', () => {
    assert.ok(
      parseWorkflowCommands(ATTACKS.join('\n')).length >= ATTACKS.length,
      'the attacks are commands as they stand',
    );
    assert.deepEqual(parseWorkflowCommands(ATTACKS.map(inertLine).join('\n')), []);
  });
  it('changes nothing else a person reads', () => {
    assert.equal(inertLine('plain text: a::b ## [x]'), 'plain text: a::b ## [x]');
    assert.equal(inertLine('::x').replace('\u200b', ''), '::x');
  });
  it('the workflow reporter: a fresh stop token for every stretch of guest output, and inert lines within', () => {
    let log = '';
    const reporter = new WorkflowReporter((text) => (log += text));
    reporter.guestLine('first stretch');
    reporter.info('ours');
    reporter.guestLine('second stretch');
    reporter.resumeCommands();
    const tokens = [...log.matchAll(/::stop-commands::(\w+)/g)].map((match) => match[1]);
    assert.equal(tokens.length, 2);
    assert.notEqual(tokens[0], tokens[1]);
    // A guest that learnt the first token (the runner echoes it) cannot end the second stretch with it.
    log = '';
    reporter.guestLine('x');
    reporter.guestLine(`::${tokens[0]}::`);
    reporter.guestLine('::error::after a spent token');
    reporter.resumeCommands();
    assert.deepEqual(
      parseWorkflowCommands(log).filter((command) => command.command !== 'stop-commands'),
      [],
    );
  });
  it('our own info messages with guest text in them stay inert, even across line breaks', () => {
    let log = '';
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((text: string) => ((log += text), true)) as typeof process.stdout.write;
    try {
      new WorkflowReporter().info(
        'To let the job continue: touch ~/continue in the VM (/h\n::error title=INJECTED::x\n::add-mask::runner)',
      );
    } finally {
      process.stdout.write = original;
    }
    assert.deepEqual(parseWorkflowCommands(log), []);
    assert.match(log, /INJECTED/);
  });
});

describe('guest text shown to a person', () => {
  it('control characters become visible escapes; colours pass only where asked', () => {
    const osc52 = '\x1b]52;c;ZWNobyBoaQ==\x07';
    assert.equal(visibleControls(`a${osc52}b\r\n\x9b`), 'a\\x1b]52;c;ZWNobyBoaQ==\\x07b\\r\\n\\x9b');
    assert.equal(visibleControls('\x1b[0;32mOK\x1b[0m\x1b[2J', true), '\x1b[0;32mOK\x1b[0m\\x1b[2J');
    assert.equal(visibleControls('\x1b[0;32mOK', false), '\\x1b[0;32mOK');
    assert.equal(guestTextInline('/h\n::error::x'), '/h\\n::error::x');
  });
  it('the CLI shows the guest control sequences as escapes on a terminal, unchanged into a pipe', () => {
    const written = { tty: '', pipe: '' };
    const tty = { isTTY: true, write: (text: string) => (written.tty += text) };
    const pipe = { isTTY: false, write: (text: string) => (written.pipe += text) };
    new TerminalReporter(tty, tty, { colour: false, inWorkflow: false }).guestLine(
      '\x1b]0;pwned title\x07\x1b[31mred\x1b[0m',
    );
    new TerminalReporter(pipe, pipe, { colour: false, inWorkflow: false }).guestLine('\x1b]0;pwned title\x07');
    assert.equal(written.tty, '\\x1b]0;pwned title\\x07\x1b[31mred\x1b[0m\n');
    assert.equal(written.pipe, '\x1b]0;pwned title\x07\n');
  });
  it('the CLI makes guest lines inert into a pipe and in a workflow, and leaves a terminal outside one exact', () => {
    const shown = (isTTY: boolean, inWorkflow: boolean) => {
      let written = '';
      const stream = { isTTY, write: (text: string) => (written += text) };
      const reporter = new TerminalReporter(stream, stream, { colour: false, inWorkflow });
      for (const line of ATTACKS) reporter.guestLine(line);
      return written;
    };
    assert.deepEqual(parseWorkflowCommands(shown(false, false)), [], 'a pipe, as a runner reads it');
    assert.deepEqual(parseWorkflowCommands(shown(false, true)), []);
    assert.deepEqual(parseWorkflowCommands(shown(true, true)), [], 'a terminal in a workflow step (script -c …)');
    assert.equal(
      shown(true, false),
      ATTACKS.map((line) => `${visibleControls(line, true)}\n`).join(''),
      "a person's own terminal: no invisible breaks (controls visible, as always on a terminal)",
    );
  });
  it("the CLI's own messages and errors show guest text with visible controls, never as a command", () => {
    const guestStderr = 'tar: \x1b]52;c;ZWNobyBoaQ==\x07 failed\rover\n::error title=INJECTED::x\n##[warning]y';
    let written = '';
    const stream = { isTTY: false, write: (text: string) => (written += text) };
    const reporter = new TerminalReporter(stream, stream, { colour: false, inWorkflow: false });
    reporter.warning(`Could not copy back (exit code 2): ${guestStderr}`);
    reporter.info(`Line one\n  | ${guestStderr}`);
    const error = cliErrorText(new SolsticeError(`Copy-back refused 1 entry: "x" (a symlink to /etc/\x1b]0;t\x07)`));
    for (const text of [written, error]) {
      assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/, 'no control character but line breaks');
      assert.deepEqual(parseWorkflowCommands(text), []);
    }
    assert.match(
      written,
      /^warning: Could not copy back \(exit code 2\): tar: \\x1b\]52;c;ZWNobyBoaQ==\\x07 failed\\rover$/m,
    );
    assert.match(written, /^Line one\n {2}\| tar: /m, 'our own line breaks stay');
    assert.match(error, /a symlink to \/etc\/\\x1b\]0;t\\x07\)$/);
  });
  it('Markdown and HTML from the guest render as text in the job summary', () => {
    const text = markdownText('panic: <img src=https://x/t> [link](https://x) **b** `c` | d & e\n');
    assert.doesNotMatch(text, /<img|\]\(|\*\*|(?<!\\)`|(?<!\\)\|/);
    assert.match(text, /&lt;img src=https\\:\/\/x\/t&gt;/);
    assert.ok(text.endsWith('&amp; e\\\\n'), 'the line break shows as an escaped \\n');
  });
});

describe('debug connections counted on the host side', () => {
  const forward = { hostAddress: '127.0.0.1', hostPort: 45555, guestAddress: '10.0.2.15', guestPort: 22 };
  const header = [
    'Hub -1 (net0):',
    '  Protocol[State]    FD  Source Address  Port   Dest. Address  Port RecvQ SendQ',
    '  TCP[HOST_FORWARD]  37       127.0.0.1 45555       10.0.2.15    22     0     0',
    '  TCP[HOST_FORWARD]  13       127.0.0.1 44703       10.0.2.15    22     0     0',
  ];
  const count = (...lines: string[]) => forwardedConnections([...header, ...lines].join('\n'), forward);
  // Lines as QEMU 7.2 printed them on the tiny guest, for a person and for each of the guest's tricks.
  const person = '  TCP[ESTABLISHED]   22       127.0.0.1 45555       10.0.2.15    22     0     0';
  /** The guest connects to 10.0.2.2:45555: its own side, and the side the forward accepted (same as a person's). */
  const guestToForward = [
    '  TCP[ESTABLISHED]   17       10.0.2.15 60222        10.0.2.2 45555     0     0',
    '  TCP[ESTABLISHED]   22       127.0.0.1 45555       10.0.2.15    22     0     0',
  ];
  /** The guest connects out from its port 45555 (ip_local_port_range "45555 45555"). */
  const guestFromPort = '  TCP[ESTABLISHED]   27       10.0.2.15 45555        10.0.2.2 47000     0     0';

  it('counts a person connected through the forward, and nobody on the other forward or in other states', () => {
    assert.equal(count(), 0);
    assert.equal(count(person), 1);
    assert.equal(count(person, person.replace('22       127', '23       127')), 2);
    assert.equal(count('  TCP[ESTABLISHED]   25       127.0.0.1 44703       10.0.2.15    22     0     0'), 0);
    for (const state of ['SYN_SENT', 'TIME_WAIT', 'FIN_WAIT_2', 'CLOSE_WAIT'])
      assert.equal(count(person.replace('ESTABLISHED', state)), 0, state);
    assert.equal(forwardedConnections('', forward), 0);
  });
  it("does not count the guest's own connections: to the forward, or from the forward's port", () => {
    assert.equal(count(...guestToForward), 0);
    assert.equal(count(guestFromPort), 0);
    assert.equal(count(guestFromPort.replace('10.0.2.2 47000', '10.0.2.2    22')), 0, 'even towards a port 22');
    assert.equal(count(...guestToForward, person), 1, 'a person beside them still counts');
  });
  it('a forward on all addresses accepts any host address, still only towards the guest', () => {
    const everywhere = { ...forward, hostAddress: '0.0.0.0' };
    const lines = (...more: string[]) => [...header, ...more].join('\n');
    assert.equal(forwardedConnections(lines(person.replace('127.0.0.1', '192.168.1.5')), everywhere), 1);
    assert.equal(forwardedConnections(lines(guestFromPort.replace('10.0.2.2 47000', '10.0.2.2    22')), everywhere), 0);
    assert.equal(forwardedConnections(lines(...guestToForward), everywhere), 0);
  });
});
