import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { SolsticeError } from '../../core/errors.js';
import type { Manifest } from '../../sync/manifest.js';
import type { StepRules } from '../../config/job.js';
import { jobFiles, keptVmRecord, keptVmRegistry } from '../job-directory.js';

/** Everything a later step needs to reach a VM that `keep-running` left up. */
export interface KeptVm {
  name: string;
  jobDirectory: string;
  qemuPid: number;
  sshPort: number;
  user: string;
  /** The job's private key, inside the private job directory. */
  privateKeyPath: string;
  hostPublicKey: string;
  consoleLogPath: string;
  bootTimeoutSeconds: number;
  rules: StepRules;
}

const manifestFile = (kept: KeptVm) => jobFiles(kept.jobDirectory).syncedManifest;

export async function saveKeptVm(
  tempRoot: string,
  kept: KeptVm,
  privateKey: string,
  synced: Manifest | undefined,
): Promise<void> {
  await writeFile(kept.privateKeyPath, privateKey, { mode: 0o600 });
  if (synced) await saveSyncedManifest(kept, synced);
  await mkdir(keptVmRegistry(tempRoot), { recursive: true, mode: 0o700 });
  await writeFile(keptVmRecord(tempRoot, kept.name), JSON.stringify(kept, null, 2), { mode: 0o600 });
}

export async function loadKeptVm(
  tempRoot: string,
  name: string,
): Promise<{ kept: KeptVm; privateKey: string; synced?: Manifest }> {
  const text = await readFile(keptVmRecord(tempRoot, name), 'utf8').catch(() => {
    throw new SolsticeError(
      `No VM named '${name}' is kept running in this job: start one with the Solstice action and keep-running: true${name === 'default' ? '' : ` and name: ${name}`} in an earlier step.`,
    );
  });
  const kept = JSON.parse(text) as KeptVm;
  const privateKey = await readFile(kept.privateKeyPath, 'utf8');
  const synced = await readFile(manifestFile(kept), 'utf8').then(
    (json) => JSON.parse(json) as Manifest,
    () => undefined,
  );
  return { kept, privateKey, ...(synced ? { synced } : {}) };
}

export async function saveSyncedManifest(kept: KeptVm, synced: Manifest): Promise<void> {
  await writeFile(manifestFile(kept), JSON.stringify(synced), { mode: 0o600 });
}

export async function forgetSyncedManifest(kept: KeptVm): Promise<void> {
  await rm(manifestFile(kept), { force: true });
}

export async function forgetKeptVm(tempRoot: string, name: string): Promise<void> {
  await rm(keptVmRecord(tempRoot, name), { force: true });
}
