/**
 * Linear time on pathological inputs (issue #14), measured as the growth of
 * the work from n to 4n inside this process (test/growth.ts): about 4× when
 * linear, 16× when quadratic. One test per family that was quadratic:
 * - a long run of entity mentions (the mention covering scan of sentence features);
 * - a run of `katanya` cues (the cue-hit search of the attributions);
 * - `<p` without `>` (the markup check in ingest);
 * - one very long JSONL line (the line reader re-joined its carry per chunk).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDocument } from '../../pipeline/index.js';
import { documentId, parseJsonlLine, readInputs } from '../../pipeline/stages/ingest/ingest.js';
import type { RawDocument } from '../../pipeline/types.js';
import { expectLinearGrowth, growthRatioAsync } from '../growth.js';

const raw = (text: string): RawDocument => ({
  doc_id: documentId(text),
  source_file: 'growth.txt',
  raw_text: text,
  encoding: 'utf-8',
  given: { id: null, url: null, title: null, published_at: null },
});

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'growth-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the document stages grow linearly', () => {
  it('on a sentence that is one long run of entity mentions', () => {
    expectLinearGrowth((n) => raw(`Rusia mengecam ${'Rusia NATO Amerika Serikat Ukraina AS UE '.repeat(n)}kemarin.`), processDocument, 800);
  });

  it('on a run of katanya cues', () => {
    expectLinearGrowth((n) => raw(`Lavrov ${'katanya '.repeat(n)}perang.`), processDocument, 10_000);
  });
});

describe('ingest grows linearly', () => {
  it('on `<p` without `>` (the markup check)', () => {
    expectLinearGrowth(
      (n) => JSON.stringify({ text: `Berita ${'<p '.repeat(n)}` }),
      (line) => parseJsonlLine('x.jsonl#L1', line),
      20_000,
    );
  });

  it('on one very long JSONL line, read in chunks', async () => {
    const file = (n: number): string => {
      const path = join(work, `long-${n}.jsonl`);
      writeFileSync(path, JSON.stringify({ text: 'Rusia menolak. '.repeat(n) }));
      return path;
    };
    const read = async (path: string): Promise<number> => {
      let count = 0;
      for await (const _ of readInputs(join(path, '..'), { maxArticleBytes: 1 << 30 }, [{ path: 'long.jsonl', absolutePath: path, bytes: 0 }])) count++;
      return count;
    };
    const ratio = await growthRatioAsync(file, read, 300_000);
    expect(ratio, `work at 4n is ${ratio.toFixed(1)}× the work at n`).toBeLessThan(10);
  });
});
