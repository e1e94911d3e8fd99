/**
 * What a download is asked for (DownloadOptions) and gives back (DownloadResult), and what the steps of
 * one attempt share (DownloadContext): the words every download-*.ts module speaks.
 */
import type { Reporter } from '../core/reporter.js';
import type { Compression } from '../core/vocabulary.js';
import type { ArchiveMember } from './archive-member.js';
import type { DecompressingWriter } from './decompress.js';
import type { HashingWriter } from './hashing-writer.js';

export interface DownloadOptions {
  reporter: Reporter;
  signal?: AbortSignal;
  /** No bytes for this long → abort. */
  stallTimeoutMs: number;
  /** Minimum interval between progress lines. */
  progressIntervalMs: number;
  /** Also compute sha512 (sha256 is always computed). */
  sha512?: boolean;
  /** Wait before retrying a failure in passing (connection lost, HTTP 5xx). Default 2000. */
  retryDelayMs?: number;
  /** The download is compressed: the file gets the decompressed image. */
  compression?: Compression;
  /** The decompressed download is an archive: the file gets this member of it (needs a compression). */
  archive?: ArchiveMember | undefined;
  /** The most bytes the download may have (announced or received), and the image it decompresses to. Default DEFAULT_MAX_DOWNLOAD_BYTES. */
  maxBytes?: number;
}

export interface DownloadResult {
  /** Received. */
  bytes: number;
  /** Written: the image, decompressed when the download was compressed. */
  storedBytes: number;
  /** Digests of what was written. */
  sha256: string;
  sha512?: string;
  /** Digests of the download itself, when it was compressed. */
  compressed?: { sha256: string; sha512?: string };
  durationMs: number;
}

/**
 * Far above any cloud image (they are 0.3–2 GiB), low enough that a hostile or broken server (the URL
 * may come from a pull request's catalog file) cannot fill a shared cache disk. A catalog entry can
 * raise it (maxSize).
 */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 64 * 2 ** 30;

/** Where the body goes: hashed and written, after decompression when the download is compressed. */
export type Output = HashingWriter | DecompressingWriter;

/** One attempt: what its steps share, and what they count (read by the stall timer and the verdict). */
export interface DownloadContext {
  url: URL;
  shown: string;
  destination: string;
  options: DownloadOptions;
  maxBytes: number;
  /** Fired by the caller's signal or by a stall: aborts the request and every wait. */
  signal: AbortSignal;
  started: number;
  /** When the last byte was received or written (a slow disk is not a stalled server). */
  lastActivity: number;
  /** Received so far. */
  bytes: number;
  /** Announced by the server (Content-Length without a content encoding). */
  expected: number | undefined;
}

/** A download's speed, for progress and summary lines. */
export function formatRate(bytes: number, ms: number): string {
  return `${(bytes / 1e6 / Math.max(ms / 1000, 1e-3)).toFixed(1)} MB/s`;
}
