/**
 * The labelling stage (CODEBOOK.md sections 4–7): LanguageDocument →
 * LabeledDocument. Pure: no I/O, no clock, no randomness.
 *
 * Each sentence's features are computed once (sentence-features.ts); the
 * attributions are found first (extract-attributions.ts) because the stance
 * and claim functions read who speaks; then every labelling function votes
 * (label-stance.ts, label-relation.ts, label-claim.ts) and the label model
 * (label-model.ts) turns each task's votes into a label, a confidence and the
 * ids of the deciding functions.
 */
import { findAttributions, toAttribution, type FoundAttribution } from './attributions/extract-attributions.js';
import { CLAIM_FUNCTIONS } from './claim.js';
import { combineVotes, type Vote } from './label-model.js';
import { RELATION_FUNCTIONS } from './relation.js';
import { STANCE_FUNCTIONS_WITHOUT_MENTION, STANCE_RUSSIA_FUNCTIONS, STANCE_WEST_FUNCTIONS } from './stance.js';
import type { DocumentContext, LabelingFunction, LabelingFunctionVote, SentenceContext } from './labeling-function.js';
import { sentenceFeatures, type SentenceFeatures } from './sentence-features.js';
import {
  CLAIM_CLASSES,
  RELATION_SIGNALS,
  STANCE_VALUES,
  type ClaimClass,
  type LabelDecision,
  type LabeledDocument,
  type LabeledSentence,
  type LanguageDocument,
  type RelationSignal,
  type Stance,
} from '../../types.js';

/** Every labelling function, in report order. */
export const LABELING_FUNCTIONS: readonly LabelingFunction[] = [
  ...STANCE_RUSSIA_FUNCTIONS,
  ...STANCE_WEST_FUNCTIONS,
  ...RELATION_FUNCTIONS,
  ...CLAIM_FUNCTIONS,
];

/**
 * Every labelling function's vote on one sentence (abstentions left out), not just the winners.
 *
 * @param context - The sentence in its document (see sentenceContexts).
 * @returns The votes, in LABELING_FUNCTIONS order.
 */
export function labelingFunctionVotes(context: SentenceContext): LabelingFunctionVote[] {
  const votes: LabelingFunctionVote[] = [];
  for (const lf of LABELING_FUNCTIONS) {
    const label = lf.vote(context);
    if (label !== null) votes.push({ task: lf.task, lf: lf.id, label });
  }
  return votes;
}

/**
 * The context of every sentence of a document, with the document's attributions.
 *
 * @param doc - A language-tagged document.
 * @returns One context per sentence, and the attributions found.
 */
export function sentenceContexts(doc: LanguageDocument): { contexts: SentenceContext[]; attributions: FoundAttribution[] } {
  const features: SentenceFeatures[] = doc.sentences.map((s) => sentenceFeatures(s.text));
  const attributions = findAttributions(doc, features);
  const document: DocumentContext = {
    mentionsRussia: features.some((f) => f.names.russia),
    mentionsWest: features.some((f) => f.names.west),
  };
  // Indexed once, not filtered per sentence: filtering made the stage quadratic on long documents.
  // A list is made only for a sentence that has an attribution; the others (most) share one empty list.
  const speakersBySentence: (FoundAttribution[] | undefined)[] = [];
  const cuedBySentence: (FoundAttribution[] | undefined)[] = [];
  const n = features.length;
  for (const a of attributions) {
    for (const index of new Set(a.sentence_indices)) if (index >= 0 && index < n) (speakersBySentence[index] ??= []).push(a);
    if (a.cue_sentence >= 0 && a.cue_sentence < n) (cuedBySentence[a.cue_sentence] ??= []).push(a);
  }
  const contexts = features.map(
    (f, index) => new Context(index, f, document, speakersBySentence[index] ?? NO_ATTRIBUTIONS, cuedBySentence[index] ?? NO_ATTRIBUTIONS),
  );
  return { contexts, attributions };
}

