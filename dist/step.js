import { createRequire as __solsticeCreateRequire } from 'node:module';
import { fileURLToPath as __solsticeFileURLToPath } from 'node:url';
import { dirname as __solsticeDirname } from 'node:path';
const require = __solsticeCreateRequire(import.meta.url);
const __solsticeFilename = __solsticeFileURLToPath(import.meta.url);
const __solsticeDirnameOfModule = __solsticeDirname(__solsticeFilename);
import {
  scriptFailure
} from "./chunk-IYW3K6K6.js";
import {
  WorkflowReporter,
  actionErrorText,
  error
} from "./chunk-GRLD7GMQ.js";
import {
  MAX_CONSOLE_LOG_BYTES,
  QmpClient,
  abortOnSignals,
  asRoot,
  bootFailureMessage,
  connectSsh,
  consoleLimitMessage,
  dropConsoleOutput,
  execCapture,
  execCommand,
  runStep,
  shellQuote,
  waitForSsh
} from "./chunk-OF3TEOM3.js";
import {
  SolsticeError,
  distrustForPrograms,
  forgetSyncedManifest,
  jobFiles,
  loadKeptVm,
  saveSyncedManifest,
  sleep
} from "./chunk-WYDCK4DS.js";

// src/action/step-command.ts
import { tmpdir } from "node:os";

// src/engine/kept/later-step.ts
import { open, readFile, stat } from "node:fs/promises";
var CONNECT_TIMEOUT_MS = 3e4;
var TAIL_BYTES = 16 * 1024;
async function runLaterStep(request, reporter2, signal) {
  const { kept, privateKey, synced } = await loadKeptVm(request.tempRoot, request.name);
  distrustForPrograms(kept.rules.workspace, kept.jobDirectory);
  if (!processAlive(kept.qemuPid))
    throw new SolsticeError(
      `The kept VM '${kept.name}' is not running any more (QEMU pid ${kept.qemuPid} is gone); see its console log: ${kept.consoleLogPath}`
    );
  const target = {
    host: "127.0.0.1",
    port: kept.sshPort,
    user: kept.user,
    privateKey,
    hostPublicKey: kept.hostPublicKey
  };
  await limitConsoleLog(kept.consoleLogPath, kept.jobDirectory, reporter2, signal);
  let ssh = await connectSsh(target, CONNECT_TIMEOUT_MS);
  try {
    let previouslySynced = synced;
    if (request.reboot) {
      ssh = await reboot(ssh, { target, kept, reporter: reporter2, signal });
      await forgetSyncedManifest(kept);
      previouslySynced = void 0;
    }
    if (!request.scriptPath) return { exitCode: 0, lastLines: [] };
    const script = await readFile(request.scriptPath, "utf8");
    const outcome = await runStep(ssh, {
      script,
      rules: kept.rules,
      ...previouslySynced ? { previouslySynced } : {},
      runnerEnv: request.runnerEnv,
      reporter: reporter2,
      signal,
      moreStepsFollow: true,
      jobDirectory: kept.jobDirectory
    });
    if (outcome.synced) await saveSyncedManifest(kept, outcome.synced);
    return { exitCode: outcome.result.exitCode, lastLines: outcome.lastLines };
  } finally {
    ssh.end();
  }
}
async function limitConsoleLog(logPath, jobDirectory, reporter2, signal) {
  const size = (await stat(logPath).catch(() => void 0))?.size ?? 0;
  if (size < MAX_CONSOLE_LOG_BYTES) return;
  const qmp = await QmpClient.connect(jobFiles(jobDirectory).qmpSocket, { timeoutMs: CONNECT_TIMEOUT_MS, signal });
  try {
    await dropConsoleOutput(qmp);
  } finally {
    qmp.close();
  }
  reporter2.warning(consoleLimitMessage(logPath));
}
function rebootCommand(admin) {
  const root = asRoot(admin);
  return `${root}systemctl reboot || ${root}reboot`;
}
async function reboot(ssh, { target, kept, reporter: reporter2, signal }) {
  const { qemuPid, bootTimeoutSeconds, consoleLogPath } = kept;
  const bootId = await readBootId(ssh);
  reporter2.info("Rebooting the guest\u2026");
  const startedAt = Date.now();
  await execCommand(
    ssh,
    `nohup sh -c ${shellQuote(`sleep 1; ${rebootCommand(kept.rules.userland.admin)}`)} </dev/null >/dev/null 2>&1 &`,
    { signal }
  );
  ssh.end();
  const deadline = startedAt + bootTimeoutSeconds * 1e3;
  const waiting = new AbortController();
  const vmExited = untilGone(qemuPid, AbortSignal.any([signal, waiting.signal]));
  try {
    for (; ; ) {
      const fresh = await waitForSsh(target, {
        deadlineMs: Math.max(1e3, deadline - Date.now()),
        vmExited,
        signal,
        describeFailure: async (reason) => bootFailureMessage(`${reason} after the reboot`, "", await consoleTail(consoleLogPath))
      });
      if (await readBootId(fresh) !== bootId) {
        reporter2.info(`The guest is back after ${((Date.now() - startedAt) / 1e3).toFixed(1)} s.`);
        return fresh;
      }
      fresh.end();
      if (Date.now() >= deadline) {
        throw new SolsticeError(
          `The guest did not reboot within ${bootTimeoutSeconds} s: it still answers over SSH with the same boot id, so the reboot command did nothing; see its console log: ${consoleLogPath}`
        );
      }
      await sleep(500, signal);
    }
  } finally {
    waiting.abort();
  }
}
async function readBootId(ssh) {
  const answer = await execCapture(ssh, "cat /proc/sys/kernel/random/boot_id", {
    what: "read the boot id",
    maxStdoutBytes: 256,
    timeoutMs: CONNECT_TIMEOUT_MS
  });
  return answer.stdout.toString().trim();
}
function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
async function untilGone(pid, signal) {
  while (processAlive(pid)) {
    await sleep(500, signal);
    if (signal.aborted) return new Promise(() => {
    });
  }
}
async function consoleTail(path) {
  const handle = await open(path, "r").catch(() => void 0);
  if (!handle) return [];
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, TAIL_BYTES);
    const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
    return buffer.toString("utf8").split(/\r?\n/).slice(-16, -1);
  } finally {
    await handle.close();
  }
}

