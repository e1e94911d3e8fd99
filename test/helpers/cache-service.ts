/**
 * A stand-in of the Actions cache service on 127.0.0.1, speaking what @actions/cache 6 speaks to it
 * with ACTIONS_CACHE_SERVICE_V2 set: Twirp JSON at ACTIONS_RESULTS_URL
 * (`/twirp/github.actions.results.api.v1.CacheService/<method>`: GetCacheEntryDownloadURL,
 * CreateCacheEntry, FinalizeCacheEntryUpload), and signed blob URLs that the Azure storage SDK uploads
 * to (Put Blob, or Put Block + Put Block List for archives over 128 MiB) and downloads from (Get Blob
 * Properties, then ranged Get Blob in 4 MiB pieces). As on github.com, the blob URLs name a host under
 * .blob.core.windows.net, the one suffix for which the client downloads with the Azure SDK; the step's
 * HTTP_PROXY sends those requests to this server (the Twirp calls go to loopback, which no proxy
 * takes). Entries live in memory; a test can replace or truncate one, and make the service refuse saves
 * the way a full cache does.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const TWIRP_PREFIX = '/twirp/github.actions.results.api.v1.CacheService/';
/** The storage account's host in signed URLs; the path is /<container>/<blob>. */
const BLOB_ORIGIN = 'http://solstice-test.blob.core.windows.net';
const BLOB_PREFIX = '/actions-cache/';

interface Entry {
  key: string;
  version: string;
  blob: Buffer;
}

interface Upload {
  key: string;
  version: string;
  blob?: Buffer;
  blocks: Map<string, Buffer>;
}

export interface CacheService {
  /** What the runner sets for the cache (v2) in a step's environment, and the proxy to the blob host. */
  env: Record<string, string>;
  /** Keys of the finalized entries. */
  keys(): string[];
  /** The archive stored under `key` (the first version), or undefined. */
  archive(key: string): Buffer | undefined;
  /** Replaces the archive stored under `key` (all its versions). */
  setArchive(key: string, archive: Buffer): void;
  /** From now on, CreateCacheEntry answers 429 resource_exhausted, as a cache over its quota. */
  refuseSaves(message: string): void;
  /** Requests per Twirp method, or 'blob-head', 'blob-get' (of which 'blob-range' ranged), 'blob-put'. */
  requests(what: string): number;
  close(): Promise<void>;
}

export const RUNTIME_TOKEN = 'solstice-test-runtime-token';

