/**
 * Training and cross-validation of the fitted label model (CODEBOOK.md
 * sections 4–6; stages/label/fitted-model.ts applies it). Pure functions:
 * examples are the gold sentences aligned to the pipeline's sentences
 * (evaluate.ts alignSentences) with their model features; folds are by
 * outlet (the second part of a `NNN_outlet_slug.txt` file name, else the
 * file), so every cross-validated figure is on outlets the fold never saw.
 */
import { alignSentences } from './evaluate.js';
import type { GoldDocument } from './gold.js';
import { DEFAULT_FIT, type Fitted, fitLogistic, type Row, scores, softmax } from './logistic.js';
import { CONTEXT_FEATURE } from '../stages/label/context-features.js';
import { chooseClass, classProbabilities, decideClass, type TaskModel } from '../stages/label/fitted-model.js';
import { documentEvidence, LABELING_FUNCTIONS } from '../stages/label/label.js';
import { functionWeight } from '../stages/label/label-model.js';
import { CLAIM_CLASSES, type LanguageDocument, RELATION_SIGNALS, STANCE_VALUES } from '../types.js';

/** The fitted tasks: LabeledSentence field, classes, the classes the task's F measure averages. */
/** `context`: whether the task's fit reads the features a sentence takes from its neighbours (context-features.ts; measured to help relation only). */
export const MODEL_TASKS = [
  { field: 'stance_russia', classes: STANCE_VALUES, scored: ['favor', 'against'], context: false },
  { field: 'stance_west', classes: STANCE_VALUES, scored: ['favor', 'against'], context: false },
  { field: 'relation_signal', classes: RELATION_SIGNALS, scored: ['deteriorating', 'improving'], context: true },
  { field: 'claim_class', classes: CLAIM_CLASSES, scored: ['cfs', 'ufs', 'nfs'], context: false },
] as const;
export type ModelTask = (typeof MODEL_TASKS)[number];
export type TaskField = ModelTask['field'];

/** One gold sentence aligned to a pipeline sentence. */
export interface Example {
  readonly source_file: string;
  readonly group: string;
  /** Index of the pipeline sentence in its document. */
  readonly sentence: number;
  readonly features: readonly string[];
  readonly gold: Readonly<Record<TaskField, string>>;
}

/** Number of folds of the cross-validation (fewer when there are fewer groups). */
export const FOLDS = 10;
/** A word feature is kept when it occurs in at least this many training documents (no one article's words). */
export const MIN_WORD_DOCUMENTS = 3;
/** Any other feature: in at least this many. */
export const MIN_OTHER_DOCUMENTS = 2;

/**
 * The cross-validation group of a document: its outlet when the file name says it.
 *
 * @param sourceFile - E.g. `210_republika_balas_sanksi.txt`.
 * @returns `republika`, or the file name itself.
 */
export function groupOf(sourceFile: string): string {
  const m = /^\d+_([a-z0-9]+)_/i.exec(sourceFile);
  return m ? (m[1] as string).toLowerCase() : sourceFile;
}

/**
 * The training examples of gold documents and their pipeline documents.
 *
 * @param gold - Gold documents.
 * @param documents - Pipeline documents (language-tagged or labelled), matched by source_file.
 * @returns One example per aligned gold sentence, in gold order.
 */
export function buildExamples(gold: readonly GoldDocument[], documents: readonly LanguageDocument[]): Example[] {
  const bySource = new Map(documents.map((d) => [d.source_file, d]));
  const examples: Example[] = [];
  for (const g of gold) {
    const doc = bySource.get(g.source_file);
    if (doc === undefined) continue;
    const evidence = documentEvidence(doc);
    const alignment = alignSentences(
      g.sentences.map((s) => s.text),
      doc.sentences.map((s) => s.text),
    );
    g.sentences.forEach((s, i) => {
      const j = alignment[i];
      if (j === null || j === undefined) return;
      examples.push({
        source_file: g.source_file,
        group: groupOf(g.source_file),
        sentence: j,
        features: evidence[j]?.features ?? [],
        gold: { stance_russia: s.stance_russia, stance_west: s.stance_west, relation_signal: s.relation_signal, claim_class: s.claim_class },
      });
    });
  }
  return examples;
}

