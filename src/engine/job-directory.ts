import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** Unix socket paths are limited to 108 bytes; leave room for the socket's own name. */
const MAX_DIRECTORY_LENGTH = 90;

export interface JobDirectory {
  /** Private per-job directory: disk overlay, seed, keys, sockets. Removed at teardown. */
  path: string;
  /** Unique VM name, also the marker that finds this job's QEMU in the process table. */
  vmName: string;
}

/**
 * A fresh directory for one VM under `root` (RUNNER_TEMP for the action), so jobs on one runner never
 * share a file. Falls back to the system temp dir when `root` is too long for a socket path or contains
 * a comma (QEMU's option separator).
 */
export async function createJobDirectory(root: string): Promise<JobDirectory> {
  const path = await mkdtemp(join(fitsJobRoot(root) ? root : tmpdir(), 'solstice-'));
  return { path, vmName: basename(path) };
}

/** The files of a job directory, named in one place. */
export function jobFiles(jobDirectory: string) {
  return {
    disk: join(jobDirectory, 'disk.qcow2'),
    /** The seed medium in the guest's dialect: an ISO 9660 image, a raw cpio disk or an Ignition file. */
    seed: join(jobDirectory, 'seed'),
    qmpSocket: join(jobDirectory, 'qmp.sock'),
    /** seed: console: the serial console as a socket Solstice types into (QEMU still writes the log). */
    consoleSocket: join(jobDirectory, 'console.sock'),
    qemuPid: join(jobDirectory, 'qemu.pid'),
    qemuStderr: join(jobDirectory, 'qemu-stderr.log'),
    /** Warm start: the host end of the guest agent's port (warm/agent.ts). */
    agentSocket: join(jobDirectory, 'agent.sock'),
    /** The kept VM's login key (keep-running). */
    privateKey: join(jobDirectory, 'id_ed25519'),
    /** Where copy-back unpacks the guest's archive before anything reaches the workspace. */
    copyBackStaging: join(jobDirectory, 'copy-back'),
    /** The scrubbed git configuration sent into the guest in place of the workspace's own. */
    gitConfigScratch: join(jobDirectory, 'git-config'),
    /** Warm start: the clone's disk, an overlay on the template's. */
    cloneDisk: join(jobDirectory, 'clone.qcow2'),
    /** keep-running: the workspace as the guest has it, for the next step's sync. */
    syncedManifest: join(jobDirectory, 'synced-manifest.json'),
  };
}

/** A kept VM's record, by name: `<tempRoot>/solstice-vms/<name>.json` (the directory lists this job's kept VMs). */
export function keptVmRecord(tempRoot: string, name: string): string {
  return join(keptVmRegistry(tempRoot), `${name}.json`);
}

export function keptVmRegistry(tempRoot: string): string {
  return join(tempRoot, 'solstice-vms');
}

/**
 * The job's serial console log: beside the job directory, not in it, because it is kept after the job
 * (a person reads it, an artifact upload takes it) while the directory is removed.
 */
export function consoleLogPath(tempRoot: string, job: JobDirectory): string {
  return join(tempRoot, `${job.vmName}-console.log`);
}

/** Whether job directories can live under `root`: short enough for socket paths, and no comma. */
export function fitsJobRoot(root: string): boolean {
  return root.length + 20 <= MAX_DIRECTORY_LENGTH && !root.includes(',');
}