const NO_ATTRIBUTIONS: readonly FoundAttribution[] = [];

/** A SentenceContext whose memo is made on first use: most sentences name no side, and no function needs one for them. */
class Context implements SentenceContext {
  private memoMap: Map<string, unknown> | null = null;

  constructor(
    readonly index: number,
    readonly features: SentenceFeatures,
    readonly document: DocumentContext,
    readonly speakers: readonly FoundAttribution[],
    readonly cued: readonly FoundAttribution[],
  ) {}

  get memo(): Map<string, unknown> {
    return (this.memoMap ??= new Map<string, unknown>());
  }
}

const NO_VOTES: readonly Vote<never>[] = [];

/**
 * One task's decision on one sentence: its functions' votes (abstentions left
 * out) combined by the label model. Most sentences get no vote or one, so the
 * list of votes is made only from a second vote on.
 */
function decide<T extends string>(
  family: 'stance' | 'relation' | 'claim',
  classes: readonly T[],
  functions: readonly LabelingFunction[],
  context: SentenceContext,
): LabelDecision<T> {
  let first: Vote<T> | null = null;
  let votes: Vote<T>[] | null = null;
  for (const lf of functions) {
    const label = lf.vote(context) as T | null;
    if (label === null) continue;
    if (first === null) first = { lf: lf.id, label };
    else (votes ??= [first]).push({ lf: lf.id, label });
  }
  return combineVotes<T>(family, classes, votes ?? (first === null ? NO_VOTES : [first]));
}

/** A labelled sentence while its decisions are filled in. */
type LabeledSentenceDraft = { -readonly [K in keyof LabeledSentence]: LabeledSentence[K] };

/**
 * Label a document: stance towards Russia and the West, relation signal and
 * claim class per sentence, and its attributions.
 *
 * @param doc - A segmented, language-tagged document.
 * @returns The same document with labelled sentences and attributions.
 * @example
 * const labelled = label(detectLanguage(segmentSentences(clean(raw))));
 * labelled.sentences[0].stance_west // { label: 'against', confidence: 0.67, rules: ['stance_west.accused_by_active_verb'] }
 */
export function label(doc: LanguageDocument): LabeledDocument {
  const { contexts, attributions } = sentenceContexts(doc);
  const sentences: LabeledSentence[] = doc.sentences.map((sentence, i) => {
    const context = contexts[i] as SentenceContext;
    const { names } = context.features;
    // A stance function that needs its target named abstains on a sentence that does not name it: only the others are asked.
    const russiaFunctions = names.russia ? STANCE_RUSSIA_FUNCTIONS : STANCE_FUNCTIONS_WITHOUT_MENTION.russia;
    const westFunctions = names.west ? STANCE_WEST_FUNCTIONS : STANCE_FUNCTIONS_WITHOUT_MENTION.west;
    // Decided in this order (the functions share the context's memo), then set on a copy of the sentence, after its own
    // fields. Object.assign, not object spread, which is many times slower here; and no literal of the four to copy from.
    const stanceRussia = decide<Stance>('stance', STANCE_VALUES, russiaFunctions, context);
    const stanceWest = decide<Stance>('stance', STANCE_VALUES, westFunctions, context);
    const relationSignal = decide<RelationSignal>('relation', RELATION_SIGNALS, RELATION_FUNCTIONS, context);
    const claimClass = decide<ClaimClass>('claim', CLAIM_CLASSES, CLAIM_FUNCTIONS, context);
    const labelled = Object.assign({}, sentence) as LabeledSentenceDraft;
    labelled.stance_russia = stanceRussia;
    labelled.stance_west = stanceWest;
    labelled.relation_signal = relationSignal;
    labelled.claim_class = claimClass;
    return labelled;
  });
  return Object.assign({}, doc, { sentences, attributions: attributions.map(toAttribution) });
}