// src/action/step-command.ts
var usage = "usage: solstice [--name NAME] [--reboot] [SCRIPT]";
function parseArguments(args) {
  let name = process.env["SOLSTICE_VM"] || "default";
  let reboot2 = false;
  let scriptPath;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if ((arg === "--name" || arg === "--vm") && index + 1 < args.length) name = args[++index];
    else if (arg === "--reboot") reboot2 = true;
    else if (!arg.startsWith("-") && scriptPath === void 0) scriptPath = arg;
    else throw new Error(`Unexpected argument '${arg}'. ${usage}`);
  }
  if (!reboot2 && scriptPath === void 0)
    throw new Error(`Give the script to run (shell: solstice {0}) or --reboot. ${usage}`);
  return { name, reboot: reboot2, ...scriptPath ? { scriptPath } : {} };
}
var reporter = new WorkflowReporter();
var cancelled = abortOnSignals();
try {
  const request = parseArguments(process.argv.slice(2));
  const { exitCode, lastLines } = await runLaterStep(
    { ...request, tempRoot: process.env["RUNNER_TEMP"] || tmpdir(), runnerEnv: process.env },
    reporter,
    cancelled
  );
  reporter.resumeCommands();
  if (exitCode !== 0) error(scriptFailure(exitCode, lastLines));
  process.exitCode = exitCode;
} catch (error2) {
  reporter.resumeCommands();
  error(actionErrorText(error2));
  process.exitCode = cancelled.aborted ? 130 : 1;
}
process.exit();
