import { createRequire as __solsticeCreateRequire } from 'node:module';
import { fileURLToPath as __solsticeFileURLToPath } from 'node:url';
import { dirname as __solsticeDirname } from 'node:path';
const require = __solsticeCreateRequire(import.meta.url);
const __solsticeFilename = __solsticeFileURLToPath(import.meta.url);
const __solsticeDirnameOfModule = __solsticeDirname(__solsticeFilename);
import {
  INPUTS,
  PrepareFailedError,
  catalogWithFile,
  cliOption,
  defaultCacheRoot,
  formatCatalogTable,
  hostRequirements,
  inputSpec,
  isUrlRecord,
  parseJobInputs,
  runJob,
  usedMarkerPath
} from "./chunk-HTRDV6QY.js";
import {
  findQemuProcesses,
  stopJob
} from "./chunk-QOAV46LA.js";
import {
  OPEN_TO_OTHERS,
  lastUsedAt,
  listTemplates,
  outdatedTemplates,
  ownershipProblem,
  readRecord,
  removeTemplate,
  removeUnlessBusy,
  sha256Hex,
  shortKey
} from "./chunk-CS44J3ZN.js";
import {
  abortOnSignals,
  shellQuote
} from "./chunk-OF3TEOM3.js";
import {
  CancelledError,
  SolsticeError,
  fitsJobRoot,
  forgetKeptVm,
  formatBytes,
  inertLine,
  inertMessage,
  loadKeptVm,
  programPath,
  visibleControls
} from "./chunk-WYDCK4DS.js";

