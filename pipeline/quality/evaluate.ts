/**
 * Scores of predicted documents against gold (CODEBOOK.md sections 1–7):
 * stance F_avg per target (SemEval-2016 Task 6: the mean of F1(favor) and
 * F1(against)), relation-signal macro-F1 over deteriorating/improving,
 * claim-class macro-F1 over cfs/ufs/nfs, attribution P/R/F1 with cue and type
 * accuracy, and the core's clean-text token F1, sentence exact-match F1 and
 * language accuracy. Pure functions; pipeline/quality/eval-cli.ts does the I/O.
 *
 * Documents are matched by source_file. Predicted sentences are aligned to
 * gold sentences by text, in order, because segmentation can differ: a gold
 * sentence with no predicted sentence of identical text (after whitespace
 * normalisation) is unaligned. For the label metrics an unaligned gold
 * sentence counts as a prediction that matches no class: a false negative for
 * its gold class (when that class is scored) and a false positive for none.
 * Predicted sentences aligned to no gold sentence are not scored for labels;
 * segmentation errors are paid for in the sentence F1. A gold document with no
 * prediction has all its sentences unaligned, clean-text F1 0 and a wrong
 * language.
 */
import type { GoldDocument } from './gold.js';
import { type PageScores, pageScores } from './page-scores.js';
import type { LabeledDocument } from '../types.js';

