import { createRequire as __solsticeCreateRequire } from 'node:module';
import { fileURLToPath as __solsticeFileURLToPath } from 'node:url';
import { dirname as __solsticeDirname } from 'node:path';
const require = __solsticeCreateRequire(import.meta.url);
const __filename = __solsticeFileURLToPath(import.meta.url);
const __dirname = __solsticeDirname(__filename);
import {
  saveJobDirectory,
  saveKeptName
} from "./chunk-TJOVU7AG.js";
import {
  WorkflowReporter,
  actionErrorText
} from "./chunk-DJDLM4AH.js";
import {
  addPath,
  endGroup,
  exec,
  getInput,
  info,
  setFailed,
  setOutput,
  startGroup,
  summary
} from "./chunk-VH6C2CNH.js";
import {
  PrepareFailedError,
  announcementMarkdown,
  catalogWithFile,
  defaultCacheRoot,
  formatBytes,
  formatCatalogTable,
  parseJobInputs,
  runJob,
  shortKey
} from "./chunk-M4DSCGUC.js";
import {
  QEMU_BINARY,
  abortOnSignals,
  childEnvironment,
  markdownText,
  shellQuote
} from "./chunk-LMUSGPZY.js";
import "./chunk-QWINBACU.js";

// src/action/main.ts
import { tmpdir } from "node:os";

// src/action/host-group.ts
import { Writable } from "node:stream";
var COMMAND_DEADLINE_MS = 5e3;
async function hostReport(arch) {
  const commands = [[QEMU_BINARY[arch], "--version"], ["ls", "-l", "/dev/kvm"], ["id"]];
  const outputs = await Promise.all(
    commands.map(async ([command, ...args]) => {
      const chunks = [];
      const collect = new Writable({ write: (chunk, _encoding, done) => done(void chunks.push(chunk)) });
      const run = exec(command, args, {
        ignoreReturnCode: true,
        env: childEnvironment(),
        outStream: collect,
        errStream: collect
      }).then(
        () => "",
        (error) => `${command}: ${error.message}
`
      );
      const deadline = new Promise(
        (resolve) => setTimeout(
          resolve,
          COMMAND_DEADLINE_MS,
          `${command}: no answer within ${COMMAND_DEADLINE_MS / 1e3} s
`
        ).unref()
      );
      const problem = await Promise.race([run, deadline]);
      return Buffer.concat(chunks).toString() + problem;
    })
  );
  return outputs.join("");
}
function printHostGroup(report) {
  startGroup("Host");
  info(report.trimEnd());
  endGroup();
}

// src/action/path-command.ts
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
async function installSolsticeCommand(tempRoot) {
  const binDirectory = join(tempRoot, "solstice-bin");
  const stepEntry = join(dirname(fileURLToPath(import.meta.url)), "step.js");
  await mkdir(binDirectory, { recursive: true });
  const command = join(binDirectory, "solstice");
  await writeFile(command, `#!/bin/sh
exec ${shellQuote(process.execPath)} ${shellQuote(stepEntry)} "$@"
`);
  await chmod(command, 493);
  addPath(binDirectory);
  return command;
}

// src/action/summary.ts
function jobSummaryMarkdown(config, result) {
  const status = result.exitCode === 0 ? "\u2705 passed" : `\u274C failed with exit code ${result.exitCode}${result.exitSignal ? ` (signal ${result.exitSignal})` : ""}`;
  const rows = [
    ["Result", status],
    ["Image", `\`${escapeCell(config.image.source)}\``],
    [
      "Image digest",
      `\`${result.image.digest.algorithm}:${result.image.digest.hex}\`${result.image.verified ? " (verified)" : " (**not verified**: no image-checksum)"}`
    ],
    [
      "Image cache",
      result.image.cacheHit ? "hit (nothing downloaded)" : `${formatBytes(result.image.fetchedBytes)} downloaded`
    ],
    ["Accelerator", result.accel === "kvm" ? "KVM" : "TCG (software emulation)"],
    ["VM", `${config.cpus} vCPU, ${config.memoryMiB} MiB`],
    [
      "Start",
      result.start === "warm" ? `warm: restored the template \`${shortKey(result.templateKey ?? "")}\`` : "cold: booted"
    ],
    [result.start === "warm" ? "Restore to SSH" : "Boot to SSH", `${result.bootSeconds.toFixed(1)} s`]
  ];
  const phases = Object.entries(result.phases).map(([phase, ms]) => `${phase} ${(ms / 1e3).toFixed(2)} s`).join(", ");
  return [
    "### Solstice VM job",
    "",
    "| | |",
    "|---|---|",
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    "",
    `<sub>Phases: ${phases}</sub>`,
    "",
    ...result.debug?.access ? [announcementMarkdown(result.debug.access)] : [],
    // The message can carry guest text (a panic line): shown literally, never as Markdown or HTML.
    ...result.debug ? [`Debug: ${markdownText(result.debug.message)}`, ""] : []
  ].join("\n");
}
function escapeCell(text) {
  return text.replaceAll("|", "\\|").replaceAll("`", "'");
}

// src/action/main.ts
async function main() {
  const reporter = new WorkflowReporter();
  const cancelled = abortOnSignals((signal) => reporter.info(`Received ${signal}: stopping the VM.`));
  let arch;
  try {
    const catalog = await catalogWithFile(getInput("catalog"));
    if (getInput("image").trim().toLowerCase() === "list") {
      info(formatCatalogTable(catalog));
      return;
    }
    const config = parseJobInputs((name) => getInput(name), {
      defaultCacheRoot: defaultCacheRoot(process.env),
      env: process.env,
      workspace: process.env["GITHUB_WORKSPACE"] || process.cwd(),
      catalog
    });
    arch = config.machine.arch;
    const tempRoot = process.env["RUNNER_TEMP"] || tmpdir();
    const result = await runJob(
      config,
      { tempRoot, runnerEnv: process.env, onJobDirectory: saveJobDirectory },
      reporter,
      cancelled
    );
    reporter.resumeCommands();
    setOutput("exit-code", String(result.exitCode));
    setOutput("ssh-port", String(result.sshPort));
    setOutput("console-log", result.consoleLogPath);
    setOutput("image-digest", `${result.image.digest.algorithm}:${result.image.digest.hex}`);
    setOutput(`image-${result.image.digest.algorithm}`, result.image.digest.hex);
    setOutput("accel", result.accel);
    setOutput("boot-seconds", result.bootSeconds.toFixed(1));
    setOutput("start", result.start);
    setOutput("template", result.templateKey ? shortKey(result.templateKey) : "");
    await summary.addRaw(jobSummaryMarkdown(config, result)).write();
    if (result.kept) {
      saveKeptName(result.kept.name);
      await installSolsticeCommand(tempRoot);
      reporter.info(
        `The VM '${result.kept.name}' keeps running for later steps: use \`shell: solstice${result.kept.name === "default" ? "" : ` --vm ${result.kept.name}`} {0}\`. The post step stops it.`
      );
    }
    if (result.debug?.failure) setFailed(result.debug.failure);
    if (result.exitCode !== 0) {
      setFailed(
        result.exitSignal ? `The script was killed by signal ${result.exitSignal} (exit code ${result.exitCode}).` : `The script exited with code ${result.exitCode}.`
      );
    }
  } catch (error) {
    reporter.resumeCommands();
    if (error instanceof PrepareFailedError) setOutput("exit-code", String(error.exitCode));
    setFailed(actionErrorText(error));
  }
  if (arch && !cancelled.aborted) printHostGroup(await hostReport(arch));
}
await main();
process.exit();
