/**
 * Where the parties stand in a sentence, for the stance functions
 * (CODEBOOK.md section 4): the stance targets, who is agent and who is
 * patient or object of a cue, negation and conditions, holders of a source
 * phrase, and which stance cues are live. stance.ts builds its labelling
 * functions from these.
 */
import type { SentenceContext } from './labeling-function.js';
import { categoryKey, LEXICONS, UNLISTED_CATEGORIES } from './lexicons.js';
import type { PhraseHit } from './phrase-index.js';
import { hitsOf, type EntityMention } from './sentence-features.js';
import { WORD_LIST } from './word-lists.js';
import type { Token } from '../../text/tokenize.js';
import type { Stance } from '../../types.js';
import STANCE_RULES from './rules/stance.id.json' with { type: 'json' };

/** The two stance targets. */
export type StanceTarget = 'russia' | 'west';

/** A labelling-function factory: one function per target (stance.ts, stance-speaker.ts). */
export type StanceRule = (target: StanceTarget) => (context: SentenceContext) => Stance | null;

export const OTHER_TARGET: Readonly<Record<StanceTarget, StanceTarget>> = { russia: 'west', west: 'russia' };

/** How many word tokens back an agent may stand from its cue. */
export const AGENT_WINDOW = 15;
/** How many word tokens after a transitive verb its object may start. */
export const OBJECT_WINDOW = 6;
/** How many word tokens before a mention a preposition still marks it as patient/place (di banyak negara Barat). */
export const MARKER_WINDOW = 3;
/** Tokens before a cue searched for a negator (tidak mengecam, tak pernah menuduh). */
export const NEGATION_WINDOW = 2;
/** Me- words that are not transitive verbs, so a mention after them is not their object. */
export const NOT_VERBS = new Set([
  'menteri',
  'media',
  'meski',
  'meskipun',
  'mereka',
  'menjadi',
  'merupakan',
  'menurut',
  'mengenai',
  'melalui',
  'menuju',
  'menjelang',
  'meja',
  'medan',
  'merah',
  'metode',
]);
export const TRANSITIVE_VERB = /^me(?:m|n|ng|ny)?\p{L}{3,}$/u;
/** Stance cue families of accusation, threat and coercion: they also signal hostility between the sides (relation.ts). */
export const HOSTILITY_CATEGORIES = [
  'accuse_active',
  'accuse_passive',
  'threat_portrayal',
  'deception',
  'hostile_act',
  'blame_following',
  'russophobia',
  'espionage',
  'coercive_warning',
] as const;
/** Stance cue families that portray their holder or object badly (hostility, and a poor or unacceptable showing); used by the speaker-based functions. */
export const HOSTILE_CATEGORIES = [...HOSTILITY_CATEGORIES, 'negative_eval', 'unacceptable'] as const;
/** Stance cue families that portray their holder or object well; used by the speaker-based favor function. */
export const FAVORABLE_CATEGORIES = ['positive_eval', 'resilience', 'victim', 'justify'] as const;
/** Words that frame an object as something (X menyebut Y sebagai ancaman; described Y as a threat). */
export const FRAME_WORDS = new Set(['sebagai', 'as']);
/** Prepositions after an accusation noun that aim it at a target (kecaman terhadap X, condemnation of X). */
export const AIMING_WORDS = new Set(['terhadap', 'atas', 'kepada', 'against', 'of']);
/** Prepositions before a party to a conciliatory aim (berunding dengan X, talks with X). */
export const WITH_WORDS = new Set(['dengan', 'with']);
/** How many tokens back a claim noun (tuduhan Barat) may stand from the deception word that dismisses it. */
export const CLAIM_WINDOW = 15;

/** Tokens that belong to the holder (source phrase) of an attribution cued in this sentence. */
export function inHolder(context: SentenceContext, mention: EntityMention): boolean {
  return context.cued.some((a) => mention.start >= a.holder_start && mention.end <= a.holder_end);
}

export function isNegated(context: SentenceContext, start: number): boolean {
  const { tokens } = context.features;
  let seen = 0;
  for (let k = start - 1; k >= 0 && seen < NEGATION_WINDOW; k--) {
    const t = tokens[k] as Token;
    if (!t.isWord) break;
    if (LEXICONS.negators.has(t.lower)) return true;
    seen++;
  }
  return false;
}

