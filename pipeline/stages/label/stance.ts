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
import { LEXICONS } from './lexicons.js';
import type { PhraseHit } from './phrase-index.js';
import { hitsOf, type EntityMention } from './sentence-features.js';
import type { Token } from '../../text/tokenize.js';
import type { Stance } from '../../types.js';
import {
  AIMING_WORDS,
  NOT_VERBS,
  TRANSITIVE_VERB,
  FAVORABLE_CATEGORIES,
  FRAME_WORDS,
  OTHER_TARGET,
  type StanceRule,
  type StanceTarget,
  accusedBefore,
  agentBefore,
  dismissedClaim,
  firstAfter,
  freeMentions,
  hasHostileCue,
  hasSpeakerOn,
  inHolder,
  isNegated,
  isPatientMarked,
  liveHits,
  nearestBefore,
  objectAfter,
  possessorAfter,
  targetMentions,
  underCondition,
  withThirdParty,
} from './stance-context.js';
import {
  blamedByResponse,
  concernsHeeded,
  criticisedByThirdParty,
  heldResponsible,
  measuresAgainstItBySpeaker,
  onlyAsks,
  onlyAttacksOtherSide,
  regardedWarily,
  speakerAffirmsOwnSide,
  speakerDefendsOwnMeasure,
  speakerRejectsOtherSide,
  speaksOfThirdPartyOnly,
  speaksOnlyForOtherSide,
  warnedByOtherSide,
} from './stance-speaker.js';

export type { StanceTarget };

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
      if (category === 'threat_portrayal' && notAPortrayal(context, hit)) continue;
      // A dismissed claim's holder (tuduhan Barat ... tidak berdasar), the accused of an accusation around it,
      // the possessor right after the word (agresi Rusia, propaganda Barat), else the agent before it.
      const claim = category === 'deception' ? dismissedClaim(context, hit.start) : null;
      // After a verb (mengancam Rusia, merusak X) the mention is its object, the one harmed, not a possessor.
      const possessor = isVerbHit(context, hit) ? null : (possessorAfter(context, hit.end) ?? sourceAfter(context, hit.end));
      const agent = claim?.holder ?? accusedBefore(context, hit.start) ?? possessor ?? agentBefore(context, hit.start);
      if (agent?.side === target) return 'against';
    }
    return null;
  };
}

/** Is the hit a single transitive verb (mengancam, membahayakan, threatens) rather than a noun or adjective? */
function isVerbHit(context: SentenceContext, hit: PhraseHit): boolean {
  if (hit.end - hit.start !== 1) return false;
  const word = (context.features.tokens[hit.start] as Token).lower;
  return (TRANSITIVE_VERB.test(word) && !NOT_VERBS.has(word)) || /^(?:threatens|threatened|endangers|endangered|undermines|provokes)$/u.test(word);
}

/** Words before a threat word that make it a manner or a threat issued, not a portrayal (secara agresif; mengeluarkan ancaman). */
const NOT_PORTRAYING_BEFORE = new Set(['secara', 'mengeluarkan', 'melontarkan', 'melayangkan', 'membuat', 'issued', 'made']);

/** Is a threat word here a manner, a threat issued, or the verb of a threat made to a side (mengancam negara Barat)? */
function notAPortrayal(context: SentenceContext, hit: PhraseHit): boolean {
  const before = context.features.tokens[hit.start - 1] as Token | undefined;
  if (before !== undefined && NOT_PORTRAYING_BEFORE.has(before.lower)) return true;
  return isVerbHit(context, hit) && context.features.mentions.some((m) => m.start === hit.end);
}

/** Words that name the source of a threat after it (ancaman berterusan dari Rusia; threats from Moscow). */
const SOURCE_WORDS = new Set(['dari', 'daripada', 'from']);

/** The source of a threat noun ending at `end`: a mention right after 'dari'/'from', within two words of the noun. */
function sourceAfter(context: SentenceContext, end: number): EntityMention | null {
  const { tokens, mentions } = context.features;
  for (let k = end; k < Math.min(tokens.length, end + 3); k++) {
    const t = tokens[k] as Token;
    if (!t.isWord) return null;
    if (SOURCE_WORDS.has(t.lower)) return mentions.find((m) => m.start === k + 1 && !inHolder(context, m)) ?? null;
  }
  return null;
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
  liveHits(context, 'hostile_act').some(
    (h) => !underCondition(context, h.start) && (accusedBefore(context, h.start) ?? agentBefore(context, h.start))?.side === target,
  )
    ? 'against'
    : null;

/** Blame phrases: against the target they land on (tanggung jawab utama ada di pundak X). */
const blamed: StanceRule = (target) => (context) =>
  liveHits(context, 'blame_following').some((h) => firstAfter(context, h.end, 6)?.side === target) ? 'against' : null;

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
      const inFrame = passive
        ? [nearestBefore(context, hit.start, 5)].filter((m): m is EntityMention => m !== null)
        : mentions.filter((m) => m.start >= hit.end && m.end <= k && !inHolder(context, m));
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
  return liveHits(context, 'desire_effort').some(
    (d) => !underCondition(context, d.start) && aims.some((a) => a.start >= d.end && a.start <= d.end + 8) && unnamed(d),
  )
    ? 'favor'
    : null;
};

