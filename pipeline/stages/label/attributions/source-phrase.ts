/**
 * Attributions (CODEBOOK.md section 7): the source phrase. Finding the
 * phrase that names who claims, before or after a cue (names, titles,
 * bodies, pronouns, anaphoric descriptions, unnamed sources), and typing it;
 * plus the clause tests the cue patterns need.
 */
import { LEXICONS, type Side } from '../lexicons.js';
import { matchPhrases } from '../phrase-index.js';
import type { SentenceFeatures } from '../sentence-features.js';
import type { Token } from '../../../text/tokenize.js';
import type { SourceType } from '../../../types.js';
import { APPOSITIVE_MARKERS, INCLUSION_MARKERS, QUOTED_AS_BRIDGES } from './lexicon.js';
import {
  ALL_CAPS_ACRONYM,
  addresseeStart,
  allIn,
  bracketedAcronymAt,
  bracketedDateStart,
  isComma,
  isQuote,
  joinTokens,
  placeMentionAt,
  quotedNicknameAt,
  sideIn,
} from './token-patterns.js';

export { ALL_CAPS_ACRONYM, clauseFollows, isComma, isQuote, joinTokens } from './token-patterns.js';

/** How a source phrase refers. */
type SourceKind = 'name' | 'person_pronoun' | 'group_pronoun' | 'description' | 'anonymous';

