/**
 * Labelling functions for stance towards Russia and towards the West
 * (CODEBOOK.md section 4). Each finds a cue of pipeline/stages/label/rules/stance.id.json
 * and works out which target it is about, attending to who is agent and who
 * is patient: "dikecam oleh Barat" is against its patient (the Russian action
 * before it), "Rusia menyalahkan NATO" is against its object (NATO), "X
 * berbahaya bagi Rusia" is against X, not against Rusia. Speakers matter too: a
 * Russian source's hostile words about the West are against the West.
 * Mentions inside a source phrase (Kepala Komisi ... Duma) are holders, never
 * targets. Every function exists once per target.
 */
import type { LabelingFunction, SentenceContext } from './labeling-function.js';
import { LEXICONS, UNLISTED_CATEGORIES } from './lexicons.js';
import type { PhraseHit } from './phrase-index.js';
import { hitsOf, type EntityMention } from './sentence-features.js';
import type { Token } from '../../text/tokenize.js';
import type { Stance } from '../../types.js';

/** The two stance targets. */
export type StanceTarget = 'russia' | 'west';

const OTHER_TARGET: Readonly<Record<StanceTarget, StanceTarget>> = { russia: 'west', west: 'russia' };

/** How many word tokens back an agent may stand from its cue. */
const AGENT_WINDOW = 15;
/** How many word tokens after a transitive verb its object may start. */
const OBJECT_WINDOW = 6;
/** How many word tokens before a mention a preposition still marks it as patient/place (di banyak negara Barat). */
const MARKER_WINDOW = 3;
/** Tokens before a cue searched for a negator (tidak mengecam, tak pernah menuduh). */
const NEGATION_WINDOW = 2;
/** Me- words that are not transitive verbs, so a mention after them is not their object. */
const NOT_VERBS = new Set(['menteri', 'media', 'meski', 'meskipun', 'mereka', 'menjadi', 'merupakan', 'menurut', 'mengenai', 'melalui', 'menuju', 'menjelang', 'meja', 'medan', 'merah', 'metode']);
const TRANSITIVE_VERB = /^me(?:m|n|ng|ny)?\p{L}{3,}$/u;
/** Stance cue families that portray their holder or object badly; used by the speaker-based functions. */
const HOSTILE_CATEGORIES = ['accuse_active', 'accuse_passive', 'threat_portrayal', 'deception', 'hostile_act', 'blame_following', 'russophobia', 'espionage', 'coercive_warning'] as const;
/** Stance cue families that portray their holder or object well; used by the speaker-based favor function. */
const FAVORABLE_CATEGORIES = ['positive_eval', 'resilience', 'victim', 'justify'] as const;
/** Words that frame an object as something (X menyebut Y sebagai ancaman; described Y as a threat). */
const FRAME_WORDS = new Set(['sebagai', 'as']);
/** Prepositions after an accusation noun that aim it at a target (kecaman terhadap X, condemnation of X). */
const AIMING_WORDS = new Set(['terhadap', 'atas', 'kepada', 'against', 'of']);
/** Prepositions before a party to a conciliatory aim (berunding dengan X, talks with X). */
const WITH_WORDS = new Set(['dengan', 'with']);
/** How many tokens back a claim noun (tuduhan Barat) may stand from the deception word that dismisses it. */
const CLAIM_WINDOW = 15;

/** Tokens that belong to the holder (source phrase) of an attribution cued in this sentence. */
function inHolder(context: SentenceContext, mention: EntityMention): boolean {
  return context.cued.some((a) => mention.start >= a.holder_start && mention.end <= a.holder_end);
}