// src/cli/arguments.ts
import { resolve } from "node:path";
import { parseArgs } from "node:util";
var UsageError = class extends SolsticeError {
  constructor(message, topic) {
    super(message);
    this.topic = topic;
  }
  topic;
  name = "UsageError";
};
var HOST_PATH_OPTIONS = ["image-url", "cache-dir", "catalog"];
var RUN_INPUT_OPTIONS = INPUTS.filter(
  (input) => !input.actionOnly && input.value !== void 0 && input.option === void 0 && input.name !== "run"
).map((input) => input.name);
function runOptionLines() {
  const line = (option, help) => `  ${option.padEnd(26)}  ${help}`;
  return [
    ...INPUTS.filter((input) => !input.actionOnly).map(
      (input) => line(
        `--${input.option ?? input.name}${input.value === void 0 ? "" : ` ${input.value}`}`,
        input.default === "" || input.value === void 0 ? input.help : `${input.help} (default: ${input.default})`
      )
    ),
    line("--verbose", "show debug lines")
  ].join("\n");
}
var USAGE = {
  main: `usage: solstice <command> [options]

Runs a command inside a throwaway QEMU virtual machine, the same way the Solstice GitHub Action does.

commands:
  run      boot a VM from an image, run a command in it, exit with its exit code
  ssh      open a shell (or run a command) in a VM kept with 'run --keep'
  stop     stop a VM kept with 'run --keep'
  images   list the image cache, or prune it
  catalog  list the images known by name (--image debian-12)

'solstice <command> --help' describes each.`,
  run: `usage: solstice run (--image NAME | --image-url URL) [options] [--] COMMAND [ARG...]
       solstice run (--image NAME | --image-url URL) [options] --run 'SCRIPT'

Boots the image, copies the current directory into the VM (--sync), runs the command there and exits
with its exit code. One COMMAND argument is taken as a script (\`-- 'make -j4 && make test'\`); several
are quoted as one command line (\`-- make test\`). Ctrl-C stops the VM and removes everything.

options (each is the action input of the same name; see the README for accepted values):
${runOptionLines()}`,
  ssh: `usage: solstice ssh [--name NAME] [-- COMMAND...]

Opens an interactive shell in a VM kept with 'solstice run --keep' using OpenSSH (ssh), with the job's
own key and pinned host key; with a COMMAND, runs it and exits with its exit code.`,
  catalog: `usage: solstice catalog [--catalog FILE]

Lists the images that --image accepts by name, with what each download is verified against.`,
  stop: `usage: solstice stop [--name NAME]

Stops a VM kept with 'solstice run --keep' and removes its files.`,
  images: `usage: solstice images [list] [--cache-dir DIR]
       solstice images prune [--older-than DAYS | --all] [--dry-run] [--cache-dir DIR]

Lists the cached base images (source, size, digest, last use) and the warm-start templates built on
them, or removes those not used for DAYS days (default 30), or all of them; a template whose image is
gone is removed too. Entries in use by a running VM, a download or a template build are skipped.`
};
function parseCli(argv, cwd = process.cwd()) {
  const [command, ...rest] = argv;
  if (command === void 0) throw new UsageError("No command given.", "main");
  if (command === "help" || command === "--help" || command === "-h") {
    const topic = rest[0];
    if (topic !== void 0 && !isCommand(topic)) throw unknownCommand(topic);
    return { command: "help", ...topic ? { topic } : {}, verbose: false };
  }
  if (!isCommand(command)) throw unknownCommand(command);
  if (rest.includes("--help") && (rest.indexOf("--") === -1 || rest.indexOf("--help") < rest.indexOf("--"))) {
    return { command: "help", topic: command, verbose: false };
  }
  switch (command) {
    case "run":
      return parseRun(rest, cwd);
    case "ssh": {
      const { values, positionals } = parse(rest, { name: { type: "string" } }, command);
      return { command: "ssh", name: values.name ?? "default", remoteCommand: positionals, verbose: false };
    }
    case "stop": {
      const { values } = parse(rest, { name: { type: "string" } }, command, false);
      return { command: "stop", name: values.name ?? "default", verbose: false };
    }
    case "catalog": {
      const { values } = parse(rest, { catalog: { type: "string" } }, command, false);
      return { command: "catalog", catalogFile: hostPath(values.catalog ?? "", cwd), verbose: false };
    }
    default:
      return parseImages(rest, cwd);
  }
}
function isCommand(word) {
  return word in USAGE && word !== "main";
}
function unknownCommand(command) {
  return new UsageError(`Unknown command '${command}'. Commands: run, ssh, stop, images, catalog.`, "main");
}
function hostPath(path, cwd) {
  return path === "" ? path : resolve(cwd, path);
}
function parseRun(args, cwd) {
  const options = Object.fromEntries(RUN_INPUT_OPTIONS.map((name) => [name, { type: "string" }]));
  const { values, positionals } = parse(
    args,
    {
      ...options,
      run: { type: "string" },
      keep: { type: "boolean" },
      "warm-start": { type: "boolean" },
      verbose: { type: "boolean" }
    },
    "run"
  );
  if (values.run !== void 0 && positionals.length > 0) {
    throw new UsageError("Give the script either with --run or after '--', not both.", "run");
  }
  const inputs = {};
  for (const name of RUN_INPUT_OPTIONS) {
    const value = values[name];
    if (typeof value === "string") inputs[name] = value;
  }
  for (const name of HOST_PATH_OPTIONS) {
    const value = inputs[name];
    if (value !== void 0 && !(name === "image-url" && /^[a-z][a-z0-9+.-]*:/i.test(value)))
      inputs[name] = hostPath(value, cwd);
  }
  inputs["run"] = typeof values.run === "string" ? values.run : commandLineScript(positionals);
  inputs["keep-running"] = values.keep === true ? "true" : "false";
  inputs["warm-start"] = values["warm-start"] === true ? "true" : "false";
  inputs["debug"] = "false";
  return { command: "run", inputs, verbose: values.verbose === true };
}
function parseImages(args, cwd) {
  const { values, positionals } = parse(
    args,
    {
      "cache-dir": { type: "string" },
      "older-than": { type: "string" },
      all: { type: "boolean" },
      "dry-run": { type: "boolean" }
    },
    "images"
  );
  const action = positionals[0] ?? "list";
  if (action !== "list" && action !== "prune" || positionals.length > 1) {
    throw new UsageError(
      `Unexpected 'solstice images ${positionals.join(" ")}': use 'solstice images' or 'solstice images prune'.`,
      "images"
    );
  }
  const olderText = values["older-than"];
  const olderThanDays = olderText === void 0 ? void 0 : Number(olderText);
  if (olderThanDays !== void 0 && !(Number.isFinite(olderThanDays) && olderThanDays >= 0)) {
    throw new UsageError(`Option --older-than is '${olderText}': give a number of days, such as 30.`, "images");
  }
  if (action === "list" && (values.all || olderText !== void 0 || values["dry-run"])) {
    throw new UsageError("--older-than, --all and --dry-run belong to 'solstice images prune'.", "images");
  }
  if (values.all && olderText !== void 0) throw new UsageError("Give --all or --older-than, not both.", "images");
  return {
    command: "images",
    action,
    ...values["cache-dir"] ? { cacheDir: hostPath(values["cache-dir"], cwd) } : {},
    ...olderThanDays !== void 0 ? { olderThanDays } : {},
    all: values.all === true,
    dryRun: values["dry-run"] === true,
    verbose: false
  };
}
function parse(args, options, command, allowPositionals = true) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(error.message.replace(/\. To specify a positional.*$/s, "."), command);
  }
}
function commandLineScript(words) {
  if (words.length <= 1) return words[0] ?? "";
  return words.map(shellQuote2).join(" ");
}
function shellQuote2(word) {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

// src/cli/images.ts
import { realpath as realpath2 } from "node:fs/promises";
import { basename, join as join2, resolve as resolve3 } from "node:path";

// src/image/cache-entries.ts
import { readdir, rm, rmdir, stat } from "node:fs/promises";
import { join } from "node:path";
async function listCachedImages(cacheDir) {
  const root = join(cacheDir, "images");
  const images = [];
  for (const directory of await readdir(root).catch(() => [])) {
    if (directory.endsWith(".lock")) continue;
    for (const name of await readdir(join(root, directory)).catch(() => [])) {
      if (!name.endsWith(".json") || name.startsWith(".")) continue;
      const record = await readRecord(join(root, directory, name), isUrlRecord);
      const path = join(root, directory, `${name.slice(0, -".json".length)}.img`);
      if (record === void 0 || !await stat(path).then(
        (st) => st.isFile(),
        () => false
      ))
        continue;
      const fetchedAt = new Date(record.fetchedAt);
      images.push({
        url: record.url,
        path,
        digest: record.digest,
        size: record.size,
        fetchedAt,
        lastUsedAt: await lastUsedAt(usedMarkerPath(path), fetchedAt)
      });
    }
  }
  return images.sort((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime());
}
async function removeCachedImage(image) {
  const directory = join(image.path, "..");
  const base = image.path.slice(0, -".img".length);
  return removeUnlessBusy(directory, [image.path], async () => {
    await Promise.all(
      [image.path, `${base}.json`, usedMarkerPath(image.path)].map((file) => rm(file, { force: true }))
    );
    await rmdir(directory).catch(() => {
    });
  });
}

// src/store/prune.ts
import { realpath } from "node:fs/promises";
import { resolve as resolve2 } from "node:path";
async function pruneCache(request) {
  const { isStale, dryRun } = request;
  const images = [];
  for (const image of request.images.filter((candidate) => isStale(candidate.lastUsedAt)))
    images.push({ image, outcome: dryRun ? "would-remove" : await request.removeImage(image) });
  const prunedImagePaths = new Set(
    images.filter(({ outcome }) => outcome === "removed" || outcome === "would-remove").map(({ image }) => image.path)
  );
  const templates = [];
  const removeTemplate2 = async (key) => dryRun ? "would-remove" : request.removeTemplate(key);
  for (const template of request.outdated)
    templates.push({ template, reason: "outdated", outcome: await removeTemplate2(template.key) });
  for (const template of request.templates) {
    const reason = await templateReason(template, prunedImagePaths, isStale);
    if (reason !== void 0) templates.push({ template, reason, outcome: await removeTemplate2(template.key) });
  }
  return { images, templates };
}
async function templateReason(template, prunedImagePaths, isStale) {
  if (!template.imagePresent) return "image-gone";
  const { imagePath } = template.record;
  if (prunedImagePaths.has(await realpath(imagePath).catch(() => resolve2(imagePath)))) return "image-pruned";
  return isStale(template.lastUsedAt) ? "stale" : void 0;
}

// src/cli/images.ts
var DAY_MS = 24 * 60 * 60 * 1e3;
var DEFAULT_PRUNE_DAYS = 30;
var NO_PREPARE_SHA256 = sha256Hex("");
async function imagesCommand(command, reporter) {
  const cacheDir = command.cacheDir ?? join2(defaultCacheRoot(process.env), "solstice");
  const cacheRoot = await realpath2(cacheDir).catch(() => resolve3(cacheDir));
  if (command.action === "list") {
    const images = await listCachedImages(cacheRoot);
    const templates2 = await listTemplates(cacheRoot);
    process.stdout.write(cacheListing(cacheDir, images, templates2, await templateSources(templates2, images)));
    return;
  }
  const cutoff = Date.now() - (command.olderThanDays ?? DEFAULT_PRUNE_DAYS) * DAY_MS;
  const templates = await listTemplates(cacheRoot);
  const outdated = await outdatedTemplates(cacheRoot);
  const pruned = await pruneCache({
    images: await listCachedImages(cacheRoot),
    templates,
    outdated,
    isStale: (lastUsedAt2) => command.all || lastUsedAt2.getTime() < cutoff,
    dryRun: command.dryRun,
    removeImage: removeCachedImage,
    removeTemplate: (key) => removeTemplate(cacheRoot, key)
  });
  printPrunedImages(pruned.images, cacheDir, command.dryRun, reporter);
  if (templates.length > 0 || outdated.length > 0) printPrunedTemplates(pruned.templates, command.dryRun, reporter);
}
function printPrunedImages(images, cacheDir, dryRun, reporter) {
  let count = 0;
  let freed = 0;
  for (const { image, outcome } of images) {
    if (outcome === "would-remove")
      process.stdout.write(
        `Would remove ${image.url} (${formatBytes(image.size)}, last used ${day(image.lastUsedAt)})
`
      );
    if (outcome === "would-remove" || outcome === "removed") {
      count++;
      freed += image.size;
    } else
      reporter.warning(
        `Kept ${image.url}: ${outcome === "in-use" ? "a running VM uses it" : "a job is downloading into its directory"}.`
      );
  }
  process.stdout.write(
    `${dryRun ? "Would remove" : "Removed"} ${count} image${count === 1 ? "" : "s"} (${formatBytes(freed)}) from ${cacheDir}.
`
  );
}
function printPrunedTemplates(templates, dryRun, reporter) {
  let count = 0;
  let freed = 0;
  for (const pruned of templates) {
    const { template, outcome } = pruned;
    const key = shortKey(template.key);
    if (outcome === "would-remove")
      process.stdout.write(`Would remove template ${key} (${formatBytes(template.size)}, ${pruneReason(pruned)})
`);
    if (outcome === "would-remove" || outcome === "removed") {
      count++;
      freed += template.size;
    } else if (pruned.reason === "outdated")
      reporter.warning(`Kept template ${key} of an older format: it is in use or being built.`);
    else
      reporter.warning(
        `Kept template ${key}: ${outcome === "in-use" ? "a running VM uses it" : "a job is building it"}.`
      );
  }
  process.stdout.write(
    `${dryRun ? "Would remove" : "Removed"} ${count} template${count === 1 ? "" : "s"} (${formatBytes(freed)}).
`
  );
}
function pruneReason(pruned) {
  switch (pruned.reason) {
    case "outdated":
      return "an older format";
    case "image-gone":
      return "its image is no longer cached";
    case "image-pruned":
      return "its image would be removed";
    case "stale":
      return `last used ${day(pruned.template.lastUsedAt)}`;
  }
}
function cacheListing(cacheDir, images, templates, sources) {
  if (images.length === 0 && templates.length === 0) return `The image cache ${cacheDir} is empty.
`;
  const sections = [images.length === 0 ? `No images in the image cache ${cacheDir}.` : imageTable(images)];
  if (templates.length > 0) sections.push(templateTable(templates, sources));
  return `${sections.join("\n\n")}
`;
}
async function templateSources(templates, images) {
  const urlByPath = new Map(images.map((image) => [image.path, image.url]));
  const sources = /* @__PURE__ */ new Map();
  for (const template of templates) {
    const path = await realpath2(template.record.imagePath).catch(() => resolve3(template.record.imagePath));
    const source = urlByPath.get(path) ?? (template.imagePresent ? template.record.imagePath : void 0);
    if (source !== void 0) sources.set(template.key, source);
  }
  return sources;
}
function imageTable(images) {
  const rows = images.map((image) => [
    image.url,
    formatBytes(image.size),
    shortDigest(image.digest.algorithm, image.digest.hex),
    day(image.fetchedAt),
    day(image.lastUsedAt)
  ]);
  const total = images.reduce((sum, image) => sum + image.size, 0);
  return table(["SOURCE", "SIZE", "DIGEST", "FETCHED", "LAST USED"], rows) + `
${images.length} image${images.length === 1 ? "" : "s"}, ${formatBytes(total)}`;
}
function templateTable(templates, sources) {
  const rows = templates.map((template) => [
    shortKey(template.key),
    templateScope(template),
    sources.get(template.key) ?? templateImage(template),
    templatePrepare(template),
    formatBytes(template.size),
    day(new Date(template.record.createdAt)),
    day(template.lastUsedAt)
  ]);
  const total = templates.reduce((sum, template) => sum + template.size, 0);
  return table(["KEY", "SCOPE", "IMAGE", "PREPARE", "SIZE", "CREATED", "LAST USED"], rows) + `
${templates.length} template${templates.length === 1 ? "" : "s"}, ${formatBytes(total)}`;
}
function templateImage(template) {
  const digest = template.record.identity.imageDigest;
  const parts = typeof digest === "string" ? /^([a-z0-9-]+):([0-9a-f]+)$/.exec(digest) : null;
  const shown = parts ? shortDigest(parts[1], parts[2]) : basename(template.record.imagePath);
  return template.imagePresent ? shown : `${shown} (not cached)`;
}
function templateScope(template) {
  const scope = template.record.identity.scope;
  return typeof scope === "string" ? scope.replace(/^repository /, "") : "?";
}
function templatePrepare(template) {
  const prepare = template.record.identity.prepareSha256;
  if (typeof prepare !== "string") return "?";
  return prepare === NO_PREPARE_SHA256 ? "none" : prepare.slice(0, 12);
}
function shortDigest(algorithm, hex) {
  return `${algorithm}:${hex.slice(0, 12)}\u2026`;
}
function table(header, rows) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  return [header, ...rows].map(
    (row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()
  ).join("\n");
}
function day(date) {
  return Number.isNaN(date.getTime()) ? "?" : date.toISOString().slice(0, 16).replace("T", " ");
}

// src/cli/orphans.ts
import { mkdir as mkdir2, readdir as readdir2, readFile, rm as rm2, writeFile } from "node:fs/promises";
import { basename as basename2, join as join4 } from "node:path";

// src/cli/state-directory.ts
import { lstat, mkdir, realpath as realpath3 } from "node:fs/promises";
import { homedir } from "node:os";
import { isAbsolute, join as join3, relative, resolve as resolve4 } from "node:path";
async function cliStateDirectory(env = process.env) {
  const runtime = env["XDG_RUNTIME_DIR"];
  const path = runtime && isAbsolute(runtime) ? join3(runtime, "solstice") : join3(env["HOME"] || homedir(), ".local", "state", "solstice");
  try {
    await mkdir(path, { recursive: true, mode: 448 });
  } catch (error) {
    throw new SolsticeError(
      `Cannot create the Solstice state directory ${path}: ${error.message}. Set XDG_RUNTIME_DIR to a private directory of yours.`
    );
  }
  const st = await lstat(path);
  const problem = ownershipProblem(st, OPEN_TO_OTHERS);
  if (problem !== void 0) {
    const ours = !st.isSymbolicLink() && st.uid === process.getuid();
    const fix = ours ? `chmod 700 ${path}` : `remove ${path} (if it is not yours, ask its owner or root)`;
    throw new SolsticeError(
      `The Solstice state directory ${path} ${problem}: it holds the CLI's VMs and their keys, so it must be a directory of your own that nobody else can open. Fix: ${fix}, or set XDG_RUNTIME_DIR to a private directory of yours.`
    );
  }
  if (!fitsJobRoot(path)) {
    throw new SolsticeError(
      `The Solstice state directory ${path} is too long for QEMU's socket paths (or contains a comma): set XDG_RUNTIME_DIR to a shorter private directory of yours.`
    );
  }
  return path;
}
async function isInStateDirectory(stateDirectory, jobDirectory) {
  const [root, target] = await Promise.all([
    realpath3(stateDirectory),
    realpath3(jobDirectory).catch(() => resolve4(jobDirectory))
  ]);
  const inside = relative(root, target);
  return inside !== "" && !inside.startsWith("..") && !isAbsolute(inside);
}

// src/cli/orphans.ts
var runsDirectory = (stateDirectory) => join4(stateDirectory, "runs");
async function recordRun(stateDirectory, jobDirectory) {
  await mkdir2(runsDirectory(stateDirectory), { recursive: true, mode: 448 });
  await writeFile(
    join4(runsDirectory(stateDirectory), `${basename2(jobDirectory)}.json`),
    JSON.stringify({ pid: process.pid, jobDirectory }),
    { mode: 384 }
  );
}
async function forgetRun(stateDirectory, jobDirectory) {
  await rm2(join4(runsDirectory(stateDirectory), `${basename2(jobDirectory)}.json`), { force: true });
}
async function stopOrphanedRuns(stateDirectory, reporter) {
  const names = await readdir2(runsDirectory(stateDirectory)).catch(() => []);
  for (const name of names) {
    const file = join4(runsDirectory(stateDirectory), name);
    const run = await readFile(file, "utf8").then(
      (text) => JSON.parse(text),
      () => void 0
    );
    if (run && isAlive(run.pid)) continue;
    if (run && !await isInStateDirectory(stateDirectory, run.jobDirectory)) {
      reporter.warning(
        `Ignored the run record ${file}: its job directory ${run.jobDirectory} is outside ${stateDirectory}, so nothing was stopped or removed.`
      );
    } else if (run) {
      await stopJob(run.jobDirectory);
      reporter.warning(`Stopped the VM of an earlier 'solstice run' that was killed (${run.jobDirectory}).`);
    }
    await rm2(file, { force: true });
  }
}
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

// src/cli/console-logs.ts
import { readdir as readdir3, rm as rm3, stat as stat2 } from "node:fs/promises";
import { join as join5 } from "node:path";
var KEPT_CONSOLE_LOGS = 10;
var CONSOLE_LOG = /^(solstice-[^/]+)-console\.log$/;
async function pruneConsoleLogs(stateDirectory, keep = KEPT_CONSOLE_LOGS) {
  const names = await readdir3(stateDirectory).catch(() => []);
  const logs = await Promise.all(
    names.flatMap((name) => {
      const vmName = CONSOLE_LOG.exec(name)?.[1];
      if (vmName === void 0) return [];
      const path = join5(stateDirectory, name);
      return [
        Promise.all([
          stat2(path).catch(() => void 0),
          stat2(join5(stateDirectory, vmName)).catch(() => void 0)
        ]).then(([log, jobDirectory]) => ({ path, modifiedAt: log?.mtimeMs ?? 0, inUse: jobDirectory !== void 0 }))
      ];
    })
  );
  const old = logs.sort((a, b) => b.modifiedAt - a.modifiedAt).slice(keep);
  await Promise.all(old.filter((log) => !log.inUse).map((log) => rm3(log.path, { force: true })));
}

// src/cli/error-text.ts
var CLI_WORDING = {
  subject: (input) => {
    if (input === "run") return "The command (after --, or --run)";
    const option = cliOption(input);
    return option === void 0 ? `The setting '${input}'` : `Option --${option}`;
  },
  setting: (input, value) => {
    const option = cliOption(input);
    if (option === void 0) return value === void 0 ? `'${input}'` : `'${input}' ${value}`;
    return value === void 0 || inputSpec(input).value === void 0 ? `--${option}` : `--${option} ${value}`;
  },
  several: "Invalid options"
};
function cliErrorText(error) {
  if (error instanceof CancelledError) return "Cancelled: the VM was stopped and its files removed.";
  if (error instanceof SolsticeError) return inertMessage(error.describe(CLI_WORDING));
  return inertMessage(error instanceof Error ? error.stack ?? error.message : String(error));
}

// src/cli/host-programs.ts
import { access } from "node:fs/promises";
async function checkHostPrograms(config) {
  const missing = [];
  for (const requirement of hostRequirements(config.machine)) {
    const present = await Promise.all(
      requirement.lookFor.map(
        (thing) => requirement.kind === "program" ? programPath(thing) !== void 0 : access(thing).then(
          () => true,
          () => false
        )
      )
    );
    if (present.includes(false)) missing.push(requirement);
  }
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map(({ debianPackage }) => debianPackage))].join(" ");
  throw new SolsticeError(
    `This machine lacks what the job runs: ${missing.map(({ what }) => what).join(", ")} (programs are looked for on PATH). Install them first (Debian/Ubuntu: sudo apt-get install ${packages}).`
  );
}

