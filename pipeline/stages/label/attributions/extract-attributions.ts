/**
 * Attributions: who claims what (CODEBOOK.md section 7, after PARC). A
 * reporting cue from pipeline/stages/label/rules/reporting-verbs.id.json anchors each one;
 * its pattern says where the source and the content are:
 *
 *   active    X mengatakan (bahwa/bahawa/that) CONTENT   source before, content after
 *             X menolak ... dan mengatakan CONTENT   coordinated: the known subject that opens the sentence
 *             Beliau berkata demikian ...            a pro-form: content is the previous sentence
 *   inverted  "CONTENT," kata X / CONTENT, katanya   source after, content before
 *             Namun, katanya, CONTENT                parenthetical: content after
 *   menurut   Menurut (laporan) X, CONTENT / CONTENT, menurut X
 *   passive   Hal ini diungkapkan (oleh) X          content is the subject (here: the previous sentence)
 *   media     dikutip dari X / dilansir X          only when no other cue is in the sentence
 *
 * Malay honorifics (Datuk Seri, Tan Sri, Tun) are title words, stripped like
 * Indonesian titles; a title of office with no name (juru bicara Kementerian
 * Luar Negeri Jerman) is the source when no name stands beside it.
 *
 * Sources are written as the gold writes them: a person's name without the
 * title before it (Menteri Luar Negeri Rusia Sergei Lavrov → Sergei Lavrov), an
 * organisation whole (Kementerian Pertahanan Rusia), pronouns and anaphoric
 * descriptions as written (ia, -nya, Menteri Luar Negeri Rusia itu) and resolved
 * for source_norm to the last compatible named source. Unnamed sources
 * (pejabat Moskow, sumber diplomatik) are typed `anonymous`: the codebook has no
 * rule and no person or body is named.
 */
import { LEXICONS, type CueKind, type Side } from '../lexicons.js';
import { matchPhrases } from '../phrase-index.js';
import { hitsOf, sentenceFeatures, sortByStart, type EntityMention, type SentenceFeatures } from '../sentence-features.js';
import { hasNya, isSpaceUnit, isWordUnit, wordHash, type Token } from '../../../text/tokenize.js';
import type { Attribution, AttributionType, LanguageDocument, SourceType } from '../../../types.js';

/** An attribution with what the labelling functions also need: the speaker's side and where the holder stands. */
export interface FoundAttribution extends Attribution {
  /** The side (Russia/West) of the source, from its name, title or antecedent; null when unknown. */
  readonly side: Side | null;
  /** Index of the sentence holding the cue, and of the cue's token in it. */
  readonly cue_sentence: number;
  readonly cue_token: number;
  /** Token range [start, end) in the cue sentence of the source phrase with its title: the holder, not a target. */
  readonly holder_start: number;
  readonly holder_end: number;
}

/** How a source phrase refers. */
type SourceKind = 'name' | 'person_pronoun' | 'group_pronoun' | 'description' | 'anonymous';

/** A source phrase as found, before pronoun resolution. */
interface SourcePhrase {
  readonly kind: SourceKind;
  readonly text: string;
  /** Null when it comes from the antecedent (pronouns, descriptions). */
  readonly type: SourceType | null;
  readonly holderStart: number;
  readonly holderEnd: number;
  readonly side: Side | null;
  /** For descriptions: the head is an organisation word (Lembaga pemikir AS tersebut). */
  readonly organisationHead: boolean;
}