/** Is the mention marked as patient, place or goal by a preposition (or, optionally, as the object of a verb) just before it? */
export function isPatientMarked(context: SentenceContext, mention: EntityMention, verbObject: boolean): boolean {
  const { tokens } = context.features;
  let seen = 0;
  for (let k = mention.start - 1; k >= 0 && seen < MARKER_WINDOW; k--) {
    const t = tokens[k] as Token;
    if (!t.isWord) return false;
    if (LEXICONS.patientMarkers.has(t.lower)) return true;
    // Only the word right before: in 'melihat ekspansi NATO' NATO is not the object of melihat.
    // 'menurutnya' is 'according to him', not a verb: -nya is taken off before the look-up.
    if (verbObject && seen === 0 && TRANSITIVE_VERB.test(t.lower) && !NOT_VERBS.has(t.lower) && !NOT_VERBS.has(t.lower.replace(/nya$/u, ''))) return true;
    seen++;
  }
  return false;
}

/**
 * The agent of a cue at token `position`: the nearest mention before it that is
 * neither a holder nor marked as patient. The search stops at 'bahwa' and at
 * clause punctuation, but crosses a comma right after a mention (Presiden
 * Rusia, Vladimir Putin, menunjukkan ...).
 */
export function agentBefore(context: SentenceContext, position: number, verbObject = true): EntityMention | null {
  const { tokens, mentions } = context.features;
  let words = 0;
  for (let k = position - 1; k >= 0 && words < AGENT_WINDOW; k--) {
    const t = tokens[k] as Token;
    if (t.isWord) {
      words++;
      if (LEXICONS.complementizers.has(t.lower)) return null;
      const mention = mentions.find((m) => m.start <= k && k < m.end);
      if (mention !== undefined && mention.start === k && !inHolder(context, mention) && !isPatientMarked(context, mention, verbObject)) return mention;
      continue;
    }
    if (t.text === ';' || t.text === ':') return null;
    if (t.text === ',' && !mentions.some((m) => m.end === k)) return null;
  }
  return null;
}

/** The object of a verb ending at token `position`: the first unmarked, non-holder mention within a few words, in the same clause. */
export function objectAfter(context: SentenceContext, position: number): EntityMention | null {
  const { tokens, mentions } = context.features;
  let words = 0;
  for (let k = position; k < tokens.length && words < OBJECT_WINDOW; k++) {
    const t = tokens[k] as Token;
    if (!t.isWord) {
      if (t.text === ',' || t.text === '.' || t.text === ';') return null;
      continue;
    }
    words++;
    const mention = mentions.find((m) => m.start === k);
    // Only a preposition between the verb and the mention marks it (menuduh Rusia after 'dengan' is still the object).
    if (mention !== undefined && !inHolder(context, mention)) return markedBetween(context, position, mention.start) ? null : mention;
  }
  return null;
}

/** Is there a patient/place marker among the tokens [from, to)? */
function markedBetween(context: SentenceContext, from: number, to: number): boolean {
  const { tokens } = context.features;
  for (let k = from; k < to; k++) if (LEXICONS.patientMarkers.has((tokens[k] as Token).lower)) return true;
  return false;
}

/** The nearest non-holder mention ending within `window` word tokens before `position`, whatever its marking. */
export function nearestBefore(context: SentenceContext, position: number, window: number): EntityMention | null {
  const { tokens, mentions } = context.features;
  let words = 0;
  for (let k = position - 1; k >= 0 && words < window; k--) {
    const t = tokens[k] as Token;
    if (!t.isWord) continue;
    words++;
    const mention = mentions.find((m) => m.start <= k && k < m.end);
    if (mention !== undefined && !inHolder(context, mention)) return mention;
  }
  return null;
}

/** The first non-holder mention starting within `window` word tokens after `position`. */
export function firstAfter(context: SentenceContext, position: number, window: number): EntityMention | null {
  const { tokens, mentions } = context.features;
  let words = 0;
  for (let k = position; k < tokens.length && words < window; k++) {
    const t = tokens[k] as Token;
    if (!t.isWord) continue;
    words++;
    const mention = mentions.find((m) => m.start === k);
    if (mention !== undefined && !inHolder(context, mention)) return mention;
  }
  return null;
}

