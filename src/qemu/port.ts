import { createServer } from 'node:net';

/**
 * A TCP port that is free on 127.0.0.1 right now. Another process may take it before QEMU binds it;
 * the VM start retries with a new port when QEMU reports the forward could not be set up.
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
