/**
 * What the labelling functions read from one sentence (CODEBOOK.md sections
 * 4–7): its tokens, the lexicon phrases found in it by family and category,
 * and its mentions of Russia, the West and third parties. Computed once per
 * sentence and shared by every labelling function and the attribution finder.
 */
import { LEXICONS, type Side } from './lexicons.js';
import { matchFamilies, type FamilyHit, type PhraseHit } from './phrase-index.js';
import { isSpaceUnit, scan, WordTable, type Token } from '../../text/tokenize.js';
import { wordListsOf } from './word-lists.js';

/** A mention of a side in the gazetteer (entities.json), over tokens [start, end). */
export interface EntityMention {
  readonly side: Side;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The official's canonical name when the mention is one (Lavrov → Sergei Lavrov), else null. */
  readonly canonical: string | null;
}

/**
 * The hits of one lexicon category in a sentence. A sentence hits a few
 * categories, so a list searched by key costs less than a Map made per
 * sentence; the keys are the lexicons' interned category names, so comparing
 * them is comparing pointers.
 */
export interface CategoryHits {
  /** `<family>.<category>`, e.g. `stance.accuse_active`. */
  readonly category: string;
  /** Its family's position in LEXICONS.families.families (a reader of one family can tell at once that a sentence hits none of it). */
  readonly family: number;
  readonly hits: readonly PhraseHit[];
}

/** The features of one sentence. */
export interface SentenceFeatures {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** Lexicon hits per `<family>.<category>` (families: stance, relation, claim, cue), each in token order; read them with hitsOf. */
  readonly hits: readonly CategoryHits[];
  readonly mentions: readonly EntityMention[];
  /** Which sides the mentions name (computed once: every stance function of a target needs it). */
  readonly names: { readonly russia: boolean; readonly west: boolean; readonly other: boolean };
  readonly hasDigit: boolean;
  /** Every word token is ASCII (so lower-casing one alone gives its token's lower-case form). */
  readonly wordsAscii: boolean;
  readonly endsWithQuestion: boolean;
  /** Which sentence word lists (word-lists.ts WORD_LIST bits) some token is in. */
  readonly wordLists: number;
}

const NO_HITS: readonly PhraseHit[] = [];
const ENTITY_FAMILY = LEXICONS.families.families.indexOf('entity');
/** Closing marks that may follow a final question mark: ["”’')\]]. */
const QUESTION_CLOSERS = new Set([34, 0x201d, 0x2019, 39, 41, 93]);

/** Does the sentence end with a question mark, maybe followed by closing quotes or brackets and spaces (/\?["”’')\]]*\s*$/u, read backwards by hand)? */
function endsWithQuestionMark(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && isSpaceUnit(text.charCodeAt(i))) i--;
  while (i >= 0 && QUESTION_CLOSERS.has(text.charCodeAt(i))) i--;
  return i >= 0 && text.charCodeAt(i) === 63;
}
/** The longest case-sensitive alias (entities.json case_sensitive): longer words are not looked up. */
const CASE_SENSITIVE_MAX_LENGTH = Math.max(0, ...[...LEXICONS.caseSensitiveEntities.keys()].map((alias) => alias.length));
/** Compass words that name the West alone (Barat) but a place after a place head (Jawa Barat; entities.json compass_place_heads). */
const COMPASS_WORDS = new Set(['barat', 'timur', 'utara', 'selatan', 'tengah']);

/**
 * The case-sensitive aliases (AS, UE, FSB) by their lower-case form, found by
 * a token's hash: a capitalised short word is compared with them only when its
 * lower-case form is one's. Sound because an ASCII alias spelled by a token has
 * the token's lower-case form; a non-ASCII alias (none today) turns the filter off.
 */
const CASE_SENSITIVE_BY_LOWER = new WordTable([...LEXICONS.caseSensitiveEntities.keys()].map((alias) => [alias.toLowerCase(), true] as const));
const CASE_SENSITIVE_ALL_ASCII = [...LEXICONS.caseSensitiveEntities.keys()].every((alias) => /^[\x00-\x7f]*$/.test(alias));

