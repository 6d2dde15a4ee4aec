/**
 * The word evidence of the language stage (CODEBOOK.md section 2): which
 * words of a text are Malay-family or English function words, and how much
 * Indonesian-leaning and Malay-leaning weight it carries, from the lists of
 * rules/language.json. Words are read in one pass over the text with hashed
 * look-ups (no token strings are built); detect-language.ts decides from
 * these counts.
 */
import LANGUAGE_RULES from './rules/language.json' with { type: 'json' };
import { FNV_OFFSET, fnvOf, fnvStep, hashTableSize } from '../../text/word-hash.js';

/** Thresholds from the rules file, each explained there. */
const THRESHOLDS = LANGUAGE_RULES.thresholds;
/** What the word lists found in a text. */
export interface LanguageEvidence {
  /** Word tokens: letters joined by `-` or an apostrophe. */
  readonly words: number;
  /** Letters in those words. */
  readonly letters: number;
  /** Words starting with a capital letter. */
  readonly capitalisedWords: number;
  /** Malay-family function words (`yang`, `dan`, ...). */
  readonly familyWords: number;
  /** English function words (`the`, `of`, ...), ALL-CAPS words excluded. */
  readonly englishWords: number;
  /** Summed weights of Indonesian-leaning entries. */
  readonly indonesianWeight: number;
  /** Summed weights of Malay-leaning entries. */
  readonly malayWeight: number;
}

/** Writable copy of a record type, for building evidence in place. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Any letter, to classify characters outside ASCII once each (cached in LETTER_TABLE). */
const LETTER = /\p{L}/u;
/** Capital or title-case letter outside ASCII. */
const CAPITAL = /[\p{Lu}\p{Lt}]/u;
/** Per BMP code unit: 0 not yet classified, 1 letter, 2 not a letter. Filled lazily. */
const LETTER_TABLE = new Uint8Array(0x10000);

/** True when the UTF-16 unit is a letter (astral letters are not: words are BMP text). */
function isLetter(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  let kind = LETTER_TABLE[code] ?? 2;
  if (kind === 0) {
    kind = code >= 0xd800 && code <= 0xdfff ? 2 : LETTER.test(String.fromCharCode(code)) ? 1 : 2;
    LETTER_TABLE[code] = kind;
  }
  return kind === 1;
}

/** `-`, `'`, `’`: join letters into one word (`negara-negara`, `di-Pertuan`, `Let's`). */
function isJoiner(code: number): boolean {
  return code === 0x2d || code === 0x27 || code === 0x2019;
}

/**
 * Indonesian-leaning and Malay-leaning weights of a lexicon entry, and the
 * number of the `languageEvidence` call that last counted it (each entry
 * counts once per text: a price list `RM315 ..., RM215 ..., RM85` is one
 * clue, not five). A stamp instead of a per-call Set: no allocation per text.
 */
interface LexiconWeights {
  readonly ind: number;
  readonly zlm: number;
  countedIn: number;
}

/** Everything the word lists say about one lower-cased word or n-gram. */
interface WordInfo extends LexiconWeights {
  /** The lower-cased word or n-gram itself. */
  readonly key: string;
  /** A Malay-family function word. */
  family: boolean;
  /** An English function word. */
  english: boolean;
  /** Indonesian-leaning weight. */
  ind: number;
  /** Malay-leaning weight. */
  zlm: number;
  /** Starts a listed n-gram, so the next word must be tried with it. */
  startsNgram: boolean;
  /** Its exact-case form is listed under `case_sensitive` (`Anda`, `wang`). */
  caseSensitive: boolean;
  /** FNV-1a hash of `key` (set once all entries exist), continued into the hashes of n-grams it starts. */
  keyHash: number;
}

/** Lower-cased words and n-grams (joined by one space) → what the lists say: one lookup per word. */
const WORD_INFO = new Map<string, WordInfo>();
/** Case-sensitive entries as written (`Anda`, `wang`, `RM`) → weights. */
const CASE_SENSITIVE_WEIGHTS = new Map<string, { ind: number; zlm: number; countedIn: number }>();

/** The entry for `key`, created empty when missing. */
function wordInfo(key: string): WordInfo {
  let info = WORD_INFO.get(key);
  if (info === undefined) {
    info = { key, family: false, english: false, ind: 0, zlm: 0, startsNgram: false, caseSensitive: false, countedIn: 0, keyHash: 0 };
    WORD_INFO.set(key, info);
  }
  return info;
}

