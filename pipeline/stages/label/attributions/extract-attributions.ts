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
import { sourceIdentity } from '../actors.js';
import { LEXICONS, type Side } from '../lexicons.js';
import { matchPhrases } from '../phrase-index.js';
import { sentenceFeatures, type SentenceFeatures } from '../sentence-features.js';
import { hasNya, type Token } from '../../../text/tokenize.js';
import type { Attribution, LanguageDocument, SourceType } from '../../../types.js';
import {
  attributionType,
  contentEndOfSentence,
  hasWordIn,
  makeRaw,
  previousSentenceContent,
  quoteBalance,
  type RawAttribution,
  type SentenceSpan,
} from './content-span.js';
import { cueHits, cueText, opensWithDiscourseAnaphor } from './cues.js';
import { CLAUSE_BREAKS, SPEECH_ACTS_ON_OBJECT } from './lexicon.js';
import { ArticleNames, astralIn, codePointLength } from './resolve-sources.js';
import { clauseFollows, isComma, isQuote, joinTokens, openingSubject, sourceAfter, sourceBefore, titledNameAfter, type SourcePhrase } from './source-phrase.js';

export { attributionType };

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

/** English auxiliaries and function words: never the head of an agent after 'by', and not part of a passive's content end. */
const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'was',
  'were',
  'is',
  'are',
  'has',
  'have',
  'had',
  'been',
  'being',
  'as',
  'its',
  'this',
  'his',
  'hers',
  'yes',
]);
/** A quoted nickname inside a name, with the spaces around it. */
const QUOTED_NICKNAME = /\s*["“”„«»]\p{Lu}[\p{L}\p{M}'-]*["“”„«»]\s*/u;
const CLOSING_QUOTES = new Set(['"', '”', '»', '’', "'"]);
/** How far after a cue a 'bahwa' may stand and still open the content (mengatakan pada pertemuan di Almaty, Kazakhstan, bahwa ...). */
const BAHWA_WINDOW = 16;

/** Are tokens [from, to) only commas, coordinators and adverbs (no content of their own)? */
function onlyJoinersBetween(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const t = tokens[k] as Token;
    if (!(isComma(t) || LEXICONS.coordinators.has(t.lower) || LEXICONS.skipAdverbs.has(t.lower))) return false;
  }
  return true;
}

/** How many lower-case words a document source after 'menurut' may have (menurut data resmi, menurut laporan terbaru itu). */
const DOCUMENT_SOURCE_MAX = 4;

/** "Menurut data resmi, ...": a document head and its lower-case modifiers up to the comma, as the source. */
function documentAfter(features: SentenceFeatures, from: number): SourcePhrase | null {
  const { tokens } = features;
  const head = tokens[from];
  if (head === undefined || head.capitalised || !LEXICONS.documentHeads.has(head.lower)) return null;
  let end = from + 1;
  while (end < tokens.length && end - from < DOCUMENT_SOURCE_MAX && (tokens[end] as Token).isWord && !(tokens[end] as Token).capitalised) end++;
  if (!isComma(tokens[end])) return null;
  return {
    kind: 'name',
    text: joinTokens(tokens, features.text, from, end),
    type: 'document',
    holderStart: from,
    holderEnd: end,
    side: null,
    organisationHead: false,
  };
}

/** Does a comma and a contrastive conjunction (, sementara; , but) stand in tokens [from, to): a new clause, not nested content? */
function clauseBreakBetween(tokens: readonly Token[], from: number, to: number): boolean {
  for (let k = Math.max(1, from); k < to; k++) {
    const t = tokens[k] as Token;
    if (t.text === ':' || t.text === ';' || (CLAUSE_BREAKS.has(t.lower) && isComma(tokens[k - 1]))) return true;
  }
  return false;
}

/**
 * Two cues in one sentence report two statements (Kremlin menafikan dakwaan itu dan berkata ...; X mengatakan ..., sementara Y menilai ...):
 * a content that runs on past the next cue's speaker (or the cue itself, when the speaker is shared) ends before it, with any comma,
 * coordinator or contrastive word there. This also keeps the contents of a long run of cues linear in total, not quadratic.
 */
