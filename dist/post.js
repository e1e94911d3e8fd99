import { createRequire as __solsticeCreateRequire } from 'node:module';
import { fileURLToPath as __solsticeFileURLToPath } from 'node:url';
import { dirname as __solsticeDirname } from 'node:path';
const require = __solsticeCreateRequire(import.meta.url);
const __filename = __solsticeFileURLToPath(import.meta.url);
const __dirname = __solsticeDirname(__filename);
import {
  loadJobDirectory,
  loadKeptName
} from "./chunk-TJOVU7AG.js";
import {
  info,
  warning
} from "./chunk-VH6C2CNH.js";
import {
  stopJob
} from "./chunk-7XKSE7U3.js";
import {
  forgetKeptVm
} from "./chunk-QWINBACU.js";

// src/action/post.ts
import { tmpdir } from "node:os";
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
try {
  await post();
} catch (error) {
  warning(`Cleanup failed: ${error.message}`);
}