/** A cue occurrence and what was found around it, before norms are resolved. */
interface RawAttribution {
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

const QUOTE_CHARS = new Set(['"', '“', '”', '„', '«', '»']);
const CLOSING_QUOTES = new Set(['"', '”', '»', '’']);
const TERMINAL = new Set(['.', '!', '?', '…']);
/** The quotation marks quoteBalance and attributionType count; a text without any of them is unquoted. */
const ANY_QUOTE = /["“”„«»]/;
/** The marks that can open a quotation (a straight quote may open or close). */
const OPENING_QUOTE = /["“„«]/;
const ALL_CAPS_ACRONYM = /^\p{Lu}[\p{Lu}\p{N}&-]+$/u;
/** How far after a cue a 'bahwa' may stand and still open the content (mengatakan pada pertemuan di Almaty, Kazakhstan, bahwa ...). */
const BAHWA_WINDOW = 16;
/** How many sentences a quotation may be followed back or forward to find its other quote mark. */
const MAX_QUOTE_SENTENCES = 6;

const isComma = (t: Token | undefined): boolean => t !== undefined && (t.text === ',' || t.text === ';');
const isQuote = (t: Token | undefined): boolean => t !== undefined && QUOTE_CHARS.has(t.text);

/** Is the token at `i` inside a gazetteer mention of a place or body (Rusia, NATO, Kremlin), as opposed to a named person? */
function placeMentionAt(features: SentenceFeatures, i: number): EntityMention | undefined {
  return features.mentions.find((m) => m.canonical === null && m.start <= i && i < m.end);
}

/** Could this token be part of a source phrase (names, titles, unnamed-source heads)? */
function isSourcePhraseToken(t: Token): boolean {
  if (!t.isWord) return false;
  if (LEXICONS.sentenceAdverbs.has(t.lower) || LEXICONS.skipAdverbs.has(t.lower)) return LEXICONS.titleWords.has(t.lower) && t.capitalised;
  return t.capitalised || LEXICONS.titleWords.has(t.lower) || LEXICONS.anonymousHeads.has(t.lower) || LEXICONS.nameConnectors.has(t.lower) || LEXICONS.orgHeads.has(t.lower);
}

/** The side named in tokens [start, end): the first Russia/West mention there. */
function sideIn(features: SentenceFeatures, start: number, end: number): Side | null {
  for (const m of features.mentions) {
    if (m.start >= start && m.end <= end && m.side !== 'other') return m.side;
  }
  return null;
}

function joinTokens(tokens: readonly Token[], text: string, start: number, end: number): string {
  const first = tokens[start];
  const last = tokens[end - 1];
  return first === undefined || last === undefined ? '' : text.slice(first.start, last.end);
}

/** Is some token of [start, end) a word? */
function hasWordIn(tokens: readonly Token[], start: number, end: number): boolean {
  for (let k = Math.max(0, start); k < Math.min(end, tokens.length); k++) if ((tokens[k] as Token).isWord) return true;
  return false;
}

/** Is every token of [start, end) in the word set (by its lower-case form)? */
function allIn(tokens: readonly Token[], start: number, end: number, words: ReadonlySet<string>): boolean {
  for (let k = start; k < end; k++) if (!words.has((tokens[k] as Token).lower)) return false;
  return true;
}

/**
 * Classify a delimited run of source-phrase tokens [start, end): split the
 * title from the name, and type the source.
 */
function classifyRun(features: SentenceFeatures, start: number, end: number, checkMedia = true): SourcePhrase | null {
  const { tokens, text } = features;
  // Connectors cannot open or close a name.
  while (start < end && LEXICONS.nameConnectors.has((tokens[start] as Token).lower)) start++;
  while (end > start && LEXICONS.nameConnectors.has((tokens[end - 1] as Token).lower)) end--;
  if (start >= end) return null;
  // The name is the longest capitalised suffix that is neither a title word nor a place/body mention.
  let nameStart = end;
  for (let k = end - 1; k >= start; k--) {
    const t = tokens[k] as Token;
    const partOfName = (t.capitalised && !LEXICONS.titleWords.has(t.lower) && placeMentionAt(features, k) === undefined) || (LEXICONS.nameConnectors.has(t.lower) && k > start);
    if (!partOfName) break;
    nameStart = k;
  }
  while (nameStart < end && LEXICONS.nameConnectors.has((tokens[nameStart] as Token).lower)) nameStart++;
  const side = sideIn(features, start, end);
  const first = tokens[start] as Token;
  const media = checkMedia && matchPhrases(tokens.slice(start, end), LEXICONS.mediaNames).length > 0;
  // "Banyak", "Sumber", "Para pejabat": heads of unnamed sources, even when capitalised.
  if (nameStart < end && allIn(tokens, nameStart, end, LEXICONS.anonymousHeads)) nameStart = end;
  // Day and month names are dates, not names (Hal itu disampaikan Rabu ...).
  if (nameStart < end && allIn(tokens, nameStart, end, LEXICONS.timeWords)) return null;
  if (nameStart < end) {
    const name = joinTokens(tokens, text, nameStart, end);
    const nameFirst = tokens[nameStart] as Token;
    // English names bodies head-last (Treasury Department, Foreign Ministry).
    const organisation = LEXICONS.orgHeads.has(nameFirst.lower) || LEXICONS.orgHeads.has((tokens[end - 1] as Token).lower) || (nameStart === end - 1 && ALL_CAPS_ACRONYM.test(nameFirst.text));
    const type: SourceType = media ? 'media' : organisation ? 'organisation' : LEXICONS.documentHeads.has(nameFirst.lower) ? 'document' : 'person';
    return { kind: 'name', text: name, type, holderStart: start, holderEnd: end, side, organisationHead: organisation };
  }
  // No name: a body named whole (Kementerian Pertahanan Rusia, NATO, Gedung Putih), an unnamed source, or a bare title.
  const whole = joinTokens(tokens, text, start, end);
  if (LEXICONS.anonymousHeads.has(first.lower)) {
    return { kind: 'anonymous', text: whole, type: 'anonymous', holderStart: start, holderEnd: end, side, organisationHead: false };
  }
  if (LEXICONS.documentHeads.has(first.lower)) {
    return { kind: 'name', text: whole, type: 'document', holderStart: start, holderEnd: end, side, organisationHead: false };
  }
  if (LEXICONS.orgHeads.has(first.lower) || placeMentionAt(features, start) !== undefined || LEXICONS.orgHeads.has((tokens[end - 1] as Token).lower)) {
    return { kind: 'name', text: whole, type: media ? 'media' : 'organisation', holderStart: start, holderEnd: end, side, organisationHead: true };
  }
  return null; // a title with no name (Juru bicara Kremlin): the caller looks for the name beside it
}

/**
 * A title of office with no name beside it, as the source (Menteri Luar
 * Negeri Rusia mengatakan; kata juru bicara Kementerian Luar Negeri Jerman):
 * the text names the source by its office, so the source is the title phrase,
 * a person. Only a title of a state or body in the gazetteer counts, and only
 * when no name may follow it (no capitalised word or bracket next): a bare
 * Manajer, Founder or sang is a name the run failed to reach, not a source.
 */
function bareTitle(features: SentenceFeatures, start: number, end: number): SourcePhrase | null {
  const { tokens } = features;
  while (start < end && LEXICONS.nameConnectors.has((tokens[start] as Token).lower)) start++;
  while (end > start && (LEXICONS.nameConnectors.has((tokens[end - 1] as Token).lower) || !(tokens[end - 1] as Token).isWord)) end--;
  if (start >= end || !LEXICONS.titleWords.has((tokens[start] as Token).lower)) return null;
  if (!features.mentions.some((m) => m.canonical === null && m.start >= start && m.end <= end)) return null;
  const next = tokens[end];
  if (next !== undefined && (next.capitalised || next.text === '(')) return null;
  return { kind: 'name', text: joinTokens(tokens, features.text, start, end), type: 'person', holderStart: start, holderEnd: end, side: sideIn(features, start, end), organisationHead: false };
}

/** A pronoun source at token i, or null. */
function pronounAt(features: SentenceFeatures, i: number): SourcePhrase | null {
  const t = features.tokens[i];
  if (t === undefined || !t.isWord) return null;
  if (LEXICONS.personPronouns.has(t.lower)) return { kind: 'person_pronoun', text: t.text, type: null, holderStart: i, holderEnd: i + 1, side: null, organisationHead: false };
  if (LEXICONS.groupPronouns.has(t.lower)) return { kind: 'group_pronoun', text: t.text, type: null, holderStart: i, holderEnd: i + 1, side: null, organisationHead: false };
  return null;
}

/** Where the clause holding token i starts: after the last comma, colon, quote or clause word before it. */
function clauseStartBefore(features: SentenceFeatures, i: number): number {
  for (let k = i - 1; k >= 0; k--) {
    const t = features.tokens[k] as Token;
    if (!t.isWord || LEXICONS.complementizers.has(t.lower) || (LEXICONS.sentenceAdverbs.has(t.lower) && !t.capitalised)) return k + 1;
  }
  return 0;
}

/** A source phrase ending at token `end - 1` (inclusive), read leftwards. */
function sourceEndingAt(features: SentenceFeatures, last: number): SourcePhrase | null {
  const { tokens } = features;
  const t = tokens[last];
  if (t === undefined) return null;
  const pronoun = pronounAt(features, last);
  if (pronoun !== null) return pronoun;
  // An anaphoric description: "Menteri Luar Negeri Rusia itu", "Lembaga pemikir AS tersebut".
  if (LEXICONS.demonstratives.has(t.lower) && last > 0) {
    const start = clauseStartBefore(features, last);
    const head = tokens[start];
    if (head !== undefined && start < last && (LEXICONS.titleWords.has(head.lower) || LEXICONS.orgHeads.has(head.lower)) && head.capitalised) {
      return {
        kind: 'description',
        text: joinTokens(tokens, features.text, start, last + 1),
        type: null,
        holderStart: start,
        holderEnd: last + 1,
        side: sideIn(features, start, last + 1),
        organisationHead: LEXICONS.orgHeads.has(head.lower),
      };
    }
    return null;
  }
  if (!isSourcePhraseToken(t) || LEXICONS.nameConnectors.has(t.lower)) return null;
  let start = last;
  while (start > 0 && isSourcePhraseToken(tokens[start - 1] as Token)) start--;
  // "... Adnyana di Denpasar, mengatakan": a place after the source is not the source.
  if (start >= 2 && ['di', 'dari', 'kepada'].includes((tokens[start - 1] as Token).lower) && isSourcePhraseToken(tokens[start - 2] as Token)) {
    const before = sourceEndingAt(features, start - 2);
    if (before !== null && before.kind === 'name') return { ...before, holderEnd: last + 1 };
  }
  const phrase = classifyRun(features, start, last + 1);
  if (phrase !== null && phrase.kind === 'name' && phrase.type === 'person') {
    return phrase;
  }
  // "Leonid Slutsky, Kepala Komisi ... Duma, menyebut": the run next to the verb is an appositive title; the name precedes it.
  const runStartsWithTitle = LEXICONS.titleWords.has((tokens[start] as Token).lower);
  if (runStartsWithTitle && isComma(tokens[start - 1]) && start >= 2) {
    const before = sourceEndingAt(features, start - 2);
    if (before !== null && before.kind === 'name') return { ...before, holderEnd: last + 1 };
  }
  return phrase ?? bareTitle(features, start, last + 1);
}

/**
 * The source of an active cue at token `cue`: the phrase right before it,
 * across adverbs (juga, telah), a time phrase (pada Kamis, 27 Juni 2024) and a
 * relative 'yang' (komentar Menteri Sergei Lavrov yang mengatakan). Anything
 * else between source and verb (ataupun, a lower-case noun) means the verb has
 * no reporting source here.
 */
function sourceBefore(features: SentenceFeatures, cue: number): SourcePhrase | null {
  const { tokens } = features;
  let k = cue - 1;
  while (k >= 0) {
    const t = tokens[k] as Token;
    const skippable =
      (t.isWord && !t.capitalised && LEXICONS.skipAdverbs.has(t.lower)) ||
      (t.isWord && t.lower === 'ini' && tokens[k - 1]?.lower === 'baru-baru') ||
      (t.isWord && (LEXICONS.timeWords.has(t.lower) || /^\p{N}/u.test(t.text)) && !(k > 0 && LEXICONS.personPronouns.has(tokens[k - 1]?.lower ?? ''))) ||
      isComma(t);
    if (!skippable) break;
    k--;
  }
  if (k < 0) return null;
  if ((tokens[k] as Token).lower === 'yang') k--;
  if (k < 0) return null;
  return sourceEndingAt(features, k);
}

/** The source phrase starting at or after token `from` (inverted cues, menurut, passive 'oleh'). */
function sourceAfter(features: SentenceFeatures, from: number, skipLeadWords = false): SourcePhrase | null {
  const { tokens } = features;
  let k = from;
  while (k < tokens.length && ['oleh', 'dari', ':', 'by'].includes((tokens[k] as Token).lower)) k++;
  // "menurut laporan agensi berita TASS", "according to a statement from the Kremlin": the source is the name.
  if (skipLeadWords) while (k < tokens.length && !(tokens[k] as Token).capitalised && LEXICONS.sourceLeadWords.has((tokens[k] as Token).lower)) k++;
  const pronoun = pronounAt(features, k);
  if (pronoun !== null) return pronoun;
  let end = k;
  while (end < tokens.length && isSourcePhraseToken(tokens[end] as Token)) {
    // "... Kementerian Luar Negeri Jerman di Berlin": a place after the source is not the source.
    const t = tokens[end] as Token;
    if (end > k && t.text === t.lower && LEXICONS.locationWords.has(t.lower) && tokens[end + 1]?.capitalised === true) break;
    end++;
  }
  if (end === k) return null;
  const phrase = classifyRun(features, k, end);
  if (phrase !== null) return phrase;
  // A bare title followed by the name: "oleh Wakil Menteri Luar Negeri Rusia, Sergei Ryabkov".
  if (isComma(tokens[end])) {
    const named = sourceAfter(features, end + 1);
    if (named !== null && named.kind === 'name' && named.type === 'person') return { ...named, holderStart: k, side: named.side ?? sideIn(features, k, end) };
  }
  return bareTitle(features, k, end);
}

/**
 * The subject that opens the sentence, for a reporting verb coordinated with
 * an earlier verb (Kremlin menafikan dakwaan itu dan berkata ...; the EU
 * condemned ... and said ...): a source phrase after any opening adverbs and
 * commas, followed by a lower-case word, ending before the cue.
 */
function openingSubject(features: SentenceFeatures, cue: number): SourcePhrase | null {
  const { tokens } = features;
  let k = 0;
  while (k < cue && (isComma(tokens[k]) || (LEXICONS.sentenceAdverbs.has((tokens[k] as Token).lower) && !LEXICONS.nameConnectors.has((tokens[k] as Token).lower)))) k++;
  const subject = sourceAfter(features, k);
  if (subject === null || subject.holderEnd >= cue || !tokens.slice(k, subject.holderStart).every((t) => LEXICONS.nameConnectors.has(t.lower))) return null;
  // A sentence opens capitalised whatever its first word is (Akibat, Kedatangan ...): the subject must be a pronoun, a title or body word, or name a gazetteer entity.
  const head = tokens[subject.holderStart] as Token;
  const known = subject.kind !== 'name' || LEXICONS.titleWords.has(head.lower) || LEXICONS.orgHeads.has(head.lower) || features.mentions.some((m) => m.start >= subject.holderStart && m.end <= subject.holderEnd);
  if (!known) return null;
  const next = tokens[subject.holderEnd];
  return next !== undefined && next.isWord && !next.capitalised ? subject : null;
}

/** Does a clause or a quotation follow the cue (for verbs that also take a plain object)? */
function clauseFollows(features: SentenceFeatures, after: number): boolean {
  const { tokens } = features;
  for (let k = after; k < Math.min(tokens.length, after + 4); k++) {
    const t = tokens[k] as Token;
    if (isQuote(t) || t.text === ':' || LEXICONS.clauseOpeners.has(t.lower)) return true;
    if (!(t.isWord && (LEXICONS.timeWords.has(t.lower) || /^\p{N}/u.test(t.text))) && !isComma(t)) return false;
  }
  return false;
}

/**
 * Opening minus closing quotation marks in a text. Curly and guillemet quotes
 * say their direction; a straight quote opens when it follows a space, the
 * start or a bracket, and closes otherwise.
 */
function quoteBalance(text: string): number {
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
function contentEndOfSentence(features: SentenceFeatures): number {
  let end = features.tokens.length;
  while (end > 0 && TERMINAL.has((features.tokens[end - 1] as Token).text)) end--;
  return end;
}

/** The cue as written, without its -nya (Menurutnya → Menurut, menyebutnya → menyebut). */
function cueText(token: Token): string {
  return hasNya(token) ? token.text.slice(0, token.text.length - 3) : token.text;
}

interface SentenceSpan {
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
function makeRaw(
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
    contentTo: { sentence: last, offset: last === sentence ? endOf(features, content.endToken - 1) : endOf(lastFeatures, contentEndOfSentence(lastFeatures) - 1) },
    sentenceIndices: indices,
    rules: first !== last ? [...rules, 'attribution.content_multi_sentence_quote'] : rules,
  };
}

/**
 * An attribution whose content is the whole previous sentence ("Hal itu
 * disampaikan X", "Beliau berkata demikian"): it lists both sentences.
 */
function previousSentenceContent(
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

/** The reporting-cue categories, in the order their kinds are read, with their hit keys. */
const CUE_KINDS: readonly (readonly [CueKind, string])[] = (['active', 'active_needs_clause', 'inverted', 'according_to', 'passive_by', 'media_cue'] as const).map((kind) => [kind, `cue.${kind}`] as const);

/** A cue occurrence: its token range (of the first kind that lists it) and every kind it has. */
interface CueHit {
  readonly start: number;
  readonly end: number;
  readonly kinds: CueKind[];
}
const NO_CUES: readonly CueHit[] = [];
/** The position of the cue family in LEXICONS.families.families. */
const CUE_FAMILY = LEXICONS.families.families.indexOf('cue');

/** The cue hits of a sentence with their kinds, in token order (a phrase in two kinds, like English 'said', carries both). */
function cueHits(features: SentenceFeatures): readonly CueHit[] {
  // Most sentences hit no cue category at all.
  let hitsCue = false;
  for (const entry of features.hits) if (entry.family === CUE_FAMILY) hitsCue = true;
  if (!hitsCue) return NO_CUES;
  // A sentence has few cues: a list searched by start costs less than a Map and a Set per sentence.
  let cues: CueHit[] | null = null;
  for (const [kind, key] of CUE_KINDS) {
    for (const hit of hitsOf(features, key)) {
      let cue: CueHit | undefined;
      if (cues === null) cues = [];
      else for (const c of cues) if (c.start === hit.start) cue = c;
      if (cue === undefined) cues.push((cue = { start: hit.start, end: hit.end, kinds: [] }));
      cue.kinds.push(kind);
    }
  }
  return cues === null ? NO_CUES : sortByStart(cues);
}

/** Does the sentence open with a pointer back at the previous sentence (Hal ini, Pernyataan tersebut)? */
function opensWithDiscourseAnaphor(features: SentenceFeatures): boolean {
  const hits = matchPhrases(features.tokens.slice(0, 3), LEXICONS.discourseAnaphors);
  return hits.some((h) => h.start === 0);
}

/** The attributions cued in one sentence, before norms are resolved. */
function attributionsInSentence(all: readonly SentenceFeatures[], s: number): RawAttribution[] {
  const features = all[s] as SentenceFeatures;
  const cues = cueHits(features);
  if (cues.length === 0) return [];
  const { tokens } = features;
  const found: RawAttribution[] = [];
  const sentenceEnd = contentEndOfSentence(features);
  for (const cue of cues) {
    const cueToken = tokens[cue.start] as Token;
    const previous = tokens[cue.start - 1];
    const afterCommaOrQuote = previous !== undefined && (isComma(previous) || CLOSING_QUOTES.has(previous.text));
    if (cue.kinds.includes('inverted') && afterCommaOrQuote) {
      const withNya = hasNya(cueToken);
      const source: SourcePhrase | null = withNya
        ? { kind: 'person_pronoun', text: '-nya', type: null, holderStart: cue.start, holderEnd: cue.end, side: null, organisationHead: false }
        : sourceAfter(features, cue.end);
      if (source === null) continue;
      let end = cue.start;
      while (end > 0 && isComma(tokens[end - 1])) end--;
      let content: SentenceSpan = { sentence: s, startToken: 0, endToken: end };
      const rules = ['attribution.cue_inverted_after_quote'];
      // "Bagaimanapun, katanya, Barat perlu ...": before the parenthetical cue stand only connectives; the content follows it.
      const sourceEnd = Math.max(source.holderEnd, cue.end);
      if (isComma(tokens[sourceEnd]) && tokens.slice(0, end).every((t) => !t.isWord || LEXICONS.sentenceAdverbs.has(t.lower) || LEXICONS.skipAdverbs.has(t.lower))) {
        content = { sentence: s, startToken: sourceEnd + 1, endToken: sentenceEnd };
        rules.push('attribution.content_after_parenthetical_cue');
      }
      const raw = makeRaw(all, s, cue.start, source, content, rules);
      if (raw !== null) found.push(raw);
      continue;
    }
    if (cue.kinds.includes('according_to')) {
      const withNya = hasNya(cueToken);
      const source: SourcePhrase | null = withNya
        ? { kind: 'person_pronoun', text: '-nya', type: null, holderStart: cue.start, holderEnd: cue.end, side: null, organisationHead: false }
        : sourceAfter(features, cue.end, true);
      if (source === null) continue;
      const sourceEnd = Math.max(source.holderEnd, cue.end);
      // "Sebelumnya, menurut seorang sumber, CONTENT": before a comma-led menurut stand only connectives, the content follows.
      const onlyConnectivesBefore = tokens.slice(0, cue.start).every((t) => !t.isWord || LEXICONS.sentenceAdverbs.has(t.lower) || LEXICONS.skipAdverbs.has(t.lower));
      const content: SentenceSpan =
        cue.start <= 1 || isComma(tokens[cue.start - 1]) === false || onlyConnectivesBefore
          ? { sentence: s, startToken: isComma(tokens[sourceEnd]) ? sourceEnd + 1 : sourceEnd, endToken: sentenceEnd }
          : { sentence: s, startToken: 0, endToken: cue.start - 1 };
      const raw = makeRaw(all, s, cue.start, source, content, ['attribution.cue_according_to']);
      // A cue of several words (according to) is written whole.
      if (raw !== null) found.push(cue.end - cue.start > 1 ? { ...raw, cue: joinTokens(tokens, features.text, cue.start, cue.end) } : raw);
      continue;
    }
    if (cue.kinds.includes('passive_by')) {
      let oleh = cue.end;
      while (oleh < Math.min(tokens.length, cue.end + 3) && (tokens[oleh] as Token).lower !== 'oleh') oleh++;
      const backPointing = opensWithDiscourseAnaphor(features) && s > 0;
      // "Hal itu disampaikan Menteri X", "Demikian dikatakan X": after a back-pointing subject the agent may follow without 'oleh'.
      const agentAt = (tokens[oleh] as Token | undefined)?.lower === 'oleh' ? oleh + 1 : backPointing ? cue.end : -1;
      if (agentAt < 0) continue;
      const source = sourceAfter(features, agentAt);
      if (source === null) continue;
      if (backPointing) {
        found.push(previousSentenceContent(all, s, cue.start, cueText(cueToken), source, ['attribution.cue_passive_by']));
        continue;
      }
      let end = cue.start;
      while (end > 0 && (tokens[end - 1] as Token).isWord && LEXICONS.skipAdverbs.has((tokens[end - 1] as Token).lower)) end--;
      const raw = makeRaw(all, s, cue.start, source, { sentence: s, startToken: 0, endToken: end }, ['attribution.cue_passive_by']);
      if (raw !== null) found.push(raw);
      continue;
    }
    if (cue.kinds.includes('active') || cue.kinds.includes('active_needs_clause')) {
      const needsClause = !cue.kinds.includes('active');
      if (needsClause && !clauseFollows(features, cue.end)) continue;
      let source = sourceBefore(features, cue.start);
      const rules = [needsClause ? 'attribution.cue_active_with_clause' : 'attribution.cue_active'];
      if (source === null) {
        let k = cue.start - 1;
        while (k >= 0 && (tokens[k] as Token).isWord && !(tokens[k] as Token).capitalised && LEXICONS.skipAdverbs.has((tokens[k] as Token).lower)) k--;
        // Only a verb of saying, or one with a that-clause (dan berjanji akan membalas is a promise, not a statement).
        const saying = cue.kinds.includes('active') || tokens.slice(cue.end, cue.end + 2).some((t) => LEXICONS.complementizers.has(t.lower));
        if (k > 0 && saying && LEXICONS.coordinators.has((tokens[k] as Token).lower)) {
          source = openingSubject(features, k);
          if (source !== null) rules.push('attribution.source_coordinated_subject');
        }
      }
      if (source === null) continue;
      // "Beliau berkata demikian ketika ...": the content is what was said in the previous sentence.
      const proform = matchPhrases(tokens.slice(cue.end, cue.end + 3), LEXICONS.contentProforms)[0];
      if (proform !== undefined && proform.start === 0 && s > 0) {
        found.push(previousSentenceContent(all, s, cue.start, cueText(cueToken), source, rules));
        continue;
      }
      let start = cue.end;
      for (let k = cue.end; k < Math.min(tokens.length, cue.end + BAHWA_WINDOW); k++) {
        const t = tokens[k] as Token;
        if (isQuote(t)) break;
        if (LEXICONS.complementizers.has(t.lower)) {
          start = k + 1;
          break;
        }
      }
      while (start < sentenceEnd && (isComma(tokens[start]) || tokens[start]?.text === ':')) start++;
      let content: SentenceSpan = { sentence: s, startToken: start, endToken: sentenceEnd };
      if (!hasWordIn(tokens, start, sentenceEnd)) {
        // "«...», Lavrov mengatakan.": the content stands before the source.
        let end = source.holderStart;
        while (end > 0 && isComma(tokens[end - 1])) end--;
        content = { sentence: s, startToken: 0, endToken: end };
      }
      const raw = makeRaw(all, s, cue.start, source, content, rules);
      if (raw !== null) found.push(raw);
    }
  }
  if (found.length === 0) {
    for (const cue of cues) {
      if (!cue.kinds.includes('media_cue')) continue;
      const source = sourceAfter(features, cue.end);
      if (source === null || source.kind !== 'name') continue;
      const mediaSource: SourcePhrase = { ...source, type: 'media' };
      let content: SentenceSpan;
      if (cue.start <= 1) {
        let k = source.holderEnd;
        while (k < tokens.length && !isComma(tokens[k])) k++;
        content = { sentence: s, startToken: k + 1, endToken: sentenceEnd };
      } else {
        let end = cue.start;
        while (end > 0 && (isComma(tokens[end - 1]) || ['seperti', 'sebagaimana'].includes((tokens[end - 1] as Token).lower))) end--;
        content = { sentence: s, startToken: 0, endToken: end };
      }
      const raw = makeRaw(all, s, cue.start, mediaSource, content, ['attribution.cue_media_credit']);
      if (raw !== null) found.push(raw);
    }
  }
  return found;
}

/** The last word of a name of several (the text after its last space), or null for a one-word name. A name is a slice from a token's start to a token's end, so it neither starts nor ends with a space. */
function lastWordOf(name: string): string | null {
  for (let i = name.length - 1; i >= 0; i--) if (isSpaceUnit(name.charCodeAt(i))) return name.slice(i + 1);
  return null;
}

/** A name run of a sentence (title stripped): a source's full name, antecedent or acronym expansion. */
interface NameRun {
  /** Token index just past the run. */
  readonly end: number;
  readonly name: string;
  readonly person: boolean;
  /** The name's last word, lower-cased, when it has several; else null. */
  readonly lastWord: string | null;
  /** The acronym given after it in brackets (Institute for the Study of War (ISW)), or null. */
  readonly acronym: string | null;
}

/** A lower-case word with its wordHash, to find tokens of that form. */
interface WordKey {
  readonly word: string;
  readonly hash: number;
}

/** Is some token of [start, end) of this lower-case form? */
function spellsWordIn(tokens: readonly Token[], start: number, end: number, key: WordKey): boolean {
  for (let k = start; k < end; k++) {
    const t = tokens[k] as Token;
    if (t.lowerHash === key.hash && t.lower === key.word) return true;
  }
  return false;
}

/**
 * The name runs of one sentence, in token order; with `withWord`, only those
 * with a token of that form (the others are left out, not classified).
 */
function nameRunsOf(features: SentenceFeatures, withWord: WordKey | null = null): NameRun[] {
  const { tokens } = features;
  const runs: NameRun[] = [];
  let k = 0;
  while (k < tokens.length) {
    // Names are runs of capitalised words (with connectors: Institute for the Study of War); lower-case titles do not matter here.
    if (!(tokens[k] as Token).capitalised) {
      k++;
      continue;
    }
    if (LEXICONS.sentenceAdverbs.has((tokens[k] as Token).lower) || LEXICONS.skipAdverbs.has((tokens[k] as Token).lower)) {
      k++;
      continue;
    }
    let end = k;
    while (end < tokens.length && ((tokens[end] as Token).capitalised || (LEXICONS.nameConnectors.has((tokens[end] as Token).lower) && tokens[end + 1]?.capitalised === true))) end++;
    // One capitalised word opening a sentence or a quotation is as likely a common word (Tinggal, Jadi) as a name.
    const opensSentence = k === 0 || !(tokens[k - 1] as Token).isWord;
    if (opensSentence && end - k === 1 && features.mentions.every((m) => m.start !== k)) {
      k = end;
      continue;
    }
    if (withWord !== null && !spellsWordIn(tokens, k, end, withWord)) {
      k = end;
      continue;
    }
    const phrase = classifyRun(features, k, end, false);
    if (phrase !== null && phrase.kind === 'name') {
      const lastWord = lastWordOf(phrase.text);
      let acronym: string | null = null;
      // "Institute for the Study of War (ISW)"
      if (tokens[end]?.text === '(' && tokens[end + 2]?.text === ')' && lastWord !== null) {
        const candidate = (tokens[end + 1] as Token).text;
        if (ALL_CAPS_ACRONYM.test(candidate)) acronym = candidate;
      }
      runs.push({ end, name: phrase.text, person: phrase.type === 'person', lastWord: lastWord === null ? null : lastWord.toLowerCase(), acronym });
    }
    k = end;
  }
  return runs;
}

/** Any character outside ASCII (where lower-casing a word alone may differ from lower-casing it in its sentence). */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The names of an article, for resolving sources: read sentence by sentence,
 * and only as far as a question needs (a pronoun needs its own sentence, a
 * last name the article's first full name with it): most sources are full
 * names and need none of it.
 */
class ArticleNames {
  private readonly runs: (NameRun[] | undefined)[] = [];
  /** The answers of fullName so far (undefined: the article has no such full name). */
  private readonly fullNameByLastWord = new Map<string, string | undefined>();
  /** Whether each sentence's word tokens are all ASCII; found on first need. */
  private readonly ascii: (boolean | undefined)[] = [];
  /** Last expansion per acronym, over the whole article; made on first need. */
  private expansionByAcronym: Map<string, string> | null = null;

  constructor(private readonly all: readonly SentenceFeatures[]) {}

  /** The name runs of sentence s. */
  runsOf(s: number): readonly NameRun[] {
    let runs = this.runs[s];
    if (runs === undefined) this.runs[s] = runs = nameRunsOf(this.all[s] as SentenceFeatures);
    return runs;
  }

  /** Are the word tokens of sentence s all ASCII (so that each one's lower-case form is its text lower-cased alone)? Curly quotes and dashes do not matter. */
  private wordsAreAscii(s: number): boolean {
    let ascii = this.ascii[s];
    if (ascii === undefined) {
      const features = this.all[s] as SentenceFeatures;
      // One native test of the whole text settles most sentences; only the others are read token by token.
      ascii = !NON_ASCII.test(features.text) || features.tokens.every((t) => !t.isWord || !NON_ASCII.test(t.text));
      this.ascii[s] = ascii;
    }
    return ascii;
  }

  /**
   * The first name of several words in the article whose last word is this one (lower-case), if any.
   *
   * A run's words are word tokens, which only spaces separate, so its last
   * word is a token's text lower-cased: where the word tokens are ASCII, only
   * runs with a token of that lower-case form can end with it, and only they
   * are classified (the costly part); other sentences are read whole, since
   * lower-casing a word alone can differ there from its token's form (final sigma).
   */
  fullName(lastWord: string): string | undefined {
    if (this.fullNameByLastWord.has(lastWord)) return this.fullNameByLastWord.get(lastWord);
    let full: string | undefined;
    const key: WordKey = { word: lastWord, hash: wordHash(lastWord) };
    for (let s = 0; s < this.all.length && full === undefined; s++) {
      const features = this.all[s] as SentenceFeatures;
      let runs: readonly NameRun[] | undefined = this.runs[s];
      if (runs === undefined) {
        if (!this.wordsAreAscii(s)) runs = this.runsOf(s);
        else if (!spellsWordIn(features.tokens, 0, features.tokens.length, key)) continue;
        else runs = nameRunsOf(features, key);
      }
      for (const run of runs) {
        if (run.lastWord === lastWord) {
          full = run.name;
          break;
        }
      }
    }
    this.fullNameByLastWord.set(lastWord, full);
    return full;
  }

  /** The expansion of an acronym, the last one given in the article, if any. */
  expansion(text: string): string | undefined {
    // Only an all-capitals word is ever an acronym: anything else needs no reading.
    if (!ALL_CAPS_ACRONYM.test(text)) return undefined;
    if (this.expansionByAcronym === null) {
      this.expansionByAcronym = new Map<string, string>();
      // An acronym is given in brackets after its name: a sentence without '(' gives none.
      for (let s = 0; s < this.all.length; s++) {
        if (!(this.all[s] as SentenceFeatures).text.includes('(')) continue;
        for (const run of this.runsOf(s)) if (run.acronym !== null) this.expansionByAcronym.set(run.acronym, run.name);
      }
    }
    return this.expansionByAcronym.get(text);
  }
}

/** A surrogate code unit (half of a character outside the BMP); no 'u' flag, so that single units match. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** Does the text hold a surrogate? Where it holds none, UTF-16 offsets are code-point offsets and need no counting. */
function astralIn(text: string): boolean {
  return SURROGATE.test(text);
}

/** Code-point length of the first `end` UTF-16 units of a string (offsets leave the stage in code points); counted in place, not on a slice. */
function codePointLength(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/**
 * Every attribution of a document, with the speaker's side and holder span for the labelling functions.
 *
 * @param doc - A segmented, language-tagged document.
 * @param features - The features of each of its sentences (sentenceFeatures), in order.
 * @returns Attributions in text order, ids `<doc_id>-a<n>`.
 */
export function findAttributions(doc: LanguageDocument, features: readonly SentenceFeatures[]): FoundAttribution[] {
  const raws: RawAttribution[] = [];
  for (let s = 0; s < features.length; s++) for (const raw of attributionsInSentence(features, s)) raws.push(raw);
  if (raws.length === 0) return [];
  raws.sort((a, b) => a.sentence - b.sentence || a.cueToken - b.cueToken);
  const names = new ArticleNames(features);
  const normOf = (text: string): { norm: string; rule: string | null } => {
    // Acronyms and last names are one word (no whitespace), so a source of several words is its own norm.
    if (/\s/u.test(text)) return { norm: text, rule: null };
    const expansion = names.expansion(text);
    if (expansion !== undefined) return { norm: expansion, rule: 'attribution.norm_acronym_expansion' };
    const full = names.fullName(text.toLowerCase());
    if (full !== undefined && full !== text) return { norm: full, rule: 'attribution.norm_full_name_in_article' };
    return { norm: text, rule: null };
  };

  const sideByNorm = new Map<string, Side>();
  type Antecedent = { norm: string; side: Side | null };
  let lastPerson: Antecedent | null = null;
  let lastOrganisation: Antecedent | null = null;
  const resolved: { raw: RawAttribution; norm: string; type: SourceType; side: Side | null; rules: string[] }[] = [];
  for (const raw of raws) {
    const { source } = raw;
    const rules = [...raw.rules];
    let norm = source.text;
    let type: SourceType = source.type ?? 'person';
    let side = source.side;
    const sentenceFeatures = features[raw.sentence] as SentenceFeatures;
    if (source.kind === 'name' || source.kind === 'anonymous') {
      const n = normOf(source.text);
      norm = n.norm;
      if (n.rule !== null) rules.push(n.rule);
      rules.push(source.kind === 'anonymous' ? 'attribution.source_anonymous' : 'attribution.source_name');
      const official = LEXICONS.officialByAlias.get(norm.toLowerCase()) ?? LEXICONS.officialByAlias.get(source.text.toLowerCase());
      if (side === null && official !== undefined && official.side !== 'other') side = official.side;
    } else if (source.kind === 'person_pronoun' || (source.kind === 'description' && !source.organisationHead)) {
      // A name earlier in the same sentence wins (Menteri Sergei Lavrov tidak senang ketika dia mengatakan); else the last person source.
      const inSentence = names.runsOf(raw.sentence).filter((r) => r.person && r.end <= source.holderStart).pop();
      const antecedent: Antecedent | null = inSentence !== undefined ? { norm: normOf(inSentence.name).norm, side: null } : lastPerson;
      if (antecedent !== null) {
        norm = antecedent.norm;
        side = antecedent.side ?? sideByNorm.get(norm) ?? side;
        rules.push(source.kind === 'description' ? 'attribution.source_description_resolved' : 'attribution.source_pronoun_resolved');
      }
      type = 'person';
    } else {
      // Group pronouns and organisation descriptions: the last body named before in the sentence, else the last organisation source.
      const body = sentenceFeatures.mentions.filter((m) => m.canonical === null && m.side !== 'other' && m.end <= source.holderStart).pop();
      const antecedent: Antecedent | null = body !== undefined ? { norm: body.text, side: body.side } : lastOrganisation;
      if (antecedent !== null) {
        norm = antecedent.norm;
        side = source.side ?? antecedent.side ?? sideByNorm.get(norm) ?? null;
        rules.push(source.kind === 'description' ? 'attribution.source_description_resolved' : 'attribution.source_pronoun_resolved');
      }
      type = 'organisation';
    }
    if (side !== null && !sideByNorm.has(norm)) sideByNorm.set(norm, side);
    if (type === 'person') lastPerson = { norm, side };
    if (type === 'organisation') lastOrganisation = { norm, side };
    resolved.push({ raw, norm, type, side, rules });
  }

  // Code points of clean_text, made at most once per document and only when it has characters outside the BMP
  // (otherwise code-point offsets are UTF-16 offsets): not once per multi-sentence attribution.
  let codePoints: string[] | null = null;
  let astral: boolean | null = null;
  const cleanSlice = (start: number, end: number): string => {
    // No 'u' flag: the class must match the high surrogate code unit of a pair.
    astral ??= /[\uD800-\uDBFF]/.test(doc.clean_text);
    return astral ? (codePoints ??= [...doc.clean_text]).slice(start, end).join('') : doc.clean_text.slice(start, end);
  };
  return resolved.map(({ raw, norm, type, side, rules }, n) => {
    const fromSentence = doc.sentences[raw.contentFrom.sentence];
    const toSentence = doc.sentences[raw.contentTo.sentence];
    const fromFeatures = features[raw.contentFrom.sentence] as SentenceFeatures;
    const toFeatures = features[raw.contentTo.sentence] as SentenceFeatures;
    const charStart = (fromSentence?.char_start ?? 0) + (astralIn(fromFeatures.text) ? codePointLength(fromFeatures.text, raw.contentFrom.offset) : raw.contentFrom.offset);
    const charEnd = (toSentence?.char_start ?? 0) + (astralIn(toFeatures.text) ? codePointLength(toFeatures.text, raw.contentTo.offset) : raw.contentTo.offset);
    const content =
      raw.contentFrom.sentence === raw.contentTo.sentence
        ? fromFeatures.text.slice(raw.contentFrom.offset, raw.contentTo.offset)
        : cleanSlice(charStart, charEnd);
    return {
      attribution_id: `${doc.doc_id}-a${n}`,
      source: raw.source.text,
      source_norm: norm,
      source_type: type,
      cue: raw.cue,
      type: attributionType(content),
      sentence_indices: raw.sentenceIndices,
      content,
      char_start: charStart,
      char_end: charEnd,
      rules,
      side: side ?? sideByNorm.get(norm) ?? null,
      cue_sentence: raw.sentence,
      cue_token: raw.cueToken,
      holder_start: raw.source.holderStart,
      holder_end: raw.source.holderEnd,
    };
  });
}

/**
 * Who claims what in a document (CODEBOOK.md section 7).
 *
 * @param doc - A segmented, language-tagged document.
 * @returns Its attributions in text order.
 * @example
 * extractAttributions(doc).map((a) => [a.source, a.cue]) // [['Sergei Lavrov', 'mengatakan'], ...]
 */
export function extractAttributions(doc: LanguageDocument): Attribution[] {
  const features = doc.sentences.map((s) => sentenceFeatures(s.text));
  return findAttributions(doc, features).map(toAttribution);
}

/**
 * Drop the labelling-only fields of a found attribution.
 *
 * @param found - A found attribution.
 * @returns The Attribution record as written to the dataset.
 */
export function toAttribution(found: FoundAttribution): Attribution {
  return {
    attribution_id: found.attribution_id,
    source: found.source,
    source_norm: found.source_norm,
    source_type: found.source_type,
    cue: found.cue,
    type: found.type,
    sentence_indices: found.sentence_indices,
    content: found.content,
    char_start: found.char_start,
    char_end: found.char_end,
    rules: found.rules,
  };
}
