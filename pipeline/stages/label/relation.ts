/**
 * Labelling functions for the Russia–West relation signal (CODEBOOK.md
 * section 5). A signal word (pipeline/stages/label/rules/relation.id.json) counts only when
 * the sentence is about Russia and the West: both sides named (gazetteer), or
 * "kedua pihak" in an article that names both, or one side named with a
 * measure that implies the other (sanctions, expulsions, Western arms for
 * Ukraine). Russia with only third parties (China, North Korea, Ukraine) is
 * none; so are questions, hopes, conditionals and averted escalations. A
 * sanction lifted (before or after its noun) is improving; a meeting
 * postponed or fruitless is deteriorating; a third party distancing itself
 * from sanctions, the West meeting others without Russia, and Ukraine asking
 * for arms are none; a sports event named after a country names no side.
 */
import type { LabelingFunction, SentenceContext } from './labeling-function.js';
import { categoryKey, LEXICONS } from './lexicons.js';
import type { PhraseHit } from './phrase-index.js';
import { hitsOf } from './sentence-features.js';
import { HOSTILITY_CATEGORIES } from './stance-context.js';
import type { Token } from '../../text/tokenize.js';
import type { RelationSignal } from '../../types.js';

/** Stance cue families that also signal hostility between the sides (stance-context.ts). */
const HOSTILE_STANCE_KEYS = HOSTILITY_CATEGORIES.map((c) => categoryKey('stance', c));
/** Words before a signal (within this many tokens) that avert or negate it (mencegah eskalasi, tidak pernah memutuskan hubungan, the easing of some sanctions). */
const PREVENTION_WINDOW = 3;
/** Words before a conciliatory step (within this many tokens) that break or refuse it (merusak perjanjian, withdrew from the talks). */
const REVERSAL_WINDOW = 3;
/** How many tokens after a readiness word (siap, bersedia, ready) its conciliatory aim may start. */
const AIM_WINDOW = 8;
/** How many tokens after a sanction a relief word (dilonggarkan, lifted) may stand: sanksi yang dapat dilonggarkan. */
const RELIEF_AFTER_WINDOW = 6;
/** How many tokens after a conciliatory step a word of failure (ditunda, gagal, collapsed) may stand, within its clause. */
const REVERSAL_AFTER_WINDOW = 14;
const UKRAINE = /^(ukrain|kiev|kyiv|kyiv)/iu;

/** Is the hit preceded by a prevention or negation word ('not only' excepted: tidak hanya menjatuhkan sanksi)? */
function isAverted(context: SentenceContext, hit: PhraseHit): boolean {
  const { tokens } = context.features;
  let seen = 0;
  for (let k = hit.start - 1; k >= 0 && seen < PREVENTION_WINDOW; k--) {
    const t = tokens[k] as Token;
    if (!t.isWord) break;
    if ((LEXICONS.prevention.has(t.lower) || LEXICONS.negators.has(t.lower)) && !LEXICONS.notOnly.has(tokens[k + 1]?.lower ?? '')) return true;
    seen++;
  }
  return false;
}

/** Is the hit preceded by a word that lifts or eases it (not one that only negates it): pencabutan sanksi, the easing of some sanctions? */
function isLifted(context: SentenceContext, hit: PhraseHit): boolean {
  const { tokens } = context.features;
  let seen = 0;
  for (let k = hit.start - 1; k >= 0 && seen < PREVENTION_WINDOW; k--) {
    const t = tokens[k] as Token;
    if (!t.isWord) break;
    if (LEXICONS.negators.has(t.lower)) return false;
    if (LEXICONS.relief.has(t.lower)) return true;
    seen++;
  }
  return false;
}

/** Is the sanction hit followed, within a few tokens of its clause, by a word that lifts it (sanksi yang dapat dilonggarkan, sanctions were lifted)? */
function isLiftedAfter(context: SentenceContext, hit: PhraseHit): boolean {
  const reliefs = hitsOf(context.features, 'relation.relief_after');
  return reliefs.some((r) => r.start >= hit.end && r.start < hit.end + RELIEF_AFTER_WINDOW && !clauseBreakBetween(context, hit.end, r.start));
}

