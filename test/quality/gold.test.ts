/** The repository's copies of the shared gold set and codebook match ../shared when it is beside the project. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLD_DIR, loadGold, REPO_ROOT, SEEDS_DIR } from '../gold.js';

const SHARED = join(REPO_ROOT, '..', 'shared');

describe.skipIf(!existsSync(SHARED))('copies of ../shared', () => {
  it.each(['gold', 'seeds'])('%s are byte-identical to ../shared', (what) => {
    const local = what === 'gold' ? GOLD_DIR : SEEDS_DIR;
    for (const name of readdirSync(join(SHARED, what))) {
      expect(readFileSync(join(local, name)).equals(readFileSync(join(SHARED, what, name))), name).toBe(true);
    }
  });

  it('CODEBOOK.md is byte-identical to ../shared', () => {
    expect(readFileSync(join(REPO_ROOT, 'CODEBOOK.md')).equals(readFileSync(join(SHARED, 'CODEBOOK.md')))).toBe(true);
  });
});

describe('gold fixtures', () => {
  it('annotate every seed, with sentences that are substrings of clean_text in order', () => {
    const gold = loadGold();
    expect(gold).toHaveLength(5);
    for (const { gold: g } of gold) {
      let from = 0;
      for (const s of g.sentences) {
        const at = g.clean_text.indexOf(s.text, from);
        expect(at, s.text).toBeGreaterThanOrEqual(from);
        from = at + s.text.length;
      }
    }
  });
});
