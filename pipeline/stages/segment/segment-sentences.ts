/**
 * Stage 3, segment-sentences: split the clean text into sentences
 * (CODEBOOK.md section 3).
 *
 * A sentence ends at `.`, `!`, `?` or `…` followed by a space, and always at
 * a paragraph end (any newline). It does not end after an abbreviation or
 * title (pipeline/stages/segment/rules/abbreviations.json), a single initial (`J. Biden`), a
 * dotted acronym (`U.S.`, `a.n.`), a list number at the start of a sentence
 * (`1. `), or inside a number or web address (`2.500`, `anomali.id`: no space
 * follows those periods). Closing quotes and brackets after the end mark
 * belong to the sentence, so `"Satu. Dua," kata dia.` gives `"Satu.` and
 * `Dua," kata dia.`. A mark followed by a lower-case word does not end the
 * sentence (`... lalu ...`, `"Kenapa?" tanya dia.`, `Yahoo! mengumumkan`).
 *
 * The scanner is hand-written and linear: one pass over UTF-16 units, with
 * look-back only at candidate end marks. Offsets are then converted to code
 * points, the unit the records use (types.ts).
 */
import { cleanToRaw } from '../clean/clean.js';
import ABBREVIATIONS from './rules/abbreviations.json' with { type: 'json' };
import type { CleanDocument, SegmentedDocument, Sentence } from '../../types.js';

/** Ids of the rules that can end a sentence, as written to `Sentence.boundary_rule`. */
export const BOUNDARY_RULES = {
  /** A newline in clean_text, or the end of the text: always a sentence end. */
  paragraphEnd: 'paragraph_end',
  /** `.`, `!`, `?`, `…` (with any closing quotes and brackets) followed by a space and a word that is not lower-case. */
  terminalPunctuation: 'terminal_punctuation',
  /** A list-closing abbreviation (`dll.`, `dkk.`, `Tbk.`) followed by a capitalised word. */
  abbreviationBeforeCapital: 'abbreviation_before_capital',
} as const;
/** A value of BOUNDARY_RULES. */
export type BoundaryRule = (typeof BOUNDARY_RULES)[keyof typeof BOUNDARY_RULES];

/** A sentence found in a text, before it is mapped to the raw text. */
export interface SentenceSpan {
  /** The sentence, trimmed: exactly `[...text].slice(char_start, char_end).join('')`. */
  readonly text: string;
  /** Code-point offsets into the text. */
  readonly char_start: number;
  readonly char_end: number;
  readonly boundary_rule: BoundaryRule;
}

/** How a period after an abbreviation is treated. */
type AbbreviationBehaviour = 'never_ends' | 'ends_before_capital';

/** One group of pipeline/stages/segment/rules/abbreviations.json, as this module reads it. */
interface AbbreviationGroup {
  readonly matching: string;
  readonly ends_sentence_before_capital: boolean;
  readonly entries: readonly string[];
}

/**
 * Abbreviations matched as written or in ALL CAPS (`exact` groups), keyed by
 * that form; built once from the rules file.
 */
const EXACT_ABBREVIATIONS = new Map<string, AbbreviationBehaviour>();
/** Abbreviations matched in any case (`ignore_case` groups), keyed lower-case. */
const ANY_CASE_ABBREVIATIONS = new Map<string, AbbreviationBehaviour>();
for (const group of Object.values(ABBREVIATIONS.groups) as AbbreviationGroup[]) {
  const behaviour: AbbreviationBehaviour = group.ends_sentence_before_capital ? 'ends_before_capital' : 'never_ends';
  for (const entry of group.entries) {
    if (group.matching === 'ignore_case') ANY_CASE_ABBREVIATIONS.set(entry.toLowerCase(), behaviour);
    else {
      EXACT_ABBREVIATIONS.set(entry, behaviour);
      EXACT_ABBREVIATIONS.set(entry.toUpperCase(), behaviour);
    }
  }
}