function endContentsAtNextCue(features: SentenceFeatures, found: RawAttribution[]): void {
  const { tokens } = features;
  for (let n = 0; n + 1 < found.length; n++) {
    const raw = found[n] as RawAttribution;
    const next = found[n + 1] as RawAttribution;
    if (raw.contentFrom.sentence !== raw.sentence || raw.contentTo.sentence !== raw.sentence || raw.sentenceIndices.length !== 1) continue;
    // The next cue's own words: its speaker when it stands before the cue, else the cue.
    let stop = next.source.holderStart > raw.cueToken && next.source.holderEnd <= next.cueToken ? next.source.holderStart : next.cueToken;
    const stopOffset = (tokens[stop] as Token).start;
    if (stopOffset <= raw.contentFrom.offset || stopOffset >= raw.contentTo.offset) continue;
    while (stop > 0) {
      const t = tokens[stop - 1] as Token;
      const joiner = isComma(t) || LEXICONS.coordinators.has(t.lower) || CLAUSE_BREAKS.has(t.lower) || LEXICONS.skipAdverbs.has(t.lower);
      if (!joiner) break;
      stop--;
    }
    const last = tokens[stop - 1];
    if (last === undefined || last.end <= raw.contentFrom.offset) continue;
    found[n] = { ...raw, contentTo: { sentence: raw.sentence, offset: last.end } };
  }
}

