/**
 * The fitted label model (CODEBOOK.md sections 4–6): per task, a multinomial
 * logistic regression over the sentence's model features (model-features.ts:
 * labelling-function votes, lexicon categories, speaker sides, words), its
 * probabilities calibrated by a temperature, and a decision rule that scales
 * each class's probability by a multiplier chosen for the task's F measure.
 * The confidence is the calibrated probability of the label given, so a
 * confidence of 0.7 means about 7 in 10 such labels are right.
 *
 * The parameters are data, rules/fitted-label-model.json, written by
 * pipeline/quality/fit-label-model.ts (deterministic; `make fit`), which
 * records how and on what they were fitted. This module only applies them.
 */
import FITTED from './rules/fitted-label-model.json' with { type: 'json' };
import type { LabelDecision } from '../../types.js';

/** One task's fitted parameters. */
export interface TaskModel {
  readonly classes: readonly string[];
  readonly bias: readonly number[];
  /** Feature name → one weight per class. */
  readonly weights: Readonly<Record<string, readonly number[]>>;
  /** Probabilities are softmax(scores / temperature). */
  readonly temperature: number;
  /** The label is argmax of probability × multiplier. */
  readonly multipliers: readonly number[];
  /** When true, a sentence whose labelling functions of the task all vote one label gets that label (the model gives its confidence); chosen per task on cross-validation. */
  readonly trust_unanimous_votes?: boolean;
}

/** The fitted model file: tasks by LabeledSentence field. */
export interface FittedLabelModel {
  readonly tasks: Readonly<Record<string, TaskModel>>;
}

/** The shipped model (empty tasks before the first fit: the stage then falls back on the weighted vote). */
export const SHIPPED_MODEL: FittedLabelModel = FITTED as unknown as FittedLabelModel;

/** No fitted task: every decision is the labelling functions' weighted vote (label-model.ts). What the tests of the functions themselves use. */
export const VOTES_ONLY_MODEL: FittedLabelModel = { tasks: {} };

/** Each task's weights as a Map, made once per model: a freshly built feature string is looked up in a Map many times faster than among an object's ~1,300 keys. */
const WEIGHT_MAPS = new WeakMap<TaskModel, ReadonlyMap<string, readonly number[]>>();

function weightMapOf(model: TaskModel): ReadonlyMap<string, readonly number[]> {
  let map = WEIGHT_MAPS.get(model);
  if (map === undefined) {
    map = new Map(Object.entries(model.weights));
    WEIGHT_MAPS.set(model, map);
  }
  return map;
}

/**
 * Calibrated class probabilities of one sentence.
 *
 * @param model - A task's parameters.
 * @param features - The sentence's model features.
 * @returns One probability per class, in model.classes order.
 */
export function classProbabilities(model: TaskModel, features: readonly string[]): number[] {
  const weights = weightMapOf(model);
  const scores = [...model.bias];
  for (const f of features) {
    const w = weights.get(f);
    if (w === undefined) continue;
    for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) + (w[c] as number);
  }
  return calibrated(model, scores);
}

/**
 * Softmax of raw class scores at the model's temperature.
 *
 * @param model - A task's parameters.
 * @param scores - Bias plus the weights of the sentence's features, per class.
 * @returns One probability per class.
 */
export function calibrated(model: TaskModel, scores: readonly number[]): number[] {
  const t = model.temperature > 0 ? model.temperature : 1;
  let best = -Infinity;
  for (const s of scores) best = Math.max(best, s / t);
  // Loops, not map and reduce (this runs for every sentence and task): the same operations in the same order.
  const n = scores.length;
  const probabilities = new Array<number>(n);
  let z = 0;
  for (let c = 0; c < n; c++) z += probabilities[c] = Math.exp((scores[c] as number) / t - best);
  for (let c = 0; c < n; c++) probabilities[c] = (probabilities[c] as number) / z;
  return probabilities;
}

/**
 * The index of the class given: argmax of probability × multiplier (first on ties).
 *
 * @param probabilities - Calibrated class probabilities.
 * @param multipliers - One per class.
 * @returns The chosen class's index.
 */
export function chooseClass(probabilities: readonly number[], multipliers: readonly number[]): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < probabilities.length; c++) {
    const score = (probabilities[c] as number) * (multipliers[c] ?? 1);
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

/**
 * The class given: the unanimous vote of the task's labelling functions when
 * the model trusts them, else argmax of probability × multiplier.
 *
 * @param model - A task's parameters.
 * @param probabilities - Calibrated class probabilities.
 * @param votedLabels - The distinct labels the task's functions voted.
 * @returns The chosen class's index.
 */
export function decideClass(model: TaskModel, probabilities: readonly number[], votedLabels: readonly string[]): number {
  if (model.trust_unanimous_votes === true && votedLabels.length === 1) {
    const c = model.classes.indexOf(votedLabels[0] as string);
    if (c >= 0) return c;
  }
  return chooseClass(probabilities, model.multipliers);
}

const NO_LABELS: readonly string[] = [];

/**
 * One task's decision by the fitted model, given the sentence's calibrated
 * class probabilities (classProbabilities, or compiled-model.ts, which gives
 * the same ones faster). Its rules are the labelling functions that voted
 * for the label given, and `<task>.label_model` when the label differs from
 * the task's default: the weights in rules/fitted-label-model.json (words,
 * categories, speaker) decided it too.
 *
 * @param model - A task's parameters.
 * @param task - The rule prefix: `stance_russia`, `stance_west`, `relation` or `claim`.
 * @param probabilities - Calibrated class probabilities.
 * @param votes - The task's own labelling-function votes.
 * @param defaultLabel - The label of a sentence that carries nothing (none, cfs).
 * @returns Label, calibrated confidence and rule ids.
 */
export function decideOnProbabilities<T extends string>(
  model: TaskModel,
  task: string,
  probabilities: readonly number[],
  votes: readonly { readonly lf: string; readonly label: string }[],
  defaultLabel: T,
): LabelDecision<T> {
  // Most sentences get no vote or one of a task: they need no set of labels or functions.
  const severalVotes = votes.length > 1;
  const only = severalVotes ? undefined : votes[0];
  const votedLabels = severalVotes ? [...new Set(votes.map((v) => v.label))] : only === undefined ? NO_LABELS : [only.label];
  const c = decideClass(model, probabilities, votedLabels);
  const label = model.classes[c] as T;
  let rules: string[];
  if (severalVotes) rules = [...new Set(votes.filter((v) => v.label === label).map((v) => v.lf))].sort();
  else rules = only !== undefined && only.label === label ? [only.lf] : [];
  if (label !== defaultLabel) rules.push(`${task}.label_model`);
  return { label, confidence: Math.round((probabilities[c] as number) * 1e4) / 1e4, rules };
}
