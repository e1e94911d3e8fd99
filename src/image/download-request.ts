/**
 * Opening a download: the URL checked, the GET sent on a dispatcher of its own with redirects followed,
 * and the answer judged (status, announced length, cap, free space) before a byte of the body is read.
 * undici's request() is used rather than node:http or fetch for its CPU cost per chunk (download.ts says
 * why; the figures are in docs/performance.md).
 */
import { statfs } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { dirname } from 'node:path';
import { Agent, buildConnector, request, type Dispatcher } from 'undici';
import { SolsticeError } from '../core/errors.js';
import { formatBytes } from '../core/format.js';
import type { DownloadContext } from './download-context.js';
import { noRoomError, tooLargeError, TransientDownloadError } from './download-failure.js';

/** Like fetch. */
const MAX_REDIRECTS = 20;

/** The response to a GET: status, headers (lower-case names) and the unread body. */
export type Response = Dispatcher.ResponseData;

/** The URL to fetch: valid, and without credentials. */
export function parseImageUrl(url: string, shown: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SolsticeError(`The image URL ${shown} is not a valid URL.`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new SolsticeError(
      `The image URL ${shown} contains a user name or password, which is not supported: ` +
        'give a URL without credentials (e.g. a pre-signed URL).',
    );
  }
  return parsed;
}

/** Drops a body that will not be read (destroying it aborts the request: that error is expected). */
export function discard(body: Response['body']): void {
  body.on('error', () => {});
  body.destroy();
}

/**
 * A dispatcher for one download: no timeouts of undici's own (the stall deadline covers connecting,
 * headers and body alike), and the first error of its connection recorded, because undici reports a
 * connection reset mid-body only as a length mismatch.
 */
export function downloadAgent(): { agent: Agent; socketError: () => Error | undefined } {
  const connector = buildConnector({ timeout: 0 });
  let socketError: Error | undefined;
  const agent = new Agent({
    headersTimeout: 0,
    bodyTimeout: 0,
    pipelining: 0,
    connect: (options, callback) =>
      connector(options, (...args) => {
        args[1]?.on('error', (error: Error) => (socketError ??= error));
        callback(...args);
      }),
  });
  return { agent, socketError: () => socketError };
}

/**
 * GET with redirects followed (as fetch does), the body left unread, on `agent` (one per download, so
 * nothing lingers in a shared pool once it is closed). `shown` names the URL in errors.
 */
async function get(url: URL, shown: string, agent: Agent, signal: AbortSignal): Promise<Response> {
  for (let redirects = 0; ; redirects++) {
    const response = await request(url, {
      dispatcher: agent,
      signal,
      maxRedirections: 0,
      headers: { 'accept-encoding': 'identity', 'user-agent': 'solstice' },
    });
    const header = response.headers.location;
    const location = Array.isArray(header) ? header[0] : header;
    if (![301, 302, 303, 307, 308].includes(response.statusCode) || !location) return response;
    discard(response.body);
    if (redirects >= MAX_REDIRECTS) {
      throw new SolsticeError(`Downloading the image ${shown} failed: more than ${MAX_REDIRECTS} redirects.`);
    }
    url = new URL(location, url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new SolsticeError(
        `Downloading the image ${shown} failed: the server redirected to an unsupported URL scheme (${url.protocol}).`,
      );
    }
  }
}

/** Refuses at once an announced size that cannot fit, rather than after filling the disk. */
async function checkRoom(dir: string, shown: string, bytes: number): Promise<void> {
  let free: number;
  try {
    const info = await statfs(dir);
    free = info.bavail * info.bsize;
  } catch {
    return; // unknown: the write will tell
  }
  if (bytes > free) {
    throw noRoomError(dir, `the image ${shown} needs ${formatBytes(bytes)} and only ${formatBytes(free)} is free`);
  }
}

/** A status other than 2xx ends the attempt: a 5xx is worth a retry, anything else is final. */
function checkStatus(status: number, shown: string): void {
  if (status >= 200 && status <= 299) return;
  const reason = STATUS_CODES[status];
  const answer = `Downloading the image ${shown} failed: the server answered HTTP ${status}${reason ? ` ${reason}` : ''}.`;
  if (status >= 500) throw new TransientDownloadError(answer);
  throw new SolsticeError(`${answer} Check that the URL is right and reachable from the runner.`);
}

/** The length the server announces: a Content-Length of digits, unless a content encoding changes it. */
function announcedLength(headers: Response['headers']): number | undefined {
  const header = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const encoding = header('content-encoding');
  const lengthHeader = header('content-length');
  if (lengthHeader !== undefined && /^\d+$/.test(lengthHeader.trim()) && (!encoding || encoding === 'identity')) {
    return Number(lengthHeader.trim());
  }
  return undefined;
}

/**
 * Sends the GET and checks the answer before a byte of the body is read: a 2xx status (a 5xx is worth
 * a retry), the announced length within the cap and the free space. Sets `context.expected`.
 */
export async function openDownload(context: DownloadContext, agent: Agent): Promise<Response> {
  const {
    shown,
    maxBytes,
    options: { reporter },
  } = context;
  const response = await get(context.url, shown, agent, context.signal);
  context.lastActivity = performance.now();
  try {
    checkStatus(response.statusCode, shown);
    const expected = (context.expected = announcedLength(response.headers));
    if (expected !== undefined && expected > maxBytes) {
      throw tooLargeError(shown, `the server announces ${expected} bytes (Content-Length)`, maxBytes);
    }
    if (expected !== undefined) await checkRoom(dirname(context.destination), shown, expected);
    reporter.info(`Downloading ${shown}${expected !== undefined ? ` (${formatBytes(expected)})` : ''}`);
    return response;
  } catch (error) {
    discard(response.body); // a body that will not be read
    throw error;
  }
}