/** A weighted word list of the rules file. */
interface WeightedList {
  readonly weight: number;
  readonly entries: readonly string[];
}
function addLexicon(variety: 'ind' | 'zlm', lists: readonly WeightedList[], caseSensitive: WeightedList): void {
  for (const list of lists) {
    for (const entry of list.entries) {
      wordInfo(entry)[variety] += list.weight;
      const parts = entry.split(' ');
      for (let n = 1; n < parts.length; n++) wordInfo(parts.slice(0, n).join(' ')).startsNgram = true;
    }
  }
  for (const entry of caseSensitive.entries) {
    wordInfo(entry.toLowerCase()).caseSensitive = true;
    const weights = CASE_SENSITIVE_WEIGHTS.get(entry) ?? { ind: 0, zlm: 0, countedIn: 0 };
    weights[variety] += caseSensitive.weight;
    CASE_SENSITIVE_WEIGHTS.set(entry, weights);
  }
}
for (const word of LANGUAGE_RULES.family_function_words.entries) wordInfo(word).family = true;
for (const word of LANGUAGE_RULES.english_function_words.entries) wordInfo(word).english = true;
{
  const { indonesian_leaning: ind, malay_leaning: zlm } = LANGUAGE_RULES;
  addLexicon('ind', [ind.strong, ind.moderate, ind.weak], ind.case_sensitive);
  addLexicon('zlm', [zlm.strong, zlm.moderate, zlm.weak], zlm.case_sensitive);
}

/*
 * Single-word lookup without building a string. Nearly every word of the
 * corpus is ASCII, and most are in no list; slicing and lower-casing each one
 * just to miss in WORD_INFO was most of this stage's time. So the scanner
 * hashes the lower-cased characters as it reads them (FNV-1a) and probes an
 * open-addressing table of the single-word entries, comparing characters only
 * on a hash hit. Words with letters outside ASCII take the Map path, where
 * `toLowerCase` handles every case mapping.
 */

/** `A`-`Z` → `a`-`z`; every other unit as is (what toLowerCase does to ASCII and to the `’` joiner). */
function lowerAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code | 0x20 : code;
}

/** The single-word entries. */
const WORD_TABLE_SIZE = hashTableSize(WORD_INFO.size);
const WORD_TABLE_MASK = WORD_TABLE_SIZE - 1;
const WORD_TABLE_HASHES = new Int32Array(WORD_TABLE_SIZE);
const WORD_TABLE: (WordInfo | null)[] = new Array<WordInfo | null>(WORD_TABLE_SIZE).fill(null);
for (const info of WORD_INFO.values()) {
  if (info.key.includes(' ')) continue; // n-grams are looked up as strings
  const hash = fnvOf(info.key);
  let slot = hash & WORD_TABLE_MASK;
  while (WORD_TABLE[slot] !== null) slot = (slot + 1) & WORD_TABLE_MASK;
  WORD_TABLE[slot] = info;
  WORD_TABLE_HASHES[slot] = hash;
}

/*
 * N-gram lookup without building a string either. The words that start an
 * n-gram (`yang`, `pada`, `tahun`, ...) are among the most frequent of the
 * corpus, and joining each following word onto them to miss in WORD_INFO
 * cost as much as all the single-word lookups. FNV-1a runs left to right, so
 * the hash of `prefix + ' ' + word` continues from the prefix's hash; each
 * n-gram key is stored with the entry of its prefix (the key up to its last
 * space), so a hit is confirmed by that entry and the last word's units.
 */

for (const info of WORD_INFO.values()) info.keyHash = fnvOf(info.key);

