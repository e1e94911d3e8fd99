/**
 * A real HTTP server on 127.0.0.1 whose routes a test sets and swaps, counting requests per path,
 * with the well-behaved and faulty answers the image tests need.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export interface RouteServer {
  url(path: string): string;
  requests(path: string): number;
  /** Serves `path` with `handler` from now on. */
  route(path: string, handler: Handler): void;
  close(): Promise<void>;
}

/** Unknown paths answer 404. */
export async function startRouteServer(routes: Record<string, Handler> = {}): Promise<RouteServer> {
  const handlers = new Map(Object.entries(routes));
  const counts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    (handlers.get(path) ?? answer(404, 'not found'))(request, response);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests: (path) => counts.get(path) ?? 0,
    route: (path, handler) => void handlers.set(path, handler),
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

const CHUNK_BYTES = 64 * 1024;

export function serve(body: Buffer, type = 'application/octet-stream'): Handler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': type, 'content-length': body.length });
    response.end(body);
  };
}

/** A status with a short text body. */
export function answer(status: number, text: string): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/plain' });
    response.end(text);
  };
}

/**
 * Sends `body` in `chunkBytes` pieces, one every `everyMs`; with `stopAfter`, only that many pieces,
 * then nothing (the connection stays open: a stall). `announce: false` sends no Content-Length (chunked).
 */
export function serveSlowly(
  body: Buffer,
  everyMs: number,
  { chunkBytes = CHUNK_BYTES, stopAfter = Infinity, announce = true } = {},
): Handler {
  return (_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      ...(announce ? { 'content-length': body.length } : {}),
    });
    let offset = 0;
    let sent = 0;
    const timer = setInterval(() => {
      if (response.destroyed || sent >= stopAfter) {
        clearInterval(timer);
        return;
      }
      const end = Math.min(offset + chunkBytes, body.length);
      response.write(body.subarray(offset, end));
      offset = end;
      sent++;
      if (offset >= body.length) {
        clearInterval(timer);
        response.end();
      }
    }, everyMs);
    response.on('close', () => clearInterval(timer));
  };
}

/**
 * Announces the whole `body` but sends only its first `bytes`, then breaks the connection: `reset`
 * sends a TCP RST (connection reset), `close` a normal FIN (a truncated body under a lying Content-Length).
 */
export function breakAfter(body: Buffer, bytes: number, how: 'reset' | 'close'): Handler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
    // The pause lets the bytes reach the client before the connection breaks.
    response.write(body.subarray(0, bytes), () =>
      setTimeout(() => (how === 'reset' ? response.socket?.resetAndDestroy() : response.socket?.end()), 50),
    );
  };
}

/** `fault` for the first request, `then` for every later one. */
export function failFirst(fault: Handler, then: Handler): Handler {
  let served = 0;
  return (request, response) => (served++ === 0 ? fault : then)(request, response);
}
