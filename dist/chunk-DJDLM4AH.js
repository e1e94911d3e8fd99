import { createRequire as __solsticeCreateRequire } from 'node:module';
import { fileURLToPath as __solsticeFileURLToPath } from 'node:url';
import { dirname as __solsticeDirname } from 'node:path';
const require = __solsticeCreateRequire(import.meta.url);
const __filename = __solsticeFileURLToPath(import.meta.url);
const __dirname = __solsticeDirname(__filename);
import {
  debug,
  endGroup,
  info,
  notice,
  startGroup,
  warning
} from "./chunk-VH6C2CNH.js";
import {
  inertLine
} from "./chunk-LMUSGPZY.js";
import {
  CancelledError,
  SolsticeError
} from "./chunk-QWINBACU.js";

// src/action/workflow-reporter.ts
import { randomBytes } from "node:crypto";
var WorkflowReporter = class {
  constructor(write = (text) => process.stdout.write(text)) {
    this.write = write;
  }
  write;
  token;
  // Our own messages and commands: each ends a stopped section first.
  info = this.ours((message) => info(inertLines(message)));
  notice = this.ours((message) => notice(message));
  warning = this.ours((message) => warning(message));
  debug = this.ours(debug);
  startGroup = this.ours(startGroup);
  endGroup = this.ours(endGroup);
  guestLine(line) {
    if (!this.token) {
      this.token = randomBytes(16).toString("hex");
      this.write(`::stop-commands::${this.token}
`);
    }
    this.write(`${inertLine(line)}
`);
  }
  ours(write) {
    return (...args) => {
      this.resumeCommands();
      write(...args);
    };
  }
  /** Must run before any workflow command of ours (setFailed, groups) after guest text. */
  resumeCommands() {
    if (!this.token) return;
    this.write(`::${this.token}::
`);
    this.token = void 0;
  }
};
function inertLines(message) {
  return message.split(/\r\n|\n|\r/).map(inertLine).join("\n");
}

// src/action/error-text.ts
var ACTION_WORDING = {
  subject: (input) => `Input '${input}'`,
  setting: (input, value) => value === void 0 ? input : `${input}: ${value}`,
  several: "Invalid inputs"
};
function actionErrorText(error) {
  if (error instanceof CancelledError) return "Cancelled: the VM was stopped and its files removed.";
  if (error instanceof SolsticeError) return error.describe(ACTION_WORDING);
  return error instanceof Error ? error.message : String(error);
}

export {
  WorkflowReporter,
  actionErrorText
};
