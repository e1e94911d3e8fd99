import picomatch from 'picomatch';
import { isGitMetadata, namesGitMetadata } from './git-metadata.js';

/**
 * Which guest paths `copy-back` lets return. A plain path selects itself and everything below it
 * (`build` or `build/`); a glob (`reports/**\/*.xml`, `*.log`) selects what it matches. No patterns: all.
 * Git metadata (a `.git` component) only returns through a pattern that names `.git` itself: by default a
 * step brings back its outputs, not repository metadata (git-metadata.ts says why).
 */
export function copyBackFilter(patterns: readonly string[]): (path: string) => boolean {
  const matchers = patterns.map((pattern) => {
    const clean = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
    const matches = picomatch.scan(clean).isGlob
      ? picomatch(clean, { dot: true })
      : (path: string) => path === clean || path.startsWith(`${clean}/`);
    return { matches, namesGit: namesGitMetadata(clean) };
  });
  return (path) => {
    const git = isGitMetadata(path);
    if (matchers.length === 0) return !git;
    return matchers.some(({ matches, namesGit }) => (namesGit || !git) && matches(path));
  };
}
