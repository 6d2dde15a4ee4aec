/**
 * Stage 4, detect-language: one language code for the document and one per
 * sentence (CODEBOOK.md section 2), each from `ind`, `zlm`, `eng`, `und`, with
 * a confidence in [0, 1] and the id of the rule that decided it.
 *
 * Document: first the language family. When Malay-family function words
 * (`yang`, `dan`, `dengan`, ...) dominate, the text is Malay-family without
 * further ado; otherwise franc, restricted to a candidate list, reads a
 * bounded sample and tells English and other languages apart (anything
 * outside ind/zlm/eng becomes `und`). Then, for Malay-family text, the
 * weighted Indonesian-leaning and Malay-leaning words of all its sentences
 * choose between `ind` and `zlm` (franc alone calls a fifth of Indonesian
 * news Malay). Each entry counts once per sentence and each sentence adds at
 * most a capped weight, so the document follows what most of its sentences
 * lean to, not one dense quote. Word lists and thresholds:
 * pipeline/stages/language/rules/language.json.
 *
 * Sentences: one word count per sentence, no franc. A sentence takes the
 * document's code unless it carries evidence of its own: English function
 * words (an English quote), Malay-family function words in an English
 * document, or strong lexical evidence for the other of ind/zlm. Names and
 * sentences under four words always take the document's code.
 *
 * Confidence (documented on `detectLanguage`) multiplies how sure the family
 * decision is with how lopsided the ind/zlm evidence is.
 */
import { francAll } from 'franc';
import LANGUAGE_RULES from './rules/language.json' with { type: 'json' };
import type { LanguageCode, LanguageDecision, LanguageDocument, LanguageSentence, SegmentedDocument } from '../../types.js';
import { FNV_OFFSET, fnvOf, fnvStep, hashTableSize } from '../../text/word-hash.js';

