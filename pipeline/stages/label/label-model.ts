/**
 * The label model (CODEBOOK.md sections 4–6): combines the votes of the
 * labelling functions of one task into a label, a confidence and the ids of
 * the functions that decided it.
 *
 * It is a weighted vote in the manner of Snorkel's MajorityLabelVoter with
 * per-function accuracies, i.e. naive Bayes with symmetric errors and a
 * uniform class prior: a function of assumed accuracy a adds log(a / (1 - a))
 * to the score of the label it votes; the label is the highest score and the
 * confidence the softmax of the scores over the task's classes. The
 * accuracies are documented priors in pipeline/stages/label/rules/label-model.json, not
 * fitted (five articles are too few to fit a generative model). Equal top
 * scores mean conflicting evidence and give the task's default label. With
 * no votes the default label gets the documented prior confidence and no rules.
 */
import LABEL_MODEL from './rules/label-model.json' with { type: 'json' };
import type { LabelDecision } from '../../types.js';

/** The label-model settings of one task family. */
type Family = keyof typeof LABEL_MODEL.abstain;

/** A vote to combine: which function, which label. */
export interface Vote<T extends string> {
  readonly lf: string;
  readonly label: T;
}

const ACCURACY: Readonly<Record<string, number>> = LABEL_MODEL.accuracy;
/** Accuracy is clamped so that a weight stays finite. */
const MIN_ACCURACY = 0.51;
const MAX_ACCURACY = 0.99;

/**
 * The decision of each family when every function abstains, made once: most
 * sentences get no vote on most tasks, and a new object and rule list for each
 * was a noticeable share of the stage's garbage. Decisions are read-only, so
 * sentences can share them.
 */
const NO_VOTE_DECISIONS = new Map<Family, LabelDecision<string>>(
  (Object.keys(LABEL_MODEL.abstain) as Family[]).map((family) => [
    family,
    { label: LABEL_MODEL.abstain[family].label, confidence: LABEL_MODEL.abstain[family].confidence, rules: [] },
  ]),
);

/** Weights by function id, computed on first use: a vote costs one look-up, not a log. */
const WEIGHTS = new Map<string, number>();

/**
 * The weight of a labelling function: the log-odds of its assumed accuracy.
 *
 * @param lf - A labelling-function id.
 * @returns log(a / (1 - a)).
 */
export function functionWeight(lf: string): number {
  let weight = WEIGHTS.get(lf);
  if (weight === undefined) {
    const a = Math.min(MAX_ACCURACY, Math.max(MIN_ACCURACY, ACCURACY[lf] ?? LABEL_MODEL.default_accuracy));
    weight = Math.log(a / (1 - a));
    WEIGHTS.set(lf, weight);
  }
  return weight;
}

/**
 * Combine one task's votes on one sentence.
 *
 * @param family - `stance`, `relation` or `claim`: which default label and prior apply.
 * @param classes - The task's labels.
 * @param votes - The votes cast (abstentions left out).
 * @returns The label, its confidence in [0, 1] and the ids of the functions that voted for it.
 * @example
 * combineVotes('stance', ['favor', 'against', 'none'], [{ lf: 'stance_west.blamed', label: 'against' }])
 * // { label: 'against', confidence: 0.6.., rules: ['stance_west.blamed'] }
 */
export function combineVotes<T extends string>(family: Family, classes: readonly T[], votes: readonly Vote<T>[]): LabelDecision<T> {
  if (votes.length === 0) return NO_VOTE_DECISIONS.get(family) as LabelDecision<T>;
  const defaultLabel = LABEL_MODEL.abstain[family].label as T;
  // One vote (the common case): softmax of one weight against zeros, without the bookkeeping.
  if (votes.length === 1) {
    const only = votes[0] as Vote<T>;
    const e = Math.exp(functionWeight(only.lf));
    return { label: only.label, confidence: Math.round((e / (e + classes.length - 1)) * 1e4) / 1e4, rules: [only.lf] };
  }
  // Scores in class order: every sum, the maximum and the normaliser are taken in the same order as ever, so the figures are the same to the last bit.
  const scores: number[] = [];
  for (let c = 0; c < classes.length; c++) scores.push(0);
  for (const vote of votes) {
    const c = classes.indexOf(vote.label);
    if (c < 0) return combineWithUnknownLabel(defaultLabel, classes, votes);
    scores[c] = (scores[c] as number) + functionWeight(vote.lf);
  }
  let best = -Infinity;
  for (const score of scores) best = Math.max(best, score);
  let winner = -1;
  for (let c = 0; c < classes.length; c++) {
    if (scores[c] !== best) continue;
    winner = winner === -1 ? c : -2; // -2: a tie
  }
  const label = winner >= 0 ? (classes[winner] as T) : defaultLabel;
  let normaliser = 0;
  for (const score of scores) normaliser += Math.exp(score - best);
  const confidence = Math.exp((scores[classes.indexOf(label)] ?? 0) - best) / normaliser;
  const rules: string[] = [];
  for (const vote of votes) if (vote.label === label && !rules.includes(vote.lf)) rules.push(vote.lf);
  // In code-unit order, as rules.sort() would give: an insertion sort, since the built-in sort allocated a working copy per call (rules are few and distinct).
  for (let i = 1; i < rules.length; i++) {
    const rule = rules[i] as string;
    let j = i - 1;
    for (; j >= 0 && (rules[j] as string) > rule; j--) rules[j + 1] = rules[j] as string;
    rules[j + 1] = rule;
  }
  return { label, confidence: Math.round(confidence * 1e4) / 1e4, rules };
}

/** combineVotes when a vote names a label outside the task's classes (no labelling function does): that label is scored too. */
function combineWithUnknownLabel<T extends string>(defaultLabel: T, classes: readonly T[], votes: readonly Vote<T>[]): LabelDecision<T> {
  const scores = new Map<T, number>(classes.map((c) => [c, 0]));
  for (const vote of votes) scores.set(vote.label, (scores.get(vote.label) ?? 0) + functionWeight(vote.lf));
  const best = Math.max(...scores.values());
  const top = classes.filter((c) => (scores.get(c) ?? 0) === best);
  const label = top.length === 1 ? (top[0] as T) : defaultLabel;
  let normaliser = 0;
  for (const score of scores.values()) normaliser += Math.exp(score - best);
  const confidence = Math.exp((scores.get(label) ?? 0) - best) / normaliser;
  const rules = [...new Set(votes.filter((v) => v.label === label).map((v) => v.lf))].sort();
  return { label, confidence: Math.round(confidence * 1e4) / 1e4, rules };
}