/** The attributions cued in one sentence, before norms are resolved. */
function attributionsInSentence(all: readonly SentenceFeatures[], s: number): RawAttribution[] {
  const features = all[s] as SentenceFeatures;
  const cues = cueHits(features);
  if (cues.length === 0) return [];
  const { tokens } = features;
  const found: RawAttribution[] = [];
  const sentenceEnd = contentEndOfSentence(features);
  // Where the content of an active cue found so far starts: later subjects from here on are inside it.
  let nestedFrom = Number.POSITIVE_INFINITY;
  const cueStarts = new Set(cues.map((c) => c.start));
  for (let c = 0; c < cues.length; c++) {
    const cue = cues[c] as (typeof cues)[number];
    const nextCue = cues[c + 1]?.start ?? tokens.length;
    const cueToken = tokens[cue.start] as Token;
    const previous = tokens[cue.start - 1];
    // "Katanya, ...": a -nya cue opening the sentence before a comma is a parenthetical; its content follows.
    const openingParenthetical = cue.start === 0 && hasNya(cueToken) && isComma(tokens[cue.end]);
    // A quote mark right after a comma closes the quotation whichever way it is written (,“ kata ...; '' kata ...).
    const quoteAfterComma = isQuote(previous) && isComma(tokens[cue.start - 2]);
    const afterCommaOrQuote = openingParenthetical || quoteAfterComma || (previous !== undefined && (isComma(previous) || CLOSING_QUOTES.has(previous.text)));
    if (cue.kinds.includes('inverted') && afterCommaOrQuote) {
      const withNya = hasNya(cueToken);
      const source: SourcePhrase | null = withNya
        ? { kind: 'person_pronoun', text: '-nya', type: null, holderStart: cue.start, holderEnd: cue.end, side: null, organisationHead: false }
        : (sourceAfter(features, cue.end, true) ?? titledNameAfter(features, cue.end));
      if (source === null) continue;
      let end = cue.start;
      while (end > 0 && isComma(tokens[end - 1])) end--;
      // "A, kata X, B, kata Y": the content of a later cue starts after the earlier cue and its speaker, not at the sentence start.
      // With nothing between two cues (katanya, katanya), the later one reports nothing of its own.
      if (c > 0 && onlyJoinersBetween(tokens, (cues[c - 1] as (typeof cues)[number]).end, cue.start)) continue;
      const earlier = found.at(-1);
      const from = earlier === undefined ? 0 : Math.max(earlier.cueToken + 1, earlier.source.holderEnd);
      if (from > 0 && from >= end) continue;
      let content: SentenceSpan = { sentence: s, startToken: from, endToken: end };
      const rules = ['attribution.cue_inverted_after_quote'];
      // "Bagaimanapun, katanya, Barat perlu ...": before the parenthetical cue stand only connectives; the content follows it.
      const sourceEnd = Math.max(source.holderEnd, cue.end);
      if (
        isComma(tokens[sourceEnd]) &&
        tokens.slice(0, end).every((t) => !t.isWord || LEXICONS.sentenceAdverbs.has(t.lower) || LEXICONS.skipAdverbs.has(t.lower))
      ) {
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
        : (sourceAfter(features, cue.end, true) ?? documentAfter(features, cue.end));
      if (source === null) continue;
      const sourceEnd = Math.max(source.holderEnd, cue.end);
      // "Sebelumnya, menurut seorang sumber, CONTENT": before a comma-led menurut stand only connectives, the content follows.
      const onlyConnectivesBefore = tokens
        .slice(0, cue.start)
        .every((t) => !t.isWord || LEXICONS.sentenceAdverbs.has(t.lower) || LEXICONS.skipAdverbs.has(t.lower));
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
      // "Hal itu dilaporkan kantor berita Rusia RIA Novosti": the agent is the name after the words saying what kind of outlet it is.
      const source = sourceAfter(features, agentAt, true);
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
    // English passive: "a move roundly condemned by Western powers": the agent after 'by' is the source, the content before the cue.
    if (tokens[cue.end]?.lower === 'by' && (cue.kinds.includes('active') || cue.kinds.includes('active_needs_clause'))) {
      const named = sourceAfter(features, cue.end + 1);
      if (named === null || named.kind !== 'name') continue;
      // "by Western powers": a plural head after a capitalised modifier belongs to the agent.
      const head = tokens[named.holderEnd];
      const agent =
        head !== undefined && head.isWord && !head.capitalised && head.lower.endsWith('s') && !ENGLISH_FUNCTION_WORDS.has(head.lower)
          ? { ...named, text: joinTokens(tokens, features.text, named.holderStart, named.holderEnd + 1), holderEnd: named.holderEnd + 1 }
          : named;
      let end = cue.start;
      // The content is what was done, without the auxiliary and adverb of the passive (was roundly condemned).
      while (
        end > 0 &&
        (isComma(tokens[end - 1]) ||
          ((tokens[end - 1] as Token).isWord &&
            (/ly$/u.test((tokens[end - 1] as Token).lower) || ENGLISH_FUNCTION_WORDS.has((tokens[end - 1] as Token).lower))))
      )
        end--;
      const raw = makeRaw(all, s, cue.start, agent, { sentence: s, startToken: 0, endToken: end }, ['attribution.cue_passive_by']);
      if (raw !== null) found.push(raw);
      continue;
    }
    if (cue.kinds.includes('active') || cue.kinds.includes('active_needs_clause')) {
      const needsClause = !cue.kinds.includes('active');
      const withClause = !needsClause || clauseFollows(features, cue.end);
      // A verb inside a quotation is the quoted speaker's words ("Kami mencatat bahwa ...," imbuhnya), not a report.
      if (quoteBalance(features.text.slice(0, cueToken.start)) > 0) continue;
      let source = sourceBefore(features, cue.start);
      const rules = [needsClause ? 'attribution.cue_active_with_clause' : 'attribution.cue_active'];
      // A subject inside the content of an earlier cue (Ia mengatakan bahwa dia berharap ...) is reported, not reporting.
      // A cue that ends its sentence ("..., the Kremlin said.") has its content before it: it reports, whatever stands before.
      const endsSentence = !hasWordIn(tokens, cue.end, sentenceEnd);
      const nested = source !== null && !endsSentence && nestedFrom <= source.holderStart && !clauseBreakBetween(tokens, nestedFrom, source.holderStart);
      if (source === null || nested) {
        // "Biden mengatakan ..., menambahkan: ...", "ucap Putin, seraya menambahkan bahwa ...": a verb with no subject of its own after a comma or a
        // coordinator shares the speaker of the cue before it in the sentence.
        let k = cue.start - 1;
        while (k >= 0 && (tokens[k] as Token).isWord && !(tokens[k] as Token).capitalised && LEXICONS.skipAdverbs.has((tokens[k] as Token).lower)) k--;
        const joined = k >= 0 && (isComma(tokens[k]) || LEXICONS.coordinators.has((tokens[k] as Token).lower) || CLAUSE_BREAKS.has((tokens[k] as Token).lower));
        const previousSpeaker = found.at(-1)?.source ?? null;
        // Only a verb of saying, a speech act on its object, or one with a that-clause (dan berjanji akan membalas is a promise, not a statement).
        const statement =
          cue.kinds.includes('active') ||
          SPEECH_ACTS_ON_OBJECT.has(joinTokens(tokens, features.text, cue.start, cue.end).toLowerCase()) ||
          tokens.slice(cue.end, cue.end + 2).some((t) => LEXICONS.complementizers.has(t.lower));
        if (joined && previousSpeaker !== null && !endsSentence && statement) {
          source = previousSpeaker;
          rules.push('attribution.source_previous_cue_subject');
        } else if (nested) continue;
      }
      if (source === null) {
        let k = cue.start - 1;
        while (k >= 0 && (tokens[k] as Token).isWord && !(tokens[k] as Token).capitalised && LEXICONS.skipAdverbs.has((tokens[k] as Token).lower)) k--;
        // Only a verb of saying, or one with a that-clause (dan berjanji akan membalas is a promise, not a statement).
        const saying = cue.kinds.includes('active') || tokens.slice(cue.end, cue.end + 2).some((t) => LEXICONS.complementizers.has(t.lower));
        if (k > 0 && saying && !endsSentence && LEXICONS.coordinators.has((tokens[k] as Token).lower)) {
          source = openingSubject(features, k);
          if (source !== null) rules.push('attribution.source_coordinated_subject');
        }
      }
      if (source === null) continue;
      // Without a clause, a verb that also takes a plain object (Rusia mengecam NATO karena ...; Kremlin mengumumkan rencana ...) reports a
      // speech act only when a named or pronoun subject performs it: no unnamed or group subjects.
      if (!withClause) {
        const cuePhrase = joinTokens(tokens, features.text, cue.start, cue.end).toLowerCase();
        const namedSubject = source.kind !== 'anonymous';
        // A relative clause (... urusan dalam negeri Ukraina yang mengancam Rusia) describes, it does not report.
        const relative = tokens[source.holderEnd]?.lower === 'yang';
        if (!SPEECH_ACTS_ON_OBJECT.has(cuePhrase) || !namedSubject || relative) continue;
        rules.push('attribution.cue_speech_act_on_object');
      }
      // "Beliau berkata demikian ketika ...": the content is what was said in the previous sentence.
      const proform = matchPhrases(tokens.slice(cue.end, cue.end + 3), LEXICONS.contentProforms)[0];
      if (proform !== undefined && proform.start === 0 && s > 0) {
        found.push(previousSentenceContent(all, s, cue.start, cueText(cueToken), source, rules));
        continue;
      }
      let start = cue.end;
      for (let k = cue.end; k < Math.min(tokens.length, cue.end + BAHWA_WINDOW); k++) {
        const t = tokens[k] as Token;
        // A bahwa after another cue opens that cue's clause (X mengatakan Putin ingin Barat mengakui ... bahawa ...).
        if (isQuote(t) || cueStarts.has(k)) break;
        if (LEXICONS.complementizers.has(t.lower)) {
          start = k + 1;
          break;
        }
      }
      while (start < sentenceEnd && (isComma(tokens[start]) || tokens[start]?.text === ':')) start++;
      // "mengatakan dan menambahkan ...": only joiners before the next cue, so this one says nothing of its own (and a long run of
      // cues stays linear: no content reaching to the sentence end per cue).
      if (nextCue < sentenceEnd && onlyJoinersBetween(tokens, start, nextCue)) continue;
      let content: SentenceSpan = { sentence: s, startToken: start, endToken: sentenceEnd };
      if (!hasWordIn(tokens, start, sentenceEnd)) {
        // "«...», Lavrov mengatakan.": the content stands before the source.
        let end = source.holderStart;
        while (end > 0 && isComma(tokens[end - 1])) end--;
        content = { sentence: s, startToken: 0, endToken: end };
      }
      const made = makeRaw(all, s, cue.start, source, content, rules);
      // A cue of several words (memberi amaran, called for) is written whole.
      const raw = made !== null && cue.end - cue.start > 1 ? { ...made, cue: joinTokens(tokens, features.text, cue.start, cue.end) } : made;
      if (raw !== null) {
        found.push(raw);
        if (content.startToken > cue.start) nestedFrom = Math.min(nestedFrom, content.startToken);
      }
    }
  }
  if (found.length > 1) endContentsAtNextCue(features, found);
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
    // Acronyms and last names are one word (no whitespace), so a source of several words is its own norm, without a quoted
    // nickname (Joko "Jokowi" Widodo → Joko Widodo).
    if (/\s/u.test(text)) {
      const withoutNickname = text.replace(QUOTED_NICKNAME, ' ');
      return withoutNickname === text ? { norm: text, rule: null } : { norm: withoutNickname, rule: 'attribution.norm_without_nickname' };
    }
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
      const inSentence = names
        .runsOf(raw.sentence)
        .filter((r) => r.person && r.end <= source.holderStart)
        .pop();
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
    const charStart =
      (fromSentence?.char_start ?? 0) + (astralIn(fromFeatures.text) ? codePointLength(fromFeatures.text, raw.contentFrom.offset) : raw.contentFrom.offset);
    const charEnd = (toSentence?.char_start ?? 0) + (astralIn(toFeatures.text) ? codePointLength(toFeatures.text, raw.contentTo.offset) : raw.contentTo.offset);
    const content =
      raw.contentFrom.sentence === raw.contentTo.sentence
        ? fromFeatures.text.slice(raw.contentFrom.offset, raw.contentTo.offset)
        : cleanSlice(charStart, charEnd);
    const knownSide = side ?? sideByNorm.get(norm) ?? null;
    const known = sourceIdentity(norm, knownSide);
    // Written out, not spread from an identity object: a spread copies the keys one by one at run time.
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
      side: knownSide,
      source_side: known.side,
      source_qid: known.qid,
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
    source_side: found.source_side,
    source_qid: found.source_qid,
  };
}