export const STANCE_KEYS = new Map<string, string>();
/** `stance.<category>`, made once per category rather than per call. */
export function stanceKey(category: string): string {
  let key = STANCE_KEYS.get(category);
  if (key === undefined) {
    key = categoryKey('stance', category);
    // Such a category's phrases give no hits (lexicons.ts): reading it would silently find none.
    if (UNLISTED_CATEGORIES.has(key)) throw new Error(`label-stance: ${key} gives no hits; read it as a word set, or take it out of UNLISTED_CATEGORIES.`);
    STANCE_KEYS.set(category, key);
  }
  return key;
}

/**
 * Live (not negated) hits of one stance category, computed once per sentence
 * and shared by the functions of both targets. A category the sentence does
 * not hit (the usual case) costs one look-up and no memo entry.
 */
export function liveHits(context: SentenceContext, category: string): readonly PhraseHit[] {
  const key = stanceKey(category);
  return liveHitsOf(context, key, hitsOf(context.features, key));
}

/** The live ones of a stance category's hits (`key` its family-qualified name, `all` its hits in the sentence), memoised. */
function liveHitsOf(context: SentenceContext, key: string, all: readonly PhraseHit[]): readonly PhraseHit[] {
  if (all.length === 0) return all;
  let hits = context.memo.get(key) as PhraseHit[] | undefined;
  if (hits === undefined) {
    hits = all.filter((h) => !isNegated(context, h.start));
    context.memo.set(key, hits);
  }
  return hits;
}

/** The position of the stance family in LEXICONS.families.families. */
const STANCE_FAMILY = LEXICONS.families.families.indexOf('stance');

/**
 * Does the sentence have a live hit of one of these stance categories (their family-qualified keys)? Read from the
 * sentence's few category entries, not by a look-up per category: most sentences hit none of them.
 */
function hasLiveHitIn(context: SentenceContext, keys: ReadonlySet<string>): boolean {
  for (const entry of context.features.hits) {
    if (entry.family === STANCE_FAMILY && keys.has(entry.category) && liveHitsOf(context, entry.category, entry.hits).length > 0) return true;
  }
  return false;
}

/** Is there a conditional word in the clause before token `position` (Jika NATO ingin berunding)? */
export function underCondition(context: SentenceContext, position: number): boolean {
  const { tokens } = context.features;
  for (let k = position - 1; k >= 0; k--) {
    const t = tokens[k] as Token;
    if (t.text === ',' || t.text === ';' || t.text === '.') return false;
    if (t.isWord && LEXICONS.conditionals.has(t.lower)) return true;
  }
  return false;
}

/** Does a speaker (attribution source) of this sentence stand on the given side? */
export function hasSpeakerOn(context: SentenceContext, side: StanceTarget): boolean {
  for (const a of context.speakers) if (a.side === side) return true;
  return false;
}

/** Mentions of a target outside holder spans. */
export function targetMentions(context: SentenceContext, target: StanceTarget): EntityMention[] {
  return context.features.mentions.filter((m) => m.side === target && !inHolder(context, m));
}

/** Mentions outside holder spans that are not marked as patient, place or goal: the sides the sentence could be about. */
export function freeMentions(context: SentenceContext): EntityMention[] {
  return context.features.mentions.filter((m) => !inHolder(context, m) && !isPatientMarked(context, m, false));
}

/** The possessor of a noun ending at token `end`: the mention right after it (agresi Rusia, propaganda Barat, hegemoni AS). */
export function possessorAfter(context: SentenceContext, end: number): EntityMention | null {
  return context.features.mentions.find((m) => m.start === end && !inHolder(context, m)) ?? null;
}

/**
 * The accused of the last accusation verb before token `position` (Putin
 * menuduh Barat berupaya ... melalui propaganda): hostile words in the content
 * of an accusation portray the accused, not whoever else the content names.
 */
export function accusedBefore(context: SentenceContext, position: number): EntityMention | null {
  let accused: EntityMention | null = null;
  for (const hit of liveHits(context, 'accuse_active')) {
    if (hit.end > position) break;
    const object = objectAfter(context, hit.end);
    if (object !== null && object.end <= position) accused = object;
  }
  return accused;
}

/**
 * The claim a deception word dismisses, and its holder: the nearest claim
 * noun before it in the sentence (tuduhan Barat ... tidak berdasar; Western
 * allegations ... baseless), with the mention right after it (Indonesian,
 * Malay) or right before it (English).
 */
