import picomatch from 'picomatch';

/**
 * Which guest paths `copy-back` lets return. A plain path selects itself and everything below it
 * (`build` or `build/`); a glob (`reports/**\/*.xml`, `*.log`) selects what it matches. No patterns: all.
 */
export function copyBackFilter(patterns: readonly string[]): (path: string) => boolean {
  if (patterns.length === 0) return () => true;
  const matchers = patterns.map((pattern) => {
    const clean = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
    if (!picomatch.scan(clean).isGlob) return (path: string) => path === clean || path.startsWith(`${clean}/`);
    const matches = picomatch(clean, { dot: true });
    return (path: string) => matches(path);
  });
  return (path) => matchers.some((matches) => matches(path));
}
