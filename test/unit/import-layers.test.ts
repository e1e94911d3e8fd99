/**
 * The layering, enforced: no import cycle between modules or between folders of src/, the ground floor
 * (src/core/) imports nothing of ours but itself, and the cache store (src/store/) only core/.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/action-runner.js';

const SRC = join(REPO_ROOT, 'src');
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Module (path below src/, .ts) → the modules of ours it imports. */
function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) {
        const targets = new Set<string>();
        for (const match of readFileSync(path, 'utf8').matchAll(IMPORT)) {
          const specifier = match[1] ?? match[2]!;
          targets.add(relative(SRC, resolve(dirname(path), specifier.replace(/\.js$/, '.ts'))));
        }
        graph.set(relative(SRC, path), targets);
      }
    }
  };
  walk(SRC);
  return graph;
}

/** Strongly connected groups of more than one node, or a node importing itself: the cycles. */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1 || graph.get(node)!.has(node)) found.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** The same graph between top-level folders of src/ (a file at the top counts as its own folder). */
function folderGraph(graph: Map<string, Set<string>>): Map<string, Set<string>> {
  const folder = (module: string) => module.split('/')[0]!;
  const folders = new Map<string, Set<string>>();
  for (const [module, targets] of graph) {
    const edges = folders.get(folder(module)) ?? new Set<string>();
    for (const target of targets) if (folder(target) !== folder(module)) edges.add(folder(target));
    folders.set(folder(module), edges);
  }
  return folders;
}

describe('layering', () => {
  const graph = importGraph();
  it('has no import cycle between modules', () => {
    assert.deepEqual(cycles(graph), []);
  });
  it('has no import cycle between folders', () => {
    assert.deepEqual(cycles(folderGraph(graph)), []);
  });
  // The lower floors, each with what it may import besides itself: core/ nothing of ours, and the cache
  // store (store/) only core/, so that its tenants (image/, warm/) use it and never the other way round.
  for (const [floor, below] of [
    ['core', []],
    ['store', ['core']],
  ] as const) {
    it(`keeps src/${floor}/ a lower floor that imports nothing of ours but ${[...below, 'itself'].join(' and ')}`, () => {
      const allowed = [floor, ...below].map((folder) => `${folder}/`);
      const upward = [...graph].flatMap(([module, targets]) =>
        module.startsWith(`${floor}/`)
          ? [...targets]
              .filter((target) => !allowed.some((prefix) => target.startsWith(prefix)))
              .map((target) => `${module} → ${target}`)
          : [],
      );
      assert.ok(
        [...graph.keys()].some((module) => module.startsWith(`${floor}/`)),
        `src/${floor}/ exists`,
      );
      assert.deepEqual(upward, []);
    });
  }
  it("keeps the cache store's tenants apart: image/ and warm/ share only store/", () => {
    const folders = folderGraph(graph);
    assert.equal(folders.get('warm')?.has('image'), false, 'warm/ imports image/');
    assert.equal(folders.get('image')?.has('warm'), false, 'image/ imports warm/');
  });
});
