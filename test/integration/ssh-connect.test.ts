import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import ssh2 from 'ssh2';
import { connectSsh } from '../../src/ssh/connect.js';
import { generateEd25519 } from '../../src/ssh/keys.js';

describe('connectSsh against an SSH server that hangs up', () => {
  const login = generateEd25519('test-login');
  const host = generateEd25519('test-host');
  // An sshd going down for a reboot can drop a connection in the middle of the login: before the fix the
  // promise never settled (ssh2 clears its ready timer on close), and a CI job waited 70 minutes.
  const server = new ssh2.Server({ hostKeys: [host.privateKey] }, (client) => {
    client.on('error', () => {});
    client.on('authentication', () => (client as unknown as { _sock: Socket })._sock.destroy());
  });
  after(() => server.close());

  it('rejects at once, not at its ready timeout, when the server closes during the login', async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const startedAt = Date.now();
    await assert.rejects(
      connectSsh(
        { host: '127.0.0.1', port, user: 'runner', privateKey: login.privateKey, hostPublicKey: host.publicKey },
        60_000,
      ),
      /closed the connection before the login completed/,
    );
    assert.ok(Date.now() - startedAt < 10_000, `rejected after ${Date.now() - startedAt} ms`);
  });
});
