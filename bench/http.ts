/** A node:http server on 127.0.0.1 that counts requests and body bytes per path (to prove a cache hit fetched 0). */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingServer {
  url(path: string): string;
  counts(path: string): { requests: number; bytes: number };
  close(): Promise<void>;
}

/**
 * Sends `body` no faster than `bytesPerSecond` (a network of that speed), in 256 KiB writes on a schedule,
 * respecting backpressure; stops if the client goes away.
 */
function sendPaced(response: ServerResponse, body: Buffer, bytesPerSecond: number, onDone: () => void): void {
  const slice = 256 * 1024;
  const startedAt = performance.now();
  let sent = 0;
  const step = (): void => {
    if (response.destroyed) return;
    const allowed = Math.min(body.length, ((performance.now() - startedAt) / 1000) * bytesPerSecond + slice);
    while (sent < allowed) {
      const end = Math.min(sent + slice, body.length);
      const more = response.write(body.subarray(sent, end));
      sent = end;
      if (!more) {
        response.once('drain', step);
        return;
      }
    }
    if (sent >= body.length) {
      response.end(onDone);
      return;
    }
    setTimeout(step, Math.max(1, ((sent - slice) / bytesPerSecond) * 1000 - (performance.now() - startedAt)));
  };
  step();
}

/**
 * Routes map a URL path to a file (streamed) or a Buffer (sent from memory, so the server costs little
 * CPU). A Buffer route asked for with `?rate=<bytes per second>` is sent at that pace.
 */
export async function countingServer(routes: Record<string, string | Buffer>): Promise<CountingServer> {
  const counts = new Map<string, { requests: number; bytes: number }>();
  const server = createServer(async (request, response) => {
    const { pathname: path, searchParams } = new URL(request.url ?? '/', 'http://x');
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
      const rate = Number(searchParams.get('rate'));
      if (rate > 0) sendPaced(response, route, rate, () => (count.bytes += route.length));
      else response.end(route, () => (count.bytes += route.length));
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
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
