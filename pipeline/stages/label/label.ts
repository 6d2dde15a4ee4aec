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
import { withContextFeatures } from './context-features.js';
import { combineVotes, type Vote } from './label-model.js';
import { type CompiledModel, compiledProbabilities, compileModel, featureRowsOf } from './compiled-model.js';
import { decideOnProbabilities, type FittedLabelModel, SHIPPED_MODEL } from './fitted-model.js';
import { FeatureNames, modelFeatures } from './model-features.js';
import type { WordTable } from '../../text/tokenize.js';
import { documentRelevance } from './relevance.js';
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
    mostQuotedSide: mostQuotedSide(attributions),
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

/** The side of most attributions with a known side; null when none or a tie. */
function mostQuotedSide(attributions: readonly FoundAttribution[]): string | null {
  const counts = new Map<string, number>();
  for (const a of attributions) if (a.source_side !== null) counts.set(a.source_side, (counts.get(a.source_side) ?? 0) + 1);
  const ranked = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  if (ranked.length === 0 || (ranked.length > 1 && ranked[0]?.[1] === ranked[1]?.[1])) return null;
  return ranked[0]?.[0] ?? null;
}

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

/** The four tasks: field, rule prefix, vote family, classes. */
const TASKS = [
  { field: 'stance_russia', prefix: 'stance_russia', family: 'stance', classes: STANCE_VALUES },
  { field: 'stance_west', prefix: 'stance_west', family: 'stance', classes: STANCE_VALUES },
  { field: 'relation_signal', prefix: 'relation', family: 'relation', classes: RELATION_SIGNALS },
  { field: 'claim_class', prefix: 'claim', family: 'claim', classes: CLAIM_CLASSES },
] as const;

/** `vote:<task>=<label>`: a task's functions' votes pooled, a denser feature than each function alone. */
const POOLED_VOTE = new FeatureNames((task, label) => `vote:${task}=${label}`);

/** One sentence's votes per task, and its model features. */
export interface SentenceEvidence {
  readonly votes: Readonly<Record<(typeof TASKS)[number]['field'], readonly Vote<string>[]>>;
  readonly features: readonly string[];
}

/** The votes of some functions on one sentence (abstentions left out). */
function votesOf(functions: readonly LabelingFunction[], context: SentenceContext): Vote<string>[] {
  const votes: Vote<string>[] = [];
  for (const lf of functions) {
    const label = lf.vote(context);
    if (label !== null) votes.push({ lf: lf.id, label });
  }
  return votes;
}

/**
 * Every task's votes on one sentence and the model features they give.
 *
 * @param context - The sentence in its document.
 * @param words - The fitted model's word features by stem (labelling), or absent (fitting: every word).
 * @returns Votes per task and the features (model-features.ts).
 */
export function sentenceEvidence(context: SentenceContext, words?: WordTable<string>): SentenceEvidence {
  const { names } = context.features;
  // A stance function that needs its target named abstains on a sentence that does not name it: only the others are asked.
  const votes = {
    stance_russia: votesOf(names.russia ? STANCE_RUSSIA_FUNCTIONS : STANCE_FUNCTIONS_WITHOUT_MENTION.russia, context),
    stance_west: votesOf(names.west ? STANCE_WEST_FUNCTIONS : STANCE_FUNCTIONS_WITHOUT_MENTION.west, context),
    relation_signal: votesOf(RELATION_FUNCTIONS, context),
    claim_class: votesOf(CLAIM_FUNCTIONS, context),
  };
  // Pushed one by one: concat and spread both take a slow generic path for these short lists, most of them empty.
  const all: Vote<string>[] = [];
  for (const task of TASKS) for (const vote of votes[task.field]) all.push(vote);
  const features = modelFeatures(context, all, words);
  for (const task of TASKS) {
    const taskVotes = votes[task.field];
    // Each label once, in first-vote order (as a Set of the labels would give).
    for (let i = 0; i < taskVotes.length; i++) {
      const label = (taskVotes[i] as Vote<string>).label;
      let first = true;
      for (let j = 0; j < i && first; j++) if ((taskVotes[j] as Vote<string>).label === label) first = false;
      if (first) features.push(POOLED_VOTE.get(task.field, label));
    }
  }
  return { votes, features };
}

/**
 * The evidence of every sentence of a document: what the fit of the label model reads.
 *
 * @param doc - A language-tagged document.
 * @returns One SentenceEvidence per sentence.
 */
