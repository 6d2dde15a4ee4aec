/**
 * Labelling-function analysis (CODEBOOK.md sections 4–6), as Snorkel's
 * LFAnalysis gives it: for each function its task, polarity (the labels it
 * actually voted), coverage (share of sentences where it votes), overlap
 * (share where it votes and another function of the same task votes too),
 * conflict (share where it votes and another function of the same task votes
 * a different label) and, given gold, how many of its votes fall on gold
 * sentences and how many of those are right. The rows are plain objects with
 * snake_case keys, ready for lf_report.csv.
 */
import { alignSentences } from './evaluate.js';
import type { GoldDocument } from './gold.js';
import { LABELING_FUNCTIONS, labelingFunctionVotes, sentenceContexts } from '../stages/label/label.js';
import type { LabelingFunction, LabelingFunctionVote, LabelTask } from '../stages/label/labeling-function.js';
import type { LanguageDocument } from '../types.js';

/** One row of the report. */
export interface LfReportRow {
  readonly task: LabelTask;
  readonly lf_id: string;
  /** Labels it voted at least once, sorted (empty when it never voted). */
  readonly polarity: readonly string[];
  readonly n_sentences: number;
  readonly n_votes: number;
  readonly coverage: number;
  readonly overlap: number;
  readonly conflict: number;
  /** Votes cast on sentences aligned to a gold sentence; null without gold. */
  readonly n_gold_votes: number | null;
  /** Share of those votes equal to the gold label; null without gold or without such votes. */
  readonly empirical_accuracy: number | null;
}

/** One sentence's votes, with its gold labels when known. */
export interface SentenceVotes {
  readonly votes: readonly LabelingFunctionVote[];
  /** Gold label per task, or null when the sentence has no gold. */
  readonly gold: Readonly<Record<LabelTask, string>> | null;
}

/**
 * The report from precomputed votes.
 *
 * @param sentences - Every sentence's votes (and gold labels, if any).
 * @param functions - The functions to report on, in row order.
 * @param withGold - Whether gold was given at all (else the gold columns are null).
 * @returns One row per function.
 * @example
 * lfReportRows([{ votes: [{ task: 'claim_class', lf: 'claim.nfs_hedge', label: 'nfs' }], gold: null }], CLAIM_FUNCTIONS, false)
 */
export function lfReportRows(
  sentences: readonly SentenceVotes[],
  functions: readonly LabelingFunction[] = LABELING_FUNCTIONS,
  withGold = sentences.some((s) => s.gold !== null),
): LfReportRow[] {
  const n = sentences.length;
  return functions.map((lf) => {
    const polarity = new Set<string>();
    let votes = 0;
    let overlaps = 0;
    let conflicts = 0;
    let goldVotes = 0;
    let correct = 0;
    for (const sentence of sentences) {
      const own = sentence.votes.find((v) => v.lf === lf.id);
      if (own === undefined) continue;
      votes++;
      polarity.add(own.label);
      const others = sentence.votes.filter((v) => v.task === lf.task && v.lf !== lf.id);
      if (others.length > 0) overlaps++;
      if (others.some((v) => v.label !== own.label)) conflicts++;
      if (sentence.gold !== null) {
        goldVotes++;
        if (sentence.gold[lf.task] === own.label) correct++;
      }
    }
    return {
      task: lf.task,
      lf_id: lf.id,
      polarity: [...polarity].sort(),
      n_sentences: n,
      n_votes: votes,
      coverage: n === 0 ? 0 : votes / n,
      overlap: n === 0 ? 0 : overlaps / n,
      conflict: n === 0 ? 0 : conflicts / n,
      n_gold_votes: withGold ? goldVotes : null,
      empirical_accuracy: withGold && goldVotes > 0 ? correct / goldVotes : null,
    };
  });
}

/**
 * The report over documents, with gold when given (matched by source_file,
 * sentences aligned by text as in evaluate.ts).
 *
 * @param docs - Language-tagged documents (labelled ones work too).
 * @param gold - Gold documents, or omit for coverage/overlap/conflict only.
 * @returns One row per labelling function.
 */
export function lfReport(docs: readonly LanguageDocument[], gold?: readonly GoldDocument[]): LfReportRow[] {
  const goldBySource = new Map((gold ?? []).map((g) => [g.source_file, g]));
  const sentences: SentenceVotes[] = [];
  for (const doc of docs) {
    const { contexts } = sentenceContexts(doc);
    const g = goldBySource.get(doc.source_file);
    const goldIndexOf = new Map<number, number>();
    if (g !== undefined) {
      alignSentences(
        g.sentences.map((s) => s.text),
        doc.sentences.map((s) => s.text),
      ).forEach((j, i) => {
        if (j !== null) goldIndexOf.set(j, i);
      });
    }
    contexts.forEach((context, j) => {
      const i = goldIndexOf.get(j);
      const gs = i === undefined || g === undefined ? undefined : g.sentences[i];
      sentences.push({
        votes: labelingFunctionVotes(context),
        gold:
          gs === undefined
            ? null
            : { stance_russia: gs.stance_russia, stance_west: gs.stance_west, relation_signal: gs.relation_signal, claim_class: gs.claim_class },
      });
    });
  }
  return lfReportRows(sentences, LABELING_FUNCTIONS, gold !== undefined);
}
