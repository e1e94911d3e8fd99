import { formatGiB } from '../core/format.js';
import { execa } from 'execa';
import { childEnvironment } from '../core/child-environment.js';
import { CancelledError, SolsticeError } from '../core/errors.js';
import type { PreparedImage } from '../image/types.js';
import { program } from '../core/program-search.js';

/**
 * The per-job disk: a qcow2 overlay whose backing file is the cached base image. The guest writes only
 * to the overlay, so the base stays pristine for the next job. Grows the disk when asked (cloud-init's
 * growpart/resizefs grow the filesystem at boot).
 */
export async function createOverlay(
  base: Pick<PreparedImage, 'path' | 'format' | 'virtualSize'>,
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
  const result = await execa(program('qemu-img'), args, {
    reject: false,
    cancelSignal: signal,
    stdin: 'ignore',
    all: true,
    env: childEnvironment(),
    extendEnv: false,
  });
  if (signal?.aborted) throw new CancelledError();
  if (result.failed) {
    throw new SolsticeError(
      `Could not create the job's disk overlay with qemu-img: ${result.all?.trim() || result.shortMessage}`,
    );
  }
}
