/**
 * Attributions (CODEBOOK.md section 7): token patterns the source-phrase
 * readers step over or test for (commas, quotes, bracketed dates and
 * acronyms, quoted nicknames, addressees) and whether a clause follows a cue.
 */
import { LEXICONS, type Side } from '../lexicons.js';
import type { EntityMention, SentenceFeatures } from '../sentence-features.js';
import type { Token } from '../../../text/tokenize.js';

/** An acronym: a capital and more capitals, digits, & or hyphens (NATO, G7, OFAC). */
export const ALL_CAPS_ACRONYM = /^\p{Lu}[\p{Lu}\p{N}&-]+$/u;
const QUOTE_CHARS = new Set(['"', '“', '”', '„', '«', '»']);

export const isComma = (t: Token | undefined): boolean => t !== undefined && (t.text === ',' || t.text === ';');
export const isQuote = (t: Token | undefined): boolean => t !== undefined && QUOTE_CHARS.has(t.text);

/** Do tokens i, i+1, i+2 read '(' ACRONYM ')'? */
export function bracketedAcronymAt(tokens: readonly Token[], i: number): boolean {
  return i >= 0 && tokens[i]?.text === '(' && ALL_CAPS_ACRONYM.test(tokens[i + 1]?.text ?? '') && tokens[i + 2]?.text === ')';
}

/** Do tokens i, i+1, i+2 read an opening quote, one capitalised word and a closing quote? */
export function quotedNicknameAt(tokens: readonly Token[], i: number): boolean {
  return i >= 0 && isQuote(tokens[i]) && (tokens[i + 1]?.capitalised ?? false) && isQuote(tokens[i + 2]);
}

/** The index of 'kepada' (to) of an addressee phrase ending at token `last` (kepada wartawan, kepada Reuters, to reporters), or -1. */
export function addresseeStart(tokens: readonly Token[], last: number): number {
  for (let k = last; k >= Math.max(0, last - 2); k--) {
    const t = tokens[k] as Token;
    if (!t.isWord) return -1;
    if ((t.lower === 'kepada' || t.lower === 'to') && k < last) return k;
  }
  return -1;
}

/** The index of the '(' of a bracketed date closing at token `close` (a ')'), or -1: only numbers, slashes, dashes and time words inside. */
export function bracketedDateStart(tokens: readonly Token[], close: number): number {
  for (let k = close - 1; k >= Math.max(0, close - BRACKETED_DATE_MAX); k--) {
    const t = tokens[k] as Token;
    if (t.text === '(') return k < close - 1 ? k : -1;
    if (!(/^\p{N}/u.test(t.text) || t.text === '/' || t.text === '-' || t.text === '.' || LEXICONS.timeWords.has(t.lower))) return -1;
  }
  return -1;
}

/** Does a clause or a quotation follow the cue (for verbs that also take a plain object)? */
export function clauseFollows(features: SentenceFeatures, after: number): boolean {
  const { tokens } = features;
  for (let k = after; k < Math.min(tokens.length, after + 4); k++) {
    const t = tokens[k] as Token;
    if (isQuote(t) || t.text === ':' || LEXICONS.clauseOpeners.has(t.lower)) return true;
    if (!(t.isWord && (LEXICONS.timeWords.has(t.lower) || /^\p{N}/u.test(t.text))) && !isComma(t)) break;
  }
  // "mengumumkan pada pertemuan NATO bahwa ...", "memperingatkan Amerika Serikat bahwa ...": a that-clause after a short object or time phrase.
  for (let k = after; k < Math.min(tokens.length, after + COMPLEMENTIZER_WINDOW); k++) {
    const t = tokens[k] as Token;
    if (LEXICONS.complementizers.has(t.lower)) return true;
    if (isComma(t) || isQuote(t) || (!t.isWord && ['.', '!', '?', ':', ';'].includes(t.text))) return false;
  }
  return false;
}

/** How many tokens a bracketed date (19/2, 28/3/2022) may hold between its brackets. */
const BRACKETED_DATE_MAX = 7;

/** How far after a cue (in tokens) a bahwa/that still opens its clause across an object or time phrase. */
const COMPLEMENTIZER_WINDOW = 9;

/** Is the token at `i` inside a gazetteer mention of a place or body (Rusia, NATO, Kremlin), as opposed to a named person? */
export function placeMentionAt(features: SentenceFeatures, i: number): EntityMention | undefined {
  return features.mentions.find((m) => m.canonical === null && m.start <= i && i < m.end);
}

/** The side named in tokens [start, end): the first Russia/West mention there. */
export function sideIn(features: SentenceFeatures, start: number, end: number): Side | null {
  for (const m of features.mentions) {
    if (m.start >= start && m.end <= end && m.side !== 'other') return m.side;
  }
  return null;
}

export function joinTokens(tokens: readonly Token[], text: string, start: number, end: number): string {
  const first = tokens[start];
  const last = tokens[end - 1];
  return first === undefined || last === undefined ? '' : text.slice(first.start, last.end);
}

/** Is every token of [start, end) in the word set (by its lower-case form)? */
export function allIn(tokens: readonly Token[], start: number, end: number, words: ReadonlySet<string>): boolean {
  for (let k = start; k < end; k++) if (!words.has((tokens[k] as Token).lower)) return false;
  return true;
}
