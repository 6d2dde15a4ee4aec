/**
 * An input directory for the dataset-level tests: the seeds, plus inputs in
 * a subdirectory that exercise the other paths of ingest: a JSONL file (one
 * new article, one malformed line), markup, an empty file and a duplicate.
 * Every table then has rows, and `rejected` has nulls and non-nulls.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEEDS_DIR } from './gold.js';

/** The reasons the extra inputs are rejected for, sorted. */
export const MIXED_REJECTIONS = ['duplicate', 'empty', 'malformed_jsonl', 'markup'] as const;

/**
 * Write the mixed input directory.
 *
 * @param dir - A scratch directory; the inputs go to `<dir>/in`.
 * @returns The input directory.
 */
export function mixedInputs(dir: string): string {
  const inDir = join(dir, 'in');
  cpSync(SEEDS_DIR, inDir, { recursive: true });
  mkdirSync(join(inDir, 'extra'));
  writeFileSync(join(inDir, 'extra', 'page.txt'), '<!doctype html><html><body><p>Bukan teks berita.</p></body></html>\n');
  writeFileSync(join(inDir, 'extra', 'empty.txt'), '');
  // The first seed again, with Windows line endings: the same doc_id, so a duplicate.
  const first = readFileSync(join(SEEDS_DIR, '000_bdb6c9550aac35cd.txt'), 'utf8');
  writeFileSync(join(inDir, 'extra', 'copy.txt'), first.replace(/\n/g, '\r\n'));
  // A new article (a seed with one more sentence) and a broken line.
  const second = readFileSync(join(SEEDS_DIR, '001_52d37d4444d6e944.txt'), 'utf8');
  const article = { id: 'x-1', url: 'https://example.org/berita/1', text: `${second.trimEnd()}\n\nRusia menolak tuduhan itu.\n` };
  writeFileSync(join(inDir, 'extra', 'crawl.jsonl'), `${JSON.stringify(article)}\n{"text": \n`);
  return inDir;
}
