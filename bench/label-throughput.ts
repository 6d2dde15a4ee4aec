/**
 * Throughput of the labelling stage (CODEBOOK.md sections 4–7) on real
 * Indonesian news: IndoSum dev articles (../shared/corpus, CC BY-SA 4.0, read
 * in place and never copied), detokenised as the corpus README says (tokens
 * joined by spaces, no space before . , ! ? ; : % )), with IndoSum's own
 * sentence split. Only label() is timed: the other stages have their own
 * budget.
 *
 *   tsx bench/label-throughput.ts [corpus.jsonl] [--repeat N]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { label } from '../pipeline/stages/label/label.js';
import { indosumLanguageDocument } from './indosum-document.js';

const DEFAULT_CORPUS = resolve(import.meta.dirname, '../../shared/corpus/indosum_dev.01.jsonl');

const args = process.argv.slice(2);
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args[repeatAt + 1]) : 3;
const corpus = args.find((a) => a.endsWith('.jsonl')) ?? DEFAULT_CORPUS;
const docs = readFileSync(corpus, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const row = JSON.parse(line) as { id: string; paragraphs: string[][][] };
    return indosumLanguageDocument(row.paragraphs, row.id);
  });
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.clean_text, 'utf8'), 0);
const sentences = docs.reduce((n, d) => n + d.sentences.length, 0);

for (const doc of docs.slice(0, 20)) label(doc); // warm-up: JIT and lexicon indices
let best = Infinity;
let attributions = 0;
for (let r = 0; r < repeat; r++) {
  const t0 = performance.now();
  attributions = 0;
  for (const doc of docs) attributions += label(doc).attributions.length;
  best = Math.min(best, (performance.now() - t0) / 1000);
}
process.stdout.write(
  [
    `corpus      ${join(corpus)}`,
    `documents   ${docs.length}, sentences ${sentences}, ${(bytes / 1e6).toFixed(2)} MB of clean text`,
    `label()     best of ${repeat}: ${best.toFixed(2)} s → ${Math.round(sentences / best)} sentences/s, ${(bytes / 1e6 / best).toFixed(2)} MB/s (one core)`,
    `found       ${attributions} attributions`,
  ].join('\n') + '\n',
);
