/**
 * Multinomial logistic regression on sparse binary features, fitted
 * deterministically (CODEBOOK.md sections 4–6: the label model of
 * stages/label/fitted-model.ts): full-batch AdaGrad on the mean cross-entropy
 * with an L2 penalty towards prior weights (zero unless given), a fixed
 * number of steps starting from the prior, rows and
 * features in a fixed order. No randomness, no clock: the same rows give the
 * same weights to the last bit.
 */

/** One training row: feature indices and the gold class index. */
export interface Row {
  readonly features: readonly number[];
  readonly label: number;
}

/** Fit settings. */
export interface FitOptions {
  readonly classes: number;
  readonly nFeatures: number;
  /** L2 penalty on the weights (not the bias). */
  readonly l2: number;
  readonly steps: number;
  readonly learningRate: number;
  /** L2 penalty on weights with a non-zero prior (the labelling functions' votes): larger keeps them nearer their documented accuracies. */
  readonly l2Prior?: number;
  /** Weights the penalty pulls towards and the fit starts from (weights[f * classes + c]); zeros when absent. */
  readonly prior?: Float64Array;
}

export const DEFAULT_FIT: Omit<FitOptions, 'classes' | 'nFeatures'> = { l2: 0.01, l2Prior: 1, steps: 300, learningRate: 0.3 };

/** Fitted weights: weights[f * classes + c], bias[c]. */
export interface Fitted {
  readonly classes: number;
  readonly weights: Float64Array;
  readonly bias: Float64Array;
}

/**
 * Raw class scores of one row.
 *
 * @param model - Fitted weights.
 * @param features - The row's feature indices.
 * @returns One score per class.
 */
export function scores(model: Fitted, features: readonly number[]): number[] {
  const k = model.classes;
  const out = Array.from(model.bias);
  for (const f of features) for (let c = 0; c < k; c++) out[c] = (out[c] as number) + (model.weights[f * k + c] as number);
  return out;
}

/**
 * Softmax of scores divided by a temperature.
 *
 * @param raw - Class scores.
 * @param temperature - Positive; 1 leaves them as they are.
 * @returns Probabilities summing to 1.
 */
export function softmax(raw: readonly number[], temperature = 1): number[] {
  let best = -Infinity;
  for (const s of raw) best = Math.max(best, s / temperature);
  const exps = raw.map((s) => Math.exp(s / temperature - best));
  const z = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / z);
}

/**
 * Fit the model.
 *
 * @param rows - Training rows.
 * @param options - Classes, feature count and settings.
 * @returns The weights.
 */
export function fitLogistic(rows: readonly Row[], options: FitOptions): Fitted {
  const { classes: k, nFeatures, l2, steps, learningRate } = options;
  const prior = options.prior ?? new Float64Array(nFeatures * k);
  const weights = Float64Array.from(prior);
  const bias = new Float64Array(k);
  const gradW = new Float64Array(nFeatures * k);
  const gradB = new Float64Array(k);
  const accW = new Float64Array(nFeatures * k);
  const accB = new Float64Array(k);
  const model: Fitted = { classes: k, weights, bias };
  const n = Math.max(1, rows.length);
  for (let step = 0; step < steps; step++) {
    gradW.fill(0);
    gradB.fill(0);
    for (const row of rows) {
      const p = softmax(scores(model, row.features));
      for (let c = 0; c < k; c++) {
        const g = ((p[c] as number) - (c === row.label ? 1 : 0)) / n;
        gradB[c] = (gradB[c] as number) + g;
        for (const f of row.features) gradW[f * k + c] = (gradW[f * k + c] as number) + g;
      }
    }
    for (let i = 0; i < weights.length; i++) {
      const penalty = prior[i] === 0 ? l2 : (options.l2Prior ?? l2);
      const g = (gradW[i] as number) + penalty * ((weights[i] as number) - (prior[i] as number));
      if (g === 0) continue;
      accW[i] = (accW[i] as number) + g * g;
      weights[i] = (weights[i] as number) - (learningRate * g) / Math.sqrt(accW[i] as number);
    }
    for (let c = 0; c < k; c++) {
      const g = gradB[c] as number;
      if (g === 0) continue;
      accB[c] = (accB[c] as number) + g * g;
      bias[c] = (bias[c] as number) - (learningRate * g) / Math.sqrt(accB[c] as number);
    }
  }
  return model;
}
