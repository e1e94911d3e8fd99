/**
 * The runner's side of the guest agent against agents that misbehave as a hostile guest could make them
 * (the agent is a shell in the guest): every answer is bounded in size and time, and only a status
 * line carrying the session's random marker is believed.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { AgentSession } from '../../src/warm/agent.js';

const servers: Server[] = [];
after(() => servers.forEach((server) => server.close()));

/** A unix socket standing in for the clone's agent port; `agent` sees each line the runner sends. */
async function fakeAgent(agent: (socket: Socket, line: string) => void): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'solstice-agent-')), 'agent.sock');
  const server = createServer((socket) => {
    let pending = '';
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop()!;
      for (const line of lines) agent(socket, line);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return path;
}

/** What an honest agent (sh) prints for an `echo "<marker> …"` line the runner sends. */
const echoed = (line: string) => /^echo "(SOLSTICE-AGENT-[0-9a-f]+) (.*)"$/.exec(line);
const options = () => ({ deadlineMs: 2_000, signal: new AbortController().signal });

describe('the guest agent session against a hostile agent', () => {
  it('an honest agent: awake, then the status of each script', async () => {
    const path = await fakeAgent((socket, line) => {
      const echo = echoed(line);
      if (echo) socket.write(`${echo[1]} ${echo[2] === '$?' ? '7' : echo[2]}\n`);
    });
    const session = await AgentSession.open(path, options());
    try {
      assert.equal(await session.run('false'), 7);
    } finally {
      session.close();
    }
  });

  it('a flood without a status line is cut off at the bound, not read forever', async () => {
    const path = await fakeAgent((socket, line) => {
      const echo = echoed(line);
      if (echo && echo[2] === 'awake') socket.write(`${echo[1]} awake\n`);
      else if (echo) socket.write('x'.repeat(1024 * 1024));
    });
    const session = await AgentSession.open(path, options());
    try {
      await assert.rejects(session.run('true'), /more than 65536 bytes without a status/);
    } finally {
      session.close();
    }
  });

  it('a forged status without the session marker is not believed; silence ends at the deadline', async () => {
    const path = await fakeAgent((socket, line) => {
      const echo = echoed(line);
      if (echo && echo[2] === 'awake') socket.write(`${echo[1]} awake\n`);
      else if (echo) socket.write('SOLSTICE-AGENT-0000000000000000 0\n0\n');
    });
    const session = await AgentSession.open(path, options());
    const startedAt = Date.now();
    try {
      await assert.rejects(session.run('true'), /did not answer within 2 s/);
      assert.ok(Date.now() - startedAt < 4_000);
    } finally {
      session.close();
    }
  });

  it('an agent that hangs up fails the session at once', async () => {
    const path = await fakeAgent((socket) => socket.destroy());
    await assert.rejects(AgentSession.open(path, options()), /closed its port without a status/);
  });
});