/**
 * The features kept for a fit: in enough distinct documents, sorted.
 *
 * @param examples - Training examples.
 * @param task - The task fitted: a task that does not read context features (MODEL_TASKS `context`) leaves them out.
 * @returns Feature names in code-unit order.
 */
export function vocabulary(examples: readonly Example[], task?: ModelTask): string[] {
  const documents = new Map<string, Set<string>>();
  const skipContext = task !== undefined && !task.context;
  for (const e of examples) {
    for (const f of e.features) if (!(skipContext && CONTEXT_FEATURE.test(f))) (documents.get(f) ?? documents.set(f, new Set()).get(f))?.add(e.source_file);
  }
  return [...documents]
    .filter(([f, docs]) => docs.size >= (f.startsWith('w:') ? MIN_WORD_DOCUMENTS : MIN_OTHER_DOCUMENTS))
    .map(([f]) => f)
    .sort();
}

function rowsOf(examples: readonly Example[], task: ModelTask, index: ReadonlyMap<string, number>): Row[] {
  const classes = task.classes as readonly string[];
  return examples.map((e) => ({
    features: e.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined),
    label: Math.max(0, classes.indexOf(e.gold[task.field])),
  }));
}

/** A task fitted on some examples: its vocabulary and weights. */
interface TaskFit {
  readonly vocabulary: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly fitted: Fitted;
}

/**
 * The prior weights of a task: each labelling function's vote feature
 * (`lf:<id>=<label>`, any task's function) weighs log(a / (1 − a)) for its
 * label, a its hand-set accuracy (rules/label-model.json). The fit pulls
 * towards them, so a function that seldom fires in the gold keeps its
 * documented weight, and every function's vote feature is in the model
 * whether or not the gold shows it.
 *
 * @param task - The task.
 * @returns Feature name → prior weight per class.
 */
export function priorWeights(task: ModelTask): Map<string, number[]> {
  const classes = task.classes as readonly string[];
  const prior = new Map<string, number[]>();
  for (const lf of LABELING_FUNCTIONS) {
    if (lf.task !== task.field) continue;
    for (const label of lf.labels) {
      const c = classes.indexOf(label);
      if (c < 0) continue;
      const w = classes.map(() => 0);
      w[c] = functionWeight(lf.id);
      prior.set(`lf:${lf.id}=${label}`, w);
    }
  }
  return prior;
}

function fitTaskRaw(examples: readonly Example[], task: ModelTask): TaskFit {
  const priors = priorWeights(task);
  const vocab = [...new Set([...vocabulary(examples, task), ...priors.keys()])].sort();
  const index = new Map(vocab.map((f, i) => [f, i]));
  const k = task.classes.length;
  const prior = new Float64Array(vocab.length * k);
  vocab.forEach((f, i) => priors.get(f)?.forEach((w, c) => (prior[i * k + c] = w)));
  const fitted = fitLogistic(rowsOf(examples, task, index), { ...DEFAULT_FIT, classes: k, nFeatures: vocab.length, prior });
  return { vocabulary: vocab, index, fitted };
}

/**
 * The fold of each example: groups in code-unit order dealt round-robin.
 *
 * @param examples - Examples.
 * @param folds - How many folds at most.
 * @returns Fold index per example.
 */
export function foldsOf(examples: readonly Example[], folds = FOLDS): number[] {
  const groups = [...new Set(examples.map((e) => e.group))].sort();
  const k = Math.max(1, Math.min(folds, groups.length));
  const foldOfGroup = new Map(groups.map((g, i) => [g, i % k]));
  return examples.map((e) => foldOfGroup.get(e.group) ?? 0);
}

