/**
 * The gold development set (CODEBOOK.md, hand-annotated) as test fixtures.
 * A copy lives in test/fixtures/gold so the repository is self-contained;
 * test/quality/gold.test.ts checks it against ../shared/gold when that is present.
 * The gold types and loader live in pipeline/quality/gold.ts (the evaluation needs
 * them too); this module re-exports them with the fixture paths as defaults.
 */
import { join, resolve } from 'node:path';
import { loadGold as loadGoldFrom, type GoldDocument } from '../pipeline/quality/gold.js';
import type { CleanDocument, DocumentMetadata, RawDocument, TextSpan } from '../pipeline/types.js';

export type { GoldAttribution, GoldDocument, GoldSentence } from '../pipeline/quality/gold.js';
export { readGoldDocuments } from '../pipeline/quality/gold.js';
export { tokenF1, tokens } from '../pipeline/quality/evaluate.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const GOLD_DIR = join(REPO_ROOT, 'test/fixtures/gold');
export const SEEDS_DIR = join(REPO_ROOT, 'seeds');

/** Every gold document with the raw seed text it annotates, sorted by file name. */
export function loadGold(dir: string = GOLD_DIR, seedsDir: string = SEEDS_DIR): { gold: GoldDocument; rawText: string }[] {
  return loadGoldFrom(dir, seedsDir);
}

/** The metadata of a document whose text says nothing about itself: what fixtures built below clean carry. */
export const NO_METADATA: DocumentMetadata = {
  title: null,
  outlet: null,
  outlet_as_written: null,
  place: null,
  published_at: null,
  author: null,
  editor: null,
  warnings: [],
};

/** A RawDocument for tests that start below ingest. */
export function rawDocument(rawText: string, source_file = 'fixture.txt'): RawDocument {
  return {
    doc_id: '0000000000000000',
    source_file,
    raw_text: rawText,
    encoding: 'utf-8',
    given: { id: null, url: null, title: null, published_at: null },
  };
}

/** A CleanDocument whose raw text is its clean text (identity span map), as the clean stage gives for tidy input; for tests that start below clean. */
export function cleanDocument(clean_text: string, raw_text: string = clean_text, spans?: TextSpan[]): CleanDocument {
  return {
    ...rawDocument(raw_text),
    clean_text,
    ...NO_METADATA,
    removed: [],
    spans: spans ?? [{ clean_start: 0, raw_start: 0, length: [...clean_text].length }],
  };
}

/** Code-point slice, the way Python slices strings. */
export function codePointSlice(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('');
}
