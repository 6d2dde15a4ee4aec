/**
 * `make inspect` and `make show`: every sentence and every removed piece of
 * every document appears on its page with its offsets, its text (the raw
 * text's code points between them), its labels and rules; the pages load
 * nothing from the network; the index lists every document it gives a page
 * and says when it shows a sample; the terminal view holds the same facts,
 * coloured only when asked; and columns and tables the tools do not know yet
 * show up as they are. On the seeds, and on ../shared/real/raw when present.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Float64, tableFromArrays, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawSegments } from '../../pipeline/inspect/document-view.js';
import { readDocumentBundles, type DocumentBundle, type PlainRow } from '../../pipeline/inspect/read-dataset.js';
import { showDocument, useColour } from '../../pipeline/inspect/show.js';
import { documentText } from '../../pipeline/inspect/terminal.js';
import { writeInspect } from '../../pipeline/inspect/write-inspect.js';
import { buildDataset } from '../../pipeline/run/build-dataset.js';
import { REPO_ROOT, SEEDS_DIR } from '../gold.js';
import { findAll, hasClass, parseHtml, textOf, type HtmlElement } from './html-tree.js';

const REAL_RAW = join(REPO_ROOT, '..', 'shared', 'real', 'raw');
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'inspect-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The code points of `text` from `start` to `end`. */
const slice = (text: string, start: number, end: number): string => Array.from(text).slice(start, end).join('');
const isWhy = (e: HtmlElement): boolean => e.tag === 'sup' && hasClass(e, 'why');

/** Check one document page against the document's rows. */
function checkPage(bundle: DocumentBundle, html: string): void {
  const page = parseHtml(html);
  const raw = String(bundle.document['raw_text']);
  const [rawBox] = findAll(page, (e) => e.tag === 'div' && hasClass(e, 'raw'));
  expect(rawBox, 'the raw text box').toBeDefined();
  // The raw text, read back without the labels of removed pieces, is the raw text.
  expect(textOf(rawBox!, isWhy)).toBe(raw);

  const sentences = bundle.tables.get('sentences') ?? [];
  const spans = findAll(rawBox!, (e) => e.tag === 'span' && hasClass(e, 's'));
  expect(spans).toHaveLength(sentences.length);
  sentences.forEach((sentence, i) => {
    const span = spans.find((s) => s.attributes['id'] === `s-${i}`)!;
    expect(span, `sentence ${i}`).toBeDefined();
    const where = `${bundle.document['doc_id']} sentence ${sentence['sentence_index']}`;
    expect([span.attributes['data-raw-start'], span.attributes['data-raw-end']], where).toEqual([String(sentence['raw_start']), String(sentence['raw_end'])]);
    expect([span.attributes['data-char-start'], span.attributes['data-char-end']], where).toEqual([
      String(sentence['char_start']),
      String(sentence['char_end']),
    ]);
    expect(textOf(span, isWhy), where).toBe(slice(raw, Number(sentence['raw_start']), Number(sentence['raw_end'])));
    for (const label of ['stance_russia', 'stance_west', 'relation_signal', 'claim_class']) {
      expect(span.attributes[`data-${label}`], `${where} ${label}`).toBe(sentence[label]);
      for (const rule of sentence[`${label}_rules`] as string[]) expect(span.attributes['title'], `${where} ${rule}`).toContain(rule);
    }
  });

  const removed = bundle.tables.get('removed') ?? [];
  const dels = findAll(rawBox!, (e) => e.tag === 'del');
  removed.forEach((piece, i) => {
    const first = dels.find((d) => d.attributes['id'] === `r-${i}`);
    const where = `${bundle.document['doc_id']} removed piece ${piece['piece_index']}`;
    expect(first, where).toBeDefined();
    expect([first!.attributes['data-raw-start'], first!.attributes['data-raw-end']], where).toEqual([String(piece['raw_start']), String(piece['raw_end'])]);
    expect([first!.attributes['data-reason'], first!.attributes['data-rule']], where).toEqual([piece['reason'], piece['rule']]);
    const parts = dels.filter((d) => d === first || d.attributes['data-part-of'] === `r-${i}`);
    expect(parts.map((d) => textOf(d)).join(''), where).toBe(slice(raw, Number(piece['raw_start']), Number(piece['raw_end'])));
    expect(parts.map((d) => textOf(d)).join(''), where).toBe(piece['text']);
  });
  const labels = findAll(rawBox!, isWhy).map((e) => textOf(e));
  for (const piece of removed) expect(labels).toContain(`${piece['reason']} · ${piece['rule']}`);

  // Attributions: one table row per attribution, with its id and content.
  const text = textOf(page);
  for (const a of bundle.tables.get('attributions') ?? []) {
    expect(text).toContain(String(a['attribution_id']));
    expect(text).toContain(String(a['content']));
  }
  // Nothing from the network.
  for (const e of findAll(page, (x) => 'src' in x.attributes || 'href' in x.attributes))
    expect(e.attributes['src'] ?? e.attributes['href'], 'a link off the disk').not.toMatch(/^[a-z]+:/i);
  expect(findAll(page, (e) => e.tag === 'link')).toEqual([]);
}

