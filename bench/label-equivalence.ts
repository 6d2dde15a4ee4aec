/**
 * Equivalence check for work on the labelling stage (CODEBOOK.md sections
 * 4–7): a digest of everything label() decides — every labelled sentence
 * (label, confidence, rules), every attribution, and every labelling
 * function's vote — over a large, varied input. A speed-up must leave the
 * digest unchanged.
 *
 * Input: IndoSum dev.01–dev.02 (../shared/corpus, read in place, never
 * copied) detokenised as the corpus README says, both as raw articles run
 * through clean → segmentSentences → detectLanguage and with IndoSum's own
 * sentence split; the seeds through the same stages; the gold documents and
 * the label fixtures (test/fixtures/label/*.json) as gold-segmented documents.
 *
 * The documents label() receives are made once and cached (--cache FILE,
 * default $TMPDIR/label-equivalence-inputs.json), so that work on the earlier
 * stages does not move the digest of this one.
 *
 *   tsx bench/label-equivalence.ts [--cache FILE] [--rebuild]
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readGoldDocuments, type GoldSentence } from '../pipeline/quality/gold.js';
import { documentId, readTextFile } from '../pipeline/stages/ingest/ingest.js';
import { clean, detectLanguage, segmentSentences } from '../pipeline/index.js';
import { label, labelingFunctionVotes, sentenceContexts } from '../pipeline/stages/label/label.js';
import type { LanguageDocument, RawDocument } from '../pipeline/types.js';
import { indosumLanguageDocument } from './indosum-document.js';
import { detokenise } from './make-corpus.js';
import { goldDocumentOf, languageDocumentFromGold } from '../test/label-fixtures.js';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = resolve(ROOT, '../shared/corpus');
const args = process.argv.slice(2);
const cacheAt = args.indexOf('--cache');
const cache = cacheAt >= 0 ? (args[cacheAt + 1] as string) : join(tmpdir(), 'label-equivalence-inputs.json');

/** Every document label() is checked on, made with the current earlier stages. */
function buildInputs(): LanguageDocument[] {
  const docs: LanguageDocument[] = [];
  const throughStages = (raw: RawDocument): void => void docs.push(detectLanguage(segmentSentences(clean(raw))));
  for (const file of ['indosum_dev.01.jsonl', 'indosum_dev.02.jsonl']) {
    for (const line of readFileSync(join(CORPUS, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as { id: string; paragraphs: string[][][] };
      docs.push(indosumLanguageDocument(row.paragraphs, row.id));
      const text = row.paragraphs.map((p) => p.map(detokenise).join(' ')).join('\n\n');
      throughStages({
        doc_id: documentId(text),
        source_file: `${file}#${row.id}`,
        raw_text: text,
        encoding: 'utf-8',
        given: { id: row.id, url: null, title: null, published_at: null },
      });
    }
  }
  const seeds = join(ROOT, 'seeds');
  for (const name of readdirSync(seeds).sort()) {
    const absolutePath = join(seeds, name);
    const raw = readTextFile({ path: name, absolutePath, bytes: statSync(absolutePath).size });
    if ('raw_text' in raw) throughStages(raw);
  }
  for (const gold of readGoldDocuments(join(ROOT, 'test/fixtures/gold'))) docs.push(languageDocumentFromGold(gold));
  const fixtures = join(ROOT, 'test/fixtures/label');
  for (const name of readdirSync(fixtures).sort()) {
    const set = JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as {
      documents?: { id: string; sentences: GoldSentence[] }[];
      cases?: { text: string; context?: string[] }[];
    };
    for (const d of set.documents ?? [])
      docs.push(
        languageDocumentFromGold(
          goldDocumentOf(
            d.id,
            d.sentences.map((x) => ({ ...x, lang: x.lang ?? 'ind' })),
          ),
        ),
      );
    (set.cases ?? []).forEach((c, i) => {
      const texts = [...(c.context ?? []), c.text];
      docs.push(
        languageDocumentFromGold(
          goldDocumentOf(
            `${name}-${i}`,
            texts.map((text) => ({ text, lang: 'ind' }) as GoldSentence),
          ),
        ),
      );
    });
  }
  return docs;
}

let docs: LanguageDocument[];
if (existsSync(cache) && !args.includes('--rebuild')) docs = JSON.parse(readFileSync(cache, 'utf8')) as LanguageDocument[];
else {
  docs = buildInputs();
  writeFileSync(cache, JSON.stringify(docs));
}

const outputs = createHash('sha256');
const votes = createHash('sha256');
let sentences = 0;
let attributions = 0;
for (const doc of docs) {
  const labelled = label(doc);
  outputs.update(JSON.stringify({ sentences: labelled.sentences, attributions: labelled.attributions }));
  outputs.update('\n');
  sentences += labelled.sentences.length;
  attributions += labelled.attributions.length;
  for (const context of sentenceContexts(doc).contexts) votes.update(JSON.stringify(labelingFunctionVotes(context)) + '\n');
}
process.stdout.write(
  [
    `inputs        ${docs.length} documents, ${sentences} sentences, ${attributions} attributions (${cache})`,
    `label digest  ${outputs.digest('hex')}`,
    `votes digest  ${votes.digest('hex')}`,
  ].join('\n') + '\n',
);
