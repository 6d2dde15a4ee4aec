/**
 * The MinHash signature (pipeline/text/minhash.ts): deterministic and pinned,
 * blind to case and punctuation, counts distinct shingles, and agrees at a
 * share of its bins close to the texts' Jaccard similarity.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_SLOT, minhash, minhashInto, SHINGLE_WORDS, SIGNATURE_SIZE } from '../../pipeline/text/minhash.js';
import { SEEDS_DIR } from '../gold.js';

const seed = readFileSync(join(SEEDS_DIR, '000_bdb6c9550aac35cd.txt'), 'utf8');

/** Share of equal bins. */
function agreement(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) equal++;
  return equal / SIGNATURE_SIZE;
}

/** Words w0 … w(n-1) from a numbered vocabulary, so that shingle sets are known exactly. */
const wordsOf = (ids: readonly number[]): string => ids.map((i) => `kata${i}`).join(' ');

describe('minhash', () => {
  it('is pinned: the same text gives the same signature on every machine', () => {
    const { signature, shingles } = minhash('Rusia dan NATO kembali bersitegang soal perluasan aliansi di Eropa Timur.');
    expect(shingles).toBe(7);
    // Pinned: changing the hashing changes every stored part signature.
    expect(Array.from(signature.slice(0, 4))).toEqual([89159918, 981240035, 156268782, 41715939]);
    expect(minhash('Rusia dan NATO kembali bersitegang soal perluasan aliansi di Eropa Timur.').signature).toEqual(signature);
  });

  it('reads words only: case, punctuation and spacing do not change it', () => {
    const a = minhash('Rusia, dan NATO — kembali "bersitegang" soal perluasan aliansi!');
    const b = minhash('rusia dan nato kembali bersitegang\n\nsoal   perluasan aliansi');
    expect(b.signature).toEqual(a.signature);
    expect(b.shingles).toBe(a.shingles);
  });

  it('lower-cases letters beyond ASCII', () => {
    expect(minhash('ÜBER Ärger Ünlü Şehir Çok Güzel Ёлка').signature).toEqual(minhash('über ärger ünlü şehir çok güzel ёлка').signature);
  });

  it('gives an empty signature to a text without words', () => {
    const { signature, shingles } = minhash(' — ... !! ');
    expect(shingles).toBe(0);
    expect(signature.every((v) => v === EMPTY_SLOT)).toBe(true);
  });

  it('makes one shingle of a text shorter than a shingle, and fills every bin', () => {
    const { signature, shingles } = minhash('Rusia menolak');
    expect(shingles).toBe(1);
    expect(signature.every((v) => v !== EMPTY_SLOT)).toBe(true);
  });

  it('counts distinct shingles: words − 4 when all differ, a repeat counted once', () => {
    const ids = Array.from({ length: 50 }, (_, i) => i);
    expect(minhash(wordsOf(ids)).shingles).toBe(50 - SHINGLE_WORDS + 1);
    // The same 50 words twice: the second copy adds only the 4 shingles across the join.
    expect(minhash(`${wordsOf(ids)} ${wordsOf(ids)}`).shingles).toBe(50 - SHINGLE_WORDS + 1 + 4);
  });

  it('writes at an offset without touching its neighbours', () => {
    const out = new Uint32Array(3 * SIGNATURE_SIZE).fill(7);
    minhashInto(seed, out, SIGNATURE_SIZE);
    expect(out.subarray(0, SIGNATURE_SIZE).every((v) => v === 7)).toBe(true);
    expect(out.subarray(2 * SIGNATURE_SIZE).every((v) => v === 7)).toBe(true);
    expect(out.subarray(SIGNATURE_SIZE, 2 * SIGNATURE_SIZE)).toEqual(minhash(seed).signature);
  });

  it('agrees at a share of bins close to the Jaccard similarity (mean error over random pairs ≤ 0.05)', () => {
    let error = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.integer({ min: 30, max: 600 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 1000 }), (length, sharePercent, shift) => {
        // b is a shifted with the overlap chosen: word ids [shift, shift+length) against [shift+offset, ...).
        const offset = Math.round((length * (100 - sharePercent)) / 100);
        const a = Array.from({ length }, (_, i) => shift + i);
        const b = Array.from({ length }, (_, i) => shift + offset + i);
        const sa = length - SHINGLE_WORDS + 1;
        const shared = Math.max(0, length - offset - SHINGLE_WORDS + 1);
        const jaccard = shared / (2 * sa - shared);
        error += Math.abs(agreement(minhash(wordsOf(a)).signature, minhash(wordsOf(b)).signature) - jaccard);
        runs++;
      }),
      { seed: 15, numRuns: 200 },
    );
    expect(error / runs).toBeLessThanOrEqual(0.05);
  });

  it('tells a trimmed copy from another article', () => {
    const paragraphs = seed.trim().split(/\n\s*\n/);
    const copy = `Jakarta (ANTARA) - ${paragraphs.slice(0, Math.ceil(paragraphs.length * 0.7)).join('\n\n')}`;
    const other = readFileSync(join(SEEDS_DIR, '003_932b1eeb8b108611.txt'), 'utf8');
    expect(agreement(minhash(seed).signature, minhash(copy).signature)).toBeGreaterThan(0.4);
    expect(agreement(minhash(seed).signature, minhash(other).signature)).toBeLessThan(0.1);
  });
});