/** The side of each one-word gazetteer alias, for the parts of hyphenated compounds (Rusia-Belarusia): made once from LEXICONS.entities. */
const ONE_WORD_ALIAS_SIDE = new Map<string, Side>();
for (const [first, entries] of LEXICONS.entities.byFirstWord) {
  const entry = entries.find((e) => e.words.length === 1);
  const side = entry?.categories.find((c): c is Side => c === 'russia' || c === 'west' || c === 'other');
  if (side !== undefined) ONE_WORD_ALIAS_SIDE.set(first, side);
}

/** Up to this many spans an insertion sort (no allocation) is cheapest; beyond it the built-in stable sort keeps the time n log n. */
const INSERTION_SORT_MAX = 32;

/**
 * Sort spans by start, in place and stably, as `spans.sort((a, b) => a.start - b.start)` would. An insertion sort for
 * the usual few spans: a sentence has few mentions or cues, and the built-in sort allocated a working copy per call.
 * A long run of them (issue #14: a sentence of thousands of names or cues) takes the built-in sort, which is stable too,
 * so the order is the same either way.
 *
 * @param spans - Mentions or hits of one sentence.
 * @returns The same array, sorted.
 */
export function sortByStart<T extends { readonly start: number }>(spans: T[]): T[] {
  if (spans.length > INSERTION_SORT_MAX) return spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    const span = spans[i] as T;
    let j = i - 1;
    for (; j >= 0 && (spans[j] as T).start > span.start; j--) spans[j + 1] = spans[j] as T;
    spans[j + 1] = span;
  }
  return spans;
}

/** Up to this many mentions a scan answers isCovered; beyond it a marker per token (issue #14: a run of names went quadratic). */
const COVERED_SCAN_MAX = 16;

/**
 * Which tokens lie inside a mention found so far. A sentence has few mentions: a scan of them costs less than a
 * per-sentence marker array, which is made only once a sentence has more than COVERED_SCAN_MAX of them.
 */
class Coverage {
  private marks: Uint8Array | null = null;
  constructor(
    private readonly mentions: readonly EntityMention[],
    private readonly tokenCount: number,
  ) {}

  /** Is token i inside one of the mentions? */
  has(i: number): boolean {
    const { mentions } = this;
    if (mentions.length <= COVERED_SCAN_MAX) {
      for (const m of mentions) if (m.start <= i && i < m.end) return true;
      return false;
    }
    if (this.marks === null) {
      this.marks = new Uint8Array(this.tokenCount);
      for (const m of mentions) this.marks.fill(1, m.start, m.end);
    }
    return this.marks[i] === 1;
  }

  /** Record a mention just pushed onto the list. */
  added(m: EntityMention): void {
    this.marks?.fill(1, m.start, m.end);
  }
}

