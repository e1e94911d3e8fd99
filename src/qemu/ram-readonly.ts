import { execa } from 'execa';
import { childEnvironment } from '../core/child-environment.js';
import { program } from '../core/program-search.js';

const PROBE_DEADLINE_MS = 10_000;

/**
 * Whether this QEMU can map a warm-start template's RAM file `readonly=on,rom=off`: the file opened
 * read-only, so no device path (a DMA write, a bug) can write it, and mapped private and writable, so
 * the guest runs. That takes memory-backend-file's `rom` property (QEMU 8.2 and later). Without it,
 * `readonly=on` maps the RAM as a ROM and the guest spins at its first write; such a QEMU maps the file
 * private (`share=off`) only. Asked once per template build: the template's key holds the QEMU binary,
 * so the QEMU that restores it is the one asked.
 */
export async function supportsReadOnlyRam(qemuBinary: string, signal?: AbortSignal): Promise<boolean> {
  const result = await execa(program(qemuBinary), ['-object', 'memory-backend-file,help'], {
    stdin: 'ignore',
    reject: false,
    timeout: PROBE_DEADLINE_MS,
    ...(signal ? { cancelSignal: signal } : {}),
    all: true,
    env: childEnvironment(),
    extendEnv: false,
  });
  return listsRomProperty(result.all ?? '');
}

/** True when QEMU's `-object memory-backend-file,help` lists a `rom=` property. */
export function listsRomProperty(help: string): boolean {
  return /^\s*rom=/m.test(help);
}
