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
  saveImages,
  transfersMarkdown
} from "./chunk-HMARFTQ7.js";
import {
  WorkflowReporter,
  info,
  summary,
  warning
} from "./chunk-D4AMLQ7N.js";
import {
  stopJob
} from "./chunk-XLH2W2RW.js";
import {
  forgetKeptVm
} from "./chunk-R6ALLFMZ.js";

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
  if (images.length === 0) return;
  const saves = await saveImages(images, new WorkflowReporter());
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
