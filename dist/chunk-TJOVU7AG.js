import { createRequire as __solsticeCreateRequire } from 'node:module';
import { fileURLToPath as __solsticeFileURLToPath } from 'node:url';
import { dirname as __solsticeDirname } from 'node:path';
const require = __solsticeCreateRequire(import.meta.url);
const __filename = __solsticeFileURLToPath(import.meta.url);
const __dirname = __solsticeDirname(__filename);
import {
  getState,
  saveState
} from "./chunk-VH6C2CNH.js";

// src/action/state.ts
var JOB_DIRECTORY = "job-directory";
var KEPT_NAME = "kept-name";
function saveJobDirectory(jobDirectory) {
  saveState(JOB_DIRECTORY, jobDirectory);
}
function loadJobDirectory() {
  return getState(JOB_DIRECTORY) || void 0;
}
function saveKeptName(name) {
  saveState(KEPT_NAME, name);
}
function loadKeptName() {
  return getState(KEPT_NAME) || void 0;
}

export {
  saveJobDirectory,
  loadJobDirectory,
  saveKeptName,
  loadKeptName
};
