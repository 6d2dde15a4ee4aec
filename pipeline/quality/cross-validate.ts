/**
 * Cross-validated labels for `make eval` (CODEBOOK.md sections 4–6): when the
 * gold set was part of the shipped label model's fit, scoring the shipped
 * labels would score the model on what it has seen. Instead each gold
 * sentence's four labels come from a model fitted on the other folds of the
 * set (folds by outlet, label-training.ts), with the shipped temperature and
 * multipliers; everything else (attributions, segmentation) is the pipeline's.
 */
import type { GoldDocument } from './gold.js';
import { buildExamples, foldsOf, MODEL_TASKS, outOfFoldScores, votedLabelsOf } from './label-training.js';
import { softmax } from './logistic.js';
import { decideClass, type FittedLabelModel, SHIPPED_MODEL } from '../stages/label/fitted-model.js';
import type { LabeledDocument, LabeledSentence } from '../types.js';

/** The shipped model's training documents and fit record (rules/fitted-label-model.json). */
export const TRAINING_DOCUMENTS: ReadonlySet<string> = new Set((SHIPPED_MODEL as unknown as { training_documents?: string[] }).training_documents ?? []);

/**
 * How many of the gold documents the shipped model was fitted on.
 *
 * @param gold - Gold documents.
 * @returns The count.
 */
export function documentsSeenByFit(gold: readonly GoldDocument[]): number {
  return gold.filter((g) => TRAINING_DOCUMENTS.has(g.source_file)).length;
}

/**
 * The documents with every aligned gold sentence relabelled out of fold.
 *
 * @param gold - Gold documents.
 * @param documents - The pipeline's labelled documents.
 * @param model - Whose temperatures and multipliers apply (default: the shipped model).
 * @returns New documents; sentences without a gold counterpart keep their labels.
 */
export function crossValidatedDocuments(
  gold: readonly GoldDocument[],
  documents: readonly LabeledDocument[],
  model: FittedLabelModel = SHIPPED_MODEL,
): LabeledDocument[] {
  const examples = buildExamples(gold, documents);
  const folds = foldsOf(examples);
  const replaced = new Map<string, Map<number, Partial<Record<string, LabeledSentence['stance_russia']>>>>();
  for (const task of MODEL_TASKS) {
    const shipped = model.tasks[task.field];
    if (shipped === undefined) continue;
    const raw = outOfFoldScores(examples, task, folds);
    examples.forEach((e, i) => {
      const p = softmax(raw[i] as number[], shipped.temperature);
      const c = decideClass(shipped, p, votedLabelsOf(e, task));
      const bySentence = replaced.get(e.source_file) ?? replaced.set(e.source_file, new Map()).get(e.source_file);
      const decisions = bySentence?.get(e.sentence) ?? {};
      decisions[task.field] = { label: shipped.classes[c] as never, confidence: Math.round((p[c] as number) * 1e4) / 1e4, rules: ['cross_validated'] };
      bySentence?.set(e.sentence, decisions);
    });
  }
  return documents.map((d) => {
    const bySentence = replaced.get(d.source_file);
    // An unrelated or west-only document keeps the relevance rule's none (label.ts), as the pipeline gives it.
    if (bySentence === undefined || d.relevance.label === 'unrelated' || d.relevance.label === 'west_only') return d;
    return { ...d, sentences: d.sentences.map((s, j) => ({ ...s, ...(bySentence.get(j) ?? {}) })) };
  });
}