/** Praise or support: favor their object; passive praise favors the patient before it. */
const praisedOrSupported: StanceRule = (target) => (context) => {
  if (liveHits(context, 'praise_active').some((h) => objectAfter(context, h.end)?.side === target)) return 'favor';
  if (liveHits(context, 'praise_passive').some((h) => nearestBefore(context, h.start, 5)?.side === target)) return 'favor';
  return null;
};

/** Positive evaluation: favor the agent it describes. */
const evaluatedPositively: StanceRule = (target) => (context) =>
  liveHits(context, 'positive_eval').some((h) => agentBefore(context, h.start)?.side === target) ? 'favor' : null;

/** Strength or resilience (Rusia tetap mampu bertahan): favor the mention right before it. */
const portrayedResilient: StanceRule = (target) => (context) =>
  liveHits(context, 'resilience').some((h) => nearestBefore(context, h.start, 3)?.side === target) ? 'favor' : null;

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
    const before =
      nearestBefore(context, hit.start, 6) ??
      context.cued.map((a) => mentions.find((m) => m.start >= a.holder_start && m.end <= a.holder_end)).find((m) => m !== undefined) ??
      null;
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
  ['speaker_affirms_own_side', speakerAffirmsOwnSide, ['favor']],
  ['speaker_rejects_other_side', speakerRejectsOtherSide, ['against']],
  ['speaker_defends_own_measure', speakerDefendsOwnMeasure, ['favor']],
  ['measures_against_it_by_speaker', measuresAgainstItBySpeaker, ['against']],
  ['criticised_by_third_party', criticisedByThirdParty, ['against']],
  ['portrayed_negatively', portrayedBy('negative_eval'), ['against']],
  ['only_attacks_other_side', onlyAttacksOtherSide, ['none']],
  ['concerns_heeded', concernsHeeded, ['favor']],
  ['speaks_only_for_other_side', speaksOnlyForOtherSide, ['none']],
  ['only_asks', onlyAsks, ['none']],
  ['speaks_of_third_party_only', speaksOfThirdPartyOnly, ['none']],
  ['held_responsible', heldResponsible, ['against']],
  ['regarded_warily', regardedWarily, ['against']],
  ['warned_by_other_side', warnedByOtherSide, ['against']],
  ['blamed_by_response', blamedByResponse, ['against']],
];

/** Functions that only make sense for one target. */
const ONLY_FOR: Readonly<Record<string, StanceTarget>> = {
  charged_with_russophobia: 'west',
  accused_of_espionage_by_west: 'russia',
};

/** Functions that can vote without the sentence naming their target; every other one needs a mention of it, so it is skipped cheaply otherwise. */
const NEED_NO_MENTION = new Set([
  'charged_with_russophobia',
  'accused_of_espionage_by_west',
  'criticised_by_other_side_unnamed',
  'defended_against_charge',
  'defended_by_speaker',
  'speaker_affirms_own_side',
  'speaker_rejects_other_side',
  'speaker_defends_own_measure',
  'only_attacks_other_side',
  'speaks_only_for_other_side',
  'only_asks',
  'speaks_of_third_party_only',
]);

/** A target's functions, in report order, each with whether it can vote on a sentence that does not name the target. */
function stanceFunctions(target: StanceTarget): { lf: LabelingFunction<Stance>; needsMention: boolean }[] {
  const task = target === 'russia' ? 'stance_russia' : 'stance_west';
  return STANCE_RULES.filter(([name]) => ONLY_FOR[name] === undefined || ONLY_FOR[name] === target).map(([name, rule, labels]) => {
    const vote = rule(target);
    const needsMention = !NEED_NO_MENTION.has(name);
    return {
      lf: {
        id: `${task}.${name}`,
        task,
        labels,
        vote: needsMention ? (context: SentenceContext) => (context.features.names[target] ? vote(context) : null) : vote,
      },
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