/**
 * Letters-and-periods tokens such as `U.S`, `a.n`, `J.R.R`, `S.E`: every part
 * one or two letters. Longer parts are left out so that domains (`x.com`,
 * `anomali.id`) still end a sentence when a period and a space follow them.
 */
const DOTTED_ACRONYM = /^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u;
/** A single capital letter: an initial (`J. Biden`, `Miryam S. Haryani`). */
const INITIAL = /^\p{Lu}$/u;
/** A list number (`1.`, `12.`), which opens rather than ends a sentence. */
const LIST_NUMBER = /^\d{1,3}$/;
/** Lower-case letter, for words after an end mark outside ASCII. */
const LOWER_CASE = /^\p{Ll}/u;
/** Capital or title-case letter, for words after an end mark outside ASCII. */
const UPPER_CASE = /^[\p{Lu}\p{Lt}]/u;
/** Any UTF-16 surrogate: when absent, code-unit offsets are code-point offsets. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** True for `.`, `!`, `?`, `…` and the other end marks treated the same (`‼`, `⁇`, `⁈`, `⁉`, fullwidth `！？．`). */
function isEndMark(code: number): boolean {
  return (
    code === 0x2e ||
    code === 0x21 ||
    code === 0x3f ||
    code === 0x2026 ||
    code === 0x203c ||
    code === 0x2047 ||
    code === 0x2048 ||
    code === 0x2049 ||
    code === 0xff01 ||
    code === 0xff1f ||
    code === 0xff0e
  );
}

/** Closing quotes and brackets that stay with the sentence they follow (`..."`, `...”`, `...)`, `...’`), plus `“ ‘ «` which careless text uses as closing ones. */
function isCloser(code: number): boolean {
  return (
    code === 0x22 ||
    code === 0x27 ||
    code === 0x29 ||
    code === 0x5d ||
    code === 0x7d ||
    code === 0x201d ||
    code === 0x2019 ||
    code === 0x201c ||
    code === 0x2018 ||
    code === 0xbb ||
    code === 0xab ||
    code === 0x203a ||
    code === 0x300d ||
    code === 0x300f
  );
}

/** Opening quotes and brackets that may stand before a word (`"Jika`, `(Dr.`, `“Kami`), plus `” »` used as opening ones. */
function isOpener(code: number): boolean {
  return (
    code === 0x22 ||
    code === 0x27 ||
    code === 0x28 ||
    code === 0x5b ||
    code === 0x7b ||
    code === 0x201c ||
    code === 0x2018 ||
    code === 0x201e ||
    code === 0x201a ||
    code === 0x201d ||
    code === 0xab ||
    code === 0xbb ||
    code === 0x2039 ||
    code === 0x300c ||
    code === 0x300e
  );
}

/** Newline-like characters: each one is a paragraph end. */
function isNewline(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029 || code === 0x0b || code === 0x0c;
}

/** Space-like characters (newlines excluded). */
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** UNIT_KIND values: what the sentence scanner does with a UTF-16 unit. */
const ORDINARY = 0;
const NEWLINE = 1;
const SPACE = 2;
const END_MARK = 3;
/**
 * Per BMP code unit: ORDINARY, NEWLINE, SPACE or END_MARK, from the
 * predicates above. One table load per unit instead of three chains of
 * comparisons: the scanner looks at every character of the corpus.
 */
const UNIT_KIND = new Uint8Array(0x10000);
for (let code = 0; code < 0x10000; code++) {
  UNIT_KIND[code] = isNewline(code) ? NEWLINE : isSpace(code) ? SPACE : isEndMark(code) ? END_MARK : ORDINARY;
}

/** The case of the word starting at `index` (after any opening quotes or brackets). */
function caseOfWordAt(text: string, index: number): 'lower' | 'upper' | 'other' {
  let i = index;
  while (i < text.length && isOpener(text.charCodeAt(i))) i++;
  const code = text.charCodeAt(i);
  if (code >= 0x61 && code <= 0x7a) return 'lower';
  if (code >= 0x41 && code <= 0x5a) return 'upper';
  if (code < 0x80 || Number.isNaN(code)) return 'other';
  const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
  if (LOWER_CASE.test(char)) return 'lower';
  if (UPPER_CASE.test(char)) return 'upper';
  return 'other';
}

