import { createRequire as __solsticeCreateRequire } from 'node:module';
import { fileURLToPath as __solsticeFileURLToPath } from 'node:url';
import { dirname as __solsticeDirname } from 'node:path';
const require = __solsticeCreateRequire(import.meta.url);
const __solsticeFilename = __solsticeFileURLToPath(import.meta.url);
const __solsticeDirnameOfModule = __solsticeDirname(__solsticeFilename);
import {
  jobCaches,
  saveImagesToSave,
  saveJobCacheDirectory,
  saveJobDirectory,
  saveKeptName,
  saveTemplatesToSave,
  transfersMarkdown
} from "./chunk-LN7GUGBY.js";
import {
  scriptFailure
} from "./chunk-IYW3K6K6.js";
import {
  WorkflowReporter,
  actionErrorText,
  addPath,
  endGroup,
  exec,
  getInput,
  info,
  setFailed,
  setOutput,
  startGroup,
  summary
} from "./chunk-GRLD7GMQ.js";
import {
  HOST_ARCH,
  PrepareFailedError,
  announcementMarkdown,
  catalogWithFile,
  defaultCacheRoot,
  formatCatalogTable,
  hostRequirements,
  parseJobInputs,
  planHostSetup,
  readInputs,
  runJob
} from "./chunk-HTRDV6QY.js";
import {
  execa,
  shortKey
} from "./chunk-CS44J3ZN.js";
import {
  QEMU_BINARY,
  abortOnSignals,
  readableConsoleLines,
  shellQuote
} from "./chunk-OF3TEOM3.js";
import {
  CancelledError,
  SolsticeError,
  childEnvironment,
  distrustForPrograms,
  forgetProgramPaths,
  formatBytes,
  markdownText,
  program,
  programPath,
  sleep
} from "./chunk-WYDCK4DS.js";

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