// src/cli/run.ts
async function runCommand(inputs, stateDirectory, reporter, signal) {
  if (inputs["image"]?.trim().toLowerCase() === "list") {
    process.stdout.write(
      `${formatCatalogTable(await catalogWithFile(inputs["catalog"] ?? ""), CLI_WORDING.setting("image"))}
`
    );
    return 0;
  }
  const config = parseJobInputs((name) => inputs[name] ?? "", {
    catalog: await catalogWithFile(inputs["catalog"] ?? ""),
    defaultCacheRoot: defaultCacheRoot(process.env),
    workspace: process.cwd()
  });
  if (config.keepRunning && await loadKeptVm(stateDirectory, config.name).then(
    () => true,
    () => false
  )) {
    throw new SolsticeError(
      `A VM named '${config.name}' is already kept running: use it with 'solstice ssh${nameOption(config.name)}', stop it with 'solstice stop${nameOption(config.name)}', or pick another --name.`
    );
  }
  await checkHostPrograms(config);
  let jobDirectory;
  let recording = Promise.resolve();
  let logsPruned = Promise.resolve();
  try {
    const result = await runJob(
      config,
      {
        tempRoot: stateDirectory,
        runnerEnv: process.env,
        onJobDirectory: (path) => {
          jobDirectory = path;
          recording = recordRun(stateDirectory, path);
        },
        onFacts: ({ consoleLogPath }) => {
          if (consoleLogPath === void 0) return;
          reporter.info(`The boot console is logged to ${consoleLogPath}`);
          logsPruned = pruneConsoleLogs(stateDirectory);
        }
      },
      reporter,
      signal
    );
    if (result.kept) {
      reporter.info(
        `The VM '${result.kept.name}' keeps running (SSH on 127.0.0.1:${result.sshPort}): 'solstice ssh${nameOption(result.kept.name)}' opens a shell, 'solstice stop${nameOption(result.kept.name)}' stops it.`
      );
    }
    reporter.info(
      result.exitSignal ? `The command was killed by signal ${result.exitSignal} (exit code ${result.exitCode}).` : `The command exited with code ${result.exitCode}.`
    );
    return result.exitCode;
  } finally {
    await recording.catch(() => {
    });
    await logsPruned.catch(() => {
    });
    if (jobDirectory) await forgetRun(stateDirectory, jobDirectory);
  }
}
function nameOption(name) {
  return name === "default" ? "" : ` --name ${name}`;
}

