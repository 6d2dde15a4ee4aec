/**
 * Equivalence and speed check for the clean and detect-language stages.
 *
 * Runs clean → segmentSentences → detectLanguage over a generated bench
 * corpus (make-corpus.ts, into a scratch directory, never the repository),
 * the seeds and the clean/language fixtures, and prints:
 *
 * - a sha256 of the JSON of every output document, in input order: an
 *   optimisation of either stage must leave it unchanged;
 * - the CPU time (process.cpuUsage, not wall time: the machine is shared) of
 *   each stage per MB (10^6 bytes) of corpus input, as `make bench` reports it.
 *
 * Each stage runs over all documents before the next, so its time is
 * measured in one piece; with `--repeat n` each stage runs n times and the
 * fastest run counts (the digest comes from the first).
 *
 * Usage:
 *   node --import tsx bench/stage-equivalence.ts [--mb 16] [--dir /tmp/stage-equivalence] [--repeat 1]
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { clean } from '../pipeline/stages/clean/clean.js';
import { detectLanguage } from '../pipeline/stages/language/detect-language.js';
import { isRejection, listInputFiles, readInputFile } from '../pipeline/stages/ingest/ingest.js';
import { segmentSentences } from '../pipeline/stages/segment/segment-sentences.js';
import type { CleanDocument, LanguageDocument, RawDocument, SegmentedDocument } from '../pipeline/types.js';
import { makeBenchCorpus } from './make-corpus.js';

const REPO = join(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '16' },
    dir: { type: 'string', default: join(tmpdir(), 'stage-equivalence') },
    repeat: { type: 'string', default: '1' },
  },
});
const targetBytes = Number(values.mb) * 1e6;
const corpusDir = join(values.dir, `corpus-${values.mb}mb`);
const repeat = Math.max(1, Number(values.repeat));

/** Generated once per size; a marker file says generation finished. */
const doneMarker = join(corpusDir, '.complete');
if (!existsSync(doneMarker)) {
  process.stderr.write(`generating ${values.mb} MB corpus into ${corpusDir}\n`);
  const corpus = makeBenchCorpus(corpusDir, targetBytes);
  writeFileSync(doneMarker, JSON.stringify(corpus));
}

async function readDocs(dir: string, onlyTxt: boolean): Promise<{ docs: RawDocument[]; bytes: number }> {
  const docs: RawDocument[] = [];
  let bytes = 0;
  for (const file of listInputFiles(dir)) {
    if (onlyTxt && !file.path.endsWith('.txt')) continue;
    bytes += file.bytes;
    for await (const item of readInputFile(file)) if (!isRejection(item)) docs.push(item);
  }
  return { docs, bytes };
}

const corpus = await readDocs(corpusDir, false);
const extras = [
  await readDocs(join(REPO, 'seeds'), true),
  await readDocs(join(REPO, 'test/fixtures/clean'), true),
  await readDocs(join(REPO, 'test/fixtures/language'), true),
];
const docs = [...corpus.docs, ...extras.flatMap((e) => e.docs)];
const mb = corpus.bytes / 1e6;

function cpuMs<T>(run: () => T): { result: T; ms: number } {
  const start = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(start);
  return { result, ms: (used.user + used.system) / 1000 };
}

const best = { clean: Infinity, segment: Infinity, detect: Infinity };
let outputs: LanguageDocument[] = [];
for (let r = 0; r < repeat; r++) {
  const c = cpuMs(() => docs.map((doc) => clean(doc)));
  const s = cpuMs(() => c.result.map((doc: CleanDocument) => segmentSentences(doc)));
  const d = cpuMs(() => s.result.map((doc: SegmentedDocument) => detectLanguage(doc)));
  best.clean = Math.min(best.clean, c.ms);
  best.segment = Math.min(best.segment, s.ms);
  best.detect = Math.min(best.detect, d.ms);
  if (r === 0) outputs = d.result;
  process.stderr.write(
    `run ${r + 1}: clean ${(c.ms / mb).toFixed(1)}, segmentSentences ${(s.ms / mb).toFixed(1)}, detectLanguage ${(d.ms / mb).toFixed(1)} ms/MB\n`,
  );
}

const hash = createHash('sha256');
for (const out of outputs) hash.update(`${JSON.stringify(out)}\n`);
const digest = hash.digest('hex');

const perMb = (ms: number): string => (ms / mb).toFixed(1);
console.log(`documents: ${docs.length} (${corpus.docs.length} from ${mb.toFixed(1)} MB corpus)`);
console.log(`clean:            ${perMb(best.clean)} ms/MB CPU`);
console.log(`segmentSentences: ${perMb(best.segment)} ms/MB CPU`);
console.log(`detectLanguage:   ${perMb(best.detect)} ms/MB CPU`);
console.log(`digest: ${digest}`);
if (process.env['EQUIVALENCE_DUMP']) writeFileSync(process.env['EQUIVALENCE_DUMP'], outputs.map((o) => JSON.stringify(o)).join('\n'));
