/** A node:http server on 127.0.0.1 that counts requests and body bytes per path (to prove a cache hit fetched 0). */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingServer {
  url(path: string): string;
  counts(path: string): { requests: number; bytes: number };
  close(): Promise<void>;
}

/** Routes map a URL path to a file (streamed) or a Buffer (sent from memory, so the server costs little CPU). */
export async function countingServer(routes: Record<string, string | Buffer>): Promise<CountingServer> {
  const counts = new Map<string, { requests: number; bytes: number }>();
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const count = counts.get(path) ?? { requests: 0, bytes: 0 };
    counts.set(path, count);
    count.requests++;
    const route = routes[path];
    if (route === undefined) {
      response.writeHead(404).end();
      return;
    }
    const size = Buffer.isBuffer(route) ? route.length : (await stat(route)).size;
    response.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' });
    if (Buffer.isBuffer(route)) {
      response.end(route, () => (count.bytes += route.length));
      return;
    }
    const stream = createReadStream(route, { highWaterMark: 1 << 20 });
    stream.on('data', (chunk) => (count.bytes += chunk.length));
    stream.pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    counts: (path) => ({ ...(counts.get(path) ?? { requests: 0, bytes: 0 }) }),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
