/**
 * Ingest: every file under IN becomes a RawDocument or a Rejection with a
 * reason, in stable order, with stable content-derived ids.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText, documentId, isRejection, listInputFiles, normaliseText, parseJsonlLine, readInputs } from '../../../pipeline/stages/ingest/ingest.js';
import type { RawDocument, Rejection } from '../../../pipeline/types.js';
import { SEEDS_DIR } from '../../gold.js';

const ARTICLE = 'Rusia dan NATO kembali bersitegang.\n\nMoskow mengusir dua diplomat Barat pada Senin.';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingest-'));
  mkdirSync(join(dir, 'nested/deeper'), { recursive: true });
  writeFileSync(join(dir, 'b.txt'), `\uFEFF${ARTICLE.replace(/\n/g, '\r\n')}`);
  writeFileSync(join(dir, 'nested/deeper/a.txt'), ARTICLE);
  writeFileSync(join(dir, 'empty.txt'), '  \n\t\n');
  writeFileSync(join(dir, 'zero.txt'), '');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x14]));
  writeFileSync(join(dir, 'latin1.txt'), Buffer.from('Menteri berkata caf\xe9 ditutup.', 'latin1'));
  writeFileSync(join(dir, 'page.txt'), '<!DOCTYPE html><html><body><p>Berita</p></body></html>');
  writeFileSync(join(dir, 'notes.docx'), 'not read');
  writeFileSync(
    join(dir, 'batch.jsonl'),
    [
      JSON.stringify({ id: 7, text: 'Artikel pertama tentang Rusia.', url: 'https://x.id/1', title: 'Judul' }),
      '',
      '{"text": broken',
      JSON.stringify({ body: 'no text key' }),
      JSON.stringify(['not', 'an', 'object']),
      JSON.stringify({ text: 'Artikel kedua.' }),
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readAll(): Promise<(RawDocument | Rejection)[]> {
  const items = [];
  for await (const item of readInputs(dir)) items.push(item);
  return items;
}

describe('ingest', () => {
  it('lists files recursively in sorted relative-path order', () => {
    expect(listInputFiles(dir).map((f) => f.path)).toEqual([
      'b.txt',
      'batch.jsonl',
      'binary.txt',
      'empty.txt',
      'latin1.txt',
      'nested/deeper/a.txt',
      'notes.docx',
      'page.txt',
      'zero.txt',
    ]);
  });

  it('accounts for every file and every non-blank JSONL line, with the right reason', async () => {
    const outcome = Object.fromEntries((await readAll()).map((item) => [item.source_file, isRejection(item) ? item.reason : 'document']));
    expect(outcome).toEqual({
      'b.txt': 'document',
      'batch.jsonl#L1': 'document',
      'batch.jsonl#L3': 'malformed_jsonl',
      'batch.jsonl#L4': 'missing_text',
      'batch.jsonl#L5': 'malformed_jsonl',
      'batch.jsonl#L6': 'document',
      'binary.txt': 'binary',
      'empty.txt': 'empty',
      'latin1.txt': 'document',
      'nested/deeper/a.txt': 'document',
      'notes.docx': 'unsupported_type',
      'page.txt': 'markup',
      'zero.txt': 'empty',
    });
  });

  it('strips the BOM and CRLF, so a copy differing only in those gets the same doc_id', async () => {
    const items = await readAll();
    const b = items.find((i) => i.source_file === 'b.txt') as RawDocument;
    const a = items.find((i) => i.source_file === 'nested/deeper/a.txt') as RawDocument;
    expect(b.raw_text).toBe(ARTICLE);
    expect(b.doc_id).toBe(a.doc_id);
    expect(b.doc_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps JSONL metadata and records the fallback decoding', async () => {
    const items = await readAll();
    const first = items.find((i) => i.source_file === 'batch.jsonl#L1') as RawDocument;
    expect(first.given).toEqual({ id: '7', url: 'https://x.id/1', title: 'Judul', published_at: null });
    const latin = items.find((i) => i.source_file === 'latin1.txt') as RawDocument;
    expect(latin.encoding).toBe('windows-1252');
    expect(latin.raw_text).toContain('café');
  });

  it.each([
    // intent: a whitespace-only difference is the same article
    ['a  b\n', 'a b', true],
    // intent: a changed word is a different article
    ['a b', 'a c', false],
  ])('documentId(%j) === documentId(%j) is %s', (x, y, same) => {
    expect(documentId(x) === documentId(y)).toBe(same);
  });

  it('normaliseText only strips a BOM and line endings', () => {
    expect(normaliseText('\uFEFFa\r\nb\rc\u00A0d')).toBe('a\nb\nc\u00A0d');
  });

  it('decodes UTF-8 strictly and falls back to Windows-1252', () => {
    expect(decodeText(Buffer.from('Kremlin “kata”', 'utf8'))).toEqual({ text: 'Kremlin “kata”', encoding: 'utf-8', replaced: 0 });
    expect(decodeText(Buffer.from([0x93, 0x41, 0x94]))).toEqual({ text: '“A”', encoding: 'windows-1252', replaced: 0 });
  });

  it('rejects an article over the size limit', () => {
    const rejection = parseJsonlLine('x.jsonl#L1', JSON.stringify({ text: 'x'.repeat(200) }), { maxArticleBytes: 100 }) as Rejection;
    expect(rejection.reason).toBe('too_large');
    expect(rejection.detail).toMatch(/MAX_ARTICLE_BYTES/);
  });

  it('names the path when IN is missing', () => {
    expect(() => listInputFiles(join(dir, 'nope'))).toThrow(/nope.*does not exist/);
  });

  it('reads the five seeds as documents', async () => {
    const seeds = [];
    for await (const item of readInputs(SEEDS_DIR)) seeds.push(item);
    expect(seeds.filter((i) => !isRejection(i))).toHaveLength(5);
  });
});