/** Is there a comma or semicolon among tokens [from, to)? */
function clauseBreakBetween(context: SentenceContext, from: number, to: number): boolean {
  const { tokens } = context.features;
  for (let k = from; k < to; k++) {
    const text = (tokens[k] as Token).text;
    if (text === ',' || text === ';') return true;
  }
  return false;
}

/** Is a conciliatory step at token `end` followed closely by a word of failure (pertemuan kedua ... ditunda; berjalan dengan baik, tetapi tidak membawa ke mana-mana)? Commas do not stop it: appositions and 'but' clauses carry the failure. */
function failedAfter(context: SentenceContext, end: number): boolean {
  return hitsOf(context.features, 'relation.reversal_after').some((r) => r.start >= end && r.start < end + REVERSAL_AFTER_WINDOW);
}

/** Is a conciliatory step at token `start` preceded by a word that breaks or refuses it (merusak perjanjian, menangguhkan dialog)? */
function reversalBefore(context: SentenceContext, start: number): boolean {
  const { tokens } = context.features;
  const reversals = hitsOf(context.features, 'relation.reversal');
  if (reversals.length === 0) return false;
  let seen = 0;
  for (let k = start - 1; k >= 0 && seen < REVERSAL_WINDOW; k--) {
    const t = tokens[k] as Token;
    if (!t.isWord) break;
    if (reversals.some((r) => r.start <= k && k < r.end)) return true;
    seen++;
  }
  return false;
}

/** Is the hit inside a conditional clause (jika ..., apabila ...)? */
function isConditional(context: SentenceContext, hit: PhraseHit): boolean {
  const { tokens } = context.features;
  for (let k = hit.start - 1; k >= 0; k--) {
    const t = tokens[k] as Token;
    if (t.text === ',' || t.text === ';') return false;
    if (t.isWord && LEXICONS.conditionals.has(t.lower)) return true;
  }
  return false;
}

/** Does the sentence hit `key` somewhere not averted? (Most sentences hit nothing: no array is made for them.) */
function hasLive(context: SentenceContext, key: string): boolean {
  const hits = hitsOf(context.features, key);
  for (const hit of hits) if (!isAverted(context, hit) && !(key === 'relation.sanction_expulsion' && isLiftedAfter(context, hit))) return true;
  return false;
}

type Sides = { readonly russia: boolean; readonly west: boolean; readonly other: boolean };
const SIDES_MEMO = 'relation.sides';

/**
 * Which sides the sentence names: features.names, less the mentions inside a
 * sports event named after a country (AS Terbuka, the US Open, names no side).
 */
function sidesNamed(context: SentenceContext): Sides {
  const events = hitsOf(context.features, 'relation.event_names');
  if (events.length === 0) return context.features.names;
  const memo = context.memo.get(SIDES_MEMO) as Sides | undefined;
  if (memo !== undefined) return memo;
  const sides = { russia: false, west: false, other: false };
  for (const m of context.features.mentions) if (!events.some((e) => e.start <= m.start && m.start < e.end)) sides[m.side] = true;
  context.memo.set(SIDES_MEMO, sides);
  return sides;
}

/** Does the sentence name Ukraine (a third party: Ukraina, Kyiv)? */
function namesUkraine(context: SentenceContext): boolean {
  return context.features.names.other && context.features.mentions.some((m) => m.side === 'other' && UKRAINE.test(m.text));
}

const isRussiaWestArticle = (context: SentenceContext): boolean => context.document.mentionsRussia && context.document.mentionsWest;

/** Both sides in view: both named, or "kedua pihak" in an article that names both and no third party in the sentence (whose "kedua negara" it would be). */
function bothSidesInView(context: SentenceContext): boolean {
  const sides = sidesNamed(context);
  if (sides.russia && sides.west) return true;
  return isRussiaWestArticle(context) && !sides.other && hitsOf(context.features, 'relation.pair_words').length > 0;
}

function hasHostility(context: SentenceContext): boolean {
  if (hasLive(context, 'relation.deteriorating')) return true;
  return HOSTILE_STANCE_KEYS.some((key) => hasLive(context, key));
}

