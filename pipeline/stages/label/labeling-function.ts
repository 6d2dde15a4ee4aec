/**
 * The shape of a labelling function (CODEBOOK.md sections 4–6), in the manner
 * of Snorkel: a small named rule that reads one sentence in its document and
 * votes one label or abstains (null). The label model (label-model.ts)
 * combines the votes; lf-report.ts measures each function.
 */
import type { FoundAttribution } from './attributions/extract-attributions.js';
import type { SentenceFeatures } from './sentence-features.js';

/** The sentence-level labelling tasks, named as the LabeledSentence fields they fill. */
export const LABEL_TASKS = ['stance_russia', 'stance_west', 'relation_signal', 'claim_class'] as const;
export type LabelTask = (typeof LABEL_TASKS)[number];

/** What a labelling function knows about the document around its sentence. */
export interface DocumentContext {
  /** Some sentence of the document mentions Russia (gazetteer, entities.json). */
  readonly mentionsRussia: boolean;
  /** Some sentence of the document mentions the West. */
  readonly mentionsWest: boolean;
  /** The side whose sources the document quotes most (attribution sides), or null when none or a tie. */
  readonly mostQuotedSide: string | null;
}

/** One sentence as the labelling functions see it. */
export interface SentenceContext {
  readonly index: number;
  readonly features: SentenceFeatures;
  readonly document: DocumentContext;
  /** Attributions whose content covers this sentence (the speakers of what it says). */
  readonly speakers: readonly FoundAttribution[];
  /** Attributions cued in this sentence (their holder spans are not targets). */
  readonly cued: readonly FoundAttribution[];
  /** Scratch space for functions that share a derived value (live hits per category), filled on first use. */
  readonly memo: Map<string, unknown>;
}

/** A named rule that votes a label of one task or abstains. */
export interface LabelingFunction<T extends string = string> {
  /** `<task>.<what it detects>`, e.g. `stance_west.accused_by_active_verb`. */
  readonly id: string;
  readonly task: LabelTask;
  /** Labels it can vote (its declared polarity). */
  readonly labels: readonly T[];
  /** Its vote on one sentence, or null to abstain. */
  readonly vote: (context: SentenceContext) => T | null;
}

/** One labelling function's vote on one sentence. */
export interface LabelingFunctionVote {
  readonly task: LabelTask;
  readonly lf: string;
  readonly label: string;
}
