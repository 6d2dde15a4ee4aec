/**
 * `make fit` lands here (CODEBOOK.md sections 4–6): fit the label model of
 * stages/label/fitted-model.ts on gold and write
 * pipeline/stages/label/rules/fitted-label-model.json.
 *
 *   tsx pipeline/quality/fit-label-model.ts --set <gold dir>:<raw dir> [--set ...] [--out <json>]
 *
 * Deterministic: the sets are read in the order given and each in file-name
 * order; the fit (logistic.ts) has no randomness. The file records the sets,
 * their document and sentence counts, the settings, and the cross-validated
 * (by outlet) figures the temperature and multipliers were chosen on.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readGoldDocuments } from './gold.js';
import {
  buildExamples,
  type Example,
  FOLDS,
  fitTask,
  foldsOf,
  MIN_OTHER_DOCUMENTS,
  MIN_WORD_DOCUMENTS,
  MODEL_TASKS,
  nestedOutOfFoldLabels,
  taskMeasure,
  votedLabelsOf,
} from './label-training.js';
import { DEFAULT_FIT } from './logistic.js';
import { decideClass, type TaskModel } from '../stages/label/fitted-model.js';
import { clean, detectLanguage, readInputs, segmentSentences } from '../index.js';
import type { LanguageDocument } from '../types.js';

const OUT = 'pipeline/stages/label/rules/fitted-label-model.json';

/**
 * The examples of one gold set.
 *
 * @param goldDir - Gold directory.
 * @param rawDir - The raw texts it annotates.
 * @returns Examples and document count.
 */
export async function examplesOfSet(goldDir: string, rawDir: string): Promise<{ examples: Example[]; documents: number }> {
  const gold = readGoldDocuments(goldDir);
  const wanted = new Set(gold.map((g) => g.source_file));
  const documents: LanguageDocument[] = [];
  for await (const item of readInputs(rawDir)) {
    if ('raw_text' in item && wanted.has(item.source_file)) documents.push(detectLanguage(segmentSentences(clean(item))));
  }
  if (documents.length === 0) throw new Error(`no gold document of ${goldDir} matches an input of ${rawDir}`);
  return { examples: buildExamples(gold, documents), documents: documents.length };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { set: { type: 'string', multiple: true, default: [] }, out: { type: 'string', default: OUT } } });
  const sets = values.set ?? [];
  if (sets.length === 0) {
    process.stderr.write('usage: tsx pipeline/quality/fit-label-model.ts --set <gold dir>:<raw dir> [--set ...] [--out <json>]\n');
    return 1;
  }
  const examples: Example[] = [];
  const fittedOn: { gold: string; raw: string; documents: number; sentences: number }[] = [];
  const trainingDocuments: string[] = [];
  /** The gold set of each training document. */
  const setOf = new Map<string, string>();
  for (const set of sets) {
    const [gold, raw] = set.split(':') as [string, string];
    const result = await examplesOfSet(gold, raw);
    examples.push(...result.examples);
    for (const e of result.examples) setOf.set(e.source_file, gold);
    trainingDocuments.push(...new Set(result.examples.map((e) => e.source_file)));
    fittedOn.push({ gold, raw, documents: result.documents, sentences: result.examples.length });
  }
  const folds = foldsOf(examples);
  const tasks: Record<string, TaskModel> = {};
  const crossValidated: Record<string, number> = {};
  // Per task and gold set: the nested cross-validated measure (label-training.ts nestedOutOfFoldLabels).
  const nestedCrossValidated: Record<string, Record<string, number>> = {};

  for (const task of MODEL_TASKS) {
    const { model, outOfFold } = fitTask(examples, task, folds);
    tasks[task.field] = model;
    const predicted = outOfFold.map((p, i) => model.classes[decideClass(model, p, votedLabelsOf(examples[i] as Example, task))] as string);
    crossValidated[task.field] =
      Math.round(
        taskMeasure(
          task,
          examples.map((e) => e.gold[task.field]),
          predicted,
        ) * 1e4,
      ) / 1e4;
    const nested = nestedOutOfFoldLabels(examples, task, folds);
    nestedCrossValidated[task.field] = {};
    for (const set of fittedOn) {
      const inSet = examples.map((e, i) => [e, i] as const).filter(([e]) => setOf.get(e.source_file) === set.gold);
      const measure = taskMeasure(
        task,
        inSet.map(([e]) => e.gold[task.field]),
        inSet.map(([, i]) => nested[i] as string),
      );
      (nestedCrossValidated[task.field] as Record<string, number>)[set.gold] = Math.round(measure * 1e4) / 1e4;
    }
    process.stdout.write(
      `${task.field}: ${Object.keys(model.weights).length} weighted features, cross-validated ${crossValidated[task.field]}, nested by set ${JSON.stringify(nestedCrossValidated[task.field])}\n`,
    );
  }
  const file = {
    source:
      'Fitted by pipeline/quality/fit-label-model.ts (make fit): per task a multinomial logistic regression over the model features of stages/label/model-features.ts (labelling-function votes, lexicon categories, speaker side x stance category, mentions, sentence shape, words in at least ' +
      `${MIN_WORD_DOCUMENTS} training documents; other features in at least ${MIN_OTHER_DOCUMENTS}), full-batch AdaGrad from zero weights (l2 ${DEFAULT_FIT.l2}, ${DEFAULT_FIT.steps} steps, rate ${DEFAULT_FIT.learningRate}), no randomness. ` +
      `Temperature (calibration) and class multipliers (decision rule for the task's F measure) chosen on out-of-fold scores of a ${FOLDS}-fold cross-validation grouped by outlet; the weights are then fitted on every example. cross_validated gives the task measure of those out-of-fold decisions (the multipliers were chosen on them, so it is slightly optimistic); nested_cross_validated gives it per gold set with temperature, multipliers and the unanimous-vote rule chosen inside each training fold too (nothing of the decision rule has seen the sentences scored).`,
    fitted_on: fittedOn,
    training_documents: trainingDocuments,
    cross_validated: crossValidated,
    nested_cross_validated: nestedCrossValidated,
    tasks,
  };
  writeFileSync(values.out ?? OUT, `${JSON.stringify(file, null, 1)}\n`);
  process.stdout.write(`written ${values.out ?? OUT}\n`);
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}