// src/action/host-install.ts
import { constants } from "node:fs";
import { access } from "node:fs/promises";
var KVM_DEVICE = "/dev/kvm";
var KVM_SETTLE_MS = 5e3;
var FAILURE_TAIL_LINES = 5;
async function prepareRunner(config, install, reporter, signal) {
  const missing = [];
  for (const requirement of hostRequirements(config.machine)) {
    for (const thing of requirement.lookFor) {
      const present = requirement.kind === "program" ? programPath(thing) !== void 0 : await exists(thing);
      if (!present) missing.push(thing);
    }
  }
  const plan = planHostSetup({
    machine: config.machine,
    accel: config.accel,
    hostArch: HOST_ARCH,
    missing,
    kvm: await kvmDevice(),
    runnerEnvironment: process.env["RUNNER_ENVIRONMENT"],
    install,
    missingInstallers: ["sudo", "apt-get"].filter((tool) => programPath(tool) === void 0)
  });
  if (plan) await runHostSetup(plan, reporter, signal);
}
async function runHostSetup(plan, reporter, signal) {
  const changes = [plan.packages.length > 0 ? "install QEMU" : "", plan.kvm.length > 0 ? "make /dev/kvm usable" : ""];
  reporter.startGroup(`Set up the runner (${plan.reason}): ${changes.filter(Boolean).join(", ")}`);
  try {
    if (plan.install.length > 0) {
      reporter.info(`Missing here: ${plan.missing.join(", ")}. Installing ${plan.packages.join(" ")} with sudo.`);
      const started = performance.now();
      const fix = `The action installs with passwordless sudo and apt-get; where they do not work, install ${plan.packages.join(" ")} in the runner's image.`;
      for (const command of plan.install) await runSetupCommand(command, reporter, signal, fix);
      forgetProgramPaths();
      reporter.info(`Installed ${plan.packages.join(" ")} in ${seconds(performance.now() - started)}`);
    }
    if (plan.kvm.length > 0) {
      reporter.info(
        `${KVM_DEVICE} is not usable by this user: adding the udev rule GitHub documents for hosted runners.`
      );
      const started = performance.now();
      try {
        for (const command of plan.kvm) await runSetupCommand(command, reporter, signal);
        const usable = await kvmUsableWithin(KVM_SETTLE_MS);
        reporter.info(
          usable ? `Made ${KVM_DEVICE} usable for the runner user in ${seconds(performance.now() - started)}` : `${KVM_DEVICE} is still not usable after the udev rule; the KVM check of the job says what it finds.`
        );
      } catch (error) {
        if (error instanceof CancelledError) throw error;
        reporter.warning(`Could not make ${KVM_DEVICE} usable: ${error.message}`);
      }
    }
  } finally {
    reporter.endGroup();
  }
}
async function runSetupCommand(command, reporter, signal, fix) {
  const [name, ...args] = command.argv;
  const file = program(name);
  const shown = [file, ...args].join(" ");
  reporter.info(`[command]${shown}`);
  const subprocess = execa(file, args, {
    ...command.input === void 0 ? { stdin: "ignore" } : { input: command.input },
    all: true,
    reject: false,
    timeout: command.deadlineMs,
    ...signal ? { cancelSignal: signal } : {},
    env: childEnvironment(),
    extendEnv: false
  });
  const tail = [];
  for await (const line of subprocess.iterable({ from: "all" })) {
    reporter.info(line);
    tail.push(line);
    if (tail.length > FAILURE_TAIL_LINES) tail.shift();
  }
  const result = await subprocess;
  if (result.isCanceled || signal?.aborted) throw new CancelledError();
  const after = fix === void 0 ? "" : ` ${fix}`;
  if (result.timedOut)
    throw new SolsticeError(`${shown} did not finish within ${command.deadlineMs / 1e3} s and was stopped.${after}`);
  if (result.failed) {
    const how = result.exitCode === void 0 ? result.shortMessage : `exit code ${result.exitCode}`;
    throw new SolsticeError(`${shown} failed (${how})${tail.length > 0 ? `: ${tail.join(" / ")}` : ""}.${after}`);
  }
}
async function kvmDevice() {
  try {
    await access(KVM_DEVICE, constants.R_OK | constants.W_OK);
    return "usable";
  } catch (error) {
    return error.code === "ENOENT" ? "absent" : "unusable";
  }
}
async function kvmUsableWithin(ms) {
  const deadline = performance.now() + ms;
  while (await kvmDevice() !== "usable") {
    if (performance.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}
async function exists(path) {
  return access(path).then(
    () => true,
    () => false
  );
}
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)} s`;
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
      result.image.cacheHit ? "hit (nothing downloaded)" : result.image.restored ? "restored from the Actions cache and verified (nothing downloaded)" : `${formatBytes(result.image.fetchedBytes)} downloaded`
    ],
    ["Accelerator", result.accel === "kvm" ? "KVM" : "TCG (software emulation)"],
    ["VM", `${config.cpus} vCPU, ${config.memoryMiB} MiB`],
    [
      "Start",
      result.start === "warm" ? `warm: restored the template \`${shortKey(result.templateKey ?? "")}\`` : "cold: booted"
    ],
    [result.start === "warm" ? "Restore to SSH" : "Boot to SSH", `${result.bootSeconds.toFixed(1)} s`]
  ];
  if (result.copyBack) rows.push(["Copy-back", copyBackCell(result.copyBack)]);
  rows.push(["Console log", `\`${escapeCell(result.consoleLogPath)}\``]);
  return [
    "### Solstice VM job",
    "",
    ...table(rows),
    "",
    phasesLine(result.phases),
    "",
    ...result.lastLines && result.lastLines.length > 0 ? ["**The script's last lines**", "", ...fenced(readableConsoleLines(result.lastLines)), ""] : [],
    ...result.debug?.access ? [announcementMarkdown(result.debug.access)] : [],
    // The message can carry guest text (a panic line): shown literally, never as Markdown or HTML.
    ...result.debug ? [`Debug: ${markdownText(result.debug.message)}`, ""] : []
  ].join("\n");
}
function failureSummaryMarkdown(config, failure, error) {
  const console = readableConsoleLines(failure.consoleTail);
  return [
    "### Solstice VM job",
    "",
    ...table([
      ["Result", `\u274C failed during ${escapeCell(failure.phase)}`],
      ["Image", `\`${escapeCell(config.image.source)}\``],
      ["Console log", `\`${escapeCell(failure.consoleLogPath)}\``]
    ]),
    "",
    phasesLine(failure.phases),
    "",
    "**Error**",
    "",
    ...fenced(error.split("\n")),
    "",
    ...console.length > 0 ? ["**Last console lines**", "", ...fenced(console), ""] : ["The serial console printed nothing.", ""]
  ].join("\n");
}
function inputFailureSummaryMarkdown(error) {
  return ["### Solstice VM job", "", "\u274C The job did not start:", "", ...fenced(error.split("\n")), ""].join("\n");
}
function table(rows) {
  return ["| | |", "|---|---|", ...rows.map(([name, value]) => `| ${name} | ${value} |`)];
}
function phasesLine(phases) {
  const timed = Object.entries(phases).map(([phase, ms]) => `${phase} ${(ms / 1e3).toFixed(2)} s`);
  return `<sub>Phases: ${timed.length > 0 ? timed.join(", ") : "none ended"}</sub>`;
}
function fenced(lines) {
  const longest = Math.max(2, ...lines.map((line) => /^\s*(~+)/.exec(line)?.[1].length ?? 0));
  const fence = "~".repeat(longest + 1);
  return [`${fence}text`, ...lines, fence];
}
function copyBackCell({ copied, deleted, gitLeft }) {
  const left = gitLeft > 0 ? `; ${gitLeft} changed git metadata entries left in the guest (copy-back names no \`.git\`)` : "";
  return `${copied} new or changed, ${deleted} deleted${left}`;
}
function escapeCell(text) {
  return text.replaceAll("|", "\\|").replaceAll("`", "'");
}