// src/cli/ssh.ts
import { spawn } from "node:child_process";
import { writeFile as writeFile2 } from "node:fs/promises";
import { join as join6 } from "node:path";

// src/cli/kept-vms.ts
async function loadCliKeptVm(stateDirectory, name, missing) {
  const { kept } = await loadKeptVm(stateDirectory, name).catch(() => {
    throw missing();
  });
  if (!await isInStateDirectory(stateDirectory, kept.jobDirectory)) {
    throw new SolsticeError(
      `The record of the VM '${name}' names the job directory ${kept.jobDirectory}, outside ${stateDirectory}: it was not made by 'solstice run', so nothing was stopped or removed. Delete ${stateDirectory}/solstice-vms/${name}.json.`
    );
  }
  return kept;
}

// src/cli/ssh.ts
async function sshCommand(name, remoteCommand, stateDirectory) {
  const kept = await loadCliKeptVm(
    stateDirectory,
    name,
    () => new SolsticeError(
      `No VM named '${name}' is kept running: start one with 'solstice run --keep${nameOption(name)} \u2026'.`
    )
  );
  if ((await findQemuProcesses(kept.jobDirectory)).length === 0) {
    throw new SolsticeError(`The VM '${name}' is no longer running: 'solstice stop${nameOption(name)}' forgets it.`);
  }
  const knownHosts = join6(kept.jobDirectory, "known_hosts");
  await writeFile2(knownHosts, `[127.0.0.1]:${kept.sshPort} ${kept.hostPublicKey.trim()}
`, { mode: 384 });
  const args = [
    "-F",
    "none",
    "-i",
    kept.privateKeyPath,
    "-o",
    "IdentitiesOnly=yes",
    "-o",
    `UserKnownHostsFile=${knownHosts}`,
    "-o",
    "GlobalKnownHostsFile=/dev/null",
    "-o",
    "StrictHostKeyChecking=yes",
    "-o",
    "LogLevel=ERROR",
    "-p",
    String(kept.sshPort),
    ...remoteCommand.length === 0 ? ["-t"] : [],
    `${kept.user}@127.0.0.1`,
    "--",
    remoteShellCommand(kept.rules.workingDirectory, remoteCommand)
  ];
  return new Promise((resolve5, reject) => {
    const child = spawn("ssh", args, { stdio: "inherit" });
    child.once(
      "error",
      (error) => reject(
        new SolsticeError(
          `Could not start ssh (OpenSSH client): ${error.message}. Install it (Debian: apt install openssh-client).`
        )
      )
    );
    child.once("exit", (code, signal) => resolve5(code ?? (signal ? 128 : 1)));
  });
}
function remoteShellCommand(workingDirectory, command) {
  const directory = shellQuote(workingDirectory);
  if (command.length > 0) return `cd ${directory} || exit 1
${commandLineScript(command)}`;
  return `cd ${directory} || echo "solstice: staying in $HOME" >&2; exec "$SHELL" -l`;
}