function hasConciliation(context: SentenceContext, key = 'relation.improving'): boolean {
  return hitsOf(context.features, key).some(
    (h) => !isAverted(context, h) && !isConditional(context, h) && !reversalBefore(context, h.start) && !failedAfter(context, h.end),
  );
}

/** A readiness word (siap, bersedia, ready) followed by a conciliatory aim (berunding, membahas, talks), not under a condition. */
function hasReadiness(context: SentenceContext): boolean {
  const aims = hitsOf(context.features, 'stance.conciliatory');
  if (aims.length === 0) return false;
  return hitsOf(context.features, 'stance.desire_effort').some(
    (d) =>
      !isAverted(context, d) &&
      !isConditional(context, d) &&
      aims.some((a) => a.start >= d.end && a.start <= d.end + AIM_WINDOW && !reversalBefore(context, a.start)),
  );
}

/**
 * A third party (Indonesia, China, India) as the subject, distancing itself
 * from sanctions (tidak mengikuti sanksi sepihak, netral, kecuali sanksi PBB),
 * with no Western actor named: about the third party, not a Russia-West signal.
 */
function thirdPartyOnSanctions(context: SentenceContext): boolean {
  const sides = sidesNamed(context);
  if (!sides.other || sides.west) return false;
  const first = context.features.mentions[0];
  if (first === undefined || first.side !== 'other') return false;
  return hitsOf(context.features, 'relation.sanction_expulsion').length > 0 && hitsOf(context.features, 'relation.third_party_refusal').length > 0;
}

/** Ukraine (or its leader, a third party) asks for arms before they are named (Kiev kembali meminta senjata; Zelenskyy mendesak AS menyediakan ...): a request, not a delivery. */
function ukraineAsksForArms(context: SentenceContext): boolean {
  if (!namesUkraine(context)) return false;
  const aid = hitsOf(context.features, 'relation.military_aid');
  if (aid.length === 0) return false;
  const lastAid = (aid[aid.length - 1] as PhraseHit).start;
  return hitsOf(context.features, 'relation.arms_request').some(
    (r) => r.start < lastAid && context.features.mentions.some((m) => m.side === 'other' && m.start < r.start),
  );
}

type RelationRule = (context: SentenceContext) => RelationSignal | null;