// src/action/main.ts
async function main() {
  const reporter = new WorkflowReporter();
  const cancelled = abortOnSignals((signal) => reporter.info(`Received ${signal}: stopping the VM.`));
  let arch;
  let config;
  let failure;
  try {
    const catalog = await catalogWithFile(getInput("catalog"));
    if (getInput("image").trim().toLowerCase() === "list") {
      info(formatCatalogTable(catalog));
      return;
    }
    config = parseJobInputs((name) => getInput(name), {
      defaultCacheRoot: defaultCacheRoot(process.env),
      env: process.env,
      workspace: process.env["GITHUB_WORKSPACE"] || process.cwd(),
      catalog
    });
    arch = config.machine.arch;
    distrustForPrograms(config.rules.workspace);
    const { values } = readInputs((name) => getInput(name));
    await prepareRunner(config, values.install, reporter, cancelled);
    const tempRoot = process.env["RUNNER_TEMP"] || tmpdir();
    const caches = await jobCaches(
      values.cache,
      { cacheDir: config.cacheDir, cacheDirGiven: getInput("cache-dir") !== "", tempRoot, env: process.env },
      reporter
    );
    config = { ...config, cacheDir: caches.cacheDir };
    if (caches.removeAfterJob) saveJobCacheDirectory(caches.cacheDir);
    const result = await runJob(
      config,
      {
        tempRoot,
        runnerEnv: process.env,
        onJobDirectory: saveJobDirectory,
        onFacts: publishFacts,
        onFailure: (reached) => failure = reached,
        ...caches.actionsCache ? { remoteImages: caches.actionsCache.images, remoteTemplates: caches.actionsCache.templates } : {}
      },
      reporter,
      cancelled
    );
    reporter.resumeCommands();
    setOutput("exit-code", String(result.exitCode));
    const restores = [
      ...caches.actionsCache?.images.restores ?? [],
      ...caches.actionsCache?.templates.restores ?? []
    ];
    await summary.addRaw(jobSummaryMarkdown(config, result)).addRaw(transfersMarkdown(restores)).write();
    if (caches.actionsCache && result.exitCode === 0 && !result.debug?.failure && !cancelled.aborted) {
      saveImagesToSave(caches.actionsCache.images.toSave);
      saveTemplatesToSave(await caches.actionsCache.templates.pack(cancelled));
    }
    if (result.kept) {
      saveKeptName(result.kept.name);
      await installSolsticeCommand(tempRoot);
      reporter.info(
        `The VM '${result.kept.name}' keeps running for later steps: use \`shell: solstice${result.kept.name === "default" ? "" : ` --name ${result.kept.name}`} {0}\`. The post step stops it.`
      );
    }
    if (result.debug?.failure) setFailed(result.debug.failure);
    if (result.exitCode !== 0)
      setFailed(scriptFailure(result.exitCode, result.lastLines ?? [], result.exitSignal));
  } catch (error) {
    reporter.resumeCommands();
    if (error instanceof PrepareFailedError) setOutput("exit-code", String(error.exitCode));
    const text = actionErrorText(error);
    setFailed(text);
    await summary.addRaw(config && failure ? failureSummaryMarkdown(config, failure, text) : inputFailureSummaryMarkdown(text)).write().catch(() => {
    });
  }
  if (arch && !cancelled.aborted) printHostGroup(await hostReport(arch));
}
function publishFacts(facts) {
  if (facts.consoleLogPath) setOutput("console-log", facts.consoleLogPath);
  if (facts.image) {
    setOutput("image-digest", `${facts.image.digest.algorithm}:${facts.image.digest.hex}`);
    setOutput(`image-${facts.image.digest.algorithm}`, facts.image.digest.hex);
  }
  if (facts.accel) setOutput("accel", facts.accel);
  if (facts.sshPort !== void 0) setOutput("ssh-port", String(facts.sshPort));
  if (facts.bootSeconds !== void 0) setOutput("boot-seconds", facts.bootSeconds.toFixed(1));
  if (facts.start) {
    setOutput("start", facts.start);
    setOutput("template", facts.templateKey ? shortKey(facts.templateKey) : "");
  }
}
await main();
process.exit();
