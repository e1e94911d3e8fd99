/**
 * Git's own files in a workspace. What comes back from the guest is input to every later step, and git
 * runs commands from its configuration and hooks by itself (core.fsmonitor, core.hooksPath, filter and
 * diff drivers, include.path, hooks/*) at the next `git status` or `actions/checkout`. So repository
 * metadata never comes back unless `copy-back` names it, and even then nothing git executes or reads as
 * configuration. Pure path rules; the writer applies them.
 */

/** The path has a `.git` component: a repository's metadata directory, or a gitfile pointing to one. */
export function isGitMetadata(path: string): boolean {
  return path.split('/').includes('.git');
}

/** A copy-back pattern names git metadata itself (`.git`, `vendor/x/.git/objects/**`), not by a wildcard. */
export function namesGitMetadata(pattern: string): boolean {
  return pattern.split('/').includes('.git');
}

/**
 * Below a `.git` directory, the parts git executes or reads as configuration or as pointers elsewhere:
 * config, config.worktree, hooks/, info/ (attributes, sparse-checkout, exclude), commondir and gitdir
 * (where a worktree's real repository is), objects/info/ (alternates: objects read from other paths),
 * and the same inside modules/<name>/ and worktrees/<name>/. refs/, logs/ and objects/ (but objects/info)
 * hold data only.
 */
const EXECUTED = new Set(['config', 'config.worktree', 'hooks', 'info', 'commondir', 'gitdir']);

/** Why git would act on `path` (a path with a `.git` component), or undefined for plain repository data. */
export function gitActsOn(path: string): string | undefined {
  const parts = path.split('/');
  const gitDirectory = parts.lastIndexOf('.git');
  for (let index = gitDirectory + 1; index < parts.length; index++) {
    const part = parts[index]!;
    if (part === 'refs' || part === 'logs') return undefined;
    if (part === 'objects')
      return parts[index + 1] === 'info' ? 'git metadata that points git at other paths' : undefined;
    if (EXECUTED.has(part)) return 'git configuration or hooks, which git would run on the runner';
  }
  return undefined;
}

/** Within a `.git` directory, the configuration files a sync into the guest sends scrubbed (gitConfigForGuest). */
export function isGitConfigFile(path: string): boolean {
  if (!isGitMetadata(path)) return false;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (name === 'config' || name === 'config.worktree') && gitActsOn(path) !== undefined;
}