export function dismissedClaim(context: SentenceContext, position: number): { holder: EntityMention; end: number } | null {
  const claims = hitsOf(context.features, 'stance.claim_nouns');
  let claim: PhraseHit | null = null;
  for (const c of claims) if (c.end <= position && position - c.end <= CLAIM_WINDOW) claim = c;
  if (claim === null) return null;
  const { mentions } = context.features;
  const found = claim;
  const holder = mentions.find((m) => m.start === found.end && !inHolder(context, m)) ?? mentions.find((m) => m.end === found.start && !inHolder(context, m));
  return holder === undefined ? null : { holder, end: Math.max(holder.end, found.end) };
}

/** Does the sentence carry any hostile stance cue (for the speaker-based functions)? */
export function hasHostileCue(context: SentenceContext): boolean {
  return hasLiveHitIn(context, HOSTILE_KEYS);
}
const HOSTILE_KEYS: ReadonlySet<string> = new Set(HOSTILE_CATEGORIES.map(stanceKey));

/** Does the sentence speak in the first person (kami, kita, we, pihaknya: word-lists.ts speakerOwnSide)? */
export function speaksInFirstPerson(context: SentenceContext): boolean {
  return (context.features.wordLists & WORD_LIST.speakerOwnSide) !== 0;
}

/**
 * The one stance side the sentence's speakers stand on, or null when none or
 * both. A speaker whose side is unknown (a pronoun, a first name: katanya,
 * tambah Ursula) is taken as the side the document quotes most, its likeliest voice.
 */
export function speakerSide(context: SentenceContext): StanceTarget | null {
  const russia = hasSpeakerOn(context, 'russia');
  const west = hasSpeakerOn(context, 'west');
  if (russia !== west) return russia ? 'russia' : 'west';
  if (russia || context.speakers.length === 0 || context.speakers.some((a) => a.side !== null)) return null;
  const quoted = context.document.mostQuotedSide;
  return quoted === 'russia' || quoted === 'west' ? quoted : null;
}

/** Does a speaker of a third party (neither Russia nor the West: Ukraine, Indonesia, China) voice this sentence, and no side's speaker? */
export function hasThirdPartySpeakerOnly(context: SentenceContext): boolean {
  return context.speakers.length > 0 && context.speakers.every((a) => a.side === 'other');
}

/** Categories in which a speaker affirms their own side: resolve, justification, conciliation, denial, positive portrayal (rules/stance.id.json). */
export const AFFIRMING_CATEGORIES = [
  'own_resolve',
  'response_justification',
  'conciliatory',
  'justify',
  'denial_active',
  'denial_passive',
  'positive_eval',
  'resilience',
  'victim',
] as const;

/** Does the sentence carry any affirming stance cue? */
export function hasAffirmingCue(context: SentenceContext): boolean {
  return hasLiveHitIn(context, AFFIRMING_KEYS);
}
const AFFIRMING_KEYS: ReadonlySet<string> = new Set(AFFIRMING_CATEGORIES.map(stanceKey));

/** Hedges (belum, jika, whether): rules/stance.id.json word_sets.hedges, read as words so they add no model feature. */
export const HEDGES: ReadonlySet<string> = new Set(STANCE_RULES.word_sets.hedges.terms.map((w) => w.toLowerCase()));

/** Does a hedge word stand before token `position` in the sentence (belum dikonfirmasi bahwa X ...)? */
export function hedgedBefore(context: SentenceContext, position: number): boolean {
  const { tokens } = context.features;
  for (let k = 0; k < position && k < tokens.length; k++) if (HEDGES.has((tokens[k] as Token).lower)) return true;
  return false;
}

/** Is the aim ending at `end` pursued with a third party (membahas keamanan dengan SCO), not with an adversary? */
export function withThirdParty(context: SentenceContext, end: number): boolean {
  const { tokens, mentions } = context.features;
  for (let k = end; k < Math.min(tokens.length, end + 6); k++) {
    const t = tokens[k] as Token;
    if (t.text === ',' || t.text === '.' || t.text === ';') return false;
    if (WITH_WORDS.has(t.lower)) return mentions.find((m) => m.start > k && m.start <= k + 3)?.side === 'other';
  }
  return false;
}
