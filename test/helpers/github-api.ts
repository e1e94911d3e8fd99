/** A stand-in for the GitHub REST API's `GET /users/{login}/keys`, on 127.0.0.1. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInGitHub {
  url: string;
  /** Authorization headers received, in order. */
  authorizations: string[];
  close(): Promise<void>;
}

/** `keys[login]` is served as that user's key list; a login mapped to a number gets that HTTP status. */
export async function standInGitHub(keys: Record<string, string[] | number>): Promise<StandInGitHub> {
  const authorizations: string[] = [];
  const server = createServer((request, response) => {
    authorizations.push(request.headers.authorization ?? '');
    const login = /^\/users\/([^/]+)\/keys$/.exec(request.url ?? '')?.[1];
    const entry = login === undefined ? undefined : keys[decodeURIComponent(login)];
    if (typeof entry === 'number') {
      response.writeHead(entry, { 'content-type': 'application/json' }).end('{"message":"Server Error"}');
    } else if (entry === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    } else {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(entry.map((key, id) => ({ id, key }))));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