// src/cli/stop.ts
async function stopCommand(name, stateDirectory, reporter) {
  const kept = await loadCliKeptVm(
    stateDirectory,
    name,
    () => new SolsticeError(
      `No VM named '${name}' is kept running${name === "default" ? "" : ` (the default one is stopped with 'solstice stop')`}.`
    )
  );
  const killed = await stopJob(kept.jobDirectory);
  await forgetKeptVm(stateDirectory, name);
  reporter.info(killed.length > 0 ? `Stopped the VM '${name}'.` : `The VM '${name}' was no longer running; forgot it.`);
}

// src/cli/terminal-reporter.ts
var ANSI = { dim: "\x1B[2m", bold: "\x1B[1m", yellow: "\x1B[33m", cyan: "\x1B[36m", reset: "\x1B[0m" };
var TerminalReporter = class {
  constructor(out = process.stdout, err = process.stderr, options = {}) {
    this.out = out;
    this.err = err;
    this.verbose = options.verbose ?? false;
    this.colour = options.colour ?? (Boolean(err.isTTY) && !process.env["NO_COLOR"]);
    this.inWorkflow = options.inWorkflow ?? process.env["GITHUB_ACTIONS"] === "true";
  }
  out;
  err;
  groupDepth = 0;
  progressShown = false;
  verbose;
  colour;
  inWorkflow;
  wording = CLI_WORDING;
  info(message) {
    this.ours(message);
  }
  notice(message) {
    this.ours(message, "notice", ANSI.cyan);
  }
  warning(message) {
    this.ours(message, "warning", ANSI.yellow);
  }
  debug(message) {
    if (this.verbose) this.ours(message, "debug", ANSI.dim);
  }
  progress(message) {
    if (!this.colour) return this.info(message);
    this.err.write(`\r\x1B[2K${ANSI.dim}${inertMessage(message)}${ANSI.reset}`);
    this.progressShown = true;
  }
  startGroup(title) {
    this.ours(`${this.colour ? "\u25B8" : "=="} ${title}`, void 0, ANSI.bold);
    this.groupDepth++;
  }
  endGroup() {
    this.groupDepth = Math.max(0, this.groupDepth - 1);
  }
  guestLine(line, from) {
    this.endProgress();
    const bootConsole = this.groupDepth > 0;
    const stream = bootConsole || from === "stderr" ? this.err : this.out;
    const visible = stream.isTTY ? visibleControls(line, true) : line;
    const shown = this.inWorkflow || !stream.isTTY ? inertLine(visible) : visible;
    if (bootConsole && this.colour) stream.write(`${ANSI.dim}${shown}${ANSI.reset}
`);
    else stream.write(`${shown}
`);
  }
  ours(message, label, colour) {
    this.endProgress();
    const text = `${label ? `${label}: ` : ""}${inertMessage(message)}`;
    this.err.write(this.colour && colour ? `${colour}${text}${ANSI.reset}
` : `${text}
`);
  }
  endProgress() {
    if (!this.progressShown) return;
    this.err.write("\r\x1B[2K");
    this.progressShown = false;
  }
};

