import { formatGiB } from '../core/format.js';
import { execa } from 'execa';
import { childEnvironment } from '../core/child-environment.js';
import { CancelledError, SolsticeError } from '../core/errors.js';
import { checkQcow2File, inspectImage, qcow2Info } from '../image/inspect.js';
import type { PreparedImage } from '../image/types.js';
import { program } from '../core/program-search.js';

/** The image an overlay is on. */
export type OverlayBase = Pick<PreparedImage, 'path' | 'format' | 'virtualSize'>;

const QEMU_IMG_TIMEOUT_MS = 10 * 60_000;

/**
 * The per-job disk: a qcow2 overlay whose backing file is the cached base image. The guest writes only
 * to the overlay, so the base stays pristine for the next job. Grows the disk when asked (cloud-init's
 * growpart/resizefs grow the filesystem at boot).
 */
export async function createOverlay(
  base: OverlayBase,
  overlayPath: string,
  diskSizeBytes: number | undefined,
  signal?: AbortSignal,
): Promise<void> {
  if (diskSizeBytes !== undefined && diskSizeBytes < base.virtualSize) {
    throw new SolsticeError(
      `(${formatGiB(diskSizeBytes)}) is smaller than the image's own disk (${formatGiB(base.virtualSize)})`,
      {
        input: 'disk-size',
        hint: `give at least ${formatGiB(base.virtualSize)} or leave it empty`,
      },
    );
  }
  const args = ['create', '-q', '-f', 'qcow2', '-b', base.path, '-F', base.format, overlayPath];
  if (diskSizeBytes !== undefined) args.push(String(diskSizeBytes));
  await qemuImg(args, "create the job's disk overlay", signal);
}

/**
 * Makes an overlay that came from elsewhere (a template restored from the Actions cache) an overlay of
 * `base`: whatever backing file it named is replaced by `base` before anything reads through it, and it
 * may refer to no other file (no external data file). Its guest size must be `virtualSize`.
 */
export async function adoptOverlay(
  overlayPath: string,
  base: OverlayBase,
  virtualSize: number,
  signal?: AbortSignal,
): Promise<void> {
  const source = `overlay ${overlayPath}`;
  await checkQcow2File(overlayPath, source, 'allow');
  // -u: only the header changes; the clusters stay as they are, on top of the (verified) base.
  await qemuImg(
    ['rebase', '-q', '-u', '-f', 'qcow2', '-b', base.path, '-F', base.format, overlayPath],
    'set the backing file of the restored disk overlay',
    signal,
  );
  const info = await qcow2Info(overlayPath, source, signal);
  const problem =
    info.format !== 'qcow2'
      ? `it is not qcow2 (${JSON.stringify(info.format)})`
      : info['backing-filename'] !== base.path
        ? `its backing file is ${JSON.stringify(info['backing-filename'])}, not ${base.path}`
        : info['format-specific']?.data?.['data-file'] !== undefined
          ? 'it uses an external data file'
          : info['format-specific']?.data?.corrupt === true
            ? 'it is marked corrupt'
            : info['virtual-size'] !== virtualSize
              ? `its disk is ${info['virtual-size']} bytes, not ${virtualSize}`
              : undefined;
  if (problem !== undefined) throw new SolsticeError(`The disk overlay ${overlayPath} is refused: ${problem}.`);
}

/** Copies a raw file into a qcow2 that holds only its allocated clusters (a sparse file's holes cost nothing). */
export async function packRaw(rawPath: string, qcow2Path: string, signal?: AbortSignal): Promise<void> {
  await qemuImg(['convert', '-q', '-f', 'raw', '-O', 'qcow2', rawPath, qcow2Path], `pack ${rawPath}`, signal);
}

/**
 * The reverse of packRaw: a raw file of `virtualSize` bytes, sparse where the qcow2 has no data. The qcow2
 * may have come from elsewhere: it must be self-contained (no backing or data file) and of that size.
 */
export async function unpackRaw(
  qcow2Path: string,
  rawPath: string,
  virtualSize: number,
  signal?: AbortSignal,
): Promise<void> {
  const packed = await inspectImage(qcow2Path, qcow2Path, signal);
  if (packed.format !== 'qcow2' || packed.virtualSize !== virtualSize)
    throw new SolsticeError(
      `${qcow2Path} holds ${packed.virtualSize} bytes of ${packed.format}, not the ${virtualSize} bytes of qcow2 expected`,
    );
  await qemuImg(['convert', '-q', '-f', 'qcow2', '-O', 'raw', qcow2Path, rawPath], `unpack ${qcow2Path}`, signal);
}

async function qemuImg(args: string[], what: string, signal?: AbortSignal): Promise<void> {
  const result = await execa(program('qemu-img'), args, {
    reject: false,
    timeout: QEMU_IMG_TIMEOUT_MS,
    cancelSignal: signal,
    stdin: 'ignore',
    all: true,
    env: childEnvironment(),
    extendEnv: false,
  });
  if (signal?.aborted) throw new CancelledError();
  if (result.failed)
    throw new SolsticeError(`Could not ${what} with qemu-img: ${result.all?.trim() || result.shortMessage}`);
}
