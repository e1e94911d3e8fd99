import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CancelledError } from '../../src/core/errors.js';
import { QmpClient, QmpError } from '../../src/qmp/client.js';
import { QmpLineParser, parseMessage, serializeCommand } from '../../src/qmp/protocol.js';

describe('QMP protocol', () => {
  it('reassembles a message split across chunks', () => {
    const parser = new QmpLineParser();
    assert.deepEqual(parser.push('{"return": {"sta'), []);
    assert.deepEqual(parser.push('tus": "running"}, "id": 3}'), []);
    assert.deepEqual(parser.push('\r\n'), [{ kind: 'return', id: 3, value: { status: 'running' } }]);
  });

  it('returns several messages from one chunk and keeps the unfinished tail', () => {
    const parser = new QmpLineParser();
    const msgs = parser.push(
      '{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}, "package": ""}, "capabilities": ["oob"]}}\r\n' +
        '{"return": {}, "id": 1}\r\n{"return": 42, "id": 2}\r\n{"return"',
    );
    assert.deepEqual(msgs, [
      { kind: 'greeting', version: { qemu: { micro: 0, minor: 2, major: 7 }, package: '' }, capabilities: ['oob'] },
      { kind: 'return', id: 1, value: {} },
      { kind: 'return', id: 2, value: 42 },
    ]);
    assert.deepEqual(parser.push(': null, "id": 4}\n'), [{ kind: 'return', id: 4, value: null }]);
  });

  it('classifies errors and events', () => {
    assert.deepEqual(
      parseMessage('{"id": 7, "error": {"class": "CommandNotFound", "desc": "The command nope has not been found"}}'),
      { kind: 'error', id: 7, class: 'CommandNotFound', desc: 'The command nope has not been found' },
    );
    assert.deepEqual(
      parseMessage(
        '{"timestamp": {"seconds": 1700000000, "microseconds": 12}, "event": "SHUTDOWN", "data": {"guest": false, "reason": "host-qmp-quit"}}',
      ),
      {
        kind: 'event',
        event: 'SHUTDOWN',
        data: { guest: false, reason: 'host-qmp-quit' },
        timestamp: { seconds: 1700000000, microseconds: 12 },
      },
    );
  });

  it('marks non-JSON and unknown objects as invalid instead of throwing', () => {
    assert.equal(parseMessage('not json').kind, 'invalid');
    assert.equal(parseMessage('{"hello": 1}').kind, 'invalid');
    assert.equal(parseMessage('[1]').kind, 'invalid');
  });

  it('serializes a command with its id, one line', () => {
    assert.equal(serializeCommand(5, 'query-status'), '{"execute":"query-status","id":5}\n');
    assert.deepEqual(JSON.parse(serializeCommand(6, 'human-monitor-command', { 'command-line': 'info version' })), {
      execute: 'human-monitor-command',
      arguments: { 'command-line': 'info version' },
      id: 6,
    });
  });
});

const GREETING =
  '{"QMP": {"version": {"qemu": {"micro": 0, "minor": 2, "major": 7}, "package": ""}, "capabilities": []}}\r\n';

/** A scripted QMP server: answers qmp_capabilities, hands every other command to `onCommand`. */
async function fakeServer(
  socketPath: string,
  onCommand: (cmd: { execute: string; id: number }, reply: (line: object) => void) => void,
): Promise<net.Server> {
  const server = net.createServer((conn) => {
    conn.write(GREETING);
    let buf = '';
    conn.on('data', (chunk) => {
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        const cmd = JSON.parse(line) as { execute: string; id: number };
        const reply = (obj: object) => conn.write(JSON.stringify(obj) + '\r\n');
        if (cmd.execute === 'qmp_capabilities') reply({ return: {}, id: cmd.id });
        else onCommand(cmd, reply);
      }
    });
    conn.on('error', () => {});
  });
  server.listen(socketPath);
  await once(server, 'listening');
  return server;
}

describe('QmpClient against a scripted server', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'solstice-qmp-fake-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('matches replies by id even when they come back out of order', async () => {
    const held: Array<() => void> = [];
    const server = await fakeServer(path.join(dir, 'order.sock'), (cmd, reply) => {
      held.push(() => reply({ return: cmd.execute, id: cmd.id }));
      if (held.length === 2) held.reverse().forEach((send) => send());
    });
    const client = await QmpClient.connect(path.join(dir, 'order.sock'), { timeoutMs: 2000 });
    try {
      const [a, b] = await Promise.all([client.execute('first'), client.execute('second')]);
      assert.equal(a, 'first');
      assert.equal(b, 'second');
    } finally {
      client.close();
      server.close();
    }
  });

  it('times out a command that gets no reply, and waitForEvent has a deadline too', async () => {
    const server = await fakeServer(path.join(dir, 'silent.sock'), () => {});
    const client = await QmpClient.connect(path.join(dir, 'silent.sock'), { timeoutMs: 2000 });
    try {
      await assert.rejects(
        client.execute('stuck', undefined, { timeoutMs: 100 }),
        /"stuck" got no reply .* within 100 ms/,
      );
      await assert.rejects(client.waitForEvent('NEVER', 100), /No QMP event NEVER .* within 100 ms/);
      // close() rejects what is still pending right away.
      const pending = client.execute('stuck-too');
      const waiting = client.waitForEvent('NEVER', 10_000);
      client.close();
      client.close(); // idempotent
      await assert.rejects(pending, /closed by the client/);
      await assert.rejects(waiting, /closed by the client/);
      await client.closed;
    } finally {
      client.close();
      server.close();
    }
  });

  it('rejects connect when the server never greets', async () => {
    const conns: net.Socket[] = [];
    const server = net.createServer((conn) => conns.push(conn.on('error', () => {})));
    server.listen(path.join(dir, 'mute.sock'));
    await once(server, 'listening');
    try {
      await assert.rejects(QmpClient.connect(path.join(dir, 'mute.sock'), { timeoutMs: 200 }), /No QMP greeting/);
    } finally {
      conns.forEach((c) => c.destroy());
      server.close();
    }
  });
});