/** Ids of the rules that decide, as written to `language_rule`. */
export const LANGUAGE_RULE_IDS = {
  /** Document: fewer letters than `min_document_letters`; `und`. */
  tooShort: 'too_short',
  /** Document: Malay-family, and the weighted ind/zlm word lists chose the variety. */
  lexiconIndZlm: 'lexicon_ind_zlm',
  /** Document: Malay-family, but too little ind/zlm evidence: `ind`, the language the dataset collects. */
  priorInd: 'prior_ind',
  /** Document: franc picked English and English function words confirm it. */
  francEnglish: 'franc_english',
  /** Document: franc picked another language, but English function words dominate. */
  englishFunctionWords: 'english_function_words',
  /** Document: franc picked a language outside ind/zlm/eng (or none), and no word list objects; `und`. */
  francOtherLanguage: 'franc_other_language',
  /** Sentence: no evidence against the document's code. */
  inheritDocument: 'inherit_document',
  /** Sentence: fewer than `sentence_min_words` words; the document's code. */
  inheritShort: 'inherit_short',
  /** Sentence: a name, caption or title (all words capitalised, no function words); the document's code. */
  inheritName: 'inherit_name',
  /** Sentence: English function words dominate (an English quote). */
  sentenceEnglishWords: 'sentence_english_words',
  /** Sentence: Malay-family function words in an English or undetermined document. */
  sentenceFamilyWords: 'sentence_family_words',
  /** Sentence: strong evidence for the other of ind/zlm than its document. */
  sentenceLexiconIndZlm: 'sentence_lexicon_ind_zlm',
} as const;
/** A value of LANGUAGE_RULE_IDS. */
export type LanguageRuleId = (typeof LANGUAGE_RULE_IDS)[keyof typeof LANGUAGE_RULE_IDS];

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
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Thresholds from the rules file, each explained there. */
const THRESHOLDS = LANGUAGE_RULES.thresholds;
/** franc's candidate languages: ours plus likely others, so that these are not forced into ind. */
const FRANC_CANDIDATES: string[] = [...LANGUAGE_RULES.franc.candidates];
/** Most characters handed to franc (it reads at most 2,048 anyway, and costs time per character). */
const FRANC_SAMPLE_CHARACTERS = LANGUAGE_RULES.franc.sample_characters;
/** franc codes that are the Malay family for this stage (`zsm` counts as `zlm`). */
const FRANC_MALAY_FAMILY = new Set(['ind', 'zlm', 'zsm']);

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
function emptyEvidence(): Mutable<LanguageEvidence> {
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
function evidenceIn(text: string, from: number, to: number): LanguageEvidence {
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
function addSentenceEvidence(total: Mutable<LanguageEvidence>, part: LanguageEvidence): void {
  total.words += part.words;
  total.letters += part.letters;
  total.capitalisedWords += part.capitalisedWords;
  total.familyWords += part.familyWords;
  total.englishWords += part.englishWords;
  total.indonesianWeight += Math.min(part.indonesianWeight, THRESHOLDS.sentence_evidence_cap);
  total.malayWeight += Math.min(part.malayWeight, THRESHOLDS.sentence_evidence_cap);
}

/** `value` clamped to [0, 1]. */
function unit(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** Round a confidence to 4 decimals, so outputs are stable and readable. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** The family a language code belongs to for this stage. */
function familyOf(code: string): 'malay' | 'eng' | 'other' {
  if (FRANC_MALAY_FAMILY.has(code)) return 'malay';
  return code === 'eng' ? 'eng' : 'other';
}

/** The first `FRANC_SAMPLE_CHARACTERS` of the text, cut back to a space so no word is split. */
function francSample(text: string): string {
  if (text.length <= FRANC_SAMPLE_CHARACTERS) return text;
  const cut = text.lastIndexOf(' ', FRANC_SAMPLE_CHARACTERS);
  return text.slice(0, cut > FRANC_SAMPLE_CHARACTERS / 2 ? cut : FRANC_SAMPLE_CHARACTERS);
}

/**
 * ind or zlm from weighted word lists. Confidence is the Laplace-smoothed
 * share of the winner's weight, (w + 1) / (ind + zlm + 2): 0.5 with no
 * evidence, 0.8 at 7 to 1, towards 1 as evidence piles up on one side.
 */
function chooseVariety(evidence: LanguageEvidence): { language: 'ind' | 'zlm'; confidence: number; rule: LanguageRuleId } {
  const { indonesianWeight: ind, malayWeight: zlm } = evidence;
  if (ind + zlm < THRESHOLDS.variety_min_evidence) return { language: 'ind', confidence: 0.5, rule: LANGUAGE_RULE_IDS.priorInd };
  const language = ind >= zlm ? 'ind' : 'zlm';
  return { language, confidence: (Math.max(ind, zlm) + 1) / (ind + zlm + 2), rule: LANGUAGE_RULE_IDS.lexiconIndZlm };
}

/** A decision with a rounded confidence. */
function decision(language: LanguageCode, confidence: number, rule: LanguageRuleId): LanguageDecision {
  return { language, language_confidence: round(unit(confidence)), language_rule: rule };
}

/** The document-level decision from the text and its summed evidence. */
function decideDocument(text: string, evidence: LanguageEvidence): LanguageDecision {
  if (evidence.letters < THRESHOLDS.min_document_letters) return decision('und', 0, LANGUAGE_RULE_IDS.tooShort);
  const familyShare = evidence.familyWords / evidence.words;
  const englishShare = evidence.englishWords / evidence.words;
  const malayFamily = (familyConfidence: number): LanguageDecision => {
    const variety = chooseVariety(evidence);
    return decision(variety.language, familyConfidence * variety.confidence, variety.rule);
  };

  // Function words settle the family: franc is not needed (and is the slow part).
  if (familyShare >= THRESHOLDS.family_decisive_share && englishShare < THRESHOLDS.english_in_family_max_share) {
    return malayFamily(0.5 + 0.5 * unit(familyShare / THRESHOLDS.family_full_share));
  }

  const ranked = francAll(francSample(text), { only: FRANC_CANDIDATES });
  const [topCode] = ranked[0] ?? ['und', 1];
  const family = topCode === 'und' ? 'other' : familyOf(topCode);
  // franc's confidence: the normalised score gap to the best language of another family.
  let otherBest = 0;
  for (const [code, score] of ranked) if (code !== 'und' && familyOf(code) !== family) otherBest = Math.max(otherBest, score);
  const francConfidence = 0.5 + 0.5 * unit((1 - otherBest) / THRESHOLDS.franc_full_margin);
  const englishDominates =
    englishShare >= THRESHOLDS.english_override_share && familyShare < THRESHOLDS.english_in_family_max_share;
  const wordShareConfidence = (share: number): number => 0.5 + 0.5 * unit(share / THRESHOLDS.family_full_share);

  if (family === 'eng' && englishShare >= THRESHOLDS.english_min_share) {
    return decision('eng', francConfidence, LANGUAGE_RULE_IDS.francEnglish);
  }
  if (family === 'malay' && !englishDominates) return malayFamily(francConfidence);
  if (englishDominates) return decision('eng', wordShareConfidence(englishShare), LANGUAGE_RULE_IDS.englishFunctionWords);
  if (familyShare >= THRESHOLDS.family_override_share && familyShare > englishShare) {
    return malayFamily(wordShareConfidence(familyShare));
  }
  return decision('und', family === 'other' ? francConfidence : 0.5, LANGUAGE_RULE_IDS.francOtherLanguage);
}

/** The document's language and confidence, under a sentence rule. */
function inherit(document: LanguageDecision, rule: LanguageRuleId): LanguageDecision {
  return { language: document.language, language_confidence: document.language_confidence, language_rule: rule };
}

/** The decision for one sentence, given its evidence and its document's decision and evidence. */
function decideSentence(evidence: LanguageEvidence, document: LanguageDecision, documentEvidence: LanguageEvidence): LanguageDecision {
  const { words, familyWords, englishWords } = evidence;
  if (words < THRESHOLDS.sentence_min_words) return inherit(document, LANGUAGE_RULE_IDS.inheritShort);
  if (words <= THRESHOLDS.name_max_words && evidence.capitalisedWords === words && familyWords === 0 && englishWords === 0) {
    return inherit(document, LANGUAGE_RULE_IDS.inheritName);
  }

  const looksEnglish =
    englishWords >= THRESHOLDS.sentence_english_min_words &&
    englishWords / words >= THRESHOLDS.sentence_english_min_share &&
    englishWords > 2 * familyWords;
  if (looksEnglish) {
    if (document.language === 'eng') return inherit(document, LANGUAGE_RULE_IDS.inheritDocument);
    return decision('eng', englishWords / (englishWords + familyWords + 1), LANGUAGE_RULE_IDS.sentenceEnglishWords);
  }

  const documentIsMalayFamily = document.language === 'ind' || document.language === 'zlm';
  if (!documentIsMalayFamily) {
    const looksMalayFamily =
      familyWords >= THRESHOLDS.sentence_family_min_words &&
      familyWords / words >= THRESHOLDS.sentence_family_min_share &&
      familyWords > englishWords;
    if (!looksMalayFamily) return inherit(document, LANGUAGE_RULE_IDS.inheritDocument);
    // The sentence's own ind/zlm words decide; with too few, the document's lean.
    const own = evidence.indonesianWeight + evidence.malayWeight >= THRESHOLDS.variety_min_evidence;
    const variety = chooseVariety(own ? evidence : documentEvidence);
    const familyConfidence = familyWords / (familyWords + englishWords + 1);
    return decision(variety.language, familyConfidence * variety.confidence, LANGUAGE_RULE_IDS.sentenceFamilyWords);
  }

  const [own, other] =
    document.language === 'ind' ? [evidence.indonesianWeight, evidence.malayWeight] : [evidence.malayWeight, evidence.indonesianWeight];
  if (other >= THRESHOLDS.sentence_switch_min_evidence && other >= THRESHOLDS.sentence_switch_ratio * own) {
    const language = document.language === 'ind' ? 'zlm' : 'ind';
    return decision(language, (other + 1) / (own + other + 2), LANGUAGE_RULE_IDS.sentenceLexiconIndZlm);
  }
  return inherit(document, LANGUAGE_RULE_IDS.inheritDocument);
}

/** Surrogate halves: a text with none indexes code points and UTF-16 units alike. */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * languageEvidence of each sentence. Sentences are read inside the flat
 * clean_text (see evidenceIn) when their code-point offsets are UTF-16
 * offsets too (no astral characters) and they are exactly that part of it,
 * as segmentSentences makes them; otherwise from their own text.
 */
function sentenceEvidenceOf(doc: SegmentedDocument): LanguageEvidence[] {
  const text = doc.clean_text;
  const inPlace = !SURROGATE.test(text);
  return doc.sentences.map((sentence) => {
    const { char_start: from, char_end: to } = sentence;
    // `text.startsWith(sentence.text, from)`, written as a slice comparison: startsWith compares unit by
    // unit and cost as much as a tenth of this stage, string equality compares in bulk.
    const at = from > 0 ? from : 0; // where startsWith would look
    if (inPlace && sentence.text.length === to - from && text.slice(at, at + sentence.text.length) === sentence.text) {
      return evidenceIn(text, from, to);
    }
    return languageEvidence(sentence.text);
  });
}

/**
 * Stage 4: the document with a language for itself and each sentence
 * (CODEBOOK.md section 2).
 *
 * Pure and cheap: one pass of word counting per sentence, and franc on at
 * most 1,024 characters only when function words leave the language family
 * open.
 *
 * Confidence, in [0, 1], says how sure the deciding rule is:
 * - Malay-family documents: family certainty × variety certainty. Family
 *   certainty is 0.5 + 0.5 × min(1, family-word share / 0.25) when function
 *   words decide, or 0.5 + 0.5 × min(1, franc margin / 0.1) when franc does
 *   (its normalised score gap to the best language of another family).
 *   Variety certainty is (w + 1) / (ind + zlm + 2) over the weighted word
 *   lists, w the winner's weight; 0.5 under `prior_ind`.
 * - English documents: franc's family certainty (or the English word share).
 * - `und`: 0 when too short; otherwise franc's certainty that the text is
 *   another language.
 * - Sentences that inherit carry the document's confidence; sentences decided
 *   on their own carry the share of their own evidence.
 *
 * @param doc A segmented document.
 * @returns The same document with `language`, `language_confidence`,
 *   `language_rule`, and the same three on every sentence.
 * @example
 * detectLanguage(segmentSentences(clean(raw))).language; // → 'ind'
 */
export function detectLanguage(doc: SegmentedDocument): LanguageDocument {
  const sentenceEvidence = sentenceEvidenceOf(doc);
  const documentEvidence = emptyEvidence();
  if (doc.sentences.length === 0) addSentenceEvidence(documentEvidence, languageEvidence(doc.clean_text));
  for (const evidence of sentenceEvidence) addSentenceEvidence(documentEvidence, evidence);

  const documentDecision = decideDocument(doc.clean_text, documentEvidence);
  const sentences: LanguageSentence[] = doc.sentences.map((sentence, index) => {
    const own = decideSentence(sentenceEvidence[index] ?? emptyEvidence(), documentDecision, documentEvidence);
    return Object.assign({}, sentence, own);
  });
  // The same object as `{ ...doc, ...documentDecision, sentences }`, key for key and in the same order,
  // built by copying and then assigning: V8 builds a spread followed by more properties slowly.
  const labelled = Object.assign({}, doc) as Mutable<LanguageDocument>;
  labelled.language = documentDecision.language;
  labelled.language_confidence = documentDecision.language_confidence;
  labelled.language_rule = documentDecision.language_rule;
  labelled.sentences = sentences;
  return labelled;
}