/** The entries whose key holds a space. */
const NGRAM_TABLE_SIZE = hashTableSize(WORD_INFO.size);
const NGRAM_TABLE_MASK = NGRAM_TABLE_SIZE - 1;
const NGRAM_TABLE_HASHES = new Int32Array(NGRAM_TABLE_SIZE);
const NGRAM_TABLE: (WordInfo | null)[] = new Array<WordInfo | null>(NGRAM_TABLE_SIZE).fill(null);
/** Per slot: the entry of the n-gram's key up to its last space (null when that is not an entry: unreachable). */
const NGRAM_TABLE_PREFIXES: (WordInfo | null)[] = new Array<WordInfo | null>(NGRAM_TABLE_SIZE).fill(null);
for (const info of WORD_INFO.values()) {
  const lastSpace = info.key.lastIndexOf(' ');
  if (lastSpace < 0) continue;
  const hash = info.keyHash;
  let slot = hash & NGRAM_TABLE_MASK;
  while (NGRAM_TABLE[slot] !== null) slot = (slot + 1) & NGRAM_TABLE_MASK;
  NGRAM_TABLE[slot] = info;
  NGRAM_TABLE_HASHES[slot] = hash;
  NGRAM_TABLE_PREFIXES[slot] = WORD_INFO.get(info.key.slice(0, lastSpace)) ?? null;
}

/**
 * WORD_INFO.get(`${prefix.key} ${word}`), where word is the lower-cased word
 * text[start, end): `lower` when the word is outside ASCII (already built),
 * else null and the word is lower-cased unit by unit.
 */
function lookupNgram(prefix: WordInfo, text: string, start: number, end: number, lower: string | null): WordInfo | undefined {
  let hash = fnvStep(prefix.keyHash, 0x20);
  const wordLength = lower === null ? end - start : lower.length;
  if (lower === null) for (let k = start; k < end; k++) hash = fnvStep(hash, lowerAscii(text.charCodeAt(k)));
  else for (let k = 0; k < wordLength; k++) hash = fnvStep(hash, lower.charCodeAt(k));
  const wordStart = prefix.key.length + 1;
  for (let slot = hash & NGRAM_TABLE_MASK; ; slot = (slot + 1) & NGRAM_TABLE_MASK) {
    const info = NGRAM_TABLE[slot];
    if (info === null || info === undefined) return undefined;
    if (NGRAM_TABLE_HASHES[slot] !== hash || NGRAM_TABLE_PREFIXES[slot] !== prefix || info.key.length !== wordStart + wordLength) continue;
    let k = 0;
    if (lower === null) while (k < wordLength && info.key.charCodeAt(wordStart + k) === lowerAscii(text.charCodeAt(start + k))) k++;
    else while (k < wordLength && info.key.charCodeAt(wordStart + k) === lower.charCodeAt(k)) k++;
    if (k === wordLength) return info;
  }
}

/** WORD_INFO's entry for the ASCII word text[start, end), given the FNV-1a hash of its lower-cased units. */
function lookupAsciiWord(text: string, start: number, end: number, hash: number): WordInfo | undefined {
  for (let slot = hash & WORD_TABLE_MASK; ; slot = (slot + 1) & WORD_TABLE_MASK) {
    const info = WORD_TABLE[slot];
    if (info === null || info === undefined) return undefined;
    if (WORD_TABLE_HASHES[slot] !== hash || info.key.length !== end - start) continue;
    let k = 0;
    while (k < info.key.length && info.key.charCodeAt(k) === lowerAscii(text.charCodeAt(start + k))) k++;
    if (k === info.key.length) return info;
  }
}

/** Does the ASCII word text[start, end) hold a lower-case letter (so it is not ALL-CAPS)? */
function hasLowerAscii(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const code = text.charCodeAt(k);
    if (code >= 0x61 && code <= 0x7a) return true;
  }
  return false;
}

/** Zeroed evidence. */
export function emptyEvidence(): Mutable<LanguageEvidence> {
  return { words: 0, letters: 0, capitalisedWords: 0, familyWords: 0, englishWords: 0, indonesianWeight: 0, malayWeight: 0 };
}

/** Numbers the languageEvidence calls, for LexiconWeights.countedIn. */
let evidenceCall = 0;

/** Adds an entry's weights to the evidence, unless this text already counted it. */
function countEntry(evidence: Mutable<LanguageEvidence>, weights: LexiconWeights, call: number): void {
  if ((weights.ind === 0 && weights.zlm === 0) || weights.countedIn === call) return;
  weights.countedIn = call;
  evidence.indonesianWeight += weights.ind;
  evidence.malayWeight += weights.zlm;
}