describe('QmpClient against real QEMU', () => {
  let dir: string;
  let socketPath: string;
  let qemu: ChildProcess | undefined;
  let client: QmpClient | undefined;

  const startQemu = () =>
    spawn(
      'qemu-system-x86_64',
      [
        '-machine',
        'none',
        '-nodefaults',
        '-display',
        'none',
        '-no-user-config',
        '-qmp',
        `unix:${socketPath},server=on,wait=off`,
      ],
      { stdio: 'ignore' },
    );

  /** Resolves with the exit code, or undefined if the child has not exited within ms. */
  const exitOf = async (child: ChildProcess, ms: number): Promise<number | null | undefined> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const ac = new AbortController();
    const result = await Promise.race([
      once(child, 'exit').then(() => child.exitCode),
      sleep(ms, undefined, { signal: ac.signal }).catch(() => undefined),
    ]);
    ac.abort();
    return result;
  };

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'solstice-qmp-'));
    socketPath = path.join(dir, 'qmp.sock');
  });

  after(async () => {
    client?.close();
    if (qemu && (await exitOf(qemu, 0)) === undefined) {
      qemu.kill('SIGKILL');
      await exitOf(qemu, 5000);
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('connect retries until QEMU creates the socket', async () => {
    const connecting = QmpClient.connect(socketPath, { timeoutMs: 10_000 });
    await sleep(300);
    qemu = startQemu();
    qemu.on('error', () => {}); // surfaces as a connect timeout instead of crashing the runner
    client = await connecting;
  });

  it('query-version reports QEMU 7 or later', async () => {
    const version = await client!.execute<{ qemu: { major: number; minor: number } }>('query-version');
    assert.ok(version.qemu.major >= 7, `major ${version.qemu.major}`);
  });

  it('query-status answers', async () => {
    const status = await client!.execute<{ status: string; running: boolean }>('query-status');
    assert.equal(typeof status.status, 'string');
    assert.equal(typeof status.running, 'boolean');
  });

  it('an unknown command rejects with QmpError CommandNotFound', async () => {
    await assert.rejects(client!.execute('no-such-command'), (err: unknown) => {
      assert.ok(err instanceof QmpError);
      assert.equal(err.errorClass, 'CommandNotFound');
      assert.match(err.message, /no-such-command/);
      return true;
    });
  });

  it('humanMonitorCommand returns text, including HMP errors', async () => {
    assert.match(await client!.humanMonitorCommand('info version'), /^\d+\.\d+\.\d+/);
    assert.match(await client!.humanMonitorCommand('no-such-hmp-command'), /unknown command/);
  });

  it('concurrent commands each get their own answer', async () => {
    const [version, status, hmp] = await Promise.all([
      client!.execute<{ qemu: { major: number } }>('query-version'),
      client!.execute<{ status: string }>('query-status'),
      client!.humanMonitorCommand('info version'),
    ]);
    assert.ok('qemu' in version);
    assert.ok('status' in status);
    assert.equal(typeof hmp, 'string');
  });

  it('quit: SHUTDOWN event, closed resolves, later commands reject promptly, QEMU exits', async () => {
    const seen: string[] = [];
    const unsubscribe = client!.onEvent((e) => seen.push(e.event));
    const shutdown = client!.waitForEvent('SHUTDOWN', 5000);
    await client!.execute('quit');
    const event = await shutdown;
    assert.equal(event.data?.['reason'], 'host-qmp-quit');
    assert.equal(typeof event.timestamp?.seconds, 'number');
    assert.ok(seen.includes('SHUTDOWN'));
    unsubscribe();

    await client!.closed;
    const started = Date.now();
    await assert.rejects(client!.execute('query-status'), /Cannot run QMP command "query-status"/);
    assert.ok(Date.now() - started < 2_000, 'a closed client rejects at once, not after the command deadline');

    assert.equal(await exitOf(qemu!, 5000), 0, 'QEMU exited cleanly');
    assert.throws(() => process.kill(qemu!.pid!, 0), { code: 'ESRCH' }, 'no QEMU process left');
  });

  it('connect to a socket that never appears rejects after its deadline, naming the path', async () => {
    const missing = path.join(dir, 'never.sock');
    const started = Date.now();
    await assert.rejects(QmpClient.connect(missing, { timeoutMs: 500 }), (err: unknown) => {
      assert.ok(err instanceof Error);
      assert.ok(err.message.includes(missing), err.message);
      return true;
    });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 450 && elapsed < 1500, `took ${elapsed} ms`);
  });

  it('an aborted signal rejects connect, before or during the retries', async () => {
    const missing = path.join(dir, 'never.sock');
    await assert.rejects(QmpClient.connect(missing, { timeoutMs: 5000, signal: AbortSignal.abort() }), CancelledError);

    const started = Date.now();
    await assert.rejects(
      QmpClient.connect(missing, { timeoutMs: 5000, signal: AbortSignal.timeout(150) }),
      CancelledError,
    );
    assert.ok(Date.now() - started < 1000);
  });

  it('leaves no timers running once everything is closed', () => {
    assert.deepEqual(
      process.getActiveResourcesInfo().filter((r) => r === 'Timeout'),
      [],
    );
  });
});