function isNegated(context: SentenceContext, start: number): boolean {
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
function isPatientMarked(context: SentenceContext, mention: EntityMention, verbObject: boolean): boolean {
  const { tokens } = context.features;
  let seen = 0;
  for (let k = mention.start - 1; k >= 0 && seen < MARKER_WINDOW; k--) {
    const t = tokens[k] as Token;
    if (!t.isWord) return false;
    if (LEXICONS.patientMarkers.has(t.lower)) return true;
    // Only the word right before: in 'melihat ekspansi NATO' NATO is not the object of melihat.
    if (verbObject && seen === 0 && TRANSITIVE_VERB.test(t.lower) && !NOT_VERBS.has(t.lower)) return true;
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
function agentBefore(context: SentenceContext, position: number, verbObject = true): EntityMention | null {
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
function objectAfter(context: SentenceContext, position: number): EntityMention | null {
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
    if (mention !== undefined && !inHolder(context, mention)) return isPatientMarked(context, mention, false) ? null : mention;
  }
  return null;
}

/** The nearest non-holder mention ending within `window` word tokens before `position`, whatever its marking. */
function nearestBefore(context: SentenceContext, position: number, window: number): EntityMention | null {
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
function firstAfter(context: SentenceContext, position: number, window: number): EntityMention | null {
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

const STANCE_KEYS = new Map<string, string>();
/** `stance.<category>`, made once per category rather than per call. */
function stanceKey(category: string): string {
  let key = STANCE_KEYS.get(category);
  if (key === undefined) {
    key = `stance.${category}`;
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
function liveHits(context: SentenceContext, category: string): readonly PhraseHit[] {
  const key = stanceKey(category);
  const all = hitsOf(context.features, key);
  if (all.length === 0) return all;
  let hits = context.memo.get(key) as PhraseHit[] | undefined;
  if (hits === undefined) {
    hits = all.filter((h) => !isNegated(context, h.start));
    context.memo.set(key, hits);
  }
  return hits;
}

/** Is there a conditional word in the clause before token `position` (Jika NATO ingin berunding)? */
function underCondition(context: SentenceContext, position: number): boolean {
  const { tokens } = context.features;
  for (let k = position - 1; k >= 0; k--) {
    const t = tokens[k] as Token;
    if (t.text === ',' || t.text === ';' || t.text === '.') return false;
    if (t.isWord && LEXICONS.conditionals.has(t.lower)) return true;
  }
  return false;
}

/** Does a speaker (attribution source) of this sentence stand on the given side? */
function hasSpeakerOn(context: SentenceContext, side: StanceTarget): boolean {
  for (const a of context.speakers) if (a.side === side) return true;
  return false;
}

/** Mentions of a target outside holder spans. */
function targetMentions(context: SentenceContext, target: StanceTarget): EntityMention[] {
  return context.features.mentions.filter((m) => m.side === target && !inHolder(context, m));
}

/** Mentions outside holder spans that are not marked as patient, place or goal: the sides the sentence could be about. */
function freeMentions(context: SentenceContext): EntityMention[] {
  return context.features.mentions.filter((m) => !inHolder(context, m) && !isPatientMarked(context, m, false));
}

/** The possessor of a noun ending at token `end`: the mention right after it (agresi Rusia, propaganda Barat, hegemoni AS). */
function possessorAfter(context: SentenceContext, end: number): EntityMention | null {
  return context.features.mentions.find((m) => m.start === end && !inHolder(context, m)) ?? null;
}

/**
 * The accused of the last accusation verb before token `position` (Putin
 * menuduh Barat berupaya ... melalui propaganda): hostile words in the content
 * of an accusation portray the accused, not whoever else the content names.
 */
function accusedBefore(context: SentenceContext, position: number): EntityMention | null {
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
function dismissedClaim(context: SentenceContext, position: number): { holder: EntityMention; end: number } | null {
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
function hasHostileCue(context: SentenceContext): boolean {
  return HOSTILE_CATEGORIES.some((c) => liveHits(context, c).length > 0);
}

/** A labelling-function factory: one function per target. */
type StanceRule = (target: StanceTarget) => (context: SentenceContext) => Stance | null;

/** Active criticism/accusation verbs: against their object. */
const accusedByActiveVerb: StanceRule = (target) => (context) =>
  liveHits(context, 'accuse_active').some((h) => objectAfter(context, h.end)?.side === target) ? 'against' : null;

/**
 * Passive criticism: against the patient. "yang dikritiknya sebagai X" and
 * "yang dikritik oleh A adalah X" put the patient after the verb; otherwise it
 * stands before it (tindakan Putin ini telah dikecam oleh Barat).
 */
const accusedInPassive: StanceRule = (target) => (context) => {
  const { tokens, mentions } = context.features;
  for (const hit of liveHits(context, 'accuse_passive')) {
    let before = hit.start - 1;
    while (before >= 0 && LEXICONS.skipAdverbs.has((tokens[before] as Token).lower)) before--;
    let patient: EntityMention | null = null;
    if ((tokens[before] as Token | undefined)?.lower === 'yang') {
      // The relative clause's head is the patient (diplomat Rusia yang dituduh ...).
      patient = nearestBefore(context, before, 2);
    }
    if (patient === null && tokens.slice(hit.end, hit.end + 2).some((t) => t.lower === 'sebagai')) {
      patient = firstAfter(context, hit.end, 12);
    } else if (patient === null && (tokens[before] as Token | undefined)?.lower === 'yang') {
      // When the head names no target, the patient follows the agent (yang dikritik oleh A adalah X).
      let k = hit.end;
      if ((tokens[k] as Token | undefined)?.lower === 'oleh') k = mentions.find((m) => m.start === k + 1)?.end ?? k + 1;
      patient = firstAfter(context, k, 8);
    } else if (patient === null) {
      patient = nearestBefore(context, hit.start, 10);
    }
    if (patient?.side === target) return 'against';
  }
  return null;
};

/** Accusation nouns: against the target they are aimed at (kecaman terhadap X). */
const accusationNounAimedAt: StanceRule = (target) => (context) => {
  const { tokens, mentions } = context.features;
  for (const hit of liveHits(context, 'accusation_noun')) {
    for (let k = hit.end; k < Math.min(tokens.length, hit.end + 5); k++) {
      const t = tokens[k] as Token;
      if (AIMING_WORDS.has(t.lower)) {
        const aimed = mentions.find((m) => m.start > k && m.start <= k + 3);
        if (aimed?.side === target) return 'against';
        break;
      }
    }
  }
  return null;
};

/** A portrayal word (threat, deception): against its agent, or the mention right after it. */
function portrayedBy(category: string): StanceRule {
  return (target) => (context) => {
    for (const hit of liveHits(context, category)) {
      // A dismissed claim's holder (tuduhan Barat ... tidak berdasar), the accused of an accusation around it,
      // the possessor right after the word (agresi Rusia, propaganda Barat), else the agent before it.
      const claim = category === 'deception' ? dismissedClaim(context, hit.start) : null;
      const agent = claim?.holder ?? accusedBefore(context, hit.start) ?? possessorAfter(context, hit.end) ?? agentBefore(context, hit.start);
      if (agent?.side === target) return 'against';
    }
    return null;
  };
}

/** A claim dismissed as false (tuduhan Barat soal keterlibatan Moskow tidak berdasar): favor the accused side named in it. */
const defendedAgainstClaim: StanceRule = (target) => (context) => {
  for (const hit of liveHits(context, 'deception')) {
    const claim = dismissedClaim(context, hit.start);
    if (claim === null || claim.holder.side === target) continue;
    if (context.features.mentions.some((m) => m.side === target && m.start >= claim.end && m.end <= hit.start && !inHolder(context, m))) return 'favor';
  }
  return null;
};

/** The cue categories a denied charge is read from. */
const CHARGE_KEYS = ['stance.threat_portrayal', 'stance.deception'] as const;

/**
 * A charge denied (NATO bukan ancaman bagi Rusia; the alliance posed no threat):
 * favor the target the negated threat or deception word is about, or, when it
 * names none, the side of the speaker.
 */
const defendedAgainstCharge: StanceRule = (target) => (context) => {
  // Without a mention of the target or a speaker there is no one to defend.
  if (!context.features.names[target] && context.speakers.length === 0) return null;
  for (const key of CHARGE_KEYS) {
    for (const hit of hitsOf(context.features, key)) {
      if (!isNegated(context, hit.start)) continue;
      const agent = agentBefore(context, hit.start) ?? possessorAfter(context, hit.end);
      if (agent !== null) {
        if (agent.side === target) return 'favor';
        continue;
      }
      if (hasSpeakerOn(context, target) && !freeMentions(context).some((m) => m.side !== target)) return 'favor';
    }
  }
  return null;
};

/** Russophobia charges are against the West. */
const chargedWithRussophobia: StanceRule = (target) => (context) => (target === 'west' && liveHits(context, 'russophobia').length > 0 ? 'against' : null);

/** Coercive or escalating acts: against their agent; a conditional act is not a portrayal. */
const agentOfHostileAct: StanceRule = (target) => (context) =>
  liveHits(context, 'hostile_act').some((h) => !underCondition(context, h.start) && (accusedBefore(context, h.start) ?? agentBefore(context, h.start))?.side === target) ? 'against' : null;

/** Blame phrases: against the target they land on (tanggung jawab utama ada di pundak X). */
const blamed: StanceRule = (target) => (context) => (liveHits(context, 'blame_following').some((h) => firstAfter(context, h.end, 6)?.side === target) ? 'against' : null);

/** "X melihat Y sebagai ancaman": against the targets framed (in Y). */
const framedNegatively: StanceRule = (target) => (context) => {
  const { tokens, mentions } = context.features;
  const frames = new Set(hitsOf(context.features, 'stance.view_nouns').map((h) => h.start));
  for (const hit of liveHits(context, 'view_verbs')) {
    for (let k = hit.end; k < Math.min(tokens.length, hit.end + 30); k++) {
      if (!FRAME_WORDS.has((tokens[k] as Token).lower)) continue;
      const framed = [1, 2, 3].some((d) => frames.has(k + d));
      if (!framed) break;
      const passive = (tokens[hit.start] as Token).lower.startsWith('di');
      const inFrame = passive ? [nearestBefore(context, hit.start, 5)].filter((m): m is EntityMention => m !== null) : mentions.filter((m) => m.start >= hit.end && m.end <= k && !inHolder(context, m));
      if (inFrame.some((m) => m.side === target)) return 'against';
      break;
    }
  }
  return null;
};

/** "because of X" in a hostile or deteriorating sentence voiced by the other side: X is blamed. */
const blamedAsCauseByOtherSide: StanceRule = (target) => (context) => {
  if (!hasSpeakerOn(context, OTHER_TARGET[target])) return null;
  const deteriorating = hitsOf(context.features, 'relation.deteriorating').length > 0 || hasHostileCue(context);
  if (!deteriorating) return null;
  return liveHits(context, 'cause_markers').some((h) => {
    const m = firstAfter(context, h.end, 3);
    return m?.side === target;
  })
    ? 'against'
    : null;
};

/** Espionage or interference charges voiced by a Western source are against Russia, named or not. */
const accusedOfEspionageByWest: StanceRule = (target) => (context) =>
  target === 'russia' && hasSpeakerOn(context, 'west') && liveHits(context, 'espionage').length > 0 ? 'against' : null;

/** The other side's source uses hostile words in a sentence that names this target. */
const criticisedByOtherSide: StanceRule = (target) => (context) =>
  hasSpeakerOn(context, OTHER_TARGET[target]) && targetMentions(context, target).length > 0 && hasHostileCue(context) ? 'against' : null;

/**
 * The other side's source uses hostile words in a sentence that names no one
 * (Moskow menyebut langkah itu ilegal; "Ini adalah serangan brutal," ujar
 * Rutte): in an article about this target, the words are about its actions.
 * A third party named in the sentence may be their object instead, so then it abstains.
 */
const criticisedByOtherSideUnnamed: StanceRule = (target) => (context) => {
  if (context.speakers.length === 0) return null;
  if (!(target === 'russia' ? context.document.mentionsRussia : context.document.mentionsWest)) return null;
  if (!hasSpeakerOn(context, OTHER_TARGET[target]) || targetMentions(context, target).length > 0) return null;
  if (context.features.mentions.some((m) => m.side === 'other' && !inHolder(context, m))) return null;
  return hasHostileCue(context) ? 'against' : null;
};

/**
 * A speaker of this side describes, without naming anyone, something well
 * (the alliance remained a purely defensive bloc; "We are ready to work
 * constructively," he added): its own side, unless the sentence names another
 * side that could be the one described.
 */
const defendedBySpeaker: StanceRule = (target) => (context) => {
  if (context.speakers.length === 0) return null;
  if (!hasSpeakerOn(context, target)) return null;
  if (freeMentions(context).some((m) => m.side !== target)) return null;
  const unnamed = (h: PhraseHit): boolean => agentBefore(context, h.start) === null && nearestBefore(context, h.start, 3) === null;
  if (FAVORABLE_CATEGORIES.some((c) => liveHits(context, c).some(unnamed))) return 'favor';
  const aims = hitsOf(context.features, 'stance.conciliatory');
  return liveHits(context, 'desire_effort').some((d) => !underCondition(context, d.start) && aims.some((a) => a.start >= d.end && a.start <= d.end + 8) && unnamed(d)) ? 'favor' : null;
};

/** Praise or support: favor their object; passive praise favors the patient before it. */
const praisedOrSupported: StanceRule = (target) => (context) => {
  if (liveHits(context, 'praise_active').some((h) => objectAfter(context, h.end)?.side === target)) return 'favor';
  if (liveHits(context, 'praise_passive').some((h) => nearestBefore(context, h.start, 5)?.side === target)) return 'favor';
  return null;
};

/** Positive evaluation: favor the agent it describes. */
const evaluatedPositively: StanceRule = (target) => (context) => (liveHits(context, 'positive_eval').some((h) => agentBefore(context, h.start)?.side === target) ? 'favor' : null);

/** Strength or resilience (Rusia tetap mampu bertahan): favor the mention right before it. */
const portrayedResilient: StanceRule = (target) => (context) => (liveHits(context, 'resilience').some((h) => nearestBefore(context, h.start, 3)?.side === target) ? 'favor' : null);

/** Is the aim ending at `end` pursued with a third party (membahas keamanan dengan SCO), not with an adversary? */
function withThirdParty(context: SentenceContext, end: number): boolean {
  const { tokens, mentions } = context.features;
  for (let k = end; k < Math.min(tokens.length, end + 6); k++) {
    const t = tokens[k] as Token;
    if (t.text === ',' || t.text === '.' || t.text === ';') return false;
    if (WITH_WORDS.has(t.lower)) return mentions.find((m) => m.start > k && m.start <= k + 3)?.side === 'other';
  }
  return false;
}

/** Desire or effort towards a conciliatory aim (berupaya menjaga saluran komunikasi): favor the agent, unless under a condition. */
const seeksPeace: StanceRule = (target) => (context) => {
  const aims = hitsOf(context.features, 'stance.conciliatory').filter((a) => !withThirdParty(context, a.end));
  for (const desire of liveHits(context, 'desire_effort')) {
    if (underCondition(context, desire.start)) continue;
    if (!aims.some((a) => a.start >= desire.end && a.start <= desire.end + 8)) continue;
    if (agentBefore(context, desire.start)?.side === target) return 'favor';
  }
  return null;
};

/** Justifying one's own decision (Dalam membenarkan keputusannya, NATO ...): favor the agent; 'membenarkan bahwa' is 'confirm', not 'justify'. */
const justifiesItself: StanceRule = (target) => (context) => {
  const { tokens, mentions } = context.features;
  for (const hit of liveHits(context, 'justify')) {
    if (LEXICONS.complementizers.has((tokens[hit.end] as Token | undefined)?.lower ?? '')) continue;
    const before = agentBefore(context, hit.start);
    const agent = before ?? mentions.find((m) => m.start >= hit.end && m.start <= hit.end + 6 && !isPatientMarked(context, m, true)) ?? null;
    if (agent?.side === target) return 'favor';
  }
  return null;
};

/** Denying an accusation: favor the denier (before an active verb, after 'oleh' of a passive one). */
const deniesAccusation: StanceRule = (target) => (context) => {
  const { tokens, mentions } = context.features;
  for (const hit of liveHits(context, 'denial_active')) {
    const before = nearestBefore(context, hit.start, 6) ?? context.cued.map((a) => mentions.find((m) => m.start >= a.holder_start && m.end <= a.holder_end)).find((m) => m !== undefined) ?? null;
    if (before?.side === target) return 'favor';
  }
  for (const hit of liveHits(context, 'denial_passive')) {
    if ((tokens[hit.end] as Token | undefined)?.lower !== 'oleh') continue;
    const agent = mentions.find((m) => m.start > hit.end && m.start <= hit.end + 4);
    if (agent?.side === target) return 'favor';
  }
  return null;
};

/** Portrayed as wronged (Rusia menjadi korban): favor the mention right before it. */
const portrayedAsVictim: StanceRule = (target) => (context) =>
  liveHits(context, 'victim').some((h) => (nearestBefore(context, h.start, 3) ?? agentBefore(context, h.start))?.side === target) ? 'favor' : null;

/** The stance rules: name → [rule, labels it votes]. */
const STANCE_RULES: readonly (readonly [string, StanceRule, readonly Stance[]])[] = [
  ['accused_by_active_verb', accusedByActiveVerb, ['against']],
  ['accused_in_passive', accusedInPassive, ['against']],
  ['accusation_noun_aimed_at', accusationNounAimedAt, ['against']],
  ['portrayed_as_threat', portrayedBy('threat_portrayal'), ['against']],
  ['portrayed_as_deceptive', portrayedBy('deception'), ['against']],
  ['charged_with_russophobia', chargedWithRussophobia, ['against']],
  ['agent_of_hostile_act', agentOfHostileAct, ['against']],
  ['blamed', blamed, ['against']],
  ['framed_negatively', framedNegatively, ['against']],
  ['blamed_as_cause_by_other_side', blamedAsCauseByOtherSide, ['against']],
  ['accused_of_espionage_by_west', accusedOfEspionageByWest, ['against']],
  ['criticised_by_other_side', criticisedByOtherSide, ['against']],
  ['praised_or_supported', praisedOrSupported, ['favor']],
  ['evaluated_positively', evaluatedPositively, ['favor']],
  ['portrayed_resilient', portrayedResilient, ['favor']],
  ['seeks_peace', seeksPeace, ['favor']],
  ['justifies_itself', justifiesItself, ['favor']],
  ['denies_accusation', deniesAccusation, ['favor']],
  ['portrayed_as_victim', portrayedAsVictim, ['favor']],
  ['criticised_by_other_side_unnamed', criticisedByOtherSideUnnamed, ['against']],
  ['defended_against_claim', defendedAgainstClaim, ['favor']],
  ['defended_against_charge', defendedAgainstCharge, ['favor']],
  ['defended_by_speaker', defendedBySpeaker, ['favor']],
];

/** Functions that only make sense for one target. */
const ONLY_FOR: Readonly<Record<string, StanceTarget>> = {
  charged_with_russophobia: 'west',
  accused_of_espionage_by_west: 'russia',
};

/** Functions that can vote without the sentence naming their target; every other one needs a mention of it, so it is skipped cheaply otherwise. */
const NEED_NO_MENTION = new Set(['charged_with_russophobia', 'accused_of_espionage_by_west', 'criticised_by_other_side_unnamed', 'defended_against_charge', 'defended_by_speaker']);

/** A target's functions, in report order, each with whether it can vote on a sentence that does not name the target. */
function stanceFunctions(target: StanceTarget): { lf: LabelingFunction<Stance>; needsMention: boolean }[] {
  const task = target === 'russia' ? 'stance_russia' : 'stance_west';
  return STANCE_RULES.filter(([name]) => ONLY_FOR[name] === undefined || ONLY_FOR[name] === target).map(([name, rule, labels]) => {
    const vote = rule(target);
    const needsMention = !NEED_NO_MENTION.has(name);
    return {
      lf: { id: `${task}.${name}`, task, labels, vote: needsMention ? (context: SentenceContext) => (context.features.names[target] ? vote(context) : null) : vote },
      needsMention,
    };
  });
}

const RUSSIA = stanceFunctions('russia');
const WEST = stanceFunctions('west');

/** Labelling functions for `stance_russia` (CODEBOOK.md section 4). */
export const STANCE_RUSSIA_FUNCTIONS: readonly LabelingFunction<Stance>[] = RUSSIA.map((f) => f.lf);

/** Labelling functions for `stance_west` (CODEBOOK.md section 4). */
export const STANCE_WEST_FUNCTIONS: readonly LabelingFunction<Stance>[] = WEST.map((f) => f.lf);

/**
 * Per target, the functions (in the same order) that can vote on a sentence
 * that does not name the target; all the others abstain on it. Most sentences
 * name neither side, so label() asks only these about them.
 */
export const STANCE_FUNCTIONS_WITHOUT_MENTION: Readonly<Record<StanceTarget, readonly LabelingFunction<Stance>[]>> = {
  russia: RUSSIA.filter((f) => !f.needsMention).map((f) => f.lf),
  west: WEST.filter((f) => !f.needsMention).map((f) => f.lf),
};