export async function startCacheService(): Promise<CacheService> {
  const entries: Entry[] = [];
  const uploads = new Map<string, Upload>();
  const counts = new Map<string, number>();
  let refusal: string | undefined;
  const count = (what: string) => counts.set(what, (counts.get(what) ?? 0) + 1);
  let base = '';

  const twirp = async (method: string, body: Record<string, unknown>, response: ServerResponse) => {
    count(method);
    const key = String(body['key'] ?? '');
    const version = String(body['version'] ?? '');
    switch (method) {
      case 'GetCacheEntryDownloadURL': {
        const restoreKeys = (body['restore_keys'] as string[] | undefined) ?? [];
        const exact = entries.find((entry) => entry.key === key && entry.version === version);
        const prefixed = restoreKeys
          .map((prefix) => entries.find((entry) => entry.key.startsWith(prefix) && entry.version === version))
          .find((entry) => entry !== undefined);
        const found = exact ?? prefixed;
        if (!found) return json(response, 200, { ok: false });
        const index = entries.indexOf(found);
        return json(response, 200, {
          ok: true,
          signed_download_url: `${BLOB_ORIGIN}${BLOB_PREFIX}entry-${index}?sig=download`,
          matched_key: found.key,
        });
      }
      case 'CreateCacheEntry': {
        if (refusal !== undefined) return json(response, 429, { code: 'resource_exhausted', msg: refusal });
        if (entries.some((entry) => entry.key === key && entry.version === version))
          return json(response, 200, { ok: false, message: `cache entry ${key} already exists` });
        const id = randomUUID();
        uploads.set(id, { key, version, blocks: new Map() });
        return json(response, 200, {
          ok: true,
          signed_upload_url: `${BLOB_ORIGIN}${BLOB_PREFIX}upload-${id}?sig=upload`,
        });
      }
      case 'FinalizeCacheEntryUpload': {
        const upload = [...uploads.entries()].find(([, u]) => u.key === key && u.version === version);
        if (!upload?.[1].blob) return json(response, 200, { ok: false, message: `nothing uploaded for ${key}` });
        uploads.delete(upload[0]);
        entries.push({ key, version, blob: upload[1].blob });
        return json(response, 200, { ok: true, entry_id: String(entries.length) });
      }
      default:
        return json(response, 404, { code: 'bad_route', msg: `no method ${method}` });
    }
  };

  const blob = (request: IncomingMessage, url: URL, body: Buffer, response: ServerResponse) => {
    const name = url.pathname.slice(BLOB_PREFIX.length);
    if (request.method === 'GET' || request.method === 'HEAD') {
      count(request.method === 'HEAD' ? 'blob-head' : 'blob-get');
      const index = /^entry-(\d+)$/.exec(name)?.[1];
      const entry = index === undefined ? undefined : entries[Number(index)];
      if (!entry) return void response.writeHead(404).end();
      const headers = {
        'content-type': 'application/octet-stream',
        'x-ms-blob-type': 'BlockBlob',
        'accept-ranges': 'bytes',
        etag: '"0x1"',
        'last-modified': new Date(0).toUTCString(),
      };
      // The SDK reads a blob in pieces: `x-ms-range` (or Range) bytes=<first>-<last>.
      const range = /^bytes=(\d+)-(\d*)$/.exec(String(request.headers['x-ms-range'] ?? request.headers.range ?? ''));
      if (range && request.method === 'GET') {
        count('blob-range');
        const first = Number(range[1]);
        const last = Math.min(range[2] ? Number(range[2]) : entry.blob.length - 1, entry.blob.length - 1);
        const piece = entry.blob.subarray(first, last + 1);
        response.writeHead(206, {
          ...headers,
          'content-length': piece.length,
          'content-range': `bytes ${first}-${last}/${entry.blob.length}`,
        });
        return void response.end(piece);
      }
      response.writeHead(200, { ...headers, 'content-length': entry.blob.length });
      return void response.end(request.method === 'HEAD' ? undefined : entry.blob);
    }
    count('blob-put');
    const upload = uploads.get(name.replace(/^upload-/, ''));
    if (request.method !== 'PUT' || !upload) return void response.writeHead(404).end();
    const comp = url.searchParams.get('comp');
    if (comp === 'block') upload.blocks.set(url.searchParams.get('blockid') ?? '', body);
    else if (comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)</g)].map((m) => m[1]!);
      upload.blob = Buffer.concat(ids.map((id) => upload.blocks.get(id) ?? Buffer.alloc(0)));
    } else upload.blob = body;
    response.writeHead(201, {
      etag: `"0x${Date.now().toString(16)}"`,
      'last-modified': new Date().toUTCString(),
      'x-ms-request-id': randomUUID(),
      'x-ms-version': '2025-01-05',
      'x-ms-request-server-encrypted': 'true',
      'content-length': 0,
    });
    response.end();
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      // A proxied request names its absolute URL (the blob host); a direct one only its path.
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks);
      if (url.pathname.startsWith(BLOB_PREFIX)) return blob(request, url, body, response);
      if (request.method === 'POST' && url.pathname.startsWith(TWIRP_PREFIX)) {
        if (request.headers.authorization !== `Bearer ${RUNTIME_TOKEN}`)
          return json(response, 401, { code: 'unauthenticated', msg: 'bad runtime token' });
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        } catch {
          return json(response, 400, { code: 'malformed', msg: 'not JSON' });
        }
        return void twirp(url.pathname.slice(TWIRP_PREFIX.length), parsed, response);
      }
      response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    env: {
      ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
      ACTIONS_RESULTS_URL: `${base}/`,
      ACTIONS_CACHE_SERVICE_V2: 'True',
      HTTP_PROXY: base,
      NO_PROXY: '127.0.0.1,localhost',
      // The client takes a server other than github.com for GHES, which has only the v1 service.
      GITHUB_SERVER_URL: 'https://github.com',
    },
    keys: () => entries.map((entry) => entry.key),
    archive: (key) => entries.find((entry) => entry.key === key)?.blob,
    setArchive: (key, archive) => {
      for (const entry of entries) if (entry.key === key) entry.blob = archive;
    },
    refuseSaves: (message) => (refusal = message),
    requests: (what) => counts.get(what) ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
