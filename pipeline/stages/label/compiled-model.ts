/**
 * The fitted label model (fitted-model.ts, CODEBOOK.md sections 4–6) made
 * ready for labelling many sentences: made once per model, kept while the
 * model is.
 *
 * - Its word features by stem, looked up with a token's precomputed hash, so
 *   that a word no task weighs costs neither a string nor a look-up.
 * - One index of every feature any task weighs, and each task's weights as
 *   one array in that order: a sentence's features are looked up once for
 *   all four tasks instead of once per task.
 * - Which tasks weigh a context feature (context-features.ts), so that a
 *   document whose decided tasks weigh none can skip making them.
 *
 * The probabilities are those of fitted-model.ts classProbabilities to the
 * last bit: the same weights added to the same bias in the same order (a
 * feature a task does not weigh adds 0 there, which changes no sum).
 * test/stages/label/compiled-model.test.ts compares the two.
 */
import { CONTEXT_FEATURE } from './context-features.js';
import { calibrated, type FittedLabelModel, type TaskModel } from './fitted-model.js';
import { WordTable } from '../../text/tokenize.js';

/** A fitted model ready for labelling. */
export interface CompiledModel {
  /** Stem → `w:<stem>`, for the words any task weighs. */
  readonly words: WordTable<string>;
  /** Every feature any task weighs → its row. */
  readonly featureRows: ReadonlyMap<string, number>;
  /** Per task: weights[row * classes + class]. */
  readonly weights: ReadonlyMap<TaskModel, Float64Array>;
  /** The tasks that weigh some context feature (`prev:`, `doc2:`, …). */
  readonly readsContext: ReadonlySet<TaskModel>;
}

const COMPILED = new WeakMap<FittedLabelModel, CompiledModel>();

/**
 * The compiled form of a model, made on first use.
 *
 * @param model - A fitted model.
 * @returns Its compiled form.
 */
export function compileModel(model: FittedLabelModel): CompiledModel {
  let compiled = COMPILED.get(model);
  if (compiled === undefined) {
    const tasks = Object.values(model.tasks);
    const featureRows = new Map<string, number>();
    for (const task of tasks) for (const f of Object.keys(task.weights)) if (!featureRows.has(f)) featureRows.set(f, featureRows.size);
    const weights = new Map<TaskModel, Float64Array>();
    for (const task of tasks) {
      const k = task.classes.length;
      const array = new Float64Array(featureRows.size * k);
      for (const [f, w] of Object.entries(task.weights)) {
        const row = featureRows.get(f) as number;
        for (let c = 0; c < k; c++) array[row * k + c] = w[c] as number;
      }
      weights.set(task, array);
    }
    const words = new Map<string, string>();
    for (const f of featureRows.keys()) if (f.startsWith('w:')) words.set(f.slice(2), f);
    const readsContext = new Set(tasks.filter((task) => Object.keys(task.weights).some((f) => CONTEXT_FEATURE.test(f))));
    compiled = { words: new WordTable(words), featureRows, weights, readsContext };
    COMPILED.set(model, compiled);
  }
  return compiled;
}

/**
 * The rows of a sentence's features that some task weighs, in feature order.
 *
 * @param compiled - A compiled model.
 * @param features - The sentence's model features.
 * @returns Row numbers.
 */
export function featureRowsOf(compiled: CompiledModel, features: readonly string[]): number[] {
  const rows: number[] = [];
  for (const f of features) {
    const row = compiled.featureRows.get(f);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

/**
 * Calibrated class probabilities of one sentence from its feature rows.
 *
 * @param compiled - The compiled model.
 * @param model - One of its tasks.
 * @param rows - featureRowsOf the sentence.
 * @returns One probability per class, as classProbabilities gives.
 */
export function compiledProbabilities(compiled: CompiledModel, model: TaskModel, rows: readonly number[]): number[] {
  const weights = compiled.weights.get(model);
  if (weights === undefined) throw new Error('compiledProbabilities: the task is not one of the compiled model');
  const k = model.classes.length;
  const scores = [...model.bias];
  for (const row of rows) for (let c = 0; c < k; c++) scores[c] = (scores[c] as number) + (weights[row * k + c] as number);
  return calibrated(model, scores);
}