/**
 * Count the language evidence in a text: its words, function words of each
 * family, and weighted Indonesian- and Malay-leaning entries, each entry
 * counted once. N-grams do not cross the text's ends, so pass one sentence at
 * a time for sentence counts.
 *
 * A hand-written scanner: this runs on every character of the corpus, so it
 * avoids regular expressions, and builds a string for a word only when the
 * word is outside ASCII or is listed case-sensitively.
 *
 * @param text Any text.
 * @returns The counts.
 * @example
 * languageEvidence('Kerajaan berkata wang itu tidak mencukupi.').malayWeight; // → 4
 */
export function languageEvidence(text: string): LanguageEvidence {
  return evidenceIn(text, 0, text.length);
}

/**
 * languageEvidence of text[from, to), read in place: the same counts as
 * languageEvidence(text.slice(from, to)). Reading a sentence inside its flat
 * clean_text is about twice as fast as reading the sliced sentence string,
 * whose every charCodeAt goes through the slice to its parent.
 */
export function evidenceIn(text: string, from: number, to: number): LanguageEvidence {
  const evidence = emptyEvidence();
  const call = ++evidenceCall;
  let previous: WordInfo | null = null; // the previous word's entry, when it starts an n-gram
  let previousPair: WordInfo | null = null; // the previous two words' entry, when they start a trigram
  let i = from;
  while (i < to) {
    let code = text.charCodeAt(i);
    if (!isLetter(code)) {
      i++;
      continue;
    }
    // One word: letters, joined by `-`, `'` or `’` when a letter follows. Hash it lower-cased on the way.
    const start = i;
    let hash = FNV_OFFSET;
    let ascii = true;
    for (;;) {
      if (code >= 0x80 && code !== 0x2019) ascii = false;
      hash = fnvStep(hash, lowerAscii(code));
      i++;
      if (i >= to) break;
      code = text.charCodeAt(i);
      if (!isLetter(code) && !(isJoiner(code) && i + 1 < to && isLetter(text.charCodeAt(i + 1)))) break;
    }
    const end = i;
    evidence.words++;
    evidence.letters += end - start;
    const first = text.charCodeAt(start);
    if ((first >= 0x41 && first <= 0x5a) || (first >= 0x80 && CAPITAL.test(text.charAt(start)))) evidence.capitalisedWords++;

    // The lower-cased word, built only outside ASCII.
    const lower: string | null = ascii ? null : text.slice(start, end).toLowerCase();
    const info = lower === null ? lookupAsciiWord(text, start, end, hash) : WORD_INFO.get(lower);
    if (info !== undefined) {
      if (info.family) evidence.familyWords++;
      // ALL-CAPS words are acronyms (`AS`, `IT`), not English function words.
      if (info.english) {
        const notAllCaps = ascii ? hasLowerAscii(text, start, end) : text.slice(start, end) !== text.slice(start, end).toUpperCase();
        if (end - start === 1 || notAllCaps) evidence.englishWords++;
      }
      countEntry(evidence, info, call);
      if (info.caseSensitive) {
        const weights = CASE_SENSITIVE_WEIGHTS.get(text.slice(start, end));
        if (weights !== undefined) countEntry(evidence, weights, call);
      }
    }
    let pair: WordInfo | null = null;
    if (previousPair !== null) {
      const triple = lookupNgram(previousPair, text, start, end, lower);
      if (triple !== undefined) countEntry(evidence, triple, call);
    }
    if (previous !== null) {
      const double = lookupNgram(previous, text, start, end, lower);
      if (double !== undefined) {
        countEntry(evidence, double, call);
        if (double.startsNgram) pair = double;
      }
    }
    previousPair = pair;
    previous = info?.startsNgram === true ? info : null;
  }
  return evidence;
}

/**
 * Add a sentence's counts to the document's. Its ind/zlm weights count up
 * to `sentence_evidence_cap` each, so one quote dense with Malay words
 * cannot outvote an Indonesian article (and the reverse).
 */
export function addSentenceEvidence(total: Mutable<LanguageEvidence>, part: LanguageEvidence): void {
  total.words += part.words;
  total.letters += part.letters;
  total.capitalisedWords += part.capitalisedWords;
  total.familyWords += part.familyWords;
  total.englishWords += part.englishWords;
  total.indonesianWeight += Math.min(part.indonesianWeight, THRESHOLDS.sentence_evidence_cap);
  total.malayWeight += Math.min(part.malayWeight, THRESHOLDS.sentence_evidence_cap);
}
