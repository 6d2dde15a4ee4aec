/**
 * Calibration of the label confidences (CODEBOOK.md sections 4–6): for each
 * task, a reliability table (confidence bins of width 0.1: how many labels,
 * their mean confidence, the share right) and the expected calibration error
 * (ECE: the bins' |accuracy − confidence| weighted by their share). Read over
 * gold sentences aligned to a predicted sentence (evaluate.ts alignSentences).
 */
import { alignSentences } from './evaluate.js';
import type { GoldDocument } from './gold.js';
import type { LabeledDocument } from '../types.js';

export const CALIBRATED_TASKS = ['stance_russia', 'stance_west', 'relation_signal', 'claim_class'] as const;
export type CalibratedTask = (typeof CALIBRATED_TASKS)[number];

/** One confidence bin. */
export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly n: number;
  readonly mean_confidence: number | null;
  readonly accuracy: number | null;
}

/** One task's calibration. */
export interface TaskCalibration {
  readonly n: number;
  readonly ece: number;
  readonly bins: readonly ReliabilityBin[];
}

const BINS = 10;

/**
 * Reliability table and ECE of (confidence, right) pairs.
 *
 * @param pairs - One per label: its confidence and whether it was right.
 * @returns The calibration.
 * @example
 * calibrationOf([{ confidence: 0.9, right: true }]).ece // 0.1 (0.9 said, 1.0 right)
 */
export function calibrationOf(pairs: readonly { readonly confidence: number; readonly right: boolean }[]): TaskCalibration {
  const sums = Array.from({ length: BINS }, () => ({ n: 0, confidence: 0, right: 0 }));
  for (const p of pairs) {
    const bin = sums[Math.min(BINS - 1, Math.max(0, Math.floor(p.confidence * BINS)))] as { n: number; confidence: number; right: number };
    bin.n++;
    bin.confidence += p.confidence;
    bin.right += p.right ? 1 : 0;
  }
  let ece = 0;
  const bins = sums.map((s, b) => {
    if (s.n > 0) ece += (s.n / pairs.length) * Math.abs(s.right / s.n - s.confidence / s.n);
    return {
      from: b / BINS,
      to: (b + 1) / BINS,
      n: s.n,
      mean_confidence: s.n === 0 ? null : s.confidence / s.n,
      accuracy: s.n === 0 ? null : s.right / s.n,
    };
  });
  return { n: pairs.length, ece, bins };
}

/**
 * The calibration of every task over the gold sentences aligned to a prediction.
 *
 * @param gold - Gold documents.
 * @param predicted - Labelled documents, matched by source_file.
 * @returns Calibration per task.
 */
export function calibration(gold: readonly GoldDocument[], predicted: readonly LabeledDocument[]): Record<CalibratedTask, TaskCalibration> {
  const bySource = new Map(predicted.map((d) => [d.source_file, d]));
  const pairs: Record<CalibratedTask, { confidence: number; right: boolean }[]> = { stance_russia: [], stance_west: [], relation_signal: [], claim_class: [] };
  for (const g of gold) {
    const doc = bySource.get(g.source_file);
    if (doc === undefined) continue;
    const alignment = alignSentences(
      g.sentences.map((s) => s.text),
      doc.sentences.map((s) => s.text),
    );
    g.sentences.forEach((s, i) => {
      const j = alignment[i];
      const p = j === null || j === undefined ? undefined : doc.sentences[j];
      if (p === undefined) return;
      for (const task of CALIBRATED_TASKS) pairs[task].push({ confidence: p[task].confidence, right: p[task].label === s[task] });
    });
  }
  return {
    stance_russia: calibrationOf(pairs.stance_russia),
    stance_west: calibrationOf(pairs.stance_west),
    relation_signal: calibrationOf(pairs.relation_signal),
    claim_class: calibrationOf(pairs.claim_class),
  };
}

/**
 * The calibration as `make eval` prints it.
 *
 * @param byTask - Calibration per task.
 * @returns Lines of text.
 */
export function formatCalibration(byTask: Record<CalibratedTask, TaskCalibration>): string {
  const f = (x: number | null): string => (x === null ? '    -' : x.toFixed(3));
  const lines = ['Calibration (confidence of the label given; bins of 0.1; ECE = expected calibration error)'];
  for (const task of CALIBRATED_TASKS) {
    const c = byTask[task];
    lines.push(`  ${task.padEnd(16)} ECE ${c.ece.toFixed(3)} over ${c.n} sentences`);
    for (const b of c.bins) {
      if (b.n === 0) continue;
      lines.push(`    ${b.from.toFixed(1)}-${b.to.toFixed(1)}  n ${String(b.n).padStart(4)}  confidence ${f(b.mean_confidence)}  accuracy ${f(b.accuracy)}`);
    }
  }
  return lines.join('\n');
}
