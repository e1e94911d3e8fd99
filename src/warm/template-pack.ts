/**
 * A template as it travels beyond this machine's cache (the Actions cache): its files under their own
 * names in one directory, the RAM file packed into a qcow2 of its allocated clusters. The RAM file is
 * sparse (2 GiB with ≈ 300 MiB written): the cache client's tar reads and writes every hole, which took
 * 11 s to save and 7 s to restore here, against 1.6 s and 0.8 s packed (docs/performance.md).
 *
 * On the way in a template is checked before it is trusted, like a restored image: whoever could write
 * the entry chose its bytes. Only the expected names, as regular files of bounded size; the record must
 * be the job's key and identity; the disk overlay is re-pointed at the job's verified image and may name
 * no other file; the packed RAM must be self-contained and exactly the machine's size; the device state
 * must be a QEMU migration stream. The job's own checks (restore deadline, cold fallback) still apply.
 */
import { chmod, link, lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SolsticeError } from '../core/errors.js';
import { formatBytes } from '../core/format.js';
import { adoptOverlay, packRaw, unpackRaw, type OverlayBase } from '../disk/overlay.js';
import { readRecord } from '../store/records.js';
import { describeIdentity, type TemplateIdentity } from './template-key.js';
import {
  isTemplateRecord,
  templateFiles,
  type Template,
  type TemplateFiles,
  type TemplateRecord,
} from './template-store.js';

/** The packed RAM file's name in an entry (the other files keep the names templateFiles gives them). */
export const PACKED_MEMORY = 'memory.qcow2';
const MiB = 1024 * 1024;
/** QEMU_VM_FILE_MAGIC and QEMU_VM_FILE_VERSION: how every migration stream starts. */
const MIGRATION_STREAM_START = Buffer.from([0x51, 0x45, 0x56, 0x4d, 0x00, 0x00, 0x00, 0x03]);

type FileRole = 'disk' | 'memory' | 'state' | 'seed' | 'uefiVars' | 'buildConsoleLog' | 'record';

/** Each file of an entry: the template file it becomes, whether it must be there, its largest size, its mode. */
function entryFiles(expected: TemplateExpectation) {
  const overlayLimit = expected.diskBytes + expected.diskBytes / 8 + 64 * MiB;
  const memoryLimit = expected.memoryBytes + expected.memoryBytes / 8 + 64 * MiB;
  const roles: Array<{ role: FileRole; required: boolean; maxBytes: number; mode: number }> = [
    { role: 'record', required: true, maxBytes: 64 * 1024, mode: 0o644 },
    { role: 'disk', required: true, maxBytes: overlayLimit, mode: 0o644 },
    { role: 'memory', required: true, maxBytes: memoryLimit, mode: 0o644 },
    { role: 'state', required: true, maxBytes: 256 * MiB, mode: 0o644 },
    { role: 'seed', required: true, maxBytes: 16 * MiB, mode: 0o600 },
    { role: 'uefiVars', required: expected.uefi, maxBytes: 64 * MiB, mode: 0o644 },
    { role: 'buildConsoleLog', required: false, maxBytes: 64 * MiB, mode: 0o600 },
  ];
  // Named as in the template (packTemplate links them under their own names), the RAM as packed.
  const names = templateFiles('');
  return roles.map((file) => ({ ...file, name: file.role === 'memory' ? PACKED_MEMORY : names[file.role] }));
}

/**
 * Lays out `template` in `entryDir` (made afresh) as packTemplate's reader expects: hard links to its
 * files (no copies) and its RAM packed. The caller removes the directory when the entry is saved.
 */
export async function packTemplate(template: Template, entryDir: string, signal?: AbortSignal): Promise<void> {
  const { files } = template;
  await rm(entryDir, { recursive: true, force: true });
  await mkdir(entryDir, { recursive: true, mode: 0o700 });
  // Only BIOS templates lack UEFI variables; a build console log is a courtesy.
  const optional = [files.uefiVars, files.buildConsoleLog];
  for (const path of [files.record, files.disk, files.state, files.seed, ...optional]) {
    await link(path, join(entryDir, basename(path))).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' || !optional.includes(path)) throw error;
    });
  }
  await packRaw(files.memory, join(entryDir, PACKED_MEMORY), signal);
}

/** What the job's template must be: its key and identity, the image it runs on, the machine's sizes. */
export interface TemplateExpectation {
  key: string;
  identity: TemplateIdentity;
  image: OverlayBase;
  /** The guest's disk size (the image's own, or disk-size). */
  diskBytes: number;
  memoryBytes: number;
  uefi: boolean;
}

/**
 * Checks the entry restored into `entryDir` and moves it into `staging` as a template of this machine
 * (RAM unpacked, disk on the job's image). Throws SolsticeError naming the first thing refused; what was
 * moved stays in `staging`, which the caller removes on failure. Returns the record to commit.
 */
export async function unpackTemplate(
  entryDir: string,
  staging: TemplateFiles,
  expected: TemplateExpectation,
  signal?: AbortSignal,
): Promise<TemplateRecord> {
  const files = entryFiles(expected);
  const present = new Map<FileRole, string>();
  for (const file of files) {
    const path = join(entryDir, file.name);
    const st = await lstat(path).catch(() => undefined);
    if (st === undefined) {
      if (file.required) throw new SolsticeError(`the entry has no ${file.name}`);
      continue;
    }
    if (!st.isFile()) throw new SolsticeError(`${file.name} in the entry is not a regular file`);
    if (st.size > file.maxBytes)
      throw new SolsticeError(
        `${file.name} in the entry is ${formatBytes(st.size)}, more than ${formatBytes(file.maxBytes)}`,
      );
    present.set(file.role, path);
  }
  const record = await readRecord(present.get('record')!, isTemplateRecord);
  if (record === undefined) throw new SolsticeError('its template.json is not a template record of this version');
  if (record.key !== expected.key || describeIdentity(record.identity) !== describeIdentity(expected.identity))
    throw new SolsticeError("its record is of another template (key or identity differ from the job's)");
  await expectStart(present.get('state')!, MIGRATION_STREAM_START, 'its device state is not a QEMU migration stream');

  await unpackRaw(present.get('memory')!, staging.memory, expected.memoryBytes, signal);
  for (const file of files) {
    const from = present.get(file.role);
    if (file.role === 'record' || from === undefined) continue;
    const to = staging[file.role];
    if (file.role !== 'memory') await rename(from, to);
    // The mode the template's own build gives it: a restored file has whatever mode the entry said.
    await chmod(to, file.mode);
    if (file.role === 'disk') await adoptOverlay(to, expected.image, expected.diskBytes, signal);
  }
  return { ...record, imagePath: expected.image.path };
}

async function expectStart(path: string, start: Buffer, refusal: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(start.length), 0, start.length, 0);
    if (bytesRead < start.length || !buffer.equals(start)) throw new SolsticeError(refusal);
  } finally {
    await handle.close();
  }
}

/**
 * A store of templates beyond this machine's cache (the Actions cache, kept by the action's front end).
 * It is trusted for nothing: unpackTemplate checks what it restores.
 */
export interface RemoteTemplateStore {
  /** The store in messages: "the Actions cache". */
  readonly name: string;
  /** Restores the entry of the template under `key` into a directory (packTemplate's layout), or undefined. The caller removes it. */
  restore(key: string, signal: AbortSignal): Promise<string | undefined>;
  /** This job restores the template (found, restored or built): the store may keep it once the job has passed. */
  used(template: Template): void;
}
