/**
 * What the labelling functions read from one sentence (CODEBOOK.md sections
 * 4–7): its tokens, the lexicon phrases found in it by family and category,
 * and its mentions of Russia, the West and third parties. Computed once per
 * sentence and shared by every labelling function and the attribution finder.
 */
import { LEXICONS, type Side } from './lexicons.js';
import { matchFamilies, type PhraseHit } from './phrase-index.js';
import { scan, type Token } from './tokenize.js';

/** A mention of a side in the gazetteer (entities.json), over tokens [start, end). */
export interface EntityMention {
  readonly side: Side;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The official's canonical name when the mention is one (Lavrov → Sergei Lavrov), else null. */
  readonly canonical: string | null;
}

/** The features of one sentence. */
export interface SentenceFeatures {
  readonly text: string;
  readonly tokens: readonly Token[];
  /** Lexicon hits keyed `<family>.<category>` (families: stance, relation, claim, cue), in token order. */
  readonly hits: ReadonlyMap<string, readonly PhraseHit[]>;
  readonly mentions: readonly EntityMention[];
  /** Which sides the mentions name (computed once: every stance function of a target needs it). */
  readonly names: { readonly russia: boolean; readonly west: boolean; readonly other: boolean };
  readonly hasDigit: boolean;
  readonly endsWithQuestion: boolean;
}

const NO_HITS: readonly PhraseHit[] = [];
const ENTITY_FAMILY = LEXICONS.families.families.indexOf('entity');
const QUESTION_END = /\?["”’')\]]*\s*$/u;
/** The longest case-sensitive alias (entities.json case_sensitive): longer words are not looked up. */
const CASE_SENSITIVE_MAX_LENGTH = Math.max(0, ...[...LEXICONS.caseSensitiveEntities.keys()].map((alias) => alias.length));
/** Compass words that name the West alone (Barat) but a place after a place head (Jawa Barat; entities.json compass_place_heads). */
const COMPASS_WORDS = new Set(['barat', 'timur', 'utara', 'selatan', 'tengah']);

/** Add every hit of one family to the map under its (family-qualified) categories. */
function addHits(into: Map<string, PhraseHit[]>, hits: readonly PhraseHit[]): void {
  for (const hit of hits) {
    for (const key of hit.categories) {
      const list = into.get(key);
      if (list === undefined) into.set(key, [hit]);
      else list.push(hit);
    }
  }
}

/** Scratch space of findMentions. */
let coveredScratch = new Uint8Array(256);

/** Gazetteer mentions: case-sensitive abbreviations (AS, UE), then longest-match aliases; hyphenated compounds (Rusia-Belarusia, anti-Rusia) by their parts. */
function findMentions(text: string, tokens: readonly Token[], entityHits: readonly PhraseHit[]): EntityMention[] {
  const mentions: EntityMention[] = [];
  // Tokens already inside a mention. One buffer for every call (this function is synchronous): a typed array per sentence was a noticeable share of the stage's allocation.
  if (coveredScratch.length < tokens.length) coveredScratch = new Uint8Array(Math.max(tokens.length, 2 * coveredScratch.length));
  const covered = coveredScratch.fill(0, 0, tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    // The case-sensitive aliases are all capitalised abbreviations (AS, UE, FSB): short words need the look-up, no others.
    if (!token.capitalised || token.text.length > CASE_SENSITIVE_MAX_LENGTH) continue;
    const side = LEXICONS.caseSensitiveEntities.get(token.text);
    if (side !== undefined && !LEXICONS.notEntityAfter.has(tokens[i - 1]?.lower ?? '')) {
      mentions.push({ side, start: i, end: i + 1, text: token.text, canonical: null });
      covered[i] = 1;
    }
  }
  for (const hit of entityHits) {
    if (covered[hit.start] === 1) continue;
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
    for (let k = hit.start; k < hit.end; k++) covered[k] = 1;
  }
  // Hyphenated compounds, in the few sentences with a hyphen.
  if (text.includes('-')) {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      if (covered[i] === 1 || !token.isWord || !token.lower.includes('-')) continue;
      for (const part of token.lower.split('-')) {
        // One-word aliases only: a part of a compound is one word.
        const entry = LEXICONS.entities.byFirstWord.get(part)?.find((e) => e.words.length === 1);
        const side = entry?.categories.find((c): c is Side => c === 'russia' || c === 'west' || c === 'other');
        if (side !== undefined) {
          mentions.push({ side, start: i, end: i + 1, text: token.text, canonical: null });
          break;
        }
      }
    }
  }
  // Sorting allocates even for no or one mention, the usual case.
  return mentions.length < 2 ? mentions : mentions.sort((a, b) => a.start - b.start);
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
  const { tokens, hasDigit } = scan(text);
  const hits = new Map<string, PhraseHit[]>();
  const byFamily = matchFamilies(tokens, LEXICONS.families);
  for (let f = 0; f < byFamily.length; f++) if (f !== ENTITY_FAMILY) addHits(hits, byFamily[f] ?? NO_HITS);
  const mentions = findMentions(text, tokens, byFamily[ENTITY_FAMILY] ?? NO_HITS);
  const names = { russia: false, west: false, other: false };
  for (const m of mentions) names[m.side] = true;
  return {
    text,
    tokens,
    hits,
    mentions,
    names,
    hasDigit,
    endsWithQuestion: QUESTION_END.test(text),
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
  return features.hits.get(key) ?? NO_HITS;
}
