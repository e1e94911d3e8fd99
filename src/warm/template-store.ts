/**
 * Warm-start templates in the cache, a tenant of the cache store (src/store/: lock, records, trust,
 * used-markers): `<cache>/templates/<key>/`, one directory per template key. A template is built in a
 * private staging directory beside it and renamed into place complete (record last), so a directory
 * under its key is always whole; building happens under the key's lock, so concurrent first jobs build
 * one. Like images, a template another user could have written is refused: its RAM is the machine a job
 * would run in.
 */
import { lstat, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SolsticeError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import { acquireLock, type Release } from '../store/lock.js';
import { readRecord, writeRecord } from '../store/records.js';
import { removeUnlessBusy, type Removal } from '../store/removal.js';
import { firstDistrusted, makeOwnDirectory } from '../store/trust.js';
import { lastUsedAt, markUsed } from '../store/usage.js';
import { shortKey, TEMPLATE_FORMAT_VERSION, type TemplateIdentity } from './template-key.js';

/** The files of one template, named in one place. */
export function templateFiles(dir: string) {
  return {
    dir,
    /** qcow2 overlay on the cached image: the disk as the template left it. */
    disk: join(dir, 'disk.qcow2'),
    /** The guest's RAM (memory-backend-file). */
    memory: join(dir, 'memory'),
    /** The migration stream: device state (the RAM itself stays in `memory`). */
    state: join(dir, 'state'),
    /** The NoCloud seed the template booted with, its host private key scrubbed (clones keep this CD in the drive). */
    seed: join(dir, 'seed.iso'),
    /** UEFI guests: the variable store as the template left it (each clone gets a copy). */
    uefiVars: join(dir, 'uefi-vars.fd'),
    /** The build's serial console (its cold boot and prepare), for a person reading a clone's log. */
    buildConsoleLog: join(dir, 'build-console.log'),
    /** Written last: a directory without it is not a template. */
    record: join(dir, 'template.json'),
    /** Touched by each job that restores it (for `solstice images`). */
    used: join(dir, 'used'),
  };
}

export type TemplateFiles = ReturnType<typeof templateFiles>;

export interface TemplateRecord {
  formatVersion: number;
  key: string;
  identity: TemplateIdentity;
  /** The cached image the template's disk is an overlay of. */
  imagePath: string;
  /** The hostname the template booted with (a clone replaces it). */
  hostname: string;
  loginPublicKey: string;
  hostPublicKey: string;
  createdAt: string;
  /** Cold boot + prepare + save, for the log and the benchmark. */
  buildSeconds: number;
  /** Clones map the RAM file `readonly=on,rom=off` (the QEMU that built it, and restores it, has `rom`). */
  readOnlyRam: boolean;
}

/** No private key: a clone is entered with the job's keys only, which its agent installs. */
export interface Template {
  files: TemplateFiles;
  record: TemplateRecord;
  /** The remote store it came from in this job (the Actions cache), which keeps its copy. */
  restoredFrom?: string;
}

export function templatesDirectory(cacheDir: string): string {
  return join(cacheDir, 'templates');
}

export function templateDirectory(cacheDir: string, key: string): string {
  return join(templatesDirectory(cacheDir), key);
}

/**
 * The template under `key`, or undefined when there is none. A template another user could have
 * written, or that is incomplete, is an error naming why (the caller discards it and boots cold).
 */
export async function readTemplate(cacheDir: string, key: string): Promise<Template | undefined> {
  const files = templateFiles(templateDirectory(cacheDir, key));
  const dirStat = await lstat(files.dir).catch(() => undefined);
  if (!dirStat) return undefined;
  const parts = [files.disk, files.memory, files.state, files.seed, files.record];
  const distrusted = await firstDistrusted([templatesDirectory(cacheDir), files.dir, ...parts]);
  if (distrusted?.missing)
    throw new SolsticeError(`the template ${shortKey(key)} is incomplete: ${distrusted.path} is missing`);
  if (distrusted) throw new SolsticeError(`the template ${shortKey(key)} is not trusted: ${distrusted.untrusted}`);
  const record = await readRecord(files.record, isTemplateRecord);
  if (record?.key !== key)
    throw new SolsticeError(`the template ${shortKey(key)} has no valid record (${files.record})`);
  return { files, record };
}

export function isTemplateRecord(value: unknown): value is TemplateRecord {
  const record = value as Partial<TemplateRecord> | undefined;
  return (
    typeof record === 'object' &&
    record !== null &&
    record.formatVersion === TEMPLATE_FORMAT_VERSION &&
    typeof record.key === 'string' &&
    typeof record.imagePath === 'string' &&
    typeof record.hostname === 'string' &&
    typeof record.loginPublicKey === 'string' &&
    typeof record.hostPublicKey === 'string' &&
    typeof record.createdAt === 'string' &&
    typeof record.readOnlyRam === 'boolean' &&
    typeof record.identity === 'object'
  );
}

/** Takes the template key's lock (waiting, with a line saying so, while another job builds it). */
export async function lockTemplate(
  cacheDir: string,
  key: string,
  options: { reporter: Reporter; signal: AbortSignal; timeoutMs: number; onCompromised: (error: Error) => void },
): Promise<Release> {
  await makeOwnDirectory(templatesDirectory(cacheDir));
  return acquireLock(templateDirectory(cacheDir, key), {
    activity: `building the warm-start template ${shortKey(key)}`,
    ...options,
  });
}

/** A private directory beside the templates, where one is built; renamed into place by commitTemplate. */
export async function createStaging(cacheDir: string, key: string): Promise<TemplateFiles> {
  return templateFiles(await mkdtemp(join(templatesDirectory(cacheDir), `.build-${shortKey(key)}-`)));
}

/** Writes the record into the staging directory and renames it to the key (we hold its lock). */
export async function commitTemplate(
  staging: TemplateFiles,
  cacheDir: string,
  record: TemplateRecord,
): Promise<Template> {
  await writeRecord(staging.record, record);
  const target = templateDirectory(cacheDir, record.key);
  await rm(target, { recursive: true, force: true });
  await rename(staging.dir, target);
  return { files: templateFiles(target), record };
}

/** Removes a template (the caller holds its lock, or it is known unusable). Clones running from it keep their open files. */
export async function discardTemplate(cacheDir: string, key: string): Promise<void> {
  const dir = templateDirectory(cacheDir, key);
  // Renamed away first, so a reader never sees half a removal.
  const doomed = `${templatesDirectory(cacheDir)}/.discard-${shortKey(key)}-${process.pid}-${Date.now()}`;
  await rename(dir, doomed).catch(() => {});
  await rm(doomed, { recursive: true, force: true });
}

export async function markTemplateUsed(template: Template): Promise<void> {
  await markUsed(template.files.used);
}

export interface TemplateSummary {
  key: string;
  record: TemplateRecord;
  /** Bytes on disk (disk overlay, RAM file, state). */
  size: number;
  lastUsedAt: Date;
  /** The image it was built from is still in the cache. */
  imagePresent: boolean;
}

export async function listTemplates(cacheDir: string): Promise<TemplateSummary[]> {
  const summaries: TemplateSummary[] = [];
  for (const name of await templateKeysInCache(cacheDir)) {
    const files = templateFiles(templateDirectory(cacheDir, name));
    const record = await readRecord(files.record, isTemplateRecord);
    if (record === undefined) continue;
    const size = await templateSize(files);
    const lastUsed = await lastUsedAt(files.used, new Date(record.createdAt));
    const imagePresent = await stat(record.imagePath).then(
      (st) => st.isFile(),
      () => false,
    );
    summaries.push({ key: name, record, size, lastUsedAt: lastUsed, imagePresent });
  }
  return summaries.sort((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime());
}

/**
 * Template directories no job of this version restores: an older format (format 1 kept the template's
 * private keys), or no valid record. Only `solstice images prune` removes them; returns their keys and sizes.
 */
export async function outdatedTemplates(cacheDir: string): Promise<Array<{ key: string; size: number }>> {
  const outdated: Array<{ key: string; size: number }> = [];
  for (const key of await templateKeysInCache(cacheDir)) {
    const files = templateFiles(templateDirectory(cacheDir, key));
    if ((await readRecord(files.record, isTemplateRecord)) === undefined)
      outdated.push({ key, size: await templateSize(files) });
  }
  return outdated;
}

/** The names under templates/ that are template keys (not staging, discard or lock entries). */
async function templateKeysInCache(cacheDir: string): Promise<string[]> {
  const names = await readdir(templatesDirectory(cacheDir)).catch(() => [] as string[]);
  return names.filter((name) => /^[0-9a-f]{64}$/.test(name));
}

/** Bytes on disk of a template's disk overlay, RAM file, state and seed. */
async function templateSize(files: TemplateFiles): Promise<number> {
  let size = 0;
  for (const path of [files.disk, files.memory, files.state, files.seed])
    size += await stat(path).then(
      (st) => st.blocks * 512,
      () => 0,
    );
  return size;
}

/** 'locked': a job is building it; 'in-use': a running clone has its disk or RAM open. */
export async function removeTemplate(cacheDir: string, key: string): Promise<Removal> {
  const files = templateFiles(templateDirectory(cacheDir, key));
  return removeUnlessBusy(files.dir, [files.disk, files.memory], () => discardTemplate(cacheDir, key));
}
