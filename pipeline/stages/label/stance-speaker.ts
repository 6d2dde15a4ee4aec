/**
 * Speaker-aware labelling functions for stance (CODEBOOK.md section 4, "the
 * attitude that the sentence expresses towards the target, whoever holds it"):
 * who speaks, and for which side, decides many labels. A side's own officials
 * affirming their side (resolve, commitment, justified responses, their own
 * measures) favor it; their rejection, warnings and measures aimed at the other
 * side are against that side; a side that only attacks the other, or speaks
 * only of a third party, is `none` for itself. Also the cues whose target is
 * found through a speaker, a hedge or a possessor: being held responsible,
 * wariness, warnings, heeded concerns, questions. stance.ts lists them with
 * the other stance functions.
 */
import type { SentenceContext } from './labeling-function.js';
import type { PhraseHit } from './phrase-index.js';
import { hitsOf } from './sentence-features.js';
import {
  OTHER_TARGET,
  type StanceRule,
  type StanceTarget,
  agentBefore,
  firstAfter,
  freeMentions,
  hasAffirmingCue,
  hasHostileCue,
  hasThirdPartySpeakerOnly,
  hedgedBefore,
  inHolder,
  liveHits,
  nearestBefore,
  possessorAfter,
  speakerSide,
  speaksInFirstPerson,
  targetMentions,
  underCondition,
  withThirdParty,
} from './stance-context.js';

/*
 * Speaker-aware functions (CODEBOOK.md section 4, "whoever holds it"): a
 * side's own officials speaking for their side (resolve, commitment,
 * reassurance, justifying a response, presenting their own measures) favor
 * it; their rejection, warnings and measures aimed at the other side are
 * against that side. The speaker's side comes from the attribution's source
 * (actor gazetteer); what they say from the own_resolve,
 * response_justification, unacceptable, warning_resolve and own_measure
 * lexicons of rules/stance.id.json.
 */

/** Is the hit about the other side (a mention of it just before, or right after as possessor)? Then it is not the speaker's own side described. */
function aboutOtherSide(context: SentenceContext, hit: PhraseHit, own: StanceTarget): boolean {
  const before = nearestBefore(context, hit.start, 3);
  const after = possessorAfter(context, hit.end);
  return before?.side === OTHER_TARGET[own] || after?.side === OTHER_TARGET[own];
}

/**
 * A speaker's words about their own side: first person (kami, we, pihaknya),
 * their side named as agent of the hit, or no side named before the hit but the
 * speaker's own in the source phrase (Rusia mengklaim pengusiran itu sebagai tanggapan atas ...).
 */
function aboutOwnSide(context: SentenceContext, hit: PhraseHit, own: StanceTarget): boolean {
  if (aboutOtherSide(context, hit, own)) return false;
  if (speaksInFirstPerson(context)) return true;
  const agent = agentBefore(context, hit.start);
  if (agent !== null) return agent.side === own;
  return !freeMentions(context).some((m) => m.end <= hit.start && m.side !== own) && context.cued.some((a) => a.side === own);
}

/**
 * A side's speaker voices its resolve, commitment, goodwill or a justified
 * response (Kami siap dan bersedia mempertahankan ...; tidak bisa dibiarkan
 * tanpa reaksi; our commitment is unwavering): favor that side.
 */
export const speakerAffirmsOwnSide: StanceRule = (target) => (context) => {
  if (speakerSide(context) !== target) return null;
  for (const category of ['own_resolve', 'response_justification']) {
    const own = (h: PhraseHit): boolean => !underCondition(context, h.start) && !withThirdParty(context, h.end) && aboutOwnSide(context, h, target);
    if (liveHits(context, category).some(own)) return 'favor';
  }
  return null;
};

/**
 * The other side's speaker rejects, warns or resolves against this target
 * (tidak dapat diterima; tidak akan ragu ... jika Rusia ...; under pressure
 * from Washington): against it, when it is named, or, in a first-person
 * quote naming no third party, in a document about it.
 */
export const speakerRejectsOtherSide: StanceRule = (target) => (context) => {
  if (speakerSide(context) !== OTHER_TARGET[target]) return null;
  const named = targetMentions(context, target).length > 0;
  const unnamedAbout =
    !named &&
    speaksInFirstPerson(context) &&
    (target === 'russia' ? context.document.mentionsRussia : context.document.mentionsWest) &&
    !context.features.mentions.some((m) => m.side === 'other' && !inHolder(context, m));
  if (!named && !unnamedAbout) return null;
  return liveHits(context, 'unacceptable').length > 0 || liveHits(context, 'warning_resolve').length > 0 ? 'against' : null;
};

/** A speaker presents their own side's measures (sanksi kami ... sebagai tanggapan atas tindakan Rusia): favor their side, when the other side is named. */
export const speakerDefendsOwnMeasure: StanceRule = (target) => (context) => {
  if (speakerSide(context) !== target || !speaksInFirstPerson(context)) return null;
  if (targetMentions(context, OTHER_TARGET[target]).length === 0) return null;
  return liveHits(context, 'own_measure').length > 0 ? 'favor' : null;
};

/** The other side's speaker presents measures of theirs that name this target (kami mengambil langkah ... melawan operasi Putin): approval of harm to it, against. */
export const measuresAgainstItBySpeaker: StanceRule = (target) => (context) => {
  if (speakerSide(context) !== OTHER_TARGET[target] || !speaksInFirstPerson(context)) return null;
  if (targetMentions(context, target).length === 0) return null;
  return liveHits(context, 'own_measure').length > 0 ? 'against' : null;
};

