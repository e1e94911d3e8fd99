import * as core from '@actions/core';
import { isImageToSave, type ImageToSave } from './actions-cache.js';
import { isTemplateToSave, type TemplateToSave } from './actions-cache-templates.js';

/** Keys under which main hands the post step what it must clean up (read back as STATE_<key>). */
const JOB_DIRECTORY = 'job-directory';
const KEPT_NAME = 'kept-name';
const IMAGES_TO_SAVE = 'actions-cache-save';
const TEMPLATES_TO_SAVE = 'actions-cache-save-templates';
const JOB_CACHE_DIRECTORY = 'job-cache-directory';

/** Saved as soon as the job directory exists: the post step finds the job's QEMU by it. */
export function saveJobDirectory(jobDirectory: string): void {
  core.saveState(JOB_DIRECTORY, jobDirectory);
}

export function loadJobDirectory(): string | undefined {
  return core.getState(JOB_DIRECTORY) || undefined;
}

/** Marks the VM as kept for later steps under `name` (the post step forgets it). */
export function saveKeptName(name: string): void {
  core.saveState(KEPT_NAME, name);
}

export function loadKeptName(): string | undefined {
  return core.getState(KEPT_NAME) || undefined;
}

/** What the post step saves in the Actions cache: written only after a successful job. */
export function saveImagesToSave(images: readonly ImageToSave[]): void {
  if (images.length > 0) core.saveState(IMAGES_TO_SAVE, JSON.stringify(images));
}

export function loadImagesToSave(): ImageToSave[] {
  return loadList(IMAGES_TO_SAVE, isImageToSave);
}

/** The templates the job built, packed for the post step: written only after a successful job. */
export function saveTemplatesToSave(templates: readonly TemplateToSave[]): void {
  if (templates.length > 0) core.saveState(TEMPLATES_TO_SAVE, JSON.stringify(templates));
}

export function loadTemplatesToSave(): TemplateToSave[] {
  return loadList(TEMPLATES_TO_SAVE, isTemplateToSave);
}

function loadList<T>(name: string, isItem: (value: unknown) => value is T): T[] {
  try {
    const items: unknown = JSON.parse(core.getState(name) || '[]');
    return Array.isArray(items) ? items.filter(isItem) : [];
  } catch {
    return [];
  }
}

/** A cache directory of this job alone (cache: none): the post step removes it, after any kept VM stopped. */
export function saveJobCacheDirectory(cacheDir: string): void {
  core.saveState(JOB_CACHE_DIRECTORY, cacheDir);
}

export function loadJobCacheDirectory(): string | undefined {
  return core.getState(JOB_CACHE_DIRECTORY) || undefined;
}
