/**
 * The compiled label model (pipeline/stages/label/compiled-model.ts) against
 * the reference it replaces on the hot path, fitted-model.ts
 * classProbabilities: the same probabilities to the last bit, on every
 * sentence of the seeds and of ../shared/real/raw (when present) and on
 * generated feature lists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clean, detectLanguage, readInputs, segmentSentences } from '../../../pipeline/index.js';
import { compiledProbabilities, compileModel, featureRowsOf } from '../../../pipeline/stages/label/compiled-model.js';
import { classProbabilities, SHIPPED_MODEL, type TaskModel } from '../../../pipeline/stages/label/fitted-model.js';
import { documentEvidence } from '../../../pipeline/stages/label/label.js';
import { wordHash } from '../../../pipeline/text/tokenize.js';
import { REPO_ROOT, SEEDS_DIR } from '../../gold.js';

const REAL_RAW = join(REPO_ROOT, '../shared/real/raw');
const compiled = compileModel(SHIPPED_MODEL);
const tasks = Object.values(SHIPPED_MODEL.tasks);

/** Every sentence's model features (all words, as the fit sees them) of the inputs of a directory. */
async function featuresOf(dir: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const item of readInputs(dir)) {
    if (!('raw_text' in item)) continue;
    for (const e of documentEvidence(detectLanguage(segmentSentences(clean(item))))) out.push([...e.features]);
  }
  return out;
}

function expectSameProbabilities(features: readonly string[]): void {
  const rows = featureRowsOf(compiled, features);
  for (const task of tasks) expect(compiledProbabilities(compiled, task, rows)).toEqual(classProbabilities(task, features));
}

describe('compiled label model', () => {
  it('has a fitted model to compile', () => {
    expect(tasks.length).toBe(4);
    expect(compiled.featureRows.size).toBeGreaterThan(1000);
  });

  it('gives the probabilities of classProbabilities on every seed sentence', async () => {
    const sentences = await featuresOf(SEEDS_DIR);
    expect(sentences.length).toBeGreaterThan(80);
    for (const features of sentences) expectSameProbabilities(features);
  });

  it.skipIf(!existsSync(REAL_RAW))('and on every sentence of ../shared/real/raw', async () => {
    const sentences = await featuresOf(REAL_RAW);
    expect(sentences.length).toBeGreaterThan(600);
    for (const features of sentences) expectSameProbabilities(features);
  });

  it('and on any list of known and unknown features (property)', () => {
    const known = [...compiled.featureRows.keys()];
    const feature = fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 12 }));
    fc.assert(fc.property(fc.array(feature, { maxLength: 80 }), (features) => expectSameProbabilities(features)));
  });

  it('knows the words any task weighs, by stem', () => {
    const words = [...compiled.featureRows.keys()].filter((f) => f.startsWith('w:'));
    expect(words.length).toBeGreaterThan(100);
    for (const f of words.slice(0, 50)) {
      const stem = f.slice(2);
      expect(compiled.words.get(stem, wordHash(stem))).toBe(f);
    }
    expect(compiled.words.get('zzzqqq', wordHash('zzzqqq'))).toBeUndefined();
  });

  it('knows which tasks weigh a context feature', () => {
    const task = (weights: Record<string, number[]>) => ({ classes: ['a', 'b'], bias: [0, 0], weights, temperature: 1, multipliers: [1, 1] });
    const withContext = task({ 'prev:cat:relation.deteriorating': [0.5, -0.5], 'w:sanksi': [1, 0] });
    const without = task({ 'w:sanksi': [1, 0], 'cat:relation.improving': [0, 1] });
    const own = compileModel({ tasks: { relation_signal: withContext, claim_class: without } });
    expect(own.readsContext.has(withContext)).toBe(true);
    expect(own.readsContext.has(without)).toBe(false);
    // The shipped model: the relation task reads its context (MODEL_TASKS context: true), the stance tasks never do.
    expect(compiled.readsContext.has(SHIPPED_MODEL.tasks.relation_signal as TaskModel)).toBe(true);
    expect(compiled.readsContext.has(SHIPPED_MODEL.tasks.stance_russia as TaskModel)).toBe(false);
  });
});