/** A third party's speaker (Ukraine, Indonesia, an analyst of neither side) uses hostile or rejecting words in a sentence that names this target: against it. */
export const criticisedByThirdParty: StanceRule = (target) => (context) => {
  if (!hasThirdPartySpeakerOnly(context)) return null;
  if (targetMentions(context, target).length === 0 || targetMentions(context, OTHER_TARGET[target]).length > 0) return null;
  return hasHostileCue(context) || liveHits(context, 'unacceptable').length > 0 ? 'against' : null;
};

/**
 * A side's speaker (or a side as the accuser, Rusia menuduh AS ...) only attacks
 * the other side, with no word for its own: the sentence is against the other
 * side and says nothing for the speaker's own, so the own side is `none`
 * (CODEBOOK.md section 4: reporting a side's charge is not favor of it).
 */
export const onlyAttacksOtherSide: StanceRule = (target) => (context) => {
  const voicedBy = speakerSide(context) ?? (liveHits(context, 'accuse_active').some((h) => agentBefore(context, h.start)?.side === target) ? target : null);
  if (voicedBy !== target) return null;
  if (!hasHostileCue(context) || hasAffirmingCue(context) || liveHits(context, 'own_measure').length > 0) return null;
  // A charge dismissed (tuduhan Barat ... tidak berdasar) defends the speaker's side.
  if (hitsOf(context.features, 'stance.claim_nouns').length > 0) return null;
  // Hostile words about the speaker's own side named in the sentence (Rusia dituduh ...) are not an attack on the other side.
  if (targetMentions(context, OTHER_TARGET[target]).length === 0) return null;
  return 'none';
};

/**
 * A side's speaker speaks only for their own side (Kami tidak menginginkan
 * perang dingin baru), with no hostile word and no measure: nothing is said
 * about the other side, so this target, the other side, is `none`.
 */
export const speaksOnlyForOtherSide: StanceRule = (target) => (context) => {
  const other = OTHER_TARGET[target];
  if (speakerAffirmsOwnSide(other)(context) !== 'favor') return null;
  if (hasHostileCue(context) || liveHits(context, 'own_measure').length > 0 || liveHits(context, 'warning_resolve').length > 0) return null;
  return 'none';
};

/** Held responsible (pemerintah Barat ... bertanggung jawab atas setiap nyawa): against the agent, unless a hedge (belum, jika, whether) stands before it. */
export const heldResponsible: StanceRule = (target) => (context) => {
  return liveHits(context, 'responsibility').some((h) => !hedgedBefore(context, h.start) && agentBefore(context, h.start)?.side === target) ? 'against' : null;
};

/** Wariness or frustration aimed at a side (Polandia lebih waspada terhadap Rusia): against it, unless it is the wary one. */
export const regardedWarily: StanceRule = (target) => (context) =>
  liveHits(context, 'wariness').some((h) => firstAfter(context, h.end, 10)?.side === target && agentBefore(context, h.start)?.side !== target)
    ? 'against'
    : null;

/** An act presented as a response to this target's act (sebagai tanggapan atas tindakan AS; in response to Russia's actions), by the other side: the blame lies with this target. */
export const blamedByResponse: StanceRule = (target) => (context) => {
  const other = OTHER_TARGET[target];
  for (const hit of liveHits(context, 'response_justification')) {
    if (firstAfter(context, hit.end, 4)?.side !== target) continue;
    if (speakerSide(context) === other || agentBefore(context, hit.start)?.side === other || context.cued.some((a) => a.side === other)) return 'against';
  }
  return null;
};

/** A question with no hostile word (Seberapa kuat daya tahan ekonomi Rusia?) asks rather than evaluates: none. */
export const onlyAsks: StanceRule = () => (context) => (context.features.endsWithQuestion && !hasHostileCue(context) ? 'none' : null);

/**
 * A side's speaker talks of a third party only (Kami berterima kasih kepada
 * pihak Indonesia ...; bilateral trade with Indonesia), naming neither side and
 * with no cue that affirms or attacks: nothing for or against their own side.
 */
export const speaksOfThirdPartyOnly: StanceRule = (target) => (context) => {
  if (speakerSide(context) !== target) return null;
  const free = freeMentions(context);
  if (!free.some((m) => m.side === 'other') || free.some((m) => m.side !== 'other')) return null;
  return hasHostileCue(context) || hasAffirmingCue(context) ? null : 'none';
};

/** The other side warns this target or about it (Biden memperingatkan Kremlin; Rutte memberi amaran tentang usaha oleh Rusia): against it. */
export const warnedByOtherSide: StanceRule = (target) => (context) =>
  liveHits(context, 'warn_verbs').some(
    (h) =>
      firstAfter(context, h.end, 8)?.side === target &&
      (agentBefore(context, h.start)?.side === OTHER_TARGET[target] || speakerSide(context) === OTHER_TARGET[target]),
  )
    ? 'against'
    : null;

/** Heeding or ignoring a side's concerns (mau mendengar keinginan Rusia; mengabaikan kekhawatiran Rusia): favor that side, the possessor of the concern. */
export const concernsHeeded: StanceRule = (target) => (context) => {
  const verbs = liveHits(context, 'heeding_verbs');
  if (verbs.length === 0) return null;
  for (const noun of hitsOf(context.features, 'stance.concern_nouns')) {
    if (!verbs.some((v) => v.end <= noun.start && noun.start - v.end <= 3)) continue;
    const owner = possessorAfter(context, noun.end) ?? firstAfter(context, noun.end, 3);
    if (owner?.side === target) return 'favor';
  }
  return null;
};
