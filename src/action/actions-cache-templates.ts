/**
 * Warm-start templates in the Actions cache, so that on a runner that keeps nothing between jobs the
 * second run of a workflow restores a booted guest instead of booting one. Before a build, the engine
 * asks for the template under its key and checks what comes (warm/template-pack.ts); after a passed job,
 * main packs the template the job used when the Actions cache does not hold it yet (the job built it,
 * or found it in a local cache that outlives jobs), and the post step saves it.
 *
 * An entry is the directory `<cache-dir>/actions-cache/template-<key>/` in packTemplate's layout, under the
 * key `solstice-template-v<format>-<key>`: the template key already holds the image digest, the machine,
 * the QEMU, `prepare` and the scope (repository), and the service scopes entries to the branch as usual.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Reporter } from '../core/reporter.js';
import { packTemplate, type RemoteTemplateStore } from '../warm/template-pack.js';
import { shortKey, TEMPLATE_FORMAT_VERSION } from '../warm/template-key.js';
import type { Template } from '../warm/template-store.js';
import { ActionsCacheTenant, entryExists, saveEntry, type Transfer } from './actions-cache-client.js';

const KEY_PREFIX = `solstice-template-v${TEMPLATE_FORMAT_VERSION}`;

export function templateCacheKey(key: string): string {
  return `${KEY_PREFIX}-${key}`;
}

function entryPath(cacheDir: string, key: string): string {
  return join(cacheDir, 'actions-cache', `template-${key}`);
}

/** What the post step saves: a packed template at its entry path, under its key. */
export interface TemplateToSave {
  key: string;
  entry: string;
}

export function isTemplateToSave(value: unknown): value is TemplateToSave {
  const v = value as Partial<TemplateToSave> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.key === 'string' &&
    v.key.startsWith(`${KEY_PREFIX}-`) &&
    typeof v.entry === 'string'
  );
}

/** The engine's remote template store: restores entries, remembers the templates this job used. */
export class ActionsTemplateCache extends ActionsCacheTenant implements RemoteTemplateStore {
  readonly usedByThisJob: Template[] = [];

  restore(key: string, signal: AbortSignal): Promise<string | undefined> {
    return this.restoreTo(entryPath(this.cacheDir, key), templateCacheKey(key), 'building the template', signal);
  }

  used(template: Template): void {
    this.usedByThisJob.push(template);
  }

  /**
   * After a passed job: each template it used that the Actions cache does not hold yet, packed at its
   * entry path for the post step. A template that cannot be packed is a warning (the job is not
   * affected) and is not saved.
   */
  async pack(signal: AbortSignal): Promise<TemplateToSave[]> {
    const packed: TemplateToSave[] = [];
    for (const template of this.usedByThisJob) {
      const entry = entryPath(this.cacheDir, template.record.key);
      if (await entryExists(entry, templateCacheKey(template.record.key))) continue;
      try {
        await packTemplate(template, entry, signal);
        packed.push({ key: templateCacheKey(template.record.key), entry });
      } catch (error) {
        await rm(entry, { recursive: true, force: true }).catch(() => {});
        this.reporter.warning(
          `The warm-start template ${shortKey(template.record.key)} is not saved in the Actions cache: packing it failed (${(error as Error).message}). The job is not affected.`,
        );
      }
    }
    return packed;
  }
}

/** Saves each packed template (the post step, after a successful job); a failed save is a warning. */
export async function saveTemplates(templates: readonly TemplateToSave[], reporter: Reporter): Promise<Transfer[]> {
  const saves: Transfer[] = [];
  for (const { key, entry } of templates) saves.push(await saveEntry(entry, key, 'The warm-start template', reporter));
  return saves;
}
