import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where images are cached by default: the runner's tool cache (kept between jobs on self-hosted
 * runners), else the user's cache directory.
 */
export function defaultCacheRoot(env: NodeJS.ProcessEnv): string {
  return env['RUNNER_TOOL_CACHE'] || env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
}
