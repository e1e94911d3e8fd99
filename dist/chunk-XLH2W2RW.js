import { createRequire as __solsticeCreateRequire } from 'node:module';
import { fileURLToPath as __solsticeFileURLToPath } from 'node:url';
import { dirname as __solsticeDirname } from 'node:path';
const require = __solsticeCreateRequire(import.meta.url);
const __solsticeFilename = __solsticeFileURLToPath(import.meta.url);
const __solsticeDirnameOfModule = __solsticeDirname(__solsticeFilename);
import {
  sleep
} from "./chunk-R6ALLFMZ.js";

// src/engine/kept/stop-job.ts
import { rm } from "node:fs/promises";

// src/qemu/find-processes.ts
import { readdir, readFile } from "node:fs/promises";
import { basename } from "node:path";
async function findQemuProcesses(marker) {
  const found = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, "latin1").catch(() => "");
    const program = basename(cmdline.split("\0", 1)[0]);
    if (!program.startsWith("qemu-system") || !cmdline.includes(marker)) continue;
    const state = await readFile(`/proc/${entry}/stat`, "latin1").catch(() => "");
    if (!/^\d+ \(.*\) Z/.test(state)) found.push(Number(entry));
  }
  return found;
}

// src/engine/kept/stop-job.ts
var GONE_DEADLINE_MS = 5e3;
async function stopJob(jobDirectory) {
  const running = await findQemuProcesses(jobDirectory);
  for (const pid of running) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
    }
  }
  const deadline = Date.now() + GONE_DEADLINE_MS;
  while ((await findQemuProcesses(jobDirectory)).length > 0 && Date.now() < deadline) {
    await sleep(100);
  }
  await rm(jobDirectory, { recursive: true, force: true });
  return running;
}

export {
  findQemuProcesses,
  stopJob
};