/** Build `inDir`, write its HTML view, and check every page and the index. */
async function checkInspect(inDir: string, name: string): Promise<void> {
  const dataset = join(work, name);
  await buildDataset({ inDir, outDir: dataset });
  const out = join(work, `${name}-html`);
  const result = await writeInspect(dataset, out, { label: name });
  const bundles = await readDocumentBundles(dataset, () => true);
  expect([result.shown, result.total]).toEqual([bundles.length, bundles.length]);
  const index = parseHtml(readFileSync(join(out, 'index.html'), 'utf8'));
  const links = findAll(index, (e) => e.tag === 'a').map((a) => a.attributes['href']);
  for (const bundle of bundles) {
    const href = `docs/${bundle.document['doc_id']}.html`;
    expect(links).toContain(href);
    checkPage(bundle, readFileSync(join(out, href), 'utf8'));
  }
  expect(readdirSync(join(out, 'docs'))).toHaveLength(bundles.length);
}

describe('make inspect', () => {
  it('shows every sentence and removed piece of the seeds with its offsets, text, labels and rules', async () => {
    await checkInspect(SEEDS_DIR, 'seeds');
  });

  it.skipIf(!existsSync(REAL_RAW))('does the same on ../shared/real/raw', async () => {
    await checkInspect(REAL_RAW, 'real');
  });

  it('caps the number of pages, takes the first documents in doc_id order, and says so; the same input gives the same bytes', async () => {
    const dataset = join(work, 'seeds');
    const ids = (await readDocumentBundles(dataset, () => true)).map((b) => String(b.document['doc_id'])).sort();
    const capped = await writeInspect(dataset, join(work, 'capped'), { limit: 2 });
    expect([capped.shown, capped.total]).toEqual([2, ids.length]);
    expect(readdirSync(join(work, 'capped', 'docs')).sort()).toEqual(ids.slice(0, 2).map((id) => `${id}.html`));
    expect(readFileSync(join(work, 'capped', 'index.html'), 'utf8')).toContain(`Showing 2 of ${ids.length} documents`);
    const again = await writeInspect(dataset, join(work, 'capped-again'), { limit: 2 });
    for (const file of again.files) expect(readFileSync(join(work, 'capped-again', file)).equals(readFileSync(join(work, 'capped', file))), file).toBe(true);
    await expect(writeInspect(dataset, join(work, 'bad'), { limit: 0 })).rejects.toThrow(/LIMIT/);
  });

  it('shows columns and tables it does not know, and sorts and filters with inline script only', async () => {
    const dataset = join(work, 'extended');
    cpSync(join(work, 'seeds'), dataset, { recursive: true });
    const documents = tableFromIPC(readFileSync(join(dataset, 'documents.arrow')));
    const relevance = vectorFromArray(
      Array.from({ length: documents.numRows }, (_, i) => 0.25 * (i + 1)),
      new Float64(),
    );
    writeFileSync(join(dataset, 'documents.arrow'), tableToIPC(documents.assign(tableFromArrays({ relevance: relevance.toArray() as Float64Array })), 'file'));
    const firstId = String(documents.get(0)!.toJSON()['doc_id']);
    writeFileSync(
      join(dataset, 'actors.arrow'),
      tableToIPC(tableFromArrays({ doc_id: [firstId, firstId], actor: ['Kremlin', 'NATO'], qid: ['Q00001', 'Q00002'] }), 'file'),
    );
    await writeInspect(dataset, join(work, 'extended-html'));
    const index = readFileSync(join(work, 'extended-html', 'index.html'), 'utf8');
    expect(index).toContain('<th data-sort>relevance</th>');
    expect(index).toMatch(/<script>[\s\S]*addEventListener\('input'/);
    expect(index).not.toMatch(/<script src/);
    const page = readFileSync(join(work, 'extended-html', 'docs', `${firstId}.html`), 'utf8');
    expect(page).toContain('<h2>actors (2)</h2>');
    expect(page).toContain('Q00002');
    const text = await showDocument(dataset, firstId, false);
    expect(text).toMatch(/relevance\s+0\.25/);
    expect(text).toContain('actors (2)');
    expect(text).toContain('actor=NATO  qid=Q00002');
  });
});

describe('make show', () => {
  let bundle: DocumentBundle;
  beforeAll(async () => {
    const bundles = await readDocumentBundles(join(work, 'seeds'), (d: PlainRow) => (d['n_removed'] as number) > 0);
    bundle = bundles[0]!;
  });

  it('prints metadata, the raw text with each removed piece marked with reason, rule and offsets, each sentence with labels and rules, and the attributions', () => {
    const text = documentText(bundle, false);
    expect(text).not.toContain('\u001b[');
    expect(text).toContain(`Document ${bundle.document['doc_id']}`);
    // Keys are padded to the longest column name of documents.
    expect(text).toMatch(new RegExp(`source_file +${String(bundle.document['source_file']).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    for (const piece of bundle.tables.get('removed')!)
      expect(text).toContain(`[-${piece['text']}-]{${piece['reason']} ${piece['rule']} ${piece['raw_start']}–${piece['raw_end']}}`);
    for (const sentence of bundle.tables.get('sentences')!) {
      expect(text).toContain(
        `[${sentence['sentence_index']}] clean ${sentence['char_start']}–${sentence['char_end']}, raw ${sentence['raw_start']}–${sentence['raw_end']}`,
      );
      expect(text).toContain(`    ${sentence['text']}\n`);
      const rules = sentence['relation_signal_rules'] as string[];
      expect(text).toContain(
        `relation_signal=${sentence['relation_signal']} ${(sentence['relation_signal_confidence'] as number).toFixed(2)} [${rules.length > 0 ? rules.join(', ') : 'default'}]`,
      );
    }
    for (const a of bundle.tables.get('attributions')!) expect(text).toContain(`${a['attribution_id']} ${a['source']} —${a['cue']}→`);
  });

  it('colours on a terminal, not in a pipe; NO_COLOR and FORCE_COLOR win', () => {
    expect(documentText(bundle, true)).toContain('\u001b[9;2;31m');
    expect([useColour({}, true), useColour({}, false), useColour({ NO_COLOR: '1' }, true), useColour({ FORCE_COLOR: '1' }, false)]).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });

  it('finds a document by doc_id, source_file or file name, and names the dataset when none matches', async () => {
    const dataset = join(work, 'seeds');
    const byId = await showDocument(dataset, String(bundle.document['doc_id']), false);
    expect(await showDocument(dataset, String(bundle.document['source_file']), false)).toBe(byId);
    expect(await showDocument(dataset, join('some', 'dir', String(bundle.document['source_file'])), false)).toBe(byId);
    await expect(showDocument(dataset, 'no-such-document', false)).rejects.toThrow(/no document in .* has doc_id or source_file "no-such-document"/);
    await expect(showDocument(join(work, 'nowhere'), 'x', false)).rejects.toThrow(/holds no documents\.arrow/);
  });
});

describe('rawSegments', () => {
  it('cuts at every boundary, counts code points, and nests a removed piece inside a sentence', () => {
    const raw = '😀 ab [x] cd';
    const segments = rawSegments(raw, [{ raw_start: 2, raw_end: 11 }], [{ raw_start: 5, raw_end: 8 }]);
    expect(segments.map((s) => [s.text, s.sentence, s.removed])).toEqual([
      ['😀 ', null, null],
      ['ab ', 0, null],
      ['[x]', 0, 0],
      [' cd', 0, null],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(raw);
    expect(rawSegments('', [], [])).toEqual([]);
  });
});
