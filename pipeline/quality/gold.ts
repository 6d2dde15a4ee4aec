/**
 * The gold annotation format (CODEBOOK.md sections 1–7; test/fixtures/gold/README.md)
 * and its loaders. Lives in pipeline/ because the evaluation (pipeline/quality/evaluate.ts)
 * scores predictions against any gold directory in this format, not only the
 * test fixtures; test/gold.ts re-exports it for the tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentMetadata } from '../types.js';

/** One hand-labelled sentence: its exact text in clean_text and its four labels (CODEBOOK.md sections 2, 4–6). */
export interface GoldSentence {
  readonly text: string;
  readonly lang: string;
  readonly stance_russia: string;
  readonly stance_west: string;
  readonly relation_signal: string;
  readonly claim_class: string;
}

/** One hand-labelled attribution (CODEBOOK.md section 7); `sentences` index into the document's gold sentences. */
export interface GoldAttribution {
  readonly source: string;
  /** Null when the article never gives the full name. */
  readonly source_norm: string | null;
  readonly cue: string;
  readonly type: string;
  readonly sentences: readonly number[];
}

/** One hand-annotated article. */
export interface GoldDocument extends DocumentMetadata {
  readonly source_file: string;
  readonly language: string;
  readonly clean_text: string;
  readonly removed: readonly { readonly text: string; readonly reason: string }[];
  readonly sentences: readonly GoldSentence[];
  readonly attributions: readonly GoldAttribution[];
}

/**
 * Every gold document of a directory (`*.json`), sorted by file name.
 *
 * @param dir - A directory in the format of test/fixtures/gold/README.md.
 * @returns The parsed documents.
 * @example
 * const gold = readGoldDocuments('test/fixtures/gold');
 */
export function readGoldDocuments(dir: string): GoldDocument[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as GoldDocument);
}

/**
 * Every gold document with the raw seed text it annotates, sorted by file name.
 * The raw text gets the ingest normalisation (BOM removed, CRLF/CR → LF).
 *
 * @param dir - The gold directory.
 * @param seedsDir - The directory holding each gold document's `source_file`.
 * @returns Pairs of gold document and raw text.
 */
export function loadGold(dir: string, seedsDir: string): { gold: GoldDocument; rawText: string }[] {
  return readGoldDocuments(dir).map((gold) => {
    const rawText = readFileSync(join(seedsDir, gold.source_file), 'utf8')
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n');
    return { gold, rawText };
  });
}
