import { createRequire as __solsticeCreateRequire } from 'node:module';
import { fileURLToPath as __solsticeFileURLToPath } from 'node:url';
import { dirname as __solsticeDirname } from 'node:path';
const require = __solsticeCreateRequire(import.meta.url);
const __solsticeFilename = __solsticeFileURLToPath(import.meta.url);
const __solsticeDirnameOfModule = __solsticeDirname(__solsticeFilename);
import {
  quotedGuestLines
} from "./chunk-OF3TEOM3.js";

// src/action/script-failure.ts
function scriptFailure(exitCode, lastLines, signal) {
  const ended = signal ? `The script was killed by signal ${signal} (exit code ${exitCode}).` : `The script exited with code ${exitCode}.`;
  return lastLines.length > 0 ? `${ended} Its last lines:
${quotedGuestLines(lastLines)}` : ended;
}

export {
  scriptFailure
};
