/**
 * The evaluation metrics (CODEBOOK.md sections 1–7) on tiny hand-made cases
 * whose answers are worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { alignSentences, evaluate, f1Score, formatScores, tokenF1 } from '../../pipeline/quality/evaluate.js';
import type { GoldDocument, GoldSentence } from '../../pipeline/quality/gold.js';
import type { Attribution, LabelDecision, LabeledDocument, LabeledSentence } from '../../pipeline/types.js';
import { goldDocumentOf, languageDocumentFromSentences } from '../label-fixtures.js';

const decision = <T extends string>(label: T): LabelDecision<T> => ({ label, confidence: 1, rules: [] });

type Labels = readonly [russia: string, west: string, relation: string, claim: string];

function goldSentence(text: string, [r, w, rel, c]: Labels): GoldSentence {
  return { text, lang: 'ind', stance_russia: r, stance_west: w, relation_signal: rel, claim_class: c };
}

function goldDoc(sentences: readonly GoldSentence[], attributions: GoldDocument['attributions'] = [], source_file = 'a.txt'): GoldDocument {
  return { ...goldDocumentOf('a', sentences, attributions, 'ind'), source_file };
}

function predictedDoc(
  sentences: readonly (readonly [string, Labels])[],
  attributions: readonly Partial<Attribution>[] = [],
  source_file = 'a.txt',
): LabeledDocument {
  const base = languageDocumentFromSentences(sentences.map(([text]) => text));
  const labelled: LabeledSentence[] = base.sentences.map((s, i) => {
    const [r, w, rel, c] = (sentences[i] as readonly [string, Labels])[1];
    return {
      ...s,
      stance_russia: decision(r as 'none'),
      stance_west: decision(w as 'none'),
      relation_signal: decision(rel as 'none'),
      claim_class: decision(c as 'cfs'),
    };
  });
  const full: Attribution[] = attributions.map((a, n) => ({
    attribution_id: `x-a${n}`,
    source: '',
    source_norm: '',
    source_type: 'person',
    cue: '',
    type: 'indirect',
    sentence_indices: [],
    content: '',
    char_start: 0,
    char_end: 0,
    rules: [],
    source_side: null,
    source_qid: null,
    ...a,
  }));
  return { ...base, source_file, relevance: { label: 'russia_west', confidence: 1, rules: [] }, sentences: labelled, attributions: full };
}

describe('f1Score', () => {
  it.each([
    [1, 1, 0, 0.5, 1, 2 / 3], // one right, one wrong prediction
    [0, 0, 2, 0, 0, 0], // nothing predicted, two to find
    [0, 0, 0, 1, 1, 1], // nothing to find, nothing predicted: nothing wrong
    [2, 0, 2, 1, 0.5, 2 / 3],
  ])('tp %i fp %i fn %i → P %f R %f F1 %f', (tp, fp, fn, p, r, f) => {
    const s = f1Score(tp, fp, fn);
    expect(s.precision).toBeCloseTo(p);
    expect(s.recall).toBeCloseTo(r);
    expect(s.f1).toBeCloseTo(f);
  });
});

describe('alignSentences', () => {
  it('aligns by text in order, tolerating whitespace and skipping extra predictions', () => {
    expect(alignSentences(['A b.', 'C.', 'D.'], ['A  b.', 'X.', 'C.'])).toEqual([0, 2, null]);
  });
});

describe('tokenF1', () => {
  it('is bag-of-words F1, case-insensitive', () => {
    expect(tokenF1('Rusia dan NATO', 'rusia dan barat')).toBeCloseTo(2 / 3);
    expect(tokenF1('', '')).toBe(1);
  });
});

describe('evaluate', () => {
  it('computes SemEval F_avg per target over aligned sentences', () => {
    // Russia: favor tp 1; against tp 1, fp 1 → F1 favor 1, F1 against 2/3 → F_avg 5/6.
    const gold = [
      goldDoc([
        goldSentence('S1.', ['favor', 'none', 'none', 'cfs']),
        goldSentence('S2.', ['against', 'none', 'none', 'cfs']),
        goldSentence('S3.', ['none', 'none', 'none', 'cfs']),
      ]),
    ];
    const predicted = [
      predictedDoc([
        ['S1.', ['favor', 'none', 'none', 'cfs']],
        ['S2.', ['against', 'none', 'none', 'cfs']],
        ['S3.', ['against', 'none', 'none', 'cfs']],
      ]),
    ];
    const scores = evaluate(gold, predicted);
    expect(scores.stance_russia.favor.f1).toBeCloseTo(1);
    expect(scores.stance_russia.against.f1).toBeCloseTo(2 / 3);
    expect(scores.stance_russia.f_avg).toBeCloseTo(5 / 6);
    // West: no favor/against in gold or prediction → both F1 1 (nothing to get wrong).
    expect(scores.stance_west.f_avg).toBe(1);
  });

  it('counts an unaligned gold sentence as a false negative of its class and a false positive of none', () => {
    // Gold "S2." is split differently in the prediction, so it is unaligned: deteriorating fn 1.
    const gold = [goldDoc([goldSentence('S1.', ['none', 'none', 'deteriorating', 'cfs']), goldSentence('S2 S3.', ['none', 'none', 'deteriorating', 'nfs'])])];
    const predicted = [
      predictedDoc([
        ['S1.', ['none', 'none', 'deteriorating', 'cfs']],
        ['S2', ['none', 'none', 'deteriorating', 'nfs']],
        ['S3.', ['none', 'none', 'improving', 'nfs']],
      ]),
    ];
    const scores = evaluate(gold, predicted);
    expect(scores.n_aligned_sentences).toBe(1);
    expect(scores.relation_signal.deteriorating).toMatchObject({ tp: 1, fp: 0, fn: 1 });
    // improving: no gold, the prediction on the unaligned "S3." is not scored → vacuous 1.
    expect(scores.relation_signal.improving.f1).toBe(1);
    expect(scores.relation_signal.macro_f1).toBeCloseTo((2 / 3 + 1) / 2);
    // claim: cfs 1/1 right; nfs gold unaligned → fn 1, F1 0; ufs vacuous 1.
    expect(scores.claim_class.macro_f1).toBeCloseTo((1 + 1 + 0) / 3);
    // sentence exact match: 1 of 3 predicted, 1 of 2 gold.
    expect(scores.sentence.precision).toBeCloseTo(1 / 3);
    expect(scores.sentence.recall).toBeCloseTo(1 / 2);
  });

  it('matches attributions by source (norm or as written) and overlapping sentence, and scores cue and type', () => {
    const gold = [
      goldDoc(
        [
          goldSentence('S1.', ['none', 'none', 'none', 'cfs']),
          goldSentence('S2.', ['none', 'none', 'none', 'cfs']),
          goldSentence('S3.', ['none', 'none', 'none', 'cfs']),
        ],
        [
          { source: 'Sergei Lavrov', source_norm: 'Sergei Lavrov', cue: 'mengatakan', type: 'indirect', sentences: [0] },
          { source: 'ia', source_norm: 'Sergei Lavrov', cue: 'menegaskan', type: 'direct', sentences: [1] },
          { source: 'NATO', source_norm: 'NATO', cue: 'menyatakan', type: 'indirect', sentences: [2] },
        ],
      ),
    ];
    const predicted = [
      predictedDoc(
        [
          ['S1.', ['none', 'none', 'none', 'cfs']],
          ['S2.', ['none', 'none', 'none', 'cfs']],
          ['S3.', ['none', 'none', 'none', 'cfs']],
        ],
        [
          { source: 'Lavrov', source_norm: 'sergei lavrov', cue: 'Mengatakan', type: 'indirect', sentence_indices: [0] }, // norm matches, case-insensitive
          { source: 'Ia', source_norm: 'Ia', cue: 'menyebut', type: 'direct', sentence_indices: [1] }, // as written matches; wrong cue
          { source: 'NATO', source_norm: 'NATO', cue: 'menyatakan', type: 'indirect', sentence_indices: [1] }, // no overlapping sentence
        ],
      ),
    ];
    const a = evaluate(gold, predicted).attribution;
    expect(a).toMatchObject({ n_gold: 3, n_predicted: 3, n_matched: 2 });
    expect(a.precision).toBeCloseTo(2 / 3);
    expect(a.recall).toBeCloseTo(2 / 3);
    expect(a.cue_accuracy).toBeCloseTo(1 / 2);
    expect(a.type_accuracy).toBe(1);
  });

  it('scores a gold document with no prediction as missed throughout', () => {
    const gold = [
      goldDoc([goldSentence('S1.', ['against', 'none', 'none', 'cfs'])]),
      goldDoc([goldSentence('T1.', ['none', 'none', 'none', 'cfs'])], [], 'b.txt'),
    ];
    const predicted = [predictedDoc([['S1.', ['against', 'none', 'none', 'cfs']]])];
    const scores = evaluate(gold, predicted);
    expect(scores.n_matched_documents).toBe(1);
    expect(scores.clean_text_token_f1).toBeCloseTo(0.5);
    expect(scores.language.document_accuracy).toBeCloseTo(0.5);
    expect(scores.language.sentence_accuracy).toBeCloseTo(0.5);
    expect(scores.claim_class.cfs).toMatchObject({ tp: 1, fn: 1 });
    expect(formatScores(scores)).toContain('russia F_avg');
  });
});