const RELATION_RULES: readonly (readonly [string, RelationRule, readonly RelationSignal[]])[] = [
  ['hostility_with_both_sides', (c) => (bothSidesInView(c) && hasHostility(c) ? 'deteriorating' : null), ['deteriorating']],
  ['conciliation_with_both_sides', (c) => (bothSidesInView(c) && hasConciliation(c) ? 'improving' : null), ['improving']],
  [
    'sanction_or_expulsion_on_one_side',
    (c) => {
      const sides = sidesNamed(c);
      if (thirdPartyOnSanctions(c)) return null;
      return (sides.russia || sides.west || isRussiaWestArticle(c)) && hasLive(c, 'relation.sanction_expulsion') ? 'deteriorating' : null;
    },
    ['deteriorating'],
  ],
  [
    'hostility_one_side_in_russia_west_article',
    (c) => {
      const sides = sidesNamed(c);
      if (!isRussiaWestArticle(c) || sides.russia === sides.west) return null;
      // Russia with a third party is about that pair (Russia-Ukraine war, Russia-China ties), not about the West.
      if (sides.russia && sides.other) return null;
      return hasHostility(c) ? 'deteriorating' : null;
    },
    ['deteriorating'],
  ],
  [
    'bilateral_rupture_unnamed_sides',
    (c) => {
      const sides = sidesNamed(c);
      return !sides.russia && !sides.west && isRussiaWestArticle(c) && hasLive(c, 'relation.deteriorating_bilateral') ? 'deteriorating' : null;
    },
    ['deteriorating'],
  ],
  [
    'bilateral_mending_unnamed_sides',
    (c) => {
      const sides = sidesNamed(c);
      // A venue (Riyadh, Istanbul) may be named; Ukraine may not (peace between Russia and Ukraine is their pair).
      return !sides.russia && !sides.west && !namesUkraine(c) && isRussiaWestArticle(c) && hasConciliation(c, 'relation.improving_bilateral')
        ? 'improving'
        : null;
    },
    ['improving'],
  ],
  ['readiness_with_both_sides', (c) => (bothSidesInView(c) && hasReadiness(c) ? 'improving' : null), ['improving']],
  [
    'conciliation_reversed',
    (c) => {
      // Both sides in view, or one of them in an article about both (AS keluar dari kesepakatan iklim is not Russia-West).
      const sides = sidesNamed(c);
      if (!(bothSidesInView(c) || (isRussiaWestArticle(c) && (sides.russia || sides.west) && !sides.other))) return null;
      return hitsOf(c.features, 'relation.improving').some((h) => reversalBefore(c, h.start) || failedAfter(c, h.end)) ? 'deteriorating' : null;
    },
    ['deteriorating'],
  ],
  [
    'sanction_relief_on_one_side',
    (c) => {
      const sides = sidesNamed(c);
      if (!(sides.russia || sides.west || isRussiaWestArticle(c))) return null;
      const relief = hitsOf(c.features, 'relation.sanction_relief').some((h) => !isAverted(c, h) && !isConditional(c, h));
      return relief || hitsOf(c.features, 'relation.sanction_expulsion').some((h) => isLifted(c, h) || isLiftedAfter(c, h)) ? 'improving' : null;
    },
    ['improving'],
  ],
  [
    'west_arms_ukraine',
    (c) => {
      return sidesNamed(c).west && namesUkraine(c) && !ukraineAsksForArms(c) && hasLive(c, 'relation.military_aid') ? 'deteriorating' : null;
    },
    ['deteriorating'],
  ],
  [
    'third_party_only',
    (c) => {
      const sides = sidesNamed(c);
      return sides.russia && sides.other && !sides.west && hitsOf(c.features, 'relation.pair_words').length === 0 ? 'none' : null;
    },
    ['none'],
  ],
  [
    'conciliation_without_russia',
    (c) => {
      // A meeting or agreement of the West with Ukraine or among allies (Biden bertemu Zelenskyy; para pemimpin Uni Eropa) is not Russia-West.
      const sides = sidesNamed(c);
      if (sides.russia || !(sides.west || sides.other) || hitsOf(c.features, 'relation.pair_words').length > 0) return null;
      if (hasLive(c, 'relation.sanction_relief') || hasConciliation(c, 'relation.improving_bilateral')) return null;
      return hasConciliation(c) ? 'none' : null;
    },
    ['none'],
  ],
  [
    'arms_reach_ukraine_in_russia_west_article',
    (c) => {
      const sides = sidesNamed(c);
      if (sides.west || sides.russia || !isRussiaWestArticle(c) || !namesUkraine(c) || ukraineAsksForArms(c)) return null;
      return hasLive(c, 'relation.military_aid') && hitsOf(c.features, 'relation.arms_delivery').length > 0 ? 'deteriorating' : null;
    },
    ['deteriorating'],
  ],
  ['ukraine_asks_for_arms', (c) => (ukraineAsksForArms(c) && hasLive(c, 'relation.military_aid') ? 'none' : null), ['none']],
  ['third_party_on_sanctions', (c) => (thirdPartyOnSanctions(c) ? 'none' : null), ['none']],
  [
    'question_or_hope',
    (c) => {
      if (c.features.endsWithQuestion) return 'none';
      for (const t of c.features.tokens) {
        if (!t.isWord) continue;
        if (t.lower === 'apakah') return 'none';
        break;
      }
      for (const h of hitsOf(c.features, 'relation.question_or_hope')) if (h.phrase !== 'apakah' && h.phrase !== 'whether') return 'none';
      return null;
    },
    ['none'],
  ],
  [
    'averted_or_negated',
    (c) => {
      const all = hitsOf(c.features, 'relation.deteriorating');
      return all.length > 0 && all.every((h) => isAverted(c, h)) ? 'none' : null;
    },
    ['none'],
  ],
];

/** Labelling functions for `relation_signal` (CODEBOOK.md section 5). */
export const RELATION_FUNCTIONS: readonly LabelingFunction<RelationSignal>[] = RELATION_RULES.map(([name, vote, labels]) => ({
  id: `relation.${name}`,
  task: 'relation_signal',
  labels,
  vote,
}));
