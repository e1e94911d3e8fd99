import { createServer } from 'node:net';

/**
 * A TCP port that is free on `host` right now. Another process may take it before QEMU binds it;
 * the VM start retries with a new port when QEMU reports the forward could not be set up.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
