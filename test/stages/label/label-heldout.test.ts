/**
 * Held-out sentences for the labelling stage (CODEBOOK.md sections 4–7):
 * hand-written short articles in the style of Indonesian, Malaysian Malay and
 * English news, none from the seeds, scored with the same metrics as `make
 * eval` (pipeline/quality/evaluate.ts). They stand in for the unseen real articles
 * the pipeline is judged on.
 *
 * - heldout-2.json was written and scored before the rules were changed for
 *   it (figures in its note); the rules were then improved on its errors, so
 *   its current scores are development figures.
 * - heldout-3.json was written after those changes and scored once with no
 *   tuning afterwards: the honest estimate.
 *
 * The floors sit a little under the scores measured when the sets were
 * pinned, so a regression fails the test. They pin the labelling functions
 * alone (their weighted vote, VOTES_ONLY_MODEL); the fitted label model,
 * fitted on real articles, is pinned separately below: on these sentences
 * written inside the project it trades some stance agreement for recall on
 * real text (README "Quality, measured" has its cross-validated figures).
 */
import { type FittedLabelModel, SHIPPED_MODEL, VOTES_ONLY_MODEL } from '../../../pipeline/stages/label/fitted-model.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, type Scores } from '../../../pipeline/quality/evaluate.js';
import type { GoldDocument, GoldSentence, GoldAttribution } from '../../../pipeline/quality/gold.js';
import { label } from '../../../pipeline/stages/label/label.js';
import type { LabeledDocument } from '../../../pipeline/types.js';
import { REPO_ROOT } from '../../gold.js';
import { goldDocumentOf, languageDocumentFromGold } from '../../label-fixtures.js';

/** One held-out article: its labelled sentences (joined by blank lines) and attributions. */
interface HeldOutDocument {
  readonly id: string;
  readonly style: string;
  readonly sentences: readonly GoldSentence[];
  readonly attributions: readonly GoldAttribution[];
}

/**
 * Gold and predictions of a held-out set, and its scores overall and per language.
 *
 * @param file - A fixture in test/fixtures/label/.
 * @returns Gold documents, labelled documents and scores.
 */
function scoreHeldOut(
  file: string,
  model: FittedLabelModel = VOTES_ONLY_MODEL,
): { gold: GoldDocument[]; predicted: LabeledDocument[]; all: Scores; byLanguage: Record<string, Scores> } {
  const set = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/label', file), 'utf8')) as { documents: HeldOutDocument[] };
  const gold = set.documents.map((d) => goldDocumentOf(d.id, d.sentences, d.attributions));
  const predicted = gold.map((g, i) => label(languageDocumentFromGold(g, String(i).padStart(16, '0')), model));
  const byLanguage: Record<string, Scores> = {};
  for (const language of ['ind', 'zlm', 'eng']) {
    const keep = gold.map((g, i) => (g.language === language ? i : -1)).filter((i) => i >= 0);
    byLanguage[language] = evaluate(
      keep.map((i) => gold[i] as GoldDocument),
      keep.map((i) => predicted[i] as LabeledDocument),
    );
  }
  return { gold, predicted, all: evaluate(gold, predicted), byLanguage };
}

/** The five headline figures of `make eval`. */
function headline(s: Scores): Record<string, number> {
  return {
    stance_russia: s.stance_russia.f_avg,
    stance_west: s.stance_west.f_avg,
    relation: s.relation_signal.macro_f1,
    claim: s.claim_class.macro_f1,
    attribution: s.attribution.f1,
  };
}

describe.each([
  // measured when pinned: heldout-2 0.971 / 0.913 / 0.942 / 0.683 / 0.965 (before the rule changes: 0.300 / 0.417 / 0.746 / 0.461 / 0.769)
  // attribution re-pinned 0.92 → 0.90 (issue #13 round 2): the real pages' gold lists each coordinated speech act of one speaker
  // (X menyifatkan ..., sambil menegaskan ...; accused ... and warned ...) as its own attribution, heldout-2 keeps one per sentence.
  ['heldout-2.json', 60, { stance_russia: 0.93, stance_west: 0.87, relation: 0.9, claim: 0.64, attribution: 0.9 }],
  // measured once, untuned: heldout-3 0.833 / 0.385 / 0.667 / 0.508 / 0.800 (the stage before the changes: 0.333 / 0.273 / 0.350 / 0.255 / 0.538)
  ['heldout-3.json', 20, { stance_russia: 0.78, stance_west: 0.34, relation: 0.62, claim: 0.46, attribution: 0.75 }],
] as const)('%s', (file, minSentences, floors) => {
  const { gold, predicted, all, byLanguage } = scoreHeldOut(file);

  it('covers Indonesian, Malaysian Malay and English, every sentence labelled under the codebook', () => {
    expect(all.n_gold_sentences).toBeGreaterThanOrEqual(minSentences);
    expect(all.n_aligned_sentences).toBe(all.n_gold_sentences);
    for (const language of ['ind', 'zlm', 'eng']) expect(byLanguage[language]?.n_gold_sentences).toBeGreaterThan(0);
    for (const g of gold) {
      for (const s of g.sentences) {
        expect(['favor', 'against', 'none']).toContain(s.stance_russia);
        expect(['favor', 'against', 'none']).toContain(s.stance_west);
        expect(['deteriorating', 'improving', 'none']).toContain(s.relation_signal);
        expect(['cfs', 'ufs', 'nfs']).toContain(s.claim_class);
      }
      for (const a of g.attributions) for (const i of a.sentences) expect(i).toBeLessThan(g.sentences.length);
    }
  });

  it.each(Object.entries(floors))('%s ≥ %d', (metric, floor) => {
    expect(headline(all)[metric]).toBeGreaterThanOrEqual(floor);
  });

  it('is a measurement that can fail: labelling everything none scores 0 on stance and relation', () => {
    const allNone = predicted.map((d) => ({
      ...d,
      sentences: d.sentences.map((s) => ({
        ...s,
        stance_russia: { ...s.stance_russia, label: 'none' as const },
        stance_west: { ...s.stance_west, label: 'none' as const },
        relation_signal: { ...s.relation_signal, label: 'none' as const },
      })),
    }));
    const scores = evaluate(gold, allNone);
    expect(scores.stance_russia.f_avg).toBe(0);
    expect(scores.stance_west.f_avg).toBe(0);
    expect(scores.relation_signal.macro_f1).toBe(0);
  });
});

describe.each([
  // measured when pinned (fitted model of rules/fitted-label-model.json)
  // heldout-2 0.862 / 0.929 / 0.902 / 0.662 / 0.965; heldout-3 (untuned) 0.667 / 0.429 / 0.862 / 0.650 / 0.903
  // attribution 0.92 → 0.90: coordinated speech acts of one speaker are separate attributions, as in the real pages' gold (see above).
  ['heldout-2.json', { stance_russia: 0.84, stance_west: 0.88, relation: 0.87, claim: 0.6, attribution: 0.9 }],
  // heldout-3 (20 sentences: one sentence moves a figure by ~0.05) after round 2's stance, relation and claim functions, whose votes every task's model reads
  ['heldout-3.json', { stance_russia: 0.64, stance_west: 0.38, relation: 0.83, claim: 0.55, attribution: 0.87 }],
] as const)('%s with the fitted label model', (file, floors) => {
  const { all } = scoreHeldOut(file, SHIPPED_MODEL);
  it.each(Object.entries(floors))('%s ≥ %d', (metric, floor) => {
    expect(headline(all)[metric]).toBeGreaterThanOrEqual(floor);
  });
});
