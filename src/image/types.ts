/** Types of the image stage: obtaining a verified, cached base image. */
import type { Compression, Digest, DigestAlgorithm } from '../core/vocabulary.js';
import type { Reporter } from '../core/reporter.js';
import type { ChecksumFileFormat } from './checksum-file.js';
import type { ArchiveMember } from './archive-member.js';

/** The digest is read from the publisher's checksum file at `url`, under `fileName`. */
export interface PublishedChecksum {
  kind: 'published';
  url: string;
  format: ChecksumFileFormat;
  /** The file is a PGP clearsigned message (Fedora); the signature is not verified. */
  clearsigned: boolean;
  algorithm: DigestAlgorithm;
  fileName: string;
}

export type ImageFormat = 'qcow2' | 'raw';

export interface ImageRequest {
  /** http(s) URL or absolute path, already syntax-checked. */
  source: string;
  /** Of the download or of the decompressed image: either proves the bytes are the publisher's. */
  checksum?: Digest;
  /** A compressed download is decompressed while it streams into the cache. */
  compression?: Compression;
  /** The decompressed download is an archive whose member is the image (catalog images only). */
  archive?: ArchiveMember;
  cacheDir: string;
  /** The most bytes the download, and the image it decompresses to, may have; default 64 GiB (DEFAULT_MAX_DOWNLOAD_BYTES). */
  maxSize?: number;
}

export interface PreparedImage {
  /** Absolute path of the base image, used read-only (never written). */
  path: string;
  format: ImageFormat;
  /** Bytes (guest disk size). */
  virtualSize: number;
  /** The given checksum when there is one, else sha256 computed while downloading/reading. */
  digest: Digest;
  /** Checked against a given checksum. */
  verified: boolean;
  /** Bytes downloaded by this call: 0 on a cache hit or a local file. */
  fetchedBytes: number;
  cacheHit: boolean;
  /** Taken from the remote image store (and verified there and then) instead of downloaded. */
  restored?: true;
}

/**
 * A store of images beyond this machine's cache (the Actions cache, kept by the action's front end). It
 * is trusted for nothing: what it restores is verified against the requested checksum like a download.
 */
export interface RemoteImageStore {
  /** The store in messages: "the Actions cache". */
  readonly name: string;
  /** Where the store put its copy of the image with this digest (a file in the cache directory), or undefined. */
  restore(digest: Digest, signal: AbortSignal): Promise<string | undefined>;
  /** A verified image with this digest was stored at `path` in the local cache (the store may keep a copy). */
  stored(image: { path: string; digest: Digest }): void;
}

export interface ImageOptions {
  /** No bytes received for this long aborts a download. Default 60000. */
  stallTimeoutMs?: number;
  /** Minimum interval between download progress lines. Default 5000. */
  progressIntervalMs?: number;
  /** How long to wait for another job holding the cache lock for the same URL. Default 30 min. */
  lockTimeoutMs?: number;
  /** Wait before the one retry of a download that failed in passing (connection lost, HTTP 5xx). Default 2000. */
  retryDelayMs?: number;
  /** Asked under the entry's lock before a download of an image with a checksum; told of such downloads. */
  remoteStore?: RemoteImageStore;
}

/** One prepareImage call as its two paths (url-image.ts, local-image.ts) take it: checksum normalised, cacheDir resolved. */
export interface ImageJob {
  request: ImageRequest;
  checksum: Digest | undefined;
  cacheDir: string;
  reporter: Reporter;
  signal: AbortSignal | undefined;
  options: ImageOptions;
}
