/**
 * FNV-1a over UTF-16 code units, and the size of the open-addressing tables
 * keyed by it. Language detection and the tokenizer hash each word while they
 * read its characters, so that a word that is in no lexicon (most words) is
 * turned away by one table read, without building its lower-case string.
 * Both must hash alike: a table built from lexicon strings (fnvOf) is probed
 * with hashes continued unit by unit (fnvStep).
 */

/** The hash of the empty string. */
export const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The hash of `text + unit`, given the hash of `text`. */
export function fnvStep(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, FNV_PRIME);
}

/** The hash of a whole string. */
export function fnvOf(text: string): number {
  let hash = FNV_OFFSET;
  for (let k = 0; k < text.length; k++) hash = fnvStep(hash, text.charCodeAt(k));
  return hash;
}

/** Slots for an open-addressing table of `entries`: a power of two, at least 4× as many, so that a miss usually meets an empty slot at once. */
export function hashTableSize(entries: number): number {
  let size = 16;
  while (size < 4 * entries) size *= 2;
  return size;
}
