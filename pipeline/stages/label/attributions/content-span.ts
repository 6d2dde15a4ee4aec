/**
 * Attributions (CODEBOOK.md section 7): the content span. Where the
 * reported content of a cue starts and ends, widened across sentences until
 * its quotation marks balance, and its type (direct, indirect, mixed).
 */
import type { SentenceFeatures } from '../sentence-features.js';
import { isWordUnit, type Token } from '../../../text/tokenize.js';
import type { AttributionType } from '../../../types.js';
import { cueText } from './cues.js';
import type { SourcePhrase } from './source-phrase.js';

/** A cue occurrence and what was found around it, before norms are resolved. */
export interface RawAttribution {
  readonly sentence: number;
  readonly cueToken: number;
  readonly cue: string;
  readonly source: SourcePhrase;
  /** Content as [sentence, utf16 start] … [sentence, utf16 end]. */
  readonly contentFrom: { readonly sentence: number; readonly offset: number };
  readonly contentTo: { readonly sentence: number; readonly offset: number };
  /** Sentence indices to report (the content's, plus the cue's for back-pointing passives). */
  readonly sentenceIndices: readonly number[];
  readonly rules: readonly string[];
}

const TERMINAL = new Set(['.', '!', '?', '…']);
/** The quotation marks quoteBalance and attributionType count; a text without any of them is unquoted. */
const ANY_QUOTE = /["“”„«»]/;
/** The marks that can open a quotation (a straight quote may open or close). */
const OPENING_QUOTE = /["“„«]/;
/** How many sentences a quotation may be followed back or forward to find its other quote mark. */
const MAX_QUOTE_SENTENCES = 6;

/** Is some token of [start, end) a word? */
export function hasWordIn(tokens: readonly Token[], start: number, end: number): boolean {
  for (let k = Math.max(0, start); k < Math.min(end, tokens.length); k++) if ((tokens[k] as Token).isWord) return true;
  return false;
}

/**
 * Opening minus closing quotation marks in a text. Curly and guillemet quotes
 * say their direction; a straight quote opens when it follows a space, the
 * start or a bracket, and closes otherwise.
 */
export function quoteBalance(text: string): number {
  // Most sentences hold no quotation mark: one native scan instead of a loop over the characters.
  if (!ANY_QUOTE.test(text)) return 0;
  let balance = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '“' || ch === '„' || ch === '«') balance++;
    else if (ch === '”' || ch === '»') balance--;
    else if (ch === '"') {
      const before = text[i - 1];
      balance += before === undefined || /[\s(\[]/u.test(before) ? 1 : -1;
    }
  }
  return balance;
}

/**
 * The attribution type of a content text: direct when all its words are
 * inside quotation marks, mixed when some are, indirect when none are.
 *
 * @param content - The reported content.
 * @returns direct, indirect or mixed.
 * @example
 * attributionType('"Kami siap berunding,"') // 'direct'
 */
export function attributionType(content: string): AttributionType {
  // Without an opening mark nothing is quoted.
  if (!OPENING_QUOTE.test(content)) return 'indirect';
  let depth = 0;
  let quotedWords = false;
  let unquotedWords = false;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i] as string;
    if (ch === '“' || ch === '„' || ch === '«') depth++;
    else if (ch === '”' || ch === '»') depth = Math.max(0, depth - 1);
    else if (ch === '"') {
      const before = content[i - 1];
      depth = before === undefined || /[\s(\[]/u.test(before) ? depth + 1 : Math.max(0, depth - 1);
    } else if (isWordUnit(ch.charCodeAt(0))) {
      if (depth > 0) quotedWords = true;
      else unquotedWords = true;
    }
  }
  if (!quotedWords) return 'indirect';
  return unquotedWords ? 'mixed' : 'direct';
}

/** Tokens to text offsets: the UTF-16 offset where token i starts (or the text end). */
function startOf(features: SentenceFeatures, i: number): number {
  return features.tokens[i]?.start ?? features.text.length;
}
function endOf(features: SentenceFeatures, i: number): number {
  return features.tokens[i]?.end ?? 0;
}

/** Index just past the content's last token: the sentence end without its final stop (a closing quote stays). */
export function contentEndOfSentence(features: SentenceFeatures): number {
  let end = features.tokens.length;
  while (end > 0 && TERMINAL.has((features.tokens[end - 1] as Token).text)) end--;
  return end;
}

export interface SentenceSpan {
  readonly sentence: number;
  readonly startToken: number;
  readonly endToken: number;
}

/**
 * Widen a content span across sentences until its quotation marks balance: a
 * closing quote with no opening one pulls in earlier sentences, an opening
 * quote left open pulls in later ones. If they never balance (a stray mark),
 * the span stays in its sentence.
 */
function balanceQuotes(all: readonly SentenceFeatures[], span: SentenceSpan): { first: number; last: number } {
  const features = all[span.sentence] as SentenceFeatures;
  let balance = quoteBalance(features.text.slice(startOf(features, span.startToken), endOf(features, span.endToken - 1)));
  let first = span.sentence;
  let last = span.sentence;
  while (balance < 0 && first > 0 && span.sentence - first < MAX_QUOTE_SENTENCES) {
    first--;
    balance += quoteBalance((all[first] as SentenceFeatures).text);
  }
  while (balance > 0 && last < all.length - 1 && last - span.sentence < MAX_QUOTE_SENTENCES) {
    last++;
    balance += quoteBalance((all[last] as SentenceFeatures).text);
  }
  return balance === 0 ? { first, last } : { first: span.sentence, last: span.sentence };
}

/** Build a raw attribution from its content span, widened across sentences for quotations. */
export function makeRaw(
  all: readonly SentenceFeatures[],
  sentence: number,
  cueToken: number,
  source: SourcePhrase,
  content: SentenceSpan,
  rules: string[],
): RawAttribution | null {
  if (content.endToken <= content.startToken) return null;
  const features = all[sentence] as SentenceFeatures;
  if (!hasWordIn(features.tokens, content.startToken, content.endToken)) return null;
  const { first, last } = balanceQuotes(all, content);
  const indices: number[] = [];
  for (let s = first; s <= last; s++) indices.push(s);
  const lastFeatures = all[last] as SentenceFeatures;
  return {
    sentence,
    cueToken,
    cue: cueText(features.tokens[cueToken] as Token),
    source,
    contentFrom: { sentence: first, offset: first === sentence ? startOf(features, content.startToken) : 0 },
    contentTo: {
      sentence: last,
      offset: last === sentence ? endOf(features, content.endToken - 1) : endOf(lastFeatures, contentEndOfSentence(lastFeatures) - 1),
    },
    sentenceIndices: indices,
    rules: first !== last ? [...rules, 'attribution.content_multi_sentence_quote'] : rules,
  };
}

/**
 * An attribution whose content is the whole previous sentence ("Hal itu
 * disampaikan X", "Beliau berkata demikian"): it lists both sentences.
 */
export function previousSentenceContent(
  all: readonly SentenceFeatures[],
  sentence: number,
  cueToken: number,
  cue: string,
  source: SourcePhrase,
  rules: readonly string[],
): RawAttribution {
  const previous = all[sentence - 1] as SentenceFeatures;
  return {
    sentence,
    cueToken,
    cue,
    source,
    contentFrom: { sentence: sentence - 1, offset: 0 },
    contentTo: { sentence: sentence - 1, offset: endOf(previous, contentEndOfSentence(previous) - 1) },
    sentenceIndices: [sentence - 1, sentence],
    rules: [...rules, 'attribution.content_previous_sentence'],
  };
}