// src/cli/main.ts
var ERROR_EXIT = 125;
var CANCELLED_EXIT = 130;
var USAGE_EXIT = 2;
async function main(argv) {
  const cli = parseCli(argv);
  const reporter = new TerminalReporter(process.stdout, process.stderr, { verbose: cli.verbose });
  if (cli.command === "help") {
    process.stdout.write(`${USAGE[cli.topic ?? "main"]}
`);
    return 0;
  }
  const stateDirectory = await cliStateDirectory();
  await stopOrphanedRuns(stateDirectory, reporter);
  switch (cli.command) {
    case "run": {
      const cancelled = abortOnSignals((signal) => reporter.info(`Received ${signal}: stopping the VM.`));
      return runCommand(cli.inputs, stateDirectory, reporter, cancelled);
    }
    case "ssh":
      return sshCommand(cli.name, cli.remoteCommand, stateDirectory);
    case "stop":
      await stopCommand(cli.name, stateDirectory, reporter);
      return 0;
    case "images":
      await imagesCommand(cli, reporter);
      return 0;
    case "catalog":
      process.stdout.write(
        `${formatCatalogTable(await catalogWithFile(cli.catalogFile), CLI_WORDING.setting("image"))}
`
      );
      return 0;
  }
}
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    error instanceof UsageError ? `solstice: ${cliErrorText(error)}

${USAGE[error.topic]}
` : error instanceof CancelledError ? `${cliErrorText(error)}
` : `solstice: ${cliErrorText(error)}
`
  );
  process.exitCode = error instanceof UsageError ? USAGE_EXIT : error instanceof CancelledError ? CANCELLED_EXIT : error instanceof PrepareFailedError ? error.exitCode : ERROR_EXIT;
}
process.exit();
