/**
 * A batch runs its stages stage by stage (processInputs, for speed: issue
 * 17); each article must come out exactly as it does when it goes through
 * all the stages alone (processInput): the same document, the same
 * rejection, whatever the other articles of the batch, and a stage that
 * throws on one article rejects that one only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STAGES } from '../../pipeline/index.js';
import { processInput, processInputs, type StepClock } from '../../pipeline/run/process-batch.js';
import { documentId } from '../../pipeline/stages/ingest/ingest.js';
import type { RawDocument } from '../../pipeline/types.js';
import { SEEDS_DIR } from '../gold.js';

function raw(text: string, sourceFile: string): RawDocument {
  return {
    doc_id: documentId(text),
    source_file: sourceFile,
    raw_text: text,
    encoding: 'utf-8',
    given: { id: null, url: null, title: null, published_at: null },
  };
}

const seeds = readdirSync(SEEDS_DIR)
  .sort()
  .map((name) => raw(readFileSync(join(SEEDS_DIR, name), 'utf8'), name));
const batch: RawDocument[] = [
  seeds[0]!,
  raw('Baca juga: Rusia dan NATO\n\nTags: Rusia, NATO', 'only-boilerplate.txt'),
  ...seeds.slice(1),
  raw('Rusia.', 'short.txt'),
  seeds[0]!,
];

const clock = () => Object.fromEntries([...STAGES.map((s) => [s.name, 0]), ['minhash', 0], ['encode', 0]]) as StepClock;

describe('a batch stage by stage', () => {
  const stage = STAGES[1] as { run: (input: unknown) => unknown };
  const realRun = stage.run;
  afterEach(() => {
    stage.run = realRun;
  });

  it('gives each article what it gets alone, rejections included', () => {
    const together = processInputs(batch, clock());
    const alone = batch.map((doc) => processInput(doc));
    expect(JSON.stringify(together)).toBe(JSON.stringify(alone));
    expect(together.map((o) => ('rejection' in o ? o.rejection.reason : 'document'))).toContain('empty_after_cleaning');
  });

  it('rejects only the article a stage threw on, with the message processInput gives', () => {
    stage.run = (input: unknown) => {
      if ((input as { source_file: string }).source_file === 'short.txt') throw new Error('injected failure');
      return realRun(input);
    };
    const together = processInputs(batch, clock());
    const alone = batch.map((doc) => processInput(doc));
    expect(JSON.stringify(together)).toBe(JSON.stringify(alone));
    const failed = together.filter((o) => 'rejection' in o && o.rejection.reason === 'processing_error');
    expect(failed).toHaveLength(1);
    expect(JSON.stringify(failed[0])).toContain('injected failure');
  });

  it('adds each stage’s time to the clock', () => {
    const times = clock();
    processInputs(seeds, times);
    for (const s of STAGES) expect(times[s.name]).toBeGreaterThan(0);
  });
});
