/**
 * The labelling-function report (CODEBOOK.md sections 4–6; Snorkel's
 * LFAnalysis) on hand-made votes with known answers, and on the seed gold.
 */
import { describe, expect, it } from 'vitest';
import { LABELING_FUNCTIONS } from '../../pipeline/stages/label/label.js';
import type { LabelingFunction } from '../../pipeline/stages/label/labeling-function.js';
import { lfReport, lfReportRows, type SentenceVotes } from '../../pipeline/quality/lf-report.js';
import { GOLD_DIR, readGoldDocuments } from '../gold.js';
import { languageDocumentFromGold } from '../label-fixtures.js';

const fn = (id: string): LabelingFunction => ({ id, task: 'relation_signal', labels: ['deteriorating', 'improving', 'none'], vote: () => null });
const gold = (relation: string): SentenceVotes['gold'] => ({ stance_russia: 'none', stance_west: 'none', relation_signal: relation, claim_class: 'cfs' });
const v = (lf: string, label: string) => ({ task: 'relation_signal' as const, lf, label });

describe('lfReportRows', () => {
  // Four sentences; a votes on 1–3, b on 2–3 (agreeing on 2, disagreeing on 3), c never.
  const sentences: SentenceVotes[] = [
    { votes: [v('a', 'deteriorating')], gold: gold('deteriorating') },
    { votes: [v('a', 'deteriorating'), v('b', 'deteriorating')], gold: gold('none') },
    { votes: [v('a', 'deteriorating'), v('b', 'improving')], gold: gold('improving') },
    { votes: [], gold: null },
  ];
  const rows = lfReportRows(sentences, [fn('a'), fn('b'), fn('c')]);

  it('gives coverage, overlap and conflict as shares of all sentences', () => {
    expect(rows[0]).toMatchObject({ lf_id: 'a', polarity: ['deteriorating'], n_votes: 3, coverage: 3 / 4, overlap: 2 / 4, conflict: 1 / 4 });
    expect(rows[1]).toMatchObject({ lf_id: 'b', polarity: ['deteriorating', 'improving'], coverage: 2 / 4, overlap: 2 / 4, conflict: 1 / 4 });
    expect(rows[2]).toMatchObject({ lf_id: 'c', polarity: [], n_votes: 0, coverage: 0, empirical_accuracy: null });
  });

  it('gives accuracy over the votes that fall on gold sentences', () => {
    expect(rows[0]).toMatchObject({ n_gold_votes: 3, empirical_accuracy: 1 / 3 });
    expect(rows[1]).toMatchObject({ n_gold_votes: 2, empirical_accuracy: 1 / 2 });
  });

  it('leaves the gold columns null without gold', () => {
    const noGold = lfReportRows([{ votes: [v('a', 'none')], gold: null }], [fn('a')]);
    expect(noGold[0]).toMatchObject({ n_gold_votes: null, empirical_accuracy: null, coverage: 1 });
  });
});

describe('lfReport on the seed gold', () => {
  const golds = readGoldDocuments(GOLD_DIR);
  const rows = lfReport(
    golds.map((g) => languageDocumentFromGold(g)),
    golds,
  );

  it('has one row per labelling function with snake_case keys and shares in [0, 1]', () => {
    expect(rows.map((r) => r.lf_id)).toEqual(LABELING_FUNCTIONS.map((lf) => lf.id));
    for (const r of rows) {
      expect(Object.keys(r).every((k) => /^[a-z_]+$/.test(k))).toBe(true);
      for (const share of [r.coverage, r.overlap, r.conflict]) expect(share >= 0 && share <= 1).toBe(true);
      expect(r.conflict).toBeLessThanOrEqual(r.overlap);
      expect(r.overlap).toBeLessThanOrEqual(r.coverage);
      const declared = LABELING_FUNCTIONS.find((lf) => lf.id === r.lf_id)?.labels ?? [];
      for (const label of r.polarity) expect(declared).toContain(label);
    }
  });

  it('finds every task voted on', () => {
    for (const task of ['stance_russia', 'stance_west', 'relation_signal', 'claim_class']) {
      expect(rows.some((r) => r.task === task && r.n_votes > 0)).toBe(true);
    }
  });
});