/**
 * Out-of-fold raw class scores: each example scored by a model fitted on the other folds.
 *
 * @param examples - Examples.
 * @param task - The task.
 * @param folds - Fold index per example (foldsOf).
 * @returns Raw scores per example.
 */
export function outOfFoldScores(examples: readonly Example[], task: ModelTask, folds: readonly number[]): number[][] {
  const out: number[][] = examples.map(() => []);
  for (const k of [...new Set(folds)].sort((a, b) => a - b)) {
    const train = examples.filter((_, i) => folds[i] !== k);
    const fit = fitTaskRaw(train, task);
    examples.forEach((e, i) => {
      if (folds[i] !== k) return;
      out[i] = scores(
        fit.fitted,
        e.features.map((f) => fit.index.get(f)).filter((x): x is number => x !== undefined),
      );
    });
  }
  return out;
}

/**
 * The labels a task's functions voted on an example, read off its pooled vote features (`vote:<task>=<label>`).
 *
 * @param e - An example.
 * @param task - The task.
 * @returns Distinct voted labels.
 */
export function votedLabelsOf(e: Example, task: ModelTask): string[] {
  const prefix = `vote:${task.field}=`;
  return e.features.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
}

/**
 * The task's F measure of some decisions: mean F1 over its scored classes.
 *
 * @param task - The task.
 * @param gold - Gold labels.
 * @param predicted - Predicted labels.
 * @returns Mean F1 in [0, 1].
 */
export function taskMeasure(task: ModelTask, gold: readonly string[], predicted: readonly string[]): number {
  let sum = 0;
  for (const c of task.scored) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      const p = predicted[i];
      if (p === c && g === c) tp++;
      else if (p === c) fp++;
      else if (g === c) fn++;
    });
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return sum / task.scored.length;
}

const TEMPERATURES = [0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.1, 1.25, 1.4, 1.6, 1.8, 2, 2.5, 3];
const MULTIPLIERS = [1, 1.25, 1.5, 2, 2.5, 3, 4, 5];
/** How far below the best out-of-fold measure a smaller set of multipliers may score and still be chosen. */
const MULTIPLIER_TOLERANCE = 0.01;

/**
 * The temperature minimising the negative log-likelihood of out-of-fold scores.
 *
 * @param raw - Out-of-fold scores.
 * @param labels - Gold class indices.
 * @returns One of TEMPERATURES.
 */