/**
 * How the abbreviation rules treat a period after `token` (the word before
 * the period, without it and without opening quotes or brackets); null when
 * the token is an ordinary word.
 */
function abbreviationBehaviour(token: string, tokenIsSentenceStart: boolean): AbbreviationBehaviour | null {
  const listed = EXACT_ABBREVIATIONS.get(token) ?? ANY_CASE_ABBREVIATIONS.get(token.toLowerCase());
  if (listed !== undefined) return listed;
  if (INITIAL.test(token) || DOTTED_ACRONYM.test(token)) return 'never_ends';
  if (tokenIsSentenceStart && LIST_NUMBER.test(token)) return 'never_ends';
  return null;
}

/**
 * Decide whether the end mark run `text[markStart, runEnd)`, followed by a
 * space, ends the sentence that starts at `sentenceStart`. Returns the rule
 * that ends it, or null when the sentence goes on.
 */
function endRule(text: string, sentenceStart: number, markStart: number, runEnd: number): BoundaryRule | null {
  let next = runEnd;
  while (next < text.length && isSpace(text.charCodeAt(next))) next++;
  // Spaces before a newline or the end: the paragraph end closes the sentence.
  if (next >= text.length || isNewline(text.charCodeAt(next))) return null;
  const nextCode = text.charCodeAt(next);
  const nextCase = caseOfWordAt(text, next);
  // Marks that open the sentence (`… Dan itulah`, a quote resumed after an ellipsis) end nothing.
  if (markStart === sentenceStart) return null;

  // A lone period, bare or inside closing brackets and quotes (`Kol. (Purn.) Agus`),
  // may belong to an abbreviation.
  let lonePeriod = text.charCodeAt(markStart) === 0x2e;
  for (let k = markStart + 1; lonePeriod && k < runEnd; k++) lonePeriod = isCloser(text.charCodeAt(k));
  if (lonePeriod) {
    let tokenStart = markStart;
    while (tokenStart > sentenceStart && !isSpace(text.charCodeAt(tokenStart - 1))) tokenStart--;
    const wordStart = tokenStart;
    while (tokenStart < markStart && isOpener(text.charCodeAt(tokenStart))) tokenStart++;
    const behaviour = abbreviationBehaviour(text.slice(tokenStart, markStart), wordStart === sentenceStart);
    if (behaviour === 'never_ends') return null;
    if (behaviour === 'ends_before_capital') return nextCase === 'upper' ? BOUNDARY_RULES.abbreviationBeforeCapital : null;
  }
  // A lower-case word after the mark continues the sentence: mid-sentence
  // ellipsis, a quoted question before its reporting verb, `Yahoo! menjual`.
  // A bracket after the mark opens a new unit even when lower-case, such as
  // a reporter's code `(ptr)` or `[ary]` that cleaning left in place.
  if (nextCase === 'lower' && nextCode !== 0x28 && nextCode !== 0x5b) return null;
  return BOUNDARY_RULES.terminalPunctuation;
}

/** A sentence as UTF-16 offsets, before conversion to code points. */
interface UnitSpan {
  readonly start: number;
  readonly end: number;
  readonly rule: BoundaryRule;
}