export function documentEvidence(doc: LanguageDocument): SentenceEvidence[] {
  return inDocument(sentenceContexts(doc).contexts.map((c) => sentenceEvidence(c)));
}

/** Each sentence's evidence with the features it takes from its neighbours and its document (context-features.ts). */
function inDocument(evidence: readonly SentenceEvidence[]): SentenceEvidence[] {
  const features = withContextFeatures(evidence.map((e) => e.features));
  return evidence.map((e, i) => ({ votes: e.votes, features: features[i] as string[] }));
}

/**
 * One task's decision: the fitted model when rules/fitted-label-model.json has
 * the task, else the weighted vote of label-model.ts.
 */
function decide<T extends string>(
  task: (typeof TASKS)[number],
  evidence: SentenceEvidence,
  model: FittedLabelModel,
  compiled: CompiledModel,
  rows: readonly number[],
): LabelDecision<T> {
  const votes = evidence.votes[task.field] as readonly Vote<T>[];
  const fitted = model.tasks[task.field];
  if (fitted === undefined) return combineVotes<T>(task.family, task.classes as readonly string[] as readonly T[], votes);
  // compiledProbabilities equals fitted-model.ts classProbabilities(fitted, evidence.features) to the last bit, with one look-up per feature for all tasks.
  const probabilities = compiledProbabilities(compiled, fitted, rows);
  return decideOnProbabilities<T>(fitted, task.prefix, probabilities, votes, (task.family === 'claim' ? 'cfs' : 'none') as T);
}

/** A labelled sentence while its decisions are filled in. */
type LabeledSentenceDraft = { -readonly [K in keyof LabeledSentence]: LabeledSentence[K] };

/**
 * Label a document: stance towards Russia and the West, relation signal and
 * claim class per sentence, and its attributions.
 *
 * @param doc - A segmented, language-tagged document.
 * @param model - The fitted label model (default: rules/fitted-label-model.json).
 * @returns The same document with its relevance, labelled sentences and attributions.
 * @example
 * const labelled = label(detectLanguage(segmentSentences(clean(raw))));
 * labelled.sentences[0].stance_west // { label: 'against', confidence: 0.67, rules: ['stance_west.accused_by_active_verb'] }
 */
export function label(doc: LanguageDocument, model: FittedLabelModel = SHIPPED_MODEL): LabeledDocument {
  const { contexts, attributions } = sentenceContexts(doc);
  const compiled = compileModel(model);
  const own = contexts.map((c) => sentenceEvidence(c, compiled.words));
  let relationSentences = 0;
  for (const e of own) if (e.votes.relation_signal.length > 0) relationSentences++;
  const relevance = documentRelevance(
    contexts.map((c) => c.features),
    relationSentences,
  );
  // On an unrelated or west-only document stance and relation are none, decided by the relevance rule.
  const offTopic: LabelDecision<'none'> | null =
    relevance.label === 'unrelated' || relevance.label === 'west_only' ? { label: 'none', confidence: relevance.confidence, rules: relevance.rules } : null;
  // Then only the claim class is decided: the context features are left out when it weighs none of them (a feature no
  // decided task weighs adds nothing to a score), as on most documents of a general news corpus.
  const claim = model.tasks.claim_class;
  const evidence = offTopic !== null && (claim === undefined || !compiled.readsContext.has(claim)) ? own : inDocument(own);
  const sentences: LabeledSentence[] = doc.sentences.map((sentence, i) => {
    const e = evidence[i] as SentenceEvidence;
    const rows = featureRowsOf(compiled, e.features);
    // Object.assign, not object spread, which is many times slower here.
    const labelled = Object.assign({}, sentence) as LabeledSentenceDraft;
    labelled.stance_russia = offTopic ?? decide<Stance>(TASKS[0], e, model, compiled, rows);
    labelled.stance_west = offTopic ?? decide<Stance>(TASKS[1], e, model, compiled, rows);
    labelled.relation_signal = offTopic ?? decide<RelationSignal>(TASKS[2], e, model, compiled, rows);
    labelled.claim_class = decide<ClaimClass>(TASKS[3], e, model, compiled, rows);
    return labelled;
  });
  return Object.assign({}, doc, { relevance, sentences, attributions: attributions.map(toAttribution) });
}