export function chooseTemperature(raw: readonly (readonly number[])[], labels: readonly number[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (const t of TEMPERATURES) {
    let loss = 0;
    raw.forEach((s, i) => {
      loss -= Math.log(Math.max(1e-12, softmax(s, t)[labels[i] as number] as number));
    });
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}

/**
 * Class multipliers for the task's F measure on calibrated out-of-fold
 * probabilities: the smallest within a tolerance of the best; the default class keeps 1.
 *
 * @param task - The task.
 * @param probabilities - Calibrated out-of-fold probabilities.
 * @param gold - Gold labels.
 * @returns One multiplier per class.
 */
export function chooseMultipliers(task: ModelTask, probabilities: readonly (readonly number[])[], gold: readonly string[]): number[] {
  const classes = task.classes as readonly string[];
  // Stance and relation: favor/against and deteriorating/improving scaled against none; claim: ufs and nfs against cfs.
  const free = task.field === 'claim_class' ? [1, 2] : [0, 1];
  const tried: { multipliers: number[]; score: number }[] = [];
  const search = (position: number, current: number[]): void => {
    if (position === free.length) {
      const predicted = probabilities.map((p) => classes[chooseClass(p, current)] as string);
      tried.push({ multipliers: [...current], score: taskMeasure(task, gold, predicted) });
      return;
    }
    for (const m of MULTIPLIERS) {
      current[free[position] as number] = m;
      search(position + 1, current);
    }
    current[free[position] as number] = 1;
  };
  search(
    0,
    classes.map(() => 1),
  );
  // The smallest multipliers that score within MULTIPLIER_TOLERANCE of the best: the grid's top is noisy on a few hundred
  // sentences, and a large multiplier buys little there at a real cost elsewhere.
  const bestScore = Math.max(...tried.map((t) => t.score));
  const sumOf = (m: readonly number[]): number => m.reduce((a, b) => a + b, 0);
  let best: { multipliers: number[]; score: number } | null = null;
  for (const t of tried) if (t.score >= bestScore - MULTIPLIER_TOLERANCE && (best === null || sumOf(t.multipliers) < sumOf(best.multipliers))) best = t;
  return best?.multipliers ?? classes.map(() => 1);
}

/**
 * Fit one task on every example: weights on all, temperature and multipliers on out-of-fold scores.
 *
 * @param examples - Training examples.
 * @param task - The task.
 * @param folds - Fold per example.
 * @returns The task's parameters and its out-of-fold calibrated probabilities.
 */
export function fitTask(examples: readonly Example[], task: ModelTask, folds: readonly number[]): { model: TaskModel; outOfFold: number[][] } {
  const classes = task.classes as readonly string[];
  const labels = examples.map((e) => Math.max(0, classes.indexOf(e.gold[task.field])));
  const raw = outOfFoldScores(examples, task, folds);
  const temperature = chooseTemperature(raw, labels);
  const outOfFold = raw.map((s) => softmax(s, temperature));
  const multipliers = chooseMultipliers(
    task,
    outOfFold,
    examples.map((e) => e.gold[task.field]),
  );
  // Trust unanimous votes when that scores better out of fold.
  const voted = examples.map((e) => votedLabelsOf(e, task));
  const gold = examples.map((e) => e.gold[task.field]);
  const withoutTrust = { classes, bias: [], weights: {}, temperature, multipliers, trust_unanimous_votes: false };
  const withTrust = { ...withoutTrust, trust_unanimous_votes: true };
  const measure = (m: TaskModel): number =>
    taskMeasure(
      task,
      gold,
      outOfFold.map((p, i) => classes[decideClass(m, p, voted[i] as string[])] as string),
    );
  const trust = measure(withTrust) > measure(withoutTrust);
  const fit = fitTaskRaw(examples, task);
  const round = (x: number): number => Math.round(x * 1e4) / 1e4;
  const weights: Record<string, number[]> = {};
  fit.vocabulary.forEach((f, i) => {
    const w = classes.map((_, c) => round(fit.fitted.weights[i * classes.length + c] as number));
    if (w.some((x) => Math.abs(x) >= 0.005)) weights[f] = w;
  });
  return { model: { classes, bias: Array.from(fit.fitted.bias, round), weights, temperature, multipliers, trust_unanimous_votes: trust }, outOfFold };
}

/**
 * Nested cross-validation: each fold's examples decided by a task model
 * fitted on the other folds, temperature, multipliers and the unanimous-vote
 * rule chosen there too (by an inner cross-validation of the training folds).
 * Nothing of the decision rule has seen the example, so the measure of these
 * decisions is unbiased where fitTask's out-of-fold one is slightly flattered.
 *
 * @param examples - Examples.
 * @param task - The task.
 * @param folds - Fold per example (foldsOf).
 * @returns The decided label per example.
 */
export function nestedOutOfFoldLabels(examples: readonly Example[], task: ModelTask, folds: readonly number[]): string[] {
  const labels: string[] = examples.map(() => '');
  for (const k of [...new Set(folds)].sort((a, b) => a - b)) {
    const train = examples.filter((_, i) => folds[i] !== k);
    const { model } = fitTask(train, task, foldsOf(train));
    examples.forEach((e, i) => {
      if (folds[i] !== k) return;
      labels[i] = model.classes[decideClass(model, classProbabilities(model, e.features), votedLabelsOf(e, task))] as string;
    });
  }
  return labels;
}
