/**
 * MinHash signature of a document's clean text, for finding syndicated copies
 * (run/stories.ts; README "Syndicated copies"). Not a CODEBOOK.md label: it
 * groups whole documents, it does not read their meaning.
 *
 * The text is read as lower-case words (runs of letters and digits; every
 * other character separates words), shingled into overlapping runs of
 * SHINGLE_WORDS words, and each distinct shingle hashed to 32 bits. The
 * signature keeps, for each of SIGNATURE_SIZE hash functions, the smallest
 * hash of any shingle: two texts agree at a position with probability equal
 * to their Jaccard similarity (Broder 1997). With the number of distinct
 * shingles of each text, that also estimates containment (stories.ts).
 *
 * The hash family is fixed (a seeded generator gives its constants), so the
 * same text has the same signature on every machine, thread and shard.
 */
import { fnvStep, FNV_OFFSET } from './word-hash.js';

/**
 * Words per shingle. Five, as datatrove's MinHash deduplication and most web
 * corpora use: long enough that two unrelated articles on the same topic
 * share almost no shingle (names and stock phrases run to 2–4 words), short
 * enough that a typo or a rewritten clause spoils only a few shingles.
 */
export const SHINGLE_WORDS = 5;

/**
 * Hash functions per signature. 64 × 4 bytes = 256 bytes per document kept
 * for clustering (the budget is about 300); the standard error of a
 * Jaccard estimate is √(J(1−J)/64) ≤ 0.063, far smaller than the gap between
 * a copy (J ≳ 0.5) and a same-topic article (J ≈ 0.01).
 */
export const SIGNATURE_SIZE = 64;

/** The signature value at every position of a text without a shingle. */
export const EMPTY_SLOT = 0xffffffff;

/** Seed of the hash family's constants; changing it changes every signature (but not which documents cluster, beyond noise). */
const FAMILY_SEED = 0x5eed_2026;

/** splitmix32: a fixed stream of well-mixed 32-bit numbers from a seed. */
function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Hash function i maps a (well-mixed) shingle hash x to
 * xorshift(MULTIPLIERS[i]·x + ADDENDS[i] mod 2^32): a bijection of 32-bit
 * words, one multiply, an add, a shift and an xor, so 64 of them per shingle
 * stay cheap. The final xorshift folds the high bits into the low ones so
 * that the order of values does not follow the multiplier's low bits.
 */
const MULTIPLIERS = new Int32Array(SIGNATURE_SIZE);
const ADDENDS = new Int32Array(SIGNATURE_SIZE);
{
  const next = splitmix32(FAMILY_SEED);
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    MULTIPLIERS[i] = next() | 1; // odd: a bijection mod 2^32
    ADDENDS[i] = next();
  }
}

/** murmur3's finaliser: spreads every input bit over every output bit. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Reused per thread: word hashes and shingle hashes of the current text. */
let words = new Int32Array(4096);
let shingles = new Uint32Array(4096);

/** True for a code unit that belongs to a word: an ASCII letter or digit, or any non-ASCII letter or digit. */
function isWordUnit(unit: number): boolean {
  if (unit < 0x80) return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x30 && unit <= 0x39);
  return NON_ASCII_WORD.test(String.fromCharCode(unit));
}
const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

/** Hashes of the text's lower-case words, in order; returns how many. */
function hashWords(text: string): number {
  let count = 0;
  let hash = FNV_OFFSET;
  let inWord = false;
  for (let k = 0; k <= text.length; k++) {
    const unit = k < text.length ? text.charCodeAt(k) : 0x20;
    if (isWordUnit(unit)) {
      // Lower-case: ASCII by bit, other letters through toLowerCase (rare in this corpus).
      const lower = unit < 0x80 ? (unit >= 0x41 && unit <= 0x5a ? unit | 0x20 : unit) : String.fromCharCode(unit).toLowerCase().charCodeAt(0);
      hash = fnvStep(hash, lower);
      inWord = true;
    } else if (inWord) {
      if (count === words.length) {
        const grown = new Int32Array(words.length * 2);
        grown.set(words);
        words = grown;
      }
      words[count++] = hash;
      hash = FNV_OFFSET;
      inWord = false;
    }
  }
  return count;
}

/** A document's signature and how many distinct shingles it has. */
export interface TextSignature {
  /** SIGNATURE_SIZE minima; all EMPTY_SLOT when the text has no word. */
  readonly signature: Uint32Array;
  /** Distinct shingles (a text of fewer than SHINGLE_WORDS words is one shingle). */
  readonly shingles: number;
}

/**
 * The MinHash signature of a text, written into `out` at `offset`.
 * @returns the number of distinct shingles (0 when the text has no word)
 * @example const sig = new Uint32Array(SIGNATURE_SIZE); minhashInto('Jakarta (ANTARA) - ...', sig, 0)
 */
export function minhashInto(text: string, out: Uint32Array, offset: number): number {
  out.fill(EMPTY_SLOT, offset, offset + SIGNATURE_SIZE);
  const nWords = hashWords(text);
  if (nWords === 0) return 0;
  const nShingles = Math.max(1, nWords - SHINGLE_WORDS + 1);
  if (shingles.length < nShingles) shingles = new Uint32Array(Math.max(nShingles, shingles.length * 2));
  const width = Math.min(SHINGLE_WORDS, nWords);
  for (let s = 0; s < nShingles; s++) {
    let h = 0x9747b28c;
    for (let w = 0; w < width; w++) h = Math.imul(h ^ words[s + w]!, 0x01000193) + 0x7f4a7c15;
    shingles[s] = mix32(h);
  }
  // Sorted, so that a repeated shingle is hashed once and counted once.
  const sorted = shingles.subarray(0, nShingles).sort();
  let distinct = 0;
  let previous = -1;
  for (let s = 0; s < nShingles; s++) {
    const x = sorted[s]!;
    if (x === previous) continue;
    previous = x;
    distinct++;
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      let h = (Math.imul(x, MULTIPLIERS[i]!) + ADDENDS[i]!) | 0;
      h = (h ^ (h >>> 15)) >>> 0;
      if (h < out[offset + i]!) out[offset + i] = h;
    }
  }
  return distinct;
}

/** The signature of a text, in a new array. */
export function minhash(text: string): TextSignature {
  const signature = new Uint32Array(SIGNATURE_SIZE);
  const count = minhashInto(text, signature, 0);
  return { signature, shingles: count };
}
