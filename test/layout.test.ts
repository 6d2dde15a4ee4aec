/**
 * The shape of the house (README "Layout"): the import graph of pipeline/
 * has no circle, the stages never reach into the plumbing, index.ts imports
 * stages only, and no source file is too long to hold in one's head.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './gold.js';

const PIPELINE = join(REPO_ROOT, 'pipeline');
/** The longest a source file under pipeline/ may be, in lines. */
const MAX_LINES = 600;
/** The plumbing rooms a stage must not import from. */
const PLUMBING = ['run', 'output', 'quality', 'release'];

/** Relative specifiers of static imports, re-exports and dynamic imports. */
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(): string[] {
  return readdirSync(PIPELINE, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(PIPELINE, file))
    .sort();
}

/** The pipeline modules one file imports (JSON and packages left out), as absolute .ts paths. */
export function importsOf(file: string, source: string): string[] {
  const targets: string[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const spec = match[1] ?? match[2]!;
    if (!spec.endsWith('.js')) continue;
    targets.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
  }
  return targets;
}

/** The first circle found in a graph, as a list of nodes, or null. */
export function findCircle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const circle = visit(next);
      if (circle !== null) return circle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const circle = visit(node);
    if (circle !== null) return circle;
  }
  return null;
}

const FILES = sourceFiles();
const GRAPH = new Map(FILES.map((file) => [file, importsOf(file, readFileSync(file, 'utf8'))]));
const rel = (file: string): string => relative(PIPELINE, file);

describe('the import graph of pipeline/', () => {
  it('reads the imports of every module', () => {
    expect(FILES.length).toBeGreaterThan(40);
    expect(GRAPH.get(join(PIPELINE, 'index.ts'))?.length).toBeGreaterThan(3);
  });

  it('has no circle', () => {
    const circle = findCircle(GRAPH);
    expect(circle?.map(rel) ?? null).toBeNull();
  });

  it('finds a circle when there is one (the check can fail)', () => {
    expect(
      findCircle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCircle(
        new Map([
          ['a', ['b']],
          ['b', []],
          ['c', ['a', 'b']],
        ]),
      ),
    ).toBeNull();
  });

  it('keeps the stages out of the plumbing', () => {
    const wrong = FILES.filter((file) => rel(file).startsWith('stages/')).flatMap((file) =>
      GRAPH.get(file)!
        .filter((target) => PLUMBING.includes(rel(target).split('/')[0]!))
        .map((target) => `${rel(file)} → ${rel(target)}`),
    );
    expect(wrong).toEqual([]);
  });

  it('has index.ts import stages (and the record types) only', () => {
    const targets = GRAPH.get(join(PIPELINE, 'index.ts'))!.map(rel);
    expect(targets.filter((target) => !target.startsWith('stages/') && target !== 'types.ts')).toEqual([]);
  });

  it('resolves every relative import to a file that exists', () => {
    const missing = [...GRAPH].flatMap(([file, targets]) => targets.filter((target) => !FILES.includes(target)).map((t) => `${rel(file)} → ${t}`));
    expect(missing).toEqual([]);
  });
});

describe('source files', () => {
  it.each(FILES.map(rel))(`%s is at most ${MAX_LINES} lines`, (file) => {
    const lines = readFileSync(join(PIPELINE, file), 'utf8').split('\n').length;
    expect(lines).toBeLessThanOrEqual(MAX_LINES);
  });

  it.each(FILES.map(rel))('%s opens with a comment saying what it is', (file) => {
    expect(readFileSync(join(PIPELINE, file), 'utf8')).toMatch(/^(?:#![^\n]*\n)?\/\*\*?\s/);
  });
});