/** Gazetteer mentions: case-sensitive abbreviations (AS, UE), then longest-match aliases; hyphenated compounds (Rusia-Belarusia, anti-Rusia) by their parts. */
function findMentions(text: string, tokens: readonly Token[], entityHits: readonly PhraseHit[]): EntityMention[] {
  const mentions: EntityMention[] = [];
  const covered = new Coverage(mentions, tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    // The case-sensitive aliases are all capitalised abbreviations (AS, UE, FSB): short words need the look-up, no others.
    if (!token.capitalised || token.text.length > CASE_SENSITIVE_MAX_LENGTH) continue;
    if (CASE_SENSITIVE_ALL_ASCII && CASE_SENSITIVE_BY_LOWER.get(token.lower, token.lowerHash) === undefined) continue;
    const side = LEXICONS.caseSensitiveEntities.get(token.text);
    if (side !== undefined && !LEXICONS.notEntityAfter.has(tokens[i - 1]?.lower ?? '')) {
      mentions.push({ side, start: i, end: i + 1, text: token.text, canonical: null });
    }
  }
  for (const hit of entityHits) {
    if (covered.has(hit.start)) continue;
    const first = tokens[hit.start] as Token;
    // A one-word alias is a name only when capitalised (Barat the West, barat the compass point).
    if (hit.end - hit.start === 1 && !first.capitalised) continue;
    const previous = tokens[hit.start - 1];
    if (COMPASS_WORDS.has(first.lower) && hit.end - hit.start === 1 && previous !== undefined && LEXICONS.compassPlaceHeads.has(previous.lower)) continue;
    if (previous !== undefined && LEXICONS.notEntityAfter.has(previous.lower)) continue;
    const side = hit.categories.find((c): c is Side => c === 'russia' || c === 'west' || c === 'other');
    if (side === undefined) continue;
    const official = LEXICONS.officialByAlias.get(hit.phrase);
    mentions.push({
      side: official?.side ?? side,
      start: hit.start,
      end: hit.end,
      text: tokens
        .slice(hit.start, hit.end)
        .map((t) => t.text)
        .join(' '),
      canonical: official?.name ?? null,
    });
    covered.added(mentions[mentions.length - 1] as EntityMention);
  }
  // Hyphenated compounds: only the word tokens that hold a hyphen of the text are read (a joiner '-' lies inside its token).
  for (let hyphen = text.indexOf('-'), i = 0; hyphen >= 0 && i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.end <= hyphen) continue;
    if (token.start < hyphen && token.isWord && !covered.has(i)) {
      // One mention per side the parts name: Dewan NATO-Rusia names both sides, Rusia-Belarusia one.
      const sides = new Set<Side>();
      for (const part of token.text.split('-')) {
        // One-word aliases only (a part of a compound is one word), or a case-sensitive abbreviation as written (Rusia-AS).
        const side = ONE_WORD_ALIAS_SIDE.get(part.toLowerCase()) ?? LEXICONS.caseSensitiveEntities.get(part);
        if (side !== undefined) sides.add(side);
      }
      for (const side of sides) mentions.push({ side, start: i, end: i + 1, text: token.text, canonical: null });
      if (sides.size > 0) covered.added(mentions[mentions.length - 1] as EntityMention);
    }
    hyphen = text.indexOf('-', token.end);
  }
  // Sorting allocates even for no or one mention, the usual case.
  return sortByStart(mentions);
}

/**
 * Tokens, lexicon hits and entity mentions of one sentence.
 *
 * @param text - The sentence text.
 * @returns Its features.
 * @example
 * sentenceFeatures('Rusia mengecam NATO.').mentions.map((m) => m.side) // ['russia', 'west']
 */
export function sentenceFeatures(text: string): SentenceFeatures {
  const { tokens, hasDigit, wordsAscii } = scan(text);
  const hits: { category: string; family: number; hits: PhraseHit[] }[] = [];
  let entityHits: PhraseHit[] | null = null;
  // Each hit under each of its (family-qualified) categories; a category belongs to one family, so its hits stay in token order.
  const found = matchFamilies(tokens, LEXICONS.families);
  for (let h = 0; h < found.length; h++) {
    const hit = found[h] as FamilyHit;
    if (hit.family === ENTITY_FAMILY) {
      (entityHits ??= []).push(hit);
      continue;
    }
    for (const category of hit.categories) {
      let listed = false;
      for (const entry of hits) {
        if (entry.category === category) {
          entry.hits.push(hit);
          listed = true;
          break;
        }
      }
      if (!listed) hits.push({ category, family: hit.family, hits: [hit] });
    }
  }
  const mentions = findMentions(text, tokens, entityHits ?? NO_HITS);
  const names = { russia: false, west: false, other: false };
  for (const m of mentions) names[m.side] = true;
  return {
    text,
    tokens,
    hits,
    mentions,
    names,
    hasDigit,
    wordsAscii,
    endsWithQuestion: endsWithQuestionMark(text),
    wordLists: wordListsOf(tokens),
  };
}

/**
 * The hits of one `<family>.<category>` key (empty when none).
 *
 * @param features - A sentence's features.
 * @param key - e.g. `stance.accuse_active`.
 * @returns The hits.
 */
export function hitsOf(features: SentenceFeatures, key: string): readonly PhraseHit[] {
  for (const entry of features.hits) if (entry.category === key) return entry.hits;
  return NO_HITS;
}

/**
 * Does the sentence hit this `<family>.<category>` key?
 *
 * @param features - A sentence's features.
 * @param key - e.g. `claim.hedge`.
 * @returns True when it has a hit of it.
 */
export function hasHits(features: SentenceFeatures, key: string): boolean {
  for (const entry of features.hits) if (entry.category === key) return true;
  return false;
}
