/** A real HTTP server on 127.0.0.1 serving image files, counting requests per path. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ImageServer {
  url(path: string): string;
  requests(path: string): number;
  close(): Promise<void>;
}

/** Serves `routes` (URL path → file path) on a free loopback port. */
export async function serveFiles(routes: Record<string, string>): Promise<ImageServer> {
  const counts = new Map<string, number>();
  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const file = routes[path];
    if (!file) {
      response.writeHead(404).end('not found');
      return;
    }
    const { size } = await stat(file);
    response.writeHead(200, { 'content-length': size, 'content-type': 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
