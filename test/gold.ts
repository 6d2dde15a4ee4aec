/**
 * The gold development set (CODEBOOK.md, hand-annotated) as test fixtures.
 * A copy lives in test/fixtures/gold so the repository is self-contained;
 * test/gold.test.ts checks it against ../shared/gold when that is present.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RawDocument } from '../pipeline/types.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..');
export const GOLD_DIR = join(REPO_ROOT, 'test/fixtures/gold');
export const SEEDS_DIR = join(REPO_ROOT, 'seeds');

export interface GoldSentence {
  readonly text: string;
  readonly lang: string;
  readonly stance_russia: string;
  readonly stance_west: string;
  readonly relation_signal: string;
  readonly claim_class: string;
}

export interface GoldAttribution {
  readonly source: string;
  readonly source_norm: string;
  readonly cue: string;
  readonly type: string;
  readonly sentences: readonly number[];
}

export interface GoldDocument {
  readonly source_file: string;
  readonly language: string;
  readonly title: string | null;
  readonly outlet: string | null;
  readonly place: string | null;
  readonly published_at: string | null;
  readonly author: string | null;
  readonly editor: string | null;
  readonly clean_text: string;
  readonly removed: readonly { readonly text: string; readonly reason: string }[];
  readonly sentences: readonly GoldSentence[];
  readonly attributions: readonly GoldAttribution[];
}

/** Every gold document with the raw seed text it annotates, sorted by file name. */
export function loadGold(dir: string = GOLD_DIR, seedsDir: string = SEEDS_DIR): { gold: GoldDocument; rawText: string }[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const gold = JSON.parse(readFileSync(join(dir, name), 'utf8')) as GoldDocument;
      const rawText = readFileSync(join(seedsDir, gold.source_file), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      return { gold, rawText };
    });
}

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

/** Code-point slice, the way Python slices strings. */
export function codePointSlice(text: string, start: number, end: number): string {
  return [...text].slice(start, end).join('');
}

/** Lower-cased word tokens, for token-level F1. */
export function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Bag-of-tokens F1 between a predicted and a gold text. */
export function tokenF1(predicted: string, gold: string): number {
  const counts = new Map<string, number>();
  for (const t of tokens(gold)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const predictedTokens = tokens(predicted);
  let overlap = 0;
  for (const t of predictedTokens) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      overlap++;
      counts.set(t, c - 1);
    }
  }
  const goldCount = tokens(gold).length;
  if (predictedTokens.length === 0 || goldCount === 0) return predictedTokens.length === goldCount ? 1 : 0;
  const p = overlap / predictedTokens.length;
  const r = overlap / goldCount;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}
