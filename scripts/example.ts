/**
 * The main job, end to end on this machine: serves the project's test guest over HTTP on 127.0.0.1
 * (as a workflow would download a cloud image), runs the bundled action in the runner-faithful
 * harness with a script inside the VM, shows the step log live, and exits with the step's result.
 * The harness removes the runner directories it made (the console log among them) when this exits.
 *
 *   npm run example [-- 'script to run in the VM']
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT, runAction } from '../test/helpers/action-runner.js';
import { serveFiles } from '../test/helpers/image-server.js';
import { testGuest } from '../test/helpers/test-guest.js';

const script =
  process.argv[2] ??
  [
    'echo "Hello from $(hostname)"',
    'uname -a',
    '. /etc/os-release && echo "$PRETTY_NAME"',
    'nproc',
    'free -m',
    'df -h /',
  ].join('\n');
const guest = testGuest();
const server = await serveFiles({ '/debian-12-solstice-amd64.qcow2': guest.path });
const toolCache = join(REPO_ROOT, '.cache', 'toolcache');
await mkdir(toolCache, { recursive: true });
try {
  const run = await runAction({
    toolCache,
    inputs: {
      'image-url': server.url('/debian-12-solstice-amd64.qcow2'),
      'image-checksum': `sha256:${guest.sha256}`,
      run: script,
    },
    onLog: (text) => process.stdout.write(text),
  });
  process.stdout.write(`\n--- outputs: ${JSON.stringify(run.main.outputs, null, 2)}\n--- post step:\n${run.post.log}`);
  process.exitCode = run.main.exitCode ?? 1;
} finally {
  await server.close();
}
