/** A stand-in for the GitHub REST API's `GET /users/{login}/keys`, on 127.0.0.1, paged like GitHub's. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInGitHub {
  url: string;
  /** Authorization headers received, in order. */
  authorizations: string[];
  /** Request paths with their query, in order. */
  paths: string[];
  close(): Promise<void>;
}

/** A login's key list, an HTTP status to answer with, or the primary rate limit exhausted until a time. */
export type StandInAnswer = string[] | number | { rateLimitResetsAt: Date };

/** GitHub's paging: `per_page` defaults to 30 and is capped at 100, `page` counts from 1. */
const DEFAULT_PAGE_SIZE = 30;
const MAX_PAGE_SIZE = 100;

export async function standInGitHub(answers: Record<string, StandInAnswer>): Promise<StandInGitHub> {
  const authorizations: string[] = [];
  const paths: string[] = [];
  const server = createServer((request, response) => {
    authorizations.push(request.headers.authorization ?? '');
    paths.push(request.url ?? '');
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    // Any prefix before /users: GitHub Enterprise Server serves the API under /api/v3.
    const login = /\/users\/([^/]+)\/keys$/.exec(url.pathname)?.[1];
    const answer = login === undefined ? undefined : answers[decodeURIComponent(login)];
    const json = { 'content-type': 'application/json; charset=utf-8' };
    if (answer === undefined) {
      response
        .writeHead(404, json)
        .end('{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}');
    } else if (typeof answer === 'number') {
      response.writeHead(answer, json).end('{"message":"Server Error"}');
    } else if (!Array.isArray(answer)) {
      response
        .writeHead(403, {
          ...json,
          'x-ratelimit-limit': '60',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '60',
          'x-ratelimit-reset': String(Math.floor(answer.rateLimitResetsAt.getTime() / 1000)),
        })
        .end(
          JSON.stringify({
            message:
              "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)",
            documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
          }),
        );
    } else {
      const pageSize = Math.min(Number(url.searchParams.get('per_page') ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
      const page = Number(url.searchParams.get('page') ?? 1);
      const lastPage = Math.max(1, Math.ceil(answer.length / pageSize));
      const pageUrl = (n: number) => {
        const next = new URL(url);
        next.searchParams.set('page', String(n));
        return next.href;
      };
      const links =
        page < lastPage ? { link: `<${pageUrl(page + 1)}>; rel="next", <${pageUrl(lastPage)}>; rel="last"` } : {};
      const entries = answer
        .slice((page - 1) * pageSize, page * pageSize)
        .map((key, index) => ({ id: (page - 1) * pageSize + index + 1, key }));
      response.writeHead(200, { ...json, ...links }).end(JSON.stringify(entries));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    authorizations,
    paths,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