/** A source phrase as found, before pronoun resolution. */
export interface SourcePhrase {
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

/** Could this token be part of a source phrase (names, titles, unnamed-source heads)? */
function isSourcePhraseToken(t: Token): boolean {
  if (!t.isWord) return false;
  if (LEXICONS.sentenceAdverbs.has(t.lower) || LEXICONS.skipAdverbs.has(t.lower)) return LEXICONS.titleWords.has(t.lower) && t.capitalised;
  return (
    t.capitalised ||
    LEXICONS.titleWords.has(t.lower) ||
    LEXICONS.anonymousHeads.has(t.lower) ||
    LEXICONS.nameConnectors.has(t.lower) ||
    LEXICONS.orgHeads.has(t.lower)
  );
}

/**
 * Classify a delimited run of source-phrase tokens [start, end): split the
 * title from the name, and type the source.
 */
export function classifyRun(features: SentenceFeatures, start: number, end: number, checkMedia = true): SourcePhrase | null {
  const { tokens, text } = features;
  const runStart = start;
  // Connectors cannot open or close a name.
  while (start < end && LEXICONS.nameConnectors.has((tokens[start] as Token).lower)) start++;
  while (end > start && LEXICONS.nameConnectors.has((tokens[end - 1] as Token).lower)) end--;
  if (start >= end) return null;
  // The name is the longest capitalised suffix that is neither a title word nor a place/body mention.
  let nameStart = end;
  for (let k = end - 1; k >= start; k--) {
    const t = tokens[k] as Token;
    const partOfName =
      (t.capitalised && !LEXICONS.titleWords.has(t.lower) && placeMentionAt(features, k) === undefined) ||
      (LEXICONS.nameConnectors.has(t.lower) && k > start) ||
      (k > start && (quotedNicknameAt(tokens, k) || quotedNicknameAt(tokens, k - 2)));
    if (!partOfName) break;
    nameStart = k;
  }
  while (nameStart < end && LEXICONS.nameConnectors.has((tokens[nameStart] as Token).lower)) nameStart++;
  // After a title, an acronym before the name is the body of the office (Sekretaris Jenderal SPD Matthias Miersch), not part of the name.
  while (
    nameStart > start &&
    nameStart < end - 1 &&
    ALL_CAPS_ACRONYM.test((tokens[nameStart] as Token).text) &&
    LEXICONS.titleWords.has((tokens[nameStart - 1] as Token).lower)
  )
    nameStart++;
  // An acronym alone after a title or body words is the body of the office (Wartawan BBC, Kementerian Luar Negeri RI): the source is the whole run.
  const officeOfAcronym = nameStart > start && nameStart === end - 1 && ALL_CAPS_ACRONYM.test((tokens[nameStart] as Token).text);
  if (officeOfAcronym) nameStart = end;
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
    const organisation =
      LEXICONS.orgHeads.has(nameFirst.lower) ||
      LEXICONS.orgHeads.has((tokens[end - 1] as Token).lower) ||
      (nameStart === end - 1 && ALL_CAPS_ACRONYM.test(nameFirst.text));
    const type: SourceType = media ? 'media' : organisation ? 'organisation' : LEXICONS.documentHeads.has(nameFirst.lower) ? 'document' : 'person';
    return { kind: 'name', text: name, type, holderStart: start, holderEnd: end, side, organisationHead: organisation };
  }
  // No name: a body named whole (Kementerian Pertahanan Rusia, NATO, Gedung Putih), an unnamed source, or a bare title.
  const whole = joinTokens(tokens, text, start, end);
  if (LEXICONS.anonymousHeads.has(first.lower)) {
    // An article before an unnamed source belongs to it (the source said; a source familiar with ...), as the gold writes it.
    const from = runStart < start && LEXICONS.anonymousHeads.has((tokens[start - 1] as Token).lower) ? start - 1 : start;
    return {
      kind: 'anonymous',
      text: joinTokens(tokens, text, from, end),
      type: 'anonymous',
      holderStart: from,
      holderEnd: end,
      side,
      organisationHead: false,
    };
  }
  if (LEXICONS.documentHeads.has(first.lower)) {
    return { kind: 'name', text: whole, type: 'document', holderStart: start, holderEnd: end, side, organisationHead: false };
  }
  if (officeOfAcronym && LEXICONS.titleWords.has(first.lower)) {
    return { kind: 'name', text: whole, type: media ? 'media' : 'person', holderStart: start, holderEnd: end, side, organisationHead: false };
  }
  if (
    officeOfAcronym ||
    LEXICONS.orgHeads.has(first.lower) ||
    placeMentionAt(features, start) !== undefined ||
    LEXICONS.orgHeads.has((tokens[end - 1] as Token).lower)
  ) {
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
  // The office must be of a state or body: a gazetteer mention or a body head (juru bicara Departemen Luar Negeri).
  const ofBody = features.mentions.some((m) => m.canonical === null && m.start >= start && m.end <= end);
  let bodyHead = false;
  for (let k = start + 1; k < end && !ofBody; k++) if (LEXICONS.orgHeads.has((tokens[k] as Token).lower) && (tokens[k] as Token).capitalised) bodyHead = true;
  if (!ofBody && !bodyHead) return null;
  const next = tokens[end];
  if (next !== undefined && (next.capitalised || next.text === '(')) return null;
  return {
    kind: 'name',
    text: joinTokens(tokens, features.text, start, end),
    type: 'person',
    holderStart: start,
    holderEnd: end,
    side: sideIn(features, start, end),
    organisationHead: false,
  };
}

/**
 * "the President said", "the minister told reporters": a title of office
 * after 'the', with no name, refers back to the person holding it: a
 * description written with its article, resolved to the last person source.
 */
function definiteTitle(features: SentenceFeatures, start: number, end: number): SourcePhrase | null {
  const { tokens } = features;
  if ((tokens[start] as Token | undefined)?.lower !== 'the' || end - start < 2) return null;
  for (let k = start + 1; k < end; k++) if (!LEXICONS.titleWords.has((tokens[k] as Token).lower)) return null;
  return {
    kind: 'description',
    text: joinTokens(tokens, features.text, start, end),
    type: null,
    holderStart: start,
    holderEnd: end,
    side: null,
    organisationHead: false,
  };
}

/** How many lower-case words of a title may stand before the name after an inverted cue. */
const LOWER_TITLE_MAX = 8;

/**
 * "kata kepala kebijakan luar negeri UE Josep Borrell": after an inverted
 * cue, a title written lower-case (with words outside the title lexicon)
 * and the person's name after it; the source is the name.
 */
export function titledNameAfter(features: SentenceFeatures, from: number): SourcePhrase | null {
  const { tokens } = features;
  const first = tokens[from];
  if (first === undefined || first.capitalised || !LEXICONS.titleWords.has(first.lower)) return null;
  for (let k = from + 1; k < Math.min(tokens.length, from + LOWER_TITLE_MAX); k++) {
    const t = tokens[k] as Token;
    if (!t.isWord) return null;
    if (t.capitalised && placeMentionAt(features, k) === undefined && !LEXICONS.titleWords.has(t.lower)) {
      const named = sourceAfter(features, k);
      return named !== null && named.kind === 'name' && named.type === 'person' ? { ...named, holderStart: from } : null;
    }
  }
  return null;
}

/** A pronoun source at token i, or null. */
function pronounAt(features: SentenceFeatures, i: number): SourcePhrase | null {
  const t = features.tokens[i];
  if (t === undefined || !t.isWord) return null;
  if (LEXICONS.personPronouns.has(t.lower))
    return { kind: 'person_pronoun', text: t.text, type: null, holderStart: i, holderEnd: i + 1, side: null, organisationHead: false };
  if (LEXICONS.groupPronouns.has(t.lower))
    return { kind: 'group_pronoun', text: t.text, type: null, holderStart: i, holderEnd: i + 1, side: null, organisationHead: false };
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

/** How far left of the cue's subject an unnamed-source head may stand (sumber diplomatik senior, pejabat tinggi pemerintah). */
const UNNAMED_HEAD_WINDOW = 4;

/**
 * An unnamed source whose head is followed by lower-case modifiers
 * (beberapa sumber diplomatik, seorang sumber petinggi pemerintah, sejumlah
 * politisi Uni Eropa): the head (reporting-verbs.id.json unnamed_source_heads)
 * within a few words before the cue's subject end, only words between, and
 * the run of source words before the head (seorang, para, beberapa).
 * Capitalised words after the head must be gazetteer mentions.
 */
function unnamedSourceEndingAt(features: SentenceFeatures, last: number): SourcePhrase | null {
  const { tokens } = features;
  let head = -1;
  for (let k = last; k >= Math.max(0, last - UNNAMED_HEAD_WINDOW); k--) {
    const t = tokens[k] as Token;
    if (!t.isWord || LEXICONS.complementizers.has(t.lower) || t.lower === 'yang') return null;
    if (LEXICONS.unnamedSourceHeads.has(t.lower)) {
      head = k;
      break;
    }
  }
  if (head < 0 || head === last) return null;
  // A capitalised word after the head is a name (Analis politik Mikhail Shinkmann): a titled person, not an unnamed source;
  // a side or body of the gazetteer is a modifier (politisi Uni Eropa).
  for (let k = head + 1; k <= last; k++) if ((tokens[k] as Token).capitalised && placeMentionAt(features, k) === undefined) return null;
  let start = head;
  while (start > 0 && LEXICONS.anonymousHeads.has((tokens[start - 1] as Token).lower)) start--;
  return {
    kind: 'anonymous',
    text: joinTokens(tokens, features.text, start, last + 1),
    type: 'anonymous',
    holderStart: start,
    holderEnd: last + 1,
    side: sideIn(features, start, last + 1),
    organisationHead: false,
  };
}

/**
 * Two bodies or people as one source (NATO dan Rusia menyatakan, Washington
 * and NATO said): a capitalised run, dan/and/serta, and the run [start, last]
 * that ends at the cue; the joint source is both, typed organisation.
 */
function jointSourceBefore(features: SentenceFeatures, start: number, last: number): SourcePhrase | null {
  const { tokens } = features;
  const conjunction = tokens[start - 1];
  if (conjunction === undefined || !JOINT_CONJUNCTIONS.has(conjunction.lower) || start < 2) return null;
  let first = start - 2;
  if (!(tokens[first] as Token).capitalised) return null;
  while (first > 0 && isSourcePhraseToken(tokens[first - 1] as Token)) first--;
  // Both parts must be named bodies or places of the gazetteer (no title-and-name appositions).
  const named = (from: number, to: number): boolean => features.mentions.some((m) => m.start >= from && m.end <= to);
  if (!named(first, start - 1) || !named(start, last + 1)) return null;
  return {
    kind: 'name',
    text: joinTokens(tokens, features.text, first, last + 1),
    type: 'organisation',
    holderStart: first,
    holderEnd: last + 1,
    // Two sides speaking together have no one side.
    side: null,
    organisationHead: true,
  };
}

const JOINT_CONJUNCTIONS: ReadonlySet<string> = new Set(['dan', 'and', 'serta']);
/** Prepositions whose object is never the subject of the verb after it. */
const PREPOSITIONS: ReadonlySet<string> = new Set(['di', 'dari', 'ke', 'dengan', 'terhadap', 'untuk', 'bagi', 'antara', 'atas', 'tentang', 'mengenai']);

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
    // An unnamed source taken up again (sumber tersebut, the source): as unnamed as before.
    const previous = tokens[last - 1];
    if (previous !== undefined && LEXICONS.unnamedSourceHeads.has(previous.lower)) {
      const from = LEXICONS.anonymousHeads.has(tokens[last - 2]?.lower ?? '') ? last - 2 : last - 1;
      return {
        kind: 'anonymous',
        text: joinTokens(tokens, features.text, from, last + 1),
        type: 'anonymous',
        holderStart: from,
        holderEnd: last + 1,
        side: null,
        organisationHead: false,
      };
    }
    // A lower-case head counts when the description names a side or body of the gazetteer (pemimpin Rusia itu).
    const namesPlace = features.mentions.some((m) => m.canonical === null && m.start > start && m.end <= last);
    // A document taken up again (Dokumen dakwaan itu menuduh ...) is a description too, resolved like a person's.
    const describedHead =
      head !== undefined && (LEXICONS.titleWords.has(head.lower) || LEXICONS.orgHeads.has(head.lower) || LEXICONS.documentHeads.has(head.lower));
    if (head !== undefined && start < last && describedHead && (head.capitalised || namesPlace)) {
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
  const unnamed = unnamedSourceEndingAt(features, last);
  if (unnamed !== null) return unnamed;
  // "..., penyidik mengatakan", "Para ekonom, pengacara dan pakar mengatakan": unnamed-source heads alone, or a list of them, at a
  // clause start (the investigators, officials) are the source.
  if (LEXICONS.unnamedSourceHeads.has(t.lower)) {
    let from = last;
    while (from > 0) {
      const p = tokens[from - 1] as Token;
      // Professions of the title lexicon (pengacara, pakar) list with the heads; a capitalised title is someone's title, not a list.
      const member = (x: Token): boolean => LEXICONS.unnamedSourceHeads.has(x.lower) || (LEXICONS.titleWords.has(x.lower) && x.text === x.lower);
      const listed = member(p) || LEXICONS.anonymousHeads.has(p.lower) || JOINT_CONJUNCTIONS.has(p.lower);
      const listComma = isComma(p) && from >= 2 && member(tokens[from - 2] as Token);
      if (!listed && !listComma) break;
      from--;
    }
    const before = tokens[from - 1];
    const head = tokens[from] as Token;
    if ((before === undefined || !before.isWord || LEXICONS.sentenceAdverbs.has(before.lower)) && !JOINT_CONJUNCTIONS.has(head.lower) && !isComma(head)) {
      const text = joinTokens(tokens, features.text, from, last + 1);
      return { kind: 'anonymous', text, type: 'anonymous', holderStart: from, holderEnd: last + 1, side: null, organisationHead: false };
    }
  }
  if (!isSourcePhraseToken(t) || LEXICONS.nameConnectors.has(t.lower)) return null;
  let start = last;
  for (;;) {
    while (start > 0 && isSourcePhraseToken(tokens[start - 1] as Token)) start--;
    // "Pejabat Kawalan Aset Asing (OFAC) Jabatan Perbendaharaan AS": a bracketed acronym inside a body's name.
    // ... and a quoted nickname inside a person's name (Joko "Jokowi" Widodo).
    if (!(bracketedAcronymAt(tokens, start - 3) || quotedNicknameAt(tokens, start - 3)) || !(tokens[start - 4]?.capitalised ?? false)) break;
    start -= 3;
  }
  const joint = jointSourceBefore(features, start, last);
  if (joint !== null) return joint;
  // "... Adnyana di Denpasar, mengatakan": a place after the source is not the source.
  if (start >= 2 && ['di', 'dari', 'kepada'].includes((tokens[start - 1] as Token).lower) && isSourcePhraseToken(tokens[start - 2] as Token)) {
    const before = sourceEndingAt(features, start - 2);
    if (before !== null && before.kind === 'name') return { ...before, holderEnd: last + 1 };
    // An unnamed source keeps its place, as the gold writes it (para diplomat di Brussels).
    if (before !== null && before.kind === 'anonymous')
      return { ...before, text: joinTokens(tokens, features.text, before.holderStart, last + 1), holderEnd: last + 1 };
  }
  // "... dijamin di negara-negara Eropa menggarisbawahi ...": a name that is the object of a preposition (with at most one
  // lower-case noun between) is inside a phrase of place or company, not the subject of the verb.
  // A preposition after a capitalised word or a title belongs to the title (Duta Besar Rusia untuk Indonesia Lyudmila Vorobieva).
  const objectOf = (i: number): boolean =>
    PREPOSITIONS.has(tokens[i]?.lower ?? '') &&
    tokens[i]?.text === tokens[i]?.lower &&
    !(tokens[i - 1]?.capitalised ?? false) &&
    !LEXICONS.titleWords.has(tokens[i - 1]?.lower ?? '');
  const lowerNoun = (i: number): boolean => {
    const x = tokens[i];
    return x !== undefined && x.isWord && !x.capitalised && !isSourcePhraseToken(x) && !LEXICONS.skipAdverbs.has(x.lower);
  };
  // Before a relative 'yang' (komentar Menteri Sergei Lavrov yang mengatakan) the name heads the clause whatever governs it.
  const headsRelative = tokens[last + 1]?.lower === 'yang';
  if (!headsRelative && (objectOf(start - 1) || (lowerNoun(start - 1) && objectOf(start - 2)))) return null;
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
  return phrase ?? bareTitle(features, start, last + 1) ?? definiteTitle(features, start, last + 1);
}

/**
 * The source of an active cue at token `cue`: the phrase right before it,
 * across adverbs (juga, telah), a time phrase (pada Kamis, 27 Juni 2024) and a
 * relative 'yang' (komentar Menteri Sergei Lavrov yang mengatakan). Anything
 * else between source and verb (ataupun, a lower-case noun) means the verb has
 * no reporting source here.
 */
export function sourceBefore(features: SentenceFeatures, cue: number): SourcePhrase | null {
  const { tokens } = features;
  let k = cue - 1;
  let commaBeforeCue = -1;
  while (k >= 0) {
    const t = tokens[k] as Token;
    // "Kremlin, hari Senin (19/2) membantah": a bracketed date is a time phrase.
    const dateOpen = t.text === ')' ? bracketedDateStart(tokens, k) : -1;
    if (dateOpen >= 0) {
      k = dateOpen - 1;
      continue;
    }
    // "Seorang pejabat senior kepada wartawan mengatakan": who was told is not who speaks.
    const addressee = addresseeStart(tokens, k);
    if (addressee >= 0) {
      k = addressee - 1;
      continue;
    }
    if (isComma(t) && commaBeforeCue < 0) commaBeforeCue = k;
    const skippable =
      (t.isWord && !t.capitalised && LEXICONS.skipAdverbs.has(t.lower)) ||
      // "Biden dengan tegas memperingatkan": dengan before an adverb of manner.
      (t.lower === 'dengan' && LEXICONS.skipAdverbs.has(tokens[k + 1]?.lower ?? '')) ||
      // baru-baru ini, sebelum ini (Malay: earlier) are time adverbs; elsewhere 'ini' is a demonstrative.
      (t.isWord && t.lower === 'ini' && ['baru-baru', 'sebelum'].includes(tokens[k - 1]?.lower ?? '')) ||
      (t.isWord && t.lower === 'sebelum' && tokens[k + 1]?.lower === 'ini') ||
      // "Putin dipetik sebagai berkata", "Lavrov dilaporkan berkata": the speaker stands before the passive reporting words.
      (t.isWord && !t.capitalised && QUOTED_AS_BRIDGES.has(t.lower)) ||
      // "beberapa kali mengatakan" (several times) is how often, not who.
      (t.isWord && ['beberapa', 'berapa', 'sekian'].includes(t.lower) && tokens[k + 1]?.lower === 'kali') ||
      (t.isWord && (LEXICONS.timeWords.has(t.lower) || /^\p{N}/u.test(t.text)) && !(k > 0 && LEXICONS.personPronouns.has(tokens[k - 1]?.lower ?? ''))) ||
      isComma(t);
    if (!skippable) break;
    k--;
  }
  if (k < 0) return null;
  if ((tokens[k] as Token).lower === 'yang') k--;
  if (k < 0) return null;
  // "Nicke Widyawati, dalam rapat dengan Komisi VI DPR, mengatakan"; "Departemen Keuangan AS, yang mengeluarkan sanksi itu, menyatakan":
  // a comma-enclosed aside that opens lower-case stands between the source and its verb.
  if (commaBeforeCue >= 0) {
    const aside = asideSourceBefore(features, commaBeforeCue);
    if (aside !== null) return aside;
  }
  const phrase = sourceEndingAt(features, k);
  if (phrase === null) return null;
  // "Pejabat Rusia termasuk Menteri Luar Negeri Sergei Lavrov dan Zakharova mengatakan": the group before the list speaks.
  const marker = tokens[phrase.holderStart - 1];
  if (marker !== undefined && INCLUSION_MARKERS.has(marker.lower) && phrase.holderStart >= 2) {
    const group = sourceEndingAt(features, phrase.holderStart - 2);
    if (group !== null && group.kind !== 'person_pronoun') return { ...group, holderEnd: phrase.holderEnd };
  }
  return appositiveHead(features, phrase) ?? phrase;
}

/** Up to this many tokens may stand in a comma-enclosed aside or an appositive description between a name and its verb. */
const ASIDE_MAX = 14;

/** The source before a comma-enclosed aside ending at the comma `close`: the aside must open with a lower-case word. */
function asideSourceBefore(features: SentenceFeatures, close: number): SourcePhrase | null {
  const { tokens } = features;
  for (let k = close - 1; k >= Math.max(1, close - ASIDE_MAX); k--) {
    const t = tokens[k] as Token;
    if (isQuote(t) || LEXICONS.complementizers.has(t.lower)) return null;
    if (!isComma(t)) continue;
    const opener = tokens[k + 1];
    if (opener === undefined || !opener.isWord || opener.capitalised || LEXICONS.personPronouns.has(opener.lower) || k + 1 >= close) return null;
    const before = sourceEndingAt(features, k - 1);
    return before !== null && before.kind === 'name' ? { ...before, holderEnd: close } : null;
  }
  return null;
}

/**
 * "Dmitry Peskov selaku juru bicara Kremlin mengatakan": a name, an
 * appositive marker (selaku, sebagai) and a description of its office; the
 * source is the name, as the gold writes sources.
 */
function appositiveHead(features: SentenceFeatures, phrase: SourcePhrase): SourcePhrase | null {
  const { tokens } = features;
  for (let k = phrase.holderStart - 1; k >= Math.max(1, phrase.holderStart - ASIDE_MAX); k--) {
    const t = tokens[k] as Token;
    if (!t.isWord || LEXICONS.complementizers.has(t.lower)) return null;
    if (!APPOSITIVE_MARKERS.has(t.lower)) continue;
    const named = sourceEndingAt(features, k - 1);
    return named !== null && named.kind === 'name' && named.type === 'person' ? { ...named, holderEnd: phrase.holderEnd } : null;
  }
  return null;
}

/** The source phrase starting at or after token `from` (inverted cues, menurut, passive 'oleh'). */
export function sourceAfter(features: SentenceFeatures, from: number, skipLeadWords = false): SourcePhrase | null {
  const { tokens } = features;
  let k = from;
  while (k < tokens.length && ['oleh', 'dari', ':', 'by'].includes((tokens[k] as Token).lower)) k++;
  // "menurut laporan agensi berita TASS", "according to a statement from the Kremlin": the source is the name.
  if (skipLeadWords) while (k < tokens.length && !(tokens[k] as Token).capitalised && LEXICONS.sourceLeadWords.has((tokens[k] as Token).lower)) k++;
  const pronoun = pronounAt(features, k);
  if (pronoun !== null) return pronoun;
  let end = k;
  // A place of the gazetteer written lower-case (Kementerian Luar Negeri rusia) is still part of the title; a bracketed acronym
  // followed by more of the name is part of it (Kantor Pengawasan Aset Asing (OFAC) Departemen Keuangan).
  while (end < tokens.length) {
    if (end > k && (bracketedAcronymAt(tokens, end) || quotedNicknameAt(tokens, end)) && (tokens[end + 3]?.capitalised ?? false)) {
      end += 3;
      continue;
    }
    if (!(isSourcePhraseToken(tokens[end] as Token) || (end > k && placeMentionAt(features, end) !== undefined))) break;
    // "... Kementerian Luar Negeri Jerman di Berlin": a place after the source is not the source.
    const t = tokens[end] as Token;
    if (end > k && t.text === t.lower && LEXICONS.locationWords.has(t.lower) && tokens[end + 1]?.capitalised === true) break;
    // A lower-case 'yang' opens a relative clause (RIA Novosti yang mengutip ...); only Yang Berhormat is a title.
    if (t.text === 'yang') break;
    end++;
  }
  if (end === k) return null;
  const phrase = classifyRun(features, k, end);
  // A title followed by the name: "oleh Wakil Menteri Luar Negeri Rusia, Sergei Ryabkov"; "kata Sekretaris Jenderal NATO, Jens Stoltenberg".
  const titleOfBody = phrase !== null && phrase.kind === 'name' && phrase.type !== 'person' && LEXICONS.titleWords.has((tokens[k] as Token).lower);
  if ((phrase === null || titleOfBody) && isComma(tokens[end])) {
    const named = sourceAfter(features, end + 1);
    if (named !== null && named.kind === 'name' && named.type === 'person' && (phrase === null || tokens[end + 1]?.capitalised === true))
      return { ...named, holderStart: k, side: named.side ?? sideIn(features, k, end) };
  }
  if (phrase !== null) return withDemonstrative(features, phrase, end);
  const title = bareTitle(features, k, end);
  return title === null ? null : withDemonstrative(features, title, end);
}

/**
 * "kata sumber tersebut", "kata pejabat itu", "kata Menteri Luar Negeri Rusia
 * itu": an unnamed source or a title taken up again keeps its demonstrative,
 * as the gold writes it (a description, resolved to its antecedent); a name
 * does not take one.
 */
function withDemonstrative(features: SentenceFeatures, phrase: SourcePhrase, end: number): SourcePhrase {
  const next = features.tokens[end];
  if (next === undefined || !LEXICONS.demonstratives.has(next.lower) || phrase.holderEnd !== end) return phrase;
  const text = joinTokens(features.tokens, features.text, phrase.holderStart, end + 1);
  if (phrase.kind === 'anonymous') return { ...phrase, text, holderEnd: end + 1 };
  const head = features.tokens[phrase.holderStart] as Token;
  if (phrase.kind === 'name' && phrase.type !== 'person' && (LEXICONS.orgHeads.has(head.lower) || LEXICONS.titleWords.has(head.lower)))
    return { ...phrase, kind: 'description', text, type: null, holderEnd: end + 1, organisationHead: LEXICONS.orgHeads.has(head.lower) };
  return phrase;
}

/**
 * The subject that opens the sentence, for a reporting verb coordinated with
 * an earlier verb (Kremlin menafikan dakwaan itu dan berkata ...; the EU
 * condemned ... and said ...): a source phrase after any opening adverbs and
 * commas, followed by a lower-case word, ending before the cue.
 */
export function openingSubject(features: SentenceFeatures, cue: number): SourcePhrase | null {
  const { tokens } = features;
  let k = 0;
  while (
    k < cue &&
    (isComma(tokens[k]) || (LEXICONS.sentenceAdverbs.has((tokens[k] as Token).lower) && !LEXICONS.nameConnectors.has((tokens[k] as Token).lower)))
  )
    k++;
  const subject = sourceAfter(features, k);
  if (subject === null || subject.holderEnd >= cue || !tokens.slice(k, subject.holderStart).every((t) => LEXICONS.nameConnectors.has(t.lower))) return null;
  // A sentence opens capitalised whatever its first word is (Akibat, Kedatangan ...): the subject must be a pronoun, a title or body word, or name a gazetteer entity.
  const head = tokens[subject.holderStart] as Token;
  const known =
    subject.kind !== 'name' ||
    LEXICONS.titleWords.has(head.lower) ||
    LEXICONS.orgHeads.has(head.lower) ||
    features.mentions.some((m) => m.start >= subject.holderStart && m.end <= subject.holderEnd);
  if (!known) return null;
  const next = tokens[subject.holderEnd];
  return next !== undefined && next.isWord && !next.capitalised ? subject : null;
}
