import { mkdir } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * The CLI's private directory (the action uses RUNNER_TEMP): per-job directories, kept VMs and the
 * record of running jobs live here. Per user, mode 0700; short, because QMP sockets live below it.
 */
export async function cliStateDirectory(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const path = join(env['XDG_RUNTIME_DIR'] || tmpdir(), `solstice-${userInfo().uid}`);
  await mkdir(path, { recursive: true, mode: 0o700 });
  return path;
}
