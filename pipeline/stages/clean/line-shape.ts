/**
 * Stage `clean`, line shape (CODEBOOK.md section 1, "Cleaning: what is
 * boilerplate"): does a line read as body text, or is it headline/caption-like
 * (which the positional heuristics then judge as title, kicker, caption or
 * chrome)?
 */
import { CAPTION_MAX_WORDS, ENDING_CHARS, FUNCTION_WORDS, HEADLINE_MAX_WORDS, QUESTION_HEADLINE_MAX_WORDS, TITLE_CASE_MIN_SHARE } from './rules.js';

/* ========================================================================== */
/* Line shape: is a line body text, or headline/caption-like?                 */
/* ========================================================================== */

/** A single sentence: one closing mark, at the end. */
export const ONE_SENTENCE = /^[^.!?…]+[.!?…]["'”’)\]]{0,3}$/u;

/** Ends like a sentence or a clause: `.`, `!`, `?`, `…`, `:`, `;`, `,` (closing quotes/brackets may follow). */
const CLOSING_PUNCTUATION = /[.!?…:;,]["'”’»)\]]{0,3}$/u;
/** Ends with a closing quotation mark: quoted speech is body. */
const CLOSING_QUOTE = /["”’»]$/u;
/** Starts with an opening quotation mark. */
const OPENING_QUOTE = /^["“‘«'„]/u;
/** A list item (`- item`, `• item`, `1. item`, `a) item`). */
const LIST_ITEM = /^(?:[-–—•·*▪►▸✓]\s|\d{1,2}[.)]\s|[a-z][.)]\s)/u;
/** LIST_ITEM.test(text); most lines open with a capital A–Z, which no list item does. */
function isListItem(text: string): boolean {
  const first = text.charCodeAt(0);
  return !(first >= 0x41 && first <= 0x5a) && LIST_ITEM.test(text);
}

const ENDS_WITH_QUESTION = /[?!]["'”’»)\]]{0,3}$/u;
/** Ends with a colon: with few words before it, a label. */
const LABEL_END = /\s?[:：]$/u;
const LABEL_MAX_WORDS = 6;

/** Title Case, exported for the positional rules (a crosshead or caption between paragraphs). */
export function isTitleCaseLine(text: string): boolean {
  return isTitleCase(text);
}

/** The last space-separated word without trailing punctuation (as written: `Ini` is not `ini`). */
function lastWordOf(text: string): string {
  return text.slice(text.lastIndexOf(' ') + 1).replace(/[^\p{L}]+$/u, '');
}

/** Counts space-separated words of normalised text, stopping once past `cap`. */
export function countWords(text: string, cap: number): number {
  if (text.length === 0) return 0;
  let words = 1;
  for (let i = text.indexOf(' '); i !== -1 && words <= cap; i = text.indexOf(' ', i + 1)) words++;
  return words;
}

/** Most content words start with a capital (or digit), as headlines do. */
function isTitleCase(text: string): boolean {
  let content = 0;
  let capitalised = 0;
  for (const word of text.split(' ')) {
    const letters = word.replace(/^[^\p{L}\p{N}]+/u, '');
    if (letters.length === 0) continue;
    if (FUNCTION_WORDS.has(letters.toLowerCase().replace(/[^\p{L}]+$/u, ''))) continue;
    content++;
    if (/^[\p{Lu}\p{N}]/u.test(letters)) capitalised++;
  }
  return content >= 2 && capitalised / content >= TITLE_CASE_MIN_SHARE;
}

/** Every content word is capitalised (`Vladimir Putin`, `Perang Ukraina`): a name or a tag, not a list item. */
export function isNameLike(text: string): boolean {
  let content = 0;
  for (const word of text.split(' ')) {
    const letters = word.replace(/^[^\p{L}\p{N}]+/u, '');
    if (letters.length === 0 || FUNCTION_WORDS.has(letters.toLowerCase())) continue;
    if (!/^[\p{Lu}\p{N}]/u.test(letters)) return false;
    content++;
  }
  return content > 0;
}

const ANY_LETTER = /\p{L}/u;
const LOWER_CASE_LETTER = /\p{Ll}/u;

export function isAllCaps(text: string): boolean {
  return ANY_LETTER.test(text) && !LOWER_CASE_LETTER.test(text);
}

/**
 * What a kept line looks like. `body` lines read as text: they end like a
 * sentence, are quoted, or are too long (or too sentence-like) for a headline.
 * The others are headline-like and may be a title, kicker, caption or chrome
 * depending on where they stand.
 */
export interface LineShape {
  /** Reads as body text: never a title, caption or trailing chrome. */
  readonly body: boolean;
  /** A short Title-Case question/exclamation: a headline at the top, body elsewhere. */
  readonly questionHeadline: boolean;
  /** A list item: kept among body paragraphs even when short. */
  readonly listItem: boolean;
}

export function lineShape(text: string): LineShape {
  // End-anchored tests only need the last characters (and then cost O(1) on a long line).
  const ending = text.slice(-ENDING_CHARS);
  // A few words before a colon is a widget label (`Anggaran Waktu Membaca:`, `Find Us On Social Media :`), not a clause.
  const label = LABEL_END.test(ending) && countWords(text, LABEL_MAX_WORDS) <= LABEL_MAX_WORDS && !OPENING_QUOTE.test(text);
  const punctuatedLikeText = !label && (CLOSING_PUNCTUATION.test(ending) || CLOSING_QUOTE.test(ending) || OPENING_QUOTE.test(text));
  // Most lines end like a sentence and not with `?`/`!`: then they are body whatever their length,
  // and counting their words (the costly part on a long line) can be skipped.
  if (punctuatedLikeText && !ENDS_WITH_QUESTION.test(ending)) return { body: true, questionHeadline: false, listItem: isListItem(text) };
  const words = countWords(text, HEADLINE_MAX_WORDS);
  const endsLikeText =
    words > HEADLINE_MAX_WORDS ||
    punctuatedLikeText ||
    // A line ending in a lower-case `dan`, `yang`, `of` ... is a broken sentence, not a headline (`... dengan AS`, `... Pekan Ini` are headlines).
    FUNCTION_WORDS.has(lastWordOf(ending));
  const question = endsLikeText && words <= QUESTION_HEADLINE_MAX_WORDS && ENDS_WITH_QUESTION.test(ending);
  // Headlines are Title Case; a long line in sentence case is a sentence that lost its full stop.
  const titleCase = (question || (!endsLikeText && words > CAPTION_MAX_WORDS)) && isTitleCase(text);
  return {
    body: endsLikeText || (words > CAPTION_MAX_WORDS && !titleCase),
    questionHeadline: question && titleCase,
    listItem: isListItem(text),
  };
}
