/**
 * MinHash signature of a document's clean text, for finding syndicated copies
 * (run/stories.ts; README "Syndicated copies"). Not a CODEBOOK.md label: it
 * groups whole documents, it does not read their meaning.
 *
 * The text is read as lower-case words (runs of letters and digits; every
 * other character separates words), shingled into overlapping runs of
 * SHINGLE_WORDS words, and each distinct shingle hashed to 32 bits. The
 * signature is a one-permutation MinHash (Li, Owen & Zhang 2012): the top
 * 6 bits of a shingle's hash choose one of SIGNATURE_SIZE bins, and each bin
 * keeps the smallest of the other 26 bits. Two texts agree at a bin with
 * probability close to their Jaccard similarity, as with SIGNATURE_SIZE
 * separate hash functions (Broder 1997), for one hash per shingle instead
 * of 64. With the number of distinct shingles of each text, that also
 * estimates containment (stories.ts).
 *
 * The hashes are fixed (FNV-1a words, a fixed mix, seeded densification
 * probes), so the same text has the same signature on every machine,
 * thread and shard.
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
 * Values per signature. 64 × 4 bytes = 256 bytes per document kept for
 * clustering (the budget is about 300); the standard error of a
 * Jaccard estimate is about √(J(1−J)/64) ≤ 0.063, far smaller than the gap
 * between a copy (J ≳ 0.5) and a same-topic article (J ≈ 0.01).
 */
export const SIGNATURE_SIZE = 64;

/** The signature value at every position of a text without a shingle. */
export const EMPTY_SLOT = 0xffffffff;

/** Seed of the densification probes; changing it changes every signature of a short text. */
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

/** Bits of a shingle hash that choose its bin (2^6 = SIGNATURE_SIZE bins); the other 26 are the value compared. */
const BIN_BITS = 6;
const VALUE_BITS = 32 - BIN_BITS;
const VALUE_MASK = (1 << VALUE_BITS) - 1;

/**
 * Empty bins (a short text has fewer shingles than bins) borrow the value
 * of another bin, chosen by a fixed sequence of probes per bin that every
 * document shares ("optimal densification", Shrivastava 2017): two texts
 * then still agree at a bin with probability close to their Jaccard
 * similarity. A borrowed value carries the attempt number in its top bits,
 * so that it rarely equals a value a bin holds of its own.
 */
const PROBES = 32;
const PROBE = new Uint8Array(SIGNATURE_SIZE * PROBES);
{
  const next = splitmix32(FAMILY_SEED);
  for (let k = 0; k < PROBE.length; k++) PROBE[k] = next() & (SIGNATURE_SIZE - 1);
}

/** Fill the empty bins of a signature that has at least one filled bin. */
function densify(out: Uint32Array, offset: number): void {
  for (let b = 0; b < SIGNATURE_SIZE; b++) {
    if (out[offset + b]! <= VALUE_MASK) continue;
    let value = EMPTY_SLOT;
    for (let t = 0; t < PROBES && value === EMPTY_SLOT; t++) {
      const source = out[offset + PROBE[b * PROBES + t]!]!;
      if (source <= VALUE_MASK) value = (source | ((t + 1) << VALUE_BITS)) >>> 0;
    }
    // Every probe empty (only when few bins are filled): the next filled bin to the right.
    for (let d = 1; value === EMPTY_SLOT; d++) {
      const source = out[offset + ((b + d) & (SIGNATURE_SIZE - 1))]!;
      if (source <= VALUE_MASK) value = (source | (63 << VALUE_BITS)) >>> 0;
    }
    out[offset + b] = value;
  }
}

/** murmur3's finaliser: spreads every input bit over every output bit. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Reused per thread: an open-addressing set of the current text's shingle
 * hashes (0 marks a free slot; a hash of 0 is stored as 1), so that a
 * repeated shingle is counted once. Grown to stay at most half full.
 */
let seen = new Uint32Array(2048);
let seenMask = 0;

/**
 * Per UTF-16 code unit: 0 when it separates words, else the unit in lower
 * case. Letters, digits and combining marks belong to words. Filled for
 * ASCII at once and for other units on first sight, so the word loop reads
 * one table entry per character.
 */
