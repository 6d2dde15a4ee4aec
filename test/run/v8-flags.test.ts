/**
 * The V8 flags a build sets (pipeline/run/v8-flags.ts) must be flags this
 * Node knows (an unknown flag would be ignored without a word), and must not
 * change what a regex matches: the same matches, flag or not, for the
 * cleaning rules' kind of pattern (long case-insensitive alternations,
 * lookbehinds, `\p{…}`).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_V8_FLAGS, NODE_START_FLAGS, SEMI_SPACE_MB } from '../../pipeline/run/v8-flags.js';
import { REPO_ROOT } from '../gold.js';

/** Runs a script under node with the given flags; returns its stdout. */
function nodeOutput(flags: readonly string[], script: string): string {
  const result = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

const MATCHES = `
const rules = [
  [String.raw\`^(?:(?:[-–—•·*>»▶►▸✓]\\s?)?(?:baca\\sjuga|simak\\sjuga|read\\salso|lihat\\sjuga)\\s?:?\\s?.{0,200})$\`, 'iu'],
  [String.raw\`(?<![\\p{L}\\p{N}])(?:skip\\sto\\smain\\scontent|all\\srights\\sreserved|langganan)(?![\\p{L}\\p{N}])\`, 'giu'],
  [String.raw\`^(?:\\p{Lu}[\\p{L}.'’]*(?:\\s\\p{Lu}[\\p{L}.'’]*){0,3})\\s?[-–—]{1,2}\\s\`, 'u'],
];
const lines = ['Baca juga: Rusia dan NATO', 'BACA JUGA Putin', 'Jakarta - Rusia', 'All Rights Reserved 2024', 'KUALA LUMPUR — Malaysia', 'Ikuti kami, langganan!', 'Skip to main content'];
const out = [];
for (let round = 0; round < 3; round++) for (const [source, flags] of rules) { const r = new RegExp(source, flags); for (const l of lines) out.push(JSON.stringify(l.match(r))); }
console.log(out.join('\\n'));
`;

describe('the build V8 flags', () => {
  it('are flags this Node accepts', () => {
    for (const flag of BUILD_V8_FLAGS) expect(nodeOutput(['--v8-options'], '0')).toContain(`${flag.replace(/^--no-/, '--').replace(/=.*/, '')} `);
    nodeOutput(BUILD_V8_FLAGS, '0');
  });

  it('leave what a regex matches as it is', () => {
    const withFlags = nodeOutput(BUILD_V8_FLAGS, MATCHES);
    expect(withFlags).toBe(nodeOutput([], MATCHES));
    expect(withFlags).toContain('Baca juga');
  });
});

describe('the flags node is started with', () => {
  it('are the ones the Makefile starts the CLI with', () => {
    const line = readFileSync(join(REPO_ROOT, 'Makefile'), 'utf8').match(/^PIPELINE_NODE := (.*)$/m);
    expect(line?.[1]).toBe(['node', ...NODE_START_FLAGS].join(' '));
  });

  it('give the main thread more young-generation room than the default, up to two semi-spaces of SEMI_SPACE_MB', () => {
    // V8 reports the young generation's room through the new space's size once it has grown: fill it and read the largest.
    // That size is the memory committed to both semi-spaces, so it reaches two of them once both are in use (1 run in 8 here).
    const script = `const v8 = require('node:v8'); let keep = []; let most = 0;
for (let i = 0; i < 4e6; i++) { keep.push({ i }); if (keep.length > 2e5) keep = []; if (i % 1e5 === 0) most = Math.max(most, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size); }
console.log(most);`;
    const grown = Number(nodeOutput(NODE_START_FLAGS, script));
    expect(grown).toBeGreaterThan(Number(nodeOutput([], script)));
    expect(grown).toBeLessThanOrEqual(2 * SEMI_SPACE_MB * 2 ** 20);
  });
});
