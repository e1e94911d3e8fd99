import { rm } from 'node:fs/promises';
import { CancelledError } from '../../core/errors.js';
import { formatSeconds } from '../../core/format.js';
import { unpackTemplate } from '../../warm/template-pack.js';
import { commitTemplate, createStaging, type Template } from '../../warm/template-store.js';
import type { JobScope } from '../job-scope.js';
import { shortKey, type TemplateIdentity } from '../../warm/template-key.js';
import type { MachineBase } from '../guest-identity.js';

const MiB = 1024 * 1024;

/**
 * The template for `request` from the remote store (the Actions cache), checked and committed to the local
 * cache; undefined when the store has none or what it has is refused (a warning: the job builds it). The
 * caller holds the template key's lock.
 */
export async function restoreRemoteTemplate(
  scope: JobScope,
  { key, identity, base }: { key: string; identity: TemplateIdentity; base: MachineBase },
): Promise<Template | undefined> {
  const { config, reporter, signal, remoteTemplates: store } = scope;
  if (!store) return undefined;
  const entry = await store.restore(key, signal);
  if (entry === undefined) return undefined;
  const startedAt = Date.now();
  const staging = await createStaging(config.cacheDir, key);
  try {
    const record = await unpackTemplate(
      entry,
      staging,
      {
        key,
        identity,
        image: base.image,
        diskBytes: identity.diskSizeBytes || base.image.virtualSize,
        memoryBytes: identity.memoryMiB * MiB,
        uefi: identity.firmware === 'uefi',
      },
      signal,
    );
    const template = await commitTemplate(staging, config.cacheDir, record);
    reporter.info(
      `Checked and unpacked the warm-start template ${shortKey(key)} from ${store.name} in ${formatSeconds(Date.now() - startedAt)}: this job restores it instead of building it.`,
    );
    return { ...template, restoredFrom: store.name };
  } catch (error) {
    await rm(staging.dir, { recursive: true, force: true });
    if (error instanceof CancelledError || signal.aborted) throw error;
    reporter.warning(
      `The warm-start template ${shortKey(key)} restored from ${store.name} is refused (${(error as Error).message}): this job builds it.`,
    );
    return undefined;
  } finally {
    await rm(entry, { recursive: true, force: true });
  }
}