/** Precision, recall and F1 with the counts behind them. */
export interface F1Score {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** SemEval-2016 Task 6 scores for one target. */
export interface StanceScore {
  readonly favor: F1Score;
  readonly against: F1Score;
  /** (F1(favor) + F1(against)) / 2. */
  readonly f_avg: number;
}

/** Attribution matching: a match is the same source and an overlapping content sentence. */
export interface AttributionScore {
  readonly n_gold: number;
  readonly n_predicted: number;
  readonly n_matched: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Over matched pairs; null when nothing matched. */
  readonly cue_accuracy: number | null;
  readonly type_accuracy: number | null;
}

/** Everything `make eval` prints. */
export interface Scores {
  readonly n_gold_documents: number;
  readonly n_predicted_documents: number;
  readonly n_matched_documents: number;
  readonly n_gold_sentences: number;
  readonly n_aligned_sentences: number;
  readonly stance_russia: StanceScore;
  readonly stance_west: StanceScore;
  readonly relation_signal: { readonly deteriorating: F1Score; readonly improving: F1Score; readonly macro_f1: number };
  readonly claim_class: { readonly cfs: F1Score; readonly ufs: F1Score; readonly nfs: F1Score; readonly macro_f1: number };
  readonly attribution: AttributionScore;
  /** Mean over gold documents of the bag-of-tokens F1 between predicted and gold clean_text. */
  readonly clean_text_token_f1: number;
  /** Sentences whose text matches a gold sentence exactly, per document. */
  readonly sentence: F1Score;
  readonly language: { readonly document_accuracy: number; readonly sentence_accuracy: number };
  /** Boilerplate leaked into clean_text and metadata read off the page (page-scores.ts). */
  readonly page: PageScores;
}

/**
 * Precision, recall and F1 from counts. When there is nothing to find and
 * nothing was predicted (tp + fp + fn = 0) all three are 1: there was nothing
 * to get wrong. Otherwise an empty denominator gives 0.
 *
 * @param tp - True positives.
 * @param fp - False positives.
 * @param fn - False negatives.
 * @returns The score.
 * @example
 * f1Score(1, 1, 0).f1 // 0.666…
 */
export function f1Score(tp: number, fp: number, fn: number): F1Score {
  if (tp + fp + fn === 0) return { tp, fp, fn, precision: 1, recall: 1, f1: 1 };
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/**
 * Lower-cased word tokens, for token-level F1.
 *
 * @param text - Any text.
 * @returns Its letter/digit runs, lower-cased.
 */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Bag-of-tokens F1 between a predicted and a gold text.
 *
 * @param predicted - The predicted text.
 * @param gold - The gold text.
 * @returns F1 in [0, 1]; 1 when both are empty.
 */
export function tokenF1(predicted: string, gold: string): number {
  const counts = new Map<string, number>();
  const goldTokens = tokens(gold);
  for (const t of goldTokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  const predictedTokens = tokens(predicted);
  let overlap = 0;
  for (const t of predictedTokens) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      overlap++;
      counts.set(t, c - 1);
    }
  }
  if (predictedTokens.length === 0 || goldTokens.length === 0) return predictedTokens.length === goldTokens.length ? 1 : 0;
  const p = overlap / predictedTokens.length;
  const r = overlap / goldTokens.length;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

const normaliseSpace = (text: string): string => text.replace(/\s+/gu, ' ').trim();

/**
 * Align gold sentences to predicted sentences by text, in order: each gold
 * sentence takes the first unused predicted sentence after the previous match
 * whose whitespace-normalised text is identical.
 *
 * @param goldTexts - Gold sentence texts in order.
 * @param predictedTexts - Predicted sentence texts in order.
 * @returns For each gold sentence the index of its predicted sentence, or null.
 * @example
 * alignSentences(['A.', 'B.'], ['A.', 'X.', 'B.']) // [0, 2]
 */
export function alignSentences(goldTexts: readonly string[], predictedTexts: readonly string[]): (number | null)[] {
  const normalisedPredicted = predictedTexts.map(normaliseSpace);
  let cursor = 0;
  return goldTexts.map((text) => {
    const target = normaliseSpace(text);
    for (let j = cursor; j < normalisedPredicted.length; j++) {
      if (normalisedPredicted[j] === target) {
        cursor = j + 1;
        return j;
      }
    }
    return null;
  });
}

/** Per-class counts for one task. */
class ClassCounts {
  private readonly counts = new Map<string, { tp: number; fp: number; fn: number }>();

  constructor(private readonly classes: readonly string[]) {
    for (const c of classes) this.counts.set(c, { tp: 0, fp: 0, fn: 0 });
  }

  /** Count one gold sentence; `predicted` is null when the sentence is unaligned. */
  add(gold: string, predicted: string | null): void {
    for (const c of this.classes) {
      const count = this.counts.get(c) as { tp: number; fp: number; fn: number };
      if (predicted === c && gold === c) count.tp++;
      else if (predicted === c) count.fp++;
      else if (gold === c) count.fn++;
    }
  }

  score(c: string): F1Score {
    const count = this.counts.get(c) ?? { tp: 0, fp: 0, fn: 0 };
    return f1Score(count.tp, count.fp, count.fn);
  }
}

/**
 * Same source: source_norm or source as written, case-insensitive. A gold
 * source_norm is null when the article never gives the full name; then only
 * the source as written can match.
 */
function sameSource(a: { source: string; source_norm: string | null }, b: { source: string; source_norm: string | null }): boolean {
  const lower = (s: string): string => normaliseSpace(s).toLowerCase();
  if (a.source_norm !== null && b.source_norm !== null && lower(a.source_norm) === lower(b.source_norm)) return true;
  return lower(a.source) === lower(b.source);
}

/**
 * A language code as scored: CODEBOOK section 2 counts `zsm` (Standard
 * Malay, ISO 639-3) as `zlm` (the macrolanguage code the dataset writes).
 */
export function scoredLanguage(code: string): string {
  return code === 'zsm' ? 'zlm' : code;
}

/**
 * Score predicted documents against gold documents.
 *
 * @param gold - The gold documents.
 * @param predicted - The predicted documents (matched to gold by source_file; extra ones are ignored).
 * @returns All scores.
 */
export function evaluate(gold: readonly GoldDocument[], predicted: readonly LabeledDocument[]): Scores {
  const bySource = new Map(predicted.map((d) => [d.source_file, d]));
  const stanceRussia = new ClassCounts(['favor', 'against']);
  const stanceWest = new ClassCounts(['favor', 'against']);
  const relation = new ClassCounts(['deteriorating', 'improving']);
  const claim = new ClassCounts(['cfs', 'ufs', 'nfs']);
  let nGoldSentences = 0;
  let nAligned = 0;
  let matchedDocs = 0;
  let cleanF1Sum = 0;
  let sentenceTp = 0;
  let sentencePredicted = 0;
  let documentLanguageRight = 0;
  let sentenceLanguageRight = 0;
  let attributionGold = 0;
  let attributionPredicted = 0;
  let attributionMatched = 0;
  let cueRight = 0;
  let typeRight = 0;

  for (const g of gold) {
    const p = bySource.get(g.source_file);
    nGoldSentences += g.sentences.length;
    attributionGold += g.attributions.length;
    const alignment =
      p === undefined
        ? g.sentences.map(() => null)
        : alignSentences(
            g.sentences.map((s) => s.text),
            p.sentences.map((s) => s.text),
          );
    g.sentences.forEach((gs, i) => {
      const j = alignment[i] ?? null;
      const ps = j === null || p === undefined ? undefined : p.sentences[j];
      if (ps !== undefined) nAligned++;
      stanceRussia.add(gs.stance_russia, ps?.stance_russia.label ?? null);
      stanceWest.add(gs.stance_west, ps?.stance_west.label ?? null);
      relation.add(gs.relation_signal, ps?.relation_signal.label ?? null);
      claim.add(gs.claim_class, ps?.claim_class.label ?? null);
      if (ps !== undefined && scoredLanguage(ps.language) === scoredLanguage(gs.lang)) sentenceLanguageRight++;
    });
    if (p === undefined) continue;
    matchedDocs++;
    cleanF1Sum += tokenF1(p.clean_text, g.clean_text);
    if (scoredLanguage(p.language) === scoredLanguage(g.language)) documentLanguageRight++;
    // Sentence exact match: multiset intersection of texts.
    const goldTextCounts = new Map<string, number>();
    for (const s of g.sentences) goldTextCounts.set(s.text, (goldTextCounts.get(s.text) ?? 0) + 1);
    for (const s of p.sentences) {
      const c = goldTextCounts.get(s.text) ?? 0;
      if (c > 0) {
        sentenceTp++;
        goldTextCounts.set(s.text, c - 1);
      }
    }
    sentencePredicted += p.sentences.length;
    // Attributions: predicted sentence indices mapped into gold indices through the alignment.
    const goldIndexOfPredicted = new Map<number, number>();
    alignment.forEach((j, i) => {
      if (j !== null) goldIndexOfPredicted.set(j, i);
    });
    attributionPredicted += p.attributions.length;
    const used = new Set<number>();
    for (const ga of g.attributions) {
      const goldSentences = new Set(ga.sentences);
      let best: number | null = null;
      for (let k = 0; k < p.attributions.length; k++) {
        if (used.has(k)) continue;
        const pa = p.attributions[k];
        if (pa === undefined || !sameSource(ga, pa)) continue;
        const overlaps = pa.sentence_indices.some((j) => {
          const i = goldIndexOfPredicted.get(j);
          return i !== undefined && goldSentences.has(i);
        });
        if (!overlaps) continue;
        // Prefer a candidate with the same cue, then the earliest.
        if (best === null || (pa.cue.toLowerCase() === ga.cue.toLowerCase() && p.attributions[best]?.cue.toLowerCase() !== ga.cue.toLowerCase())) best = k;
      }
      if (best === null) continue;
      used.add(best);
      attributionMatched++;
      const pa = p.attributions[best];
      if (pa?.cue.toLowerCase() === ga.cue.toLowerCase()) cueRight++;
      if (pa?.type === ga.type) typeRight++;
    }
  }

  const stance = (counts: ClassCounts): StanceScore => {
    const favor = counts.score('favor');
    const against = counts.score('against');
    return { favor, against, f_avg: (favor.f1 + against.f1) / 2 };
  };
  const attribution = f1Score(attributionMatched, attributionPredicted - attributionMatched, attributionGold - attributionMatched);
  const deteriorating = relation.score('deteriorating');
  const improving = relation.score('improving');
  const cfs = claim.score('cfs');
  const ufs = claim.score('ufs');
  const nfs = claim.score('nfs');
  return {
    n_gold_documents: gold.length,
    n_predicted_documents: predicted.length,
    n_matched_documents: matchedDocs,
    n_gold_sentences: nGoldSentences,
    n_aligned_sentences: nAligned,
    stance_russia: stance(stanceRussia),
    stance_west: stance(stanceWest),
    relation_signal: { deteriorating, improving, macro_f1: (deteriorating.f1 + improving.f1) / 2 },
    claim_class: { cfs, ufs, nfs, macro_f1: (cfs.f1 + ufs.f1 + nfs.f1) / 3 },
    attribution: {
      n_gold: attributionGold,
      n_predicted: attributionPredicted,
      n_matched: attributionMatched,
      precision: attribution.precision,
      recall: attribution.recall,
      f1: attribution.f1,
      cue_accuracy: attributionMatched === 0 ? null : cueRight / attributionMatched,
      type_accuracy: attributionMatched === 0 ? null : typeRight / attributionMatched,
    },
    clean_text_token_f1: gold.length === 0 ? 1 : cleanF1Sum / gold.length,
    sentence: f1Score(sentenceTp, sentencePredicted - sentenceTp, nGoldSentences - sentenceTp),
    language: {
      document_accuracy: gold.length === 0 ? 1 : documentLanguageRight / gold.length,
      sentence_accuracy: nGoldSentences === 0 ? 1 : sentenceLanguageRight / nGoldSentences,
    },
    page: pageScores(gold, predicted).scores,
  };
}

const fmt = (x: number | null): string => (x === null ? '   -  ' : x.toFixed(3));

/**
 * The scores as a readable table.
 *
 * @param scores - What evaluate() returned.
 * @returns A multi-line string for the terminal.
 */
export function formatScores(scores: Scores): string {
  const row = (name: string, s: F1Score): string =>
    `  ${name.padEnd(26)} P ${fmt(s.precision)}  R ${fmt(s.recall)}  F1 ${fmt(s.f1)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
  const a = scores.attribution;
  return [
    `Documents: ${scores.n_matched_documents}/${scores.n_gold_documents} gold matched (${scores.n_predicted_documents} predicted); sentences aligned ${scores.n_aligned_sentences}/${scores.n_gold_sentences}`,
    '',
    'Core',
    `  ${'clean-text token F1'.padEnd(26)} ${fmt(scores.clean_text_token_f1)}`,
    row('sentence exact match', scores.sentence),
    `  ${'language accuracy'.padEnd(26)} document ${fmt(scores.language.document_accuracy)}  sentence ${fmt(scores.language.sentence_accuracy)}`,
    `  ${'boilerplate leak'.padEnd(26)} ${scores.page.boilerplate_leak.n_leaked} of ${scores.page.boilerplate_leak.n_gold_pieces} gold pieces (${(100 * scores.page.boilerplate_leak.share).toFixed(1)}%) left in clean_text`,
    ...Object.entries(scores.page.metadata).map(
      ([field, f]) => `  ${`${field} right`.padEnd(26)} ${f.n_right} of ${f.n_gold}${f.n_gold === 0 ? '' : ` (${(100 * f.accuracy).toFixed(1)}%)`}`,
    ),
    '',
    'Stance (SemEval-2016 F_avg = mean F1 favor/against)',
    row('russia favor', scores.stance_russia.favor),
    row('russia against', scores.stance_russia.against),
    `  ${'russia F_avg'.padEnd(26)} ${fmt(scores.stance_russia.f_avg)}`,
    row('west favor', scores.stance_west.favor),
    row('west against', scores.stance_west.against),
    `  ${'west F_avg'.padEnd(26)} ${fmt(scores.stance_west.f_avg)}`,
    '',
    'Relation signal (macro-F1 over deteriorating/improving)',
    row('deteriorating', scores.relation_signal.deteriorating),
    row('improving', scores.relation_signal.improving),
    `  ${'macro-F1'.padEnd(26)} ${fmt(scores.relation_signal.macro_f1)}`,
    '',
    'Claim class (macro-F1 over cfs/ufs/nfs)',
    row('cfs', scores.claim_class.cfs),
    row('ufs', scores.claim_class.ufs),
    row('nfs', scores.claim_class.nfs),
    `  ${'macro-F1'.padEnd(26)} ${fmt(scores.claim_class.macro_f1)}`,
    '',
    'Attributions (same source, overlapping sentence)',
    `  ${'matched'.padEnd(26)} ${a.n_matched} of ${a.n_gold} gold, ${a.n_predicted} predicted`,
    `  ${'P / R / F1'.padEnd(26)} P ${fmt(a.precision)}  R ${fmt(a.recall)}  F1 ${fmt(a.f1)}`,
    `  ${'cue / type accuracy'.padEnd(26)} cue ${fmt(a.cue_accuracy)}  type ${fmt(a.type_accuracy)}`,
  ].join('\n');
}
