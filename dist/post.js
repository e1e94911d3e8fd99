import { createRequire as __solsticeCreateRequire } from 'node:module';
import { fileURLToPath as __solsticeFileURLToPath } from 'node:url';
import { dirname as __solsticeDirname } from 'node:path';
const require = __solsticeCreateRequire(import.meta.url);
const __solsticeFilename = __solsticeFileURLToPath(import.meta.url);
const __solsticeDirnameOfModule = __solsticeDirname(__solsticeFilename);
import {
  loadImagesToSave,
  loadJobCacheDirectory,
  loadJobDirectory,
  loadKeptName,
  loadTemplatesToSave,
  saveImages,
  saveTemplates,
  transfersMarkdown
} from "./chunk-LN7GUGBY.js";
import {
  WorkflowReporter,
  info,
  summary,
  warning
} from "./chunk-GRLD7GMQ.js";
import {
  stopJob
} from "./chunk-QOAV46LA.js";
import "./chunk-CS44J3ZN.js";
import {
  forgetKeptVm
} from "./chunk-WYDCK4DS.js";

// src/action/post.ts
import { tmpdir } from "node:os";
import { rm } from "node:fs/promises";
async function post() {
  const jobDirectory = loadJobDirectory();
  if (!jobDirectory) {
    info("Nothing to clean up.");
    return;
  }
  const keptName = loadKeptName();
  const killed = await stopJob(jobDirectory);
  if (!keptName) {
    for (const pid of killed)
      warning(`A QEMU process of this job (pid ${pid}) was still running after the main step; killed it.`);
  }
  if (keptName) {
    await forgetKeptVm(process.env["RUNNER_TEMP"] || tmpdir(), keptName);
    info(`Stopped the kept VM '${keptName}'.`);
  }
  info(
    killed.length === 0 || keptName ? "Clean: no VM of this job is running and its directory is gone." : `Stopped ${killed.length} leftover QEMU process(es) and removed the job directory.`
  );
}
async function saveInActionsCache() {
  const images = loadImagesToSave();
  const templates = loadTemplatesToSave();
  if (images.length === 0 && templates.length === 0) return;
  const reporter = new WorkflowReporter();
  const saves = [...await saveImages(images, reporter), ...await saveTemplates(templates, reporter)];
  await summary.addRaw(transfersMarkdown(saves)).write().catch(() => {
  });
}
try {
  await post();
} catch (error) {
  warning(`Cleanup failed: ${error.message}`);
}
try {
  const jobCache = loadJobCacheDirectory();
  if (jobCache) await rm(jobCache, { recursive: true, force: true });
} catch (error) {
  warning(`Removing the job's image cache failed: ${error.message}`);
}
try {
  await saveInActionsCache();
} catch (error) {
  warning(`Saving in the Actions cache failed: ${error.message}`);
}
process.exit();
