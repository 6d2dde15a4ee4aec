/**
 * Longest-match look-up of lexicon phrases over tokens (CODEBOOK.md sections
 * 4–7). Lexicons are data (pipeline/stages/<stage>/rules/*.json); this turns one lexicon
 * family into a map from first word to phrases, built once at module load, so
 * matching a sentence costs one look-up per token (for the merged index, in a
 * table keyed by the hash the tokenizer computes: see WordTable).
 */
import { WordTable, wordHash, type Token } from '../../text/tokenize.js';

/** One lexicon phrase and the categories it belongs to. */
interface PhraseEntry {
  readonly words: readonly string[];
  readonly phrase: string;
  readonly categories: readonly string[];
}

/** Phrases of one lexicon family, keyed by their first word, longest first. */
export interface PhraseIndex {
  readonly byFirstWord: ReadonlyMap<string, readonly PhraseEntry[]>;
}

/** A lexicon phrase found in a sentence: token range [start, end) and its categories. */
export interface PhraseHit {
  readonly start: number;
  readonly end: number;
  readonly phrase: string;
  readonly categories: readonly string[];
}

/** Phrase words are split like tokens: on spaces, with a few punctuation marks (':') as words of their own. */
function phraseWords(phrase: string): string[] {
  return phrase.toLowerCase().match(/[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*|\S/gu) ?? [];
}

/**
 * Build the index of one lexicon family.
 *
 * @param categories - Category name → its phrases (lower-case; multi-word allowed).
 * @returns The index; a phrase listed under several categories carries them all.
 */
export function buildPhraseIndex(categories: Readonly<Record<string, readonly string[]>>): PhraseIndex {
  const byPhrase = new Map<string, { words: string[]; categories: string[] }>();
  for (const [category, phrases] of Object.entries(categories)) {
    for (const phrase of phrases) {
      const words = phraseWords(phrase);
      if (words.length === 0) continue;
      const key = words.join(' ');
      const entry = byPhrase.get(key) ?? { words, categories: [] };
      if (!entry.categories.includes(category)) entry.categories.push(category);
      byPhrase.set(key, entry);
    }
  }
  const byFirstWord = new Map<string, PhraseEntry[]>();
  for (const [phrase, entry] of byPhrase) {
    const first = entry.words[0] as string;
    const list = byFirstWord.get(first) ?? [];
    list.push({ words: entry.words, phrase, categories: entry.categories });
    byFirstWord.set(first, list);
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { byFirstWord };
}

/** Does token `token` spell `word`, as written or without its -nya? */
function tokenMatches(token: Token, word: string): boolean {
  return token.lower === word || token.stem === word;
}

/**
 * Every phrase of the index in the tokens, longest match first and without
 * overlap (pencabutan sanksi hides sanksi), left to right.
 *
 * @param tokens - The sentence's tokens.
 * @param index - One lexicon family.
 * @returns The hits in token order.
 */
export function matchPhrases(tokens: readonly Token[], index: PhraseIndex): PhraseHit[] {
  const hits: PhraseHit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    const candidates = index.byFirstWord.get(token.lower) ?? (token.stem !== token.lower ? index.byFirstWord.get(token.stem) : undefined);
    let matched: PhraseEntry | undefined;
    if (candidates !== undefined) {
      for (const entry of candidates) {
        if (i + entry.words.length > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < entry.words.length; k++) {
          if (!tokenMatches(tokens[i + k] as Token, entry.words[k] as string)) {
            ok = false;
            break;
          }
        }
        if (ok) {
          matched = entry;
          break;
        }
      }
    }
    if (matched === undefined) {
      i++;
      continue;
    }
    hits.push({ start: i, end: i + matched.words.length, phrase: matched.phrase, categories: matched.categories });
    i += matched.words.length;
  }
  return hits;
}

/** One phrase of a family index. */
interface FamilyEntry extends PhraseEntry {
  /** Position of its family in FamilyIndex.families. */
  readonly family: number;
  /** wordHash of each of `words`: a token is compared with a word's string only when its hash is the word's. */
  readonly wordHashes: Int32Array;
  /** All its categories are unlisted (see buildFamilyIndex): it keeps other phrases of its family from matching, and gives no hit. */
  readonly blocksOnly: boolean;
}

/** Several lexicon families in one index, so a sentence is scanned once for all of them. */
export interface FamilyIndex {
  /** Phrases by first word, longest first, looked up by the token's hash (most words start no phrase). */
  readonly byFirstWord: WordTable<readonly FamilyEntry[]>;
  readonly families: readonly string[];
}

/**
 * Build one index over several lexicon families; each keeps its own
 * longest-match semantics when matched with matchFamilies.
 *
 * @param families - Family name → (category → phrases).
 * @param unlistedCategories - Categories (as named in `families`) whose phrases take part in longest match but whose hits nobody reads: hits carry no such category, and a phrase of only such categories gives no hit.
 * @returns The merged index.
 */
export function buildFamilyIndex(
  families: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>,
  unlistedCategories: ReadonlySet<string> = new Set(),
): FamilyIndex {
  const byFirstWord = new Map<string, FamilyEntry[]>();
  for (const [family, categories] of Object.values(families).entries()) {
    for (const [first, entries] of buildPhraseIndex(categories).byFirstWord) {
      const list = byFirstWord.get(first) ?? [];
      // Spelled out, not spread: objects made by spreading got a hidden class each, which made every read of an entry a slow generic one.
      for (const entry of entries) {
        const listed = entry.categories.filter((category) => !unlistedCategories.has(category));
        list.push({
          words: entry.words,
          phrase: entry.phrase,
          categories: listed.length === entry.categories.length ? entry.categories : listed,
          family,
          wordHashes: Int32Array.from(entry.words, (word) => wordHash(word)),
          blocksOnly: listed.length === 0,
        });
      }
      byFirstWord.set(first, list);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);
  return { byFirstWord: new WordTable(byFirstWord), families: Object.keys(families) };
}

const NO_ENTRIES: readonly FamilyEntry[] = [];
/** Scratch space of matchFamilies (which is synchronous, so calls never overlap). */
let nextFreeScratch = new Int32Array(8);

/** A hit of a family index: which family's phrase it is, too. */
export interface FamilyHit extends PhraseHit {
  /** Position of its family in FamilyIndex.families. */
  readonly family: number;
}

/**
 * Every phrase of every family in the tokens, in one pass: per family, longest
 * match first and without overlap, exactly as matchPhrases would give family
 * by family.
 *
 * @param tokens - The sentence's tokens.
 * @param index - The merged index.
 * @returns The hits of all families in one list (without those of blocking-only phrases), in token order (so each family's hits are in token order too).
 */
export function matchFamilies(tokens: readonly Token[], index: FamilyIndex): FamilyHit[] {
  const hits: FamilyHit[] = [];
  // Per family, the first token a new hit may start at (hits of one family do not overlap). One buffer for every call:
  // a typed array per sentence was a noticeable share of the stage's allocation.
  if (nextFreeScratch.length < index.families.length) nextFreeScratch = new Int32Array(index.families.length);
  const nextFree = nextFreeScratch.fill(0);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const byLower = index.byFirstWord.get(token.lower, token.lowerHash) ?? NO_ENTRIES;
    const byStem = token.stem !== token.lower ? (index.byFirstWord.get(token.stem, token.stemHash) ?? NO_ENTRIES) : NO_ENTRIES;
    if (byLower.length === 0 && byStem.length === 0) continue;
    // Both lists are longest first: they are merged as they are read, byLower first among equals (as a stable sort of
    // byLower followed by byStem would order them), rather than copied and sorted.
    for (let fromLower = 0, fromStem = 0; fromLower < byLower.length || fromStem < byStem.length; ) {
      const entry =
        fromStem >= byStem.length ||
        (fromLower < byLower.length && (byLower[fromLower] as FamilyEntry).words.length >= (byStem[fromStem] as FamilyEntry).words.length)
          ? (byLower[fromLower++] as FamilyEntry)
          : (byStem[fromStem++] as FamilyEntry);
      if ((nextFree[entry.family] as number) > i || i + entry.words.length > tokens.length) continue;
      let ok = true;
      // Frequent first words (tidak, di, yang) start many phrases: most candidates fail on the next token, told by its hash.
      for (let k = 1; k < entry.words.length; k++) {
        const next = tokens[i + k] as Token;
        const hash = entry.wordHashes[k] as number;
        // The stem is compared only when it is not `lower` (a -nya or 's word): its hash is not stored.
        if (!((next.lowerHash === hash && next.lower === entry.words[k]) || (next.stem !== next.lower && next.stem === entry.words[k]))) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (!entry.blocksOnly) hits.push({ start: i, end: i + entry.words.length, phrase: entry.phrase, categories: entry.categories, family: entry.family });
      nextFree[entry.family] = i + entry.words.length;
    }
  }
  return hits;
}