const WORD_UNIT = new Uint16Array(0x10000);
const SEEN = new Uint8Array(0x10000);
const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;
for (let unit = 0; unit < 0x80; unit++) {
  SEEN[unit] = 1;
  if ((unit >= 0x61 && unit <= 0x7a) || (unit >= 0x30 && unit <= 0x39)) WORD_UNIT[unit] = unit;
  else if (unit >= 0x41 && unit <= 0x5a) WORD_UNIT[unit] = unit | 0x20;
}

/** The table entry of a unit not seen before. */
function learnUnit(unit: number): number {
  SEEN[unit] = 1;
  const char = String.fromCharCode(unit);
  if (NON_ASCII_WORD.test(char)) WORD_UNIT[unit] = char.toLowerCase().length === 1 ? char.toLowerCase().charCodeAt(0) : unit;
  return WORD_UNIT[unit]!;
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
  // At most one shingle per word: room for all of them at most half full.
  // (A word takes at least two units with its separator.) Only the part of the table in use is cleared.
  let size = 64;
  while (size < text.length + 2) size *= 2;
  if (seen.length < size) seen = new Uint32Array(size);
  else seen.fill(0, 0, size);
  seenMask = size - 1;
  // One pass: words are hashed as their characters are read, the last SHINGLE_WORDS word hashes kept in w0..w4.
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  let w4 = 0;
  let words = 0;
  let distinct = 0;
  let hash = FNV_OFFSET;
  let inWord = false;
  const length = text.length;
  for (let k = 0; k <= length; k++) {
    const unit = k < length ? text.charCodeAt(k) : 0x20;
    const lower = SEEN[unit] === 1 ? WORD_UNIT[unit]! : learnUnit(unit);
    if (lower !== 0) {
      hash = fnvStep(hash, lower);
      inWord = true;
      continue;
    }
    if (!inWord) continue;
    w0 = w1;
    w1 = w2;
    w2 = w3;
    w3 = w4;
    w4 = hash;
    hash = FNV_OFFSET;
    inWord = false;
    if (++words >= SHINGLE_WORDS && addShingle(shingleHash(w0, w1, w2, w3, w4), out, offset)) distinct++;
  }
  // A text of fewer words than a shingle is one shingle of them all.
  if (words > 0 && words < SHINGLE_WORDS) {
    const ring = [w0, w1, w2, w3, w4].slice(SHINGLE_WORDS - words);
    while (ring.length < SHINGLE_WORDS) ring.push(0);
    if (addShingle(shingleHash(ring[0]!, ring[1]!, ring[2]!, ring[3]!, ring[4]!), out, offset)) distinct++;
  }
  if (distinct > 0) densify(out, offset);
  return distinct;
}

/** The 32-bit hash of a shingle of five word hashes. */
function shingleHash(w0: number, w1: number, w2: number, w3: number, w4: number): number {
  let h = Math.imul(0x9747b28c ^ w0, 0x01000193);
  h = Math.imul(h ^ w1, 0x01000193) + 0x7f4a7c15;
  h = Math.imul(h ^ w2, 0x01000193) + 0x7f4a7c15;
  h = Math.imul(h ^ w3, 0x01000193) + 0x7f4a7c15;
  h = Math.imul(h ^ w4, 0x01000193) + 0x7f4a7c15;
  return mix32(h);
}

/**
 * One permutation (Li, Owen & Zhang 2012): the shingle hash's top bits
 * choose a bin, the rest is the value compared; each bin keeps its smallest.
 * @returns true when the shingle is new to this text
 */
function addShingle(x: number, out: Uint32Array, offset: number): boolean {
  const key = x === 0 ? 1 : x;
  let slot = Math.imul(key, 0x9e3779b1) & seenMask;
  for (;;) {
    const held = seen[slot]!;
    if (held === 0) break;
    if (held === key) return false;
    slot = (slot + 1) & seenMask;
  }
  seen[slot] = key;
  const bin = offset + (x >>> VALUE_BITS);
  const value = x & VALUE_MASK;
  if (value < out[bin]!) out[bin] = value;
  return true;
}

/** The signature of a text, in a new array. */
export function minhash(text: string): TextSignature {
  const signature = new Uint32Array(SIGNATURE_SIZE);
  const count = minhashInto(text, signature, 0);
  return { signature, shingles: count };
}
