/**
 * `make eval` lands here (CODEBOOK.md sections 1–7): run the pipeline on the
 * inputs, score the documents against a gold directory, print the scores and,
 * with --out, write `<out>/eval.json` (the scores) and `<out>/lf_report.csv`
 * (per labelling function: coverage, overlap, conflict, accuracy on gold).
 *
 *   tsx pipeline/quality/eval-cli.ts --gold <dir> --in <dir> [--out <dir>]
 *
 * With --misses, every miss is printed too (misses.ts): page metadata and
 * leaked boilerplate, sentence labels, attributions.
 *
 * Exit codes: 0 scored, 1 could not score (the message says what to fix):
 * among others when no gold document matches an input of --in, since then
 * there is nothing to score and a figure would be meaningless.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { CSV_OPTIONS } from '../output/encode-rows.js';
import { evaluate, formatScores, type Scores } from './evaluate.js';
import { formatMisses } from './misses.js';
import { type GoldDocument, readGoldDocuments } from './gold.js';
import { processDocument, readInputs } from '../index.js';
import { lfReport, type LfReportRow } from './lf-report.js';
import { calibration, formatCalibration } from './calibration.js';
import { crossValidatedDocuments, documentsSeenByFit } from './cross-validate.js';
import { FOLDS } from './label-training.js';
import type { LabeledDocument } from '../types.js';

const LABELS_SCORED_AS = {
  unseen: 'on documents the label model was not fitted on.',
  cross_validated: `cross-validated: the label model was fitted on these documents, so each sentence's labels come from a model fitted on the other outlets (${FOLDS} folds by outlet).`,
  in_sample:
    'IN-SAMPLE: the label model was fitted on these documents and the set is too small to cross-validate; these figures say the fit reproduces its training data, not how well it generalises.',
} as const;

const USAGE = 'usage: tsx pipeline/quality/eval-cli.ts --gold <dir> --in <dir> [--out <dir>] [--misses]';

/** What an evaluation run produces. */
export interface EvaluationResult {
  readonly scores: Scores;
  readonly lfReport: readonly LfReportRow[];
  readonly documents: readonly LabeledDocument[];
  readonly gold: readonly GoldDocument[];
  /** How the label figures were obtained: on documents the label model was not fitted on, cross-validated by outlet, or in-sample (a set too small to cross-validate). */
  readonly labelsScoredAs: 'unseen' | 'cross_validated' | 'in_sample';
  readonly calibration: ReturnType<typeof calibration>;
}

/** A fitted-on set smaller than this is scored in-sample (and said so): too few outlets to cross-validate. */
const MIN_DOCUMENTS_TO_CROSS_VALIDATE = 10;

/**
 * Process every input of `inDir` and score it against the gold of `goldDir`.
 *
 * @param goldDir - A gold directory (test/fixtures/gold/README.md format).
 * @param inDir - The input directory the gold annotates.
 * @returns Scores, labelling-function report rows and the labelled documents.
 */
export async function runEvaluation(goldDir: string, inDir: string): Promise<EvaluationResult> {
  const gold = readGoldDocuments(goldDir);
  if (gold.length === 0) throw new Error(`${goldDir} holds no gold document (*.json)`);
  const documents: LabeledDocument[] = [];
  for await (const item of readInputs(inDir)) {
    if ('raw_text' in item) documents.push(processDocument(item));
  }
  const inputs = new Set(documents.map((d) => d.source_file));
  if (!gold.some((g) => inputs.has(g.source_file))) {
    throw new Error(
      `no gold document of ${goldDir} matches an input of ${inDir} (gold source_file values such as ${JSON.stringify(gold[0]?.source_file)}; ${documents.length} inputs read): GOLD and IN must be a gold directory and the raw texts it annotates`,
    );
  }
  const seen = documentsSeenByFit(gold);
  const labelsScoredAs = seen === 0 ? 'unseen' : seen >= MIN_DOCUMENTS_TO_CROSS_VALIDATE ? 'cross_validated' : 'in_sample';
  const scored = labelsScoredAs === 'cross_validated' ? crossValidatedDocuments(gold, documents) : documents;
  return {
    scores: evaluate(gold, scored),
    lfReport: lfReport(documents, gold),
    documents: scored,
    gold,
    labelsScoredAs,
    calibration: calibration(gold, scored),
  };
}

/** The LF report as RFC 4180 CSV: polarity as a JSON array, null as an empty field. */
export function lfReportCsv(rows: readonly LfReportRow[]): string {
  const columns = ['task', 'lf_id', 'polarity', 'n_sentences', 'n_votes', 'coverage', 'overlap', 'conflict', 'n_gold_votes', 'empirical_accuracy'] as const;
  const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 10_000) / 10_000);
  return stringify(
    [
      [...columns],
      ...rows.map((r) => [
        r.task,
        r.lf_id,
        JSON.stringify(r.polarity),
        r.n_sentences,
        r.n_votes,
        round(r.coverage),
        round(r.overlap),
        round(r.conflict),
        r.n_gold_votes,
        round(r.empirical_accuracy),
      ]),
    ],
    CSV_OPTIONS,
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      gold: { type: 'string', default: 'test/fixtures/gold' },
      in: { type: 'string', default: 'seeds' },
      out: { type: 'string' },
      misses: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let result: EvaluationResult;
  try {
    result = await runEvaluation(values.gold, values.in);
  } catch (error) {
    process.stderr.write(`could not evaluate --gold ${values.gold} --in ${values.in}: ${(error as Error).message}\n${USAGE}\n`);
    return 1;
  }
  if (values.misses) process.stdout.write(`${formatMisses(result.gold, result.documents)}\n\n`);
  process.stdout.write(`${formatScores(result.scores)}\n`);
  process.stdout.write(`\n${formatCalibration(result.calibration)}\n`);
  process.stdout.write(`\nLabels scored ${LABELS_SCORED_AS[result.labelsScoredAs]}\n`);
  if (values.out !== undefined) {
    mkdirSync(values.out, { recursive: true });
    const written = { ...result.scores, labels_scored_as: result.labelsScoredAs, calibration: result.calibration };
    writeFileSync(join(values.out, 'eval.json'), `${JSON.stringify(written, null, 2)}\n`);
    writeFileSync(join(values.out, 'lf_report.csv'), lfReportCsv(result.lfReport));
    process.stdout.write(`scores written to ${join(values.out, 'eval.json')}, labelling-function report to ${join(values.out, 'lf_report.csv')}\n`);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}