/** Find the sentences of `text` as trimmed UTF-16 spans, in order. */
function findSentenceUnits(text: string): UnitSpan[] {
  const spans: UnitSpan[] = [];
  const length = text.length;
  let sentenceStart = -1;
  let lastNonSpaceEnd = 0;
  let i = 0;
  while (i < length) {
    const kind = UNIT_KIND[text.charCodeAt(i)];
    if (kind === NEWLINE) {
      if (sentenceStart >= 0) spans.push({ start: sentenceStart, end: lastNonSpaceEnd, rule: BOUNDARY_RULES.paragraphEnd });
      sentenceStart = -1;
      i++;
      continue;
    }
    if (kind === SPACE) {
      i++;
      continue;
    }
    if (sentenceStart < 0) sentenceStart = i;
    if (kind === ORDINARY) {
      // A run of ordinary units (most of the text): skipped in one tight loop.
      i++;
      while (i < length && UNIT_KIND[text.charCodeAt(i)] === ORDINARY) i++;
      lastNonSpaceEnd = i;
      continue;
    }
    // The end mark run: marks, closing quotes and brackets (`?!`, `..."`, `.”)`).
    let runEnd = i + 1;
    while (runEnd < length) {
      const c = text.charCodeAt(runEnd);
      if (!isEndMark(c) && !isCloser(c)) break;
      runEnd++;
    }
    lastNonSpaceEnd = runEnd;
    if (runEnd < length && isSpace(text.charCodeAt(runEnd))) {
      const rule = endRule(text, sentenceStart, i, runEnd);
      if (rule !== null) {
        spans.push({ start: sentenceStart, end: runEnd, rule });
        sentenceStart = -1;
      }
    }
    i = runEnd;
  }
  if (sentenceStart >= 0) spans.push({ start: sentenceStart, end: lastNonSpaceEnd, rule: BOUNDARY_RULES.paragraphEnd });
  return spans;
}

/**
 * Split a text into sentences under CODEBOOK.md section 3.
 *
 * @param text The clean text: paragraphs separated by newlines.
 * @returns The sentences in order, trimmed, with code-point offsets into `text`
 *   and the rule that ended each; every non-space character of `text` lies in one.
 * @example
 * splitSentences('"Satu. Dua," kata Dr. Budi.').map((s) => s.text);
 * // → ['"Satu.', 'Dua," kata Dr. Budi.']
 */
export function splitSentences(text: string): SentenceSpan[] {
  const units = findSentenceUnits(text);
  if (!SURROGATE.test(text)) {
    return units.map((u) => ({ text: text.slice(u.start, u.end), char_start: u.start, char_end: u.end, boundary_rule: u.rule }));
  }
  // Astral characters take two UTF-16 units but one code point: walk once,
  // counting code points up to each (increasing) span offset.
  let unit = 0;
  let codePoint = 0;
  const toCodePoint = (target: number): number => {
    while (unit < target) {
      const code = text.charCodeAt(unit);
      const next = text.charCodeAt(unit + 1); // NaN past the end
      unit += code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
      codePoint++;
    }
    return codePoint;
  };
  return units.map((u) => {
    const char_start = toCodePoint(u.start);
    const char_end = toCodePoint(u.end);
    return { text: text.slice(u.start, u.end), char_start, char_end, boundary_rule: u.rule };
  });
}

/**
 * Stage 3: the document with its sentences (CODEBOOK.md section 3).
 *
 * Pure: the document is not changed. `raw_start`/`raw_end` come from the
 * first and last character of each sentence mapped through `doc.spans`.
 *
 * @param doc A cleaned document.
 * @returns The same document with `sentences`.
 * @example
 * segmentSentences(doc).sentences.map((s) => s.text);
 */
export function segmentSentences(doc: CleanDocument): SegmentedDocument {
  const sentences: Sentence[] = splitSentences(doc.clean_text).map((span, index) => ({
    index,
    text: span.text,
    char_start: span.char_start,
    char_end: span.char_end,
    raw_start: cleanToRaw(doc, span.char_start),
    raw_end: cleanToRaw(doc, span.char_end - 1) + 1,
    boundary_rule: span.boundary_rule,
  }));
  // The same object as `{ ...doc, sentences }`, key for key and in the same order, built by copying and
  // then assigning: V8 builds a spread followed by more properties slowly.
  const segmented = Object.assign({}, doc) as CleanDocument & { sentences: readonly Sentence[] };
  segmented.sentences = sentences;
  return segmented;
}
