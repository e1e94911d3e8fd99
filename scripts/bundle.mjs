// Bundles the action's entry points (and the command line's) into ES modules under dist/, with the
// code they share in chunk-<hash>.js files beside them (a third of the size of four stand-alone
// bundles; README, "Dependencies").
// ssh2 is CommonJS and reads require/__dirname at load time, so the banner defines them (__filename
// and __dirname under names of their own, which `define` points the free uses at: @azure/storage-common
// declares variables of those names at the top of an ES module, which a banner `const` would collide with);
// its optional native addons are left out (they are tied to the Node ABI that built them),
// and ssh2 falls back to its pure JS/WASM crypto.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const banner = [
  "import { createRequire as __solsticeCreateRequire } from 'node:module';",
  "import { fileURLToPath as __solsticeFileURLToPath } from 'node:url';",
  "import { dirname as __solsticeDirname } from 'node:path';",
  'const require = __solsticeCreateRequire(import.meta.url);',
  'const __solsticeFilename = __solsticeFileURLToPath(import.meta.url);',
  'const __solsticeDirnameOfModule = __solsticeDirname(__solsticeFilename);',
].join('\n');

// `--outdir DIR` bundles elsewhere (the test that checks dist/ is current compares the two).
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 ? process.argv[outdirFlag + 1] : 'dist';

// Chunk names change with their content: last build's chunks must not linger.
await mkdir(outdir, { recursive: true });
for (const name of await readdir(outdir)) {
  if (/^chunk-.*\.js$/.test(name)) await rm(join(outdir, name));
}

await build({
  entryPoints: {
    index: 'src/action/main.ts',
    post: 'src/action/post.ts',
    step: 'src/action/step-command.ts',
    cli: 'src/cli/main.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  // The action runs on node24; the command line on whatever Node a developer has (20 or newer).
  target: 'node20',
  format: 'esm',
  outExtension: { '.js': '.js' },
  splitting: true,
  // In dist/ itself, not a subdirectory: code that finds files next to its own module
  // (import.meta.url, __dirname) sees the same directory wherever esbuild puts it.
  chunkNames: 'chunk-[hash]',
  external: ['cpu-features', '*.node'],
  banner: { js: banner },
  define: { __filename: '__solsticeFilename', __dirname: '__solsticeDirnameOfModule' },
  legalComments: 'none',
  logLevel: 'warning',
});

// The action directory may be copied without the repository's package.json: mark dist/ as ESM itself.
await writeFile(join(outdir, 'package.json'), '{ "type": "module" }\n');
