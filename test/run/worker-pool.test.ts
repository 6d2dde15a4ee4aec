/**
 * The worker pool (pipeline/run/worker-pool.ts): a batch sent to a worker
 * comes back as the same result the main thread would compute, batches sent
 * ahead wait at the least busy worker, and the count of outstanding batches
 * falls back to nothing once every answer is in. The workers load worker.ts
 * through tsx here (no compiled worker.js beside the sources).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processBatch, type BatchItem } from '../../pipeline/run/process-batch.js';
import { WorkerPool } from '../../pipeline/run/worker-pool.js';
import { rawDocument, SEEDS_DIR } from '../gold.js';

/** One seed per batch, as the build would hand them out. */
const batches: BatchItem[][] = readdirSync(SEEDS_DIR)
  .sort()
  .map((name) => [rawDocument(readFileSync(join(SEEDS_DIR, name), 'utf8'), name)]);

const pool = new WorkerPool(2);
afterAll(() => pool.close());

describe('the worker pool', () => {
  it('sends each batch to the least busy worker and counts it until its answer is in', async () => {
    expect(pool.leastOutstanding()).toBe(0);
    const sent: Promise<unknown>[] = [];
    for (const [k, batch] of batches.entries()) {
      sent.push(pool.run(batch));
      // Two workers, nothing answered yet (answers come in between turns of the event loop): the batches alternate.
      expect(pool.leastOutstanding()).toBe(Math.floor((k + 1) / 2));
    }
    await Promise.all(sent);
    expect(pool.leastOutstanding()).toBe(0);
  });

  it('gives the result the main thread computes, byte for byte', async () => {
    const fromWorkers = await Promise.all(batches.map((batch) => pool.run(batch)));
    for (const [k, batch] of batches.entries()) {
      const here = processBatch(batch);
      const there = fromWorkers[k]!;
      expect(there.rejectedByReason).toEqual(here.rejectedByReason);
      for (const table of Object.keys(here.chunks) as (keyof typeof here.chunks)[]) {
        expect(there.chunks[table].rows, table).toBe(here.chunks[table].rows);
        expect(Buffer.from(there.chunks[table].csv).equals(Buffer.from(here.chunks[table].csv)), `${table} CSV`).toBe(true);
      }
    }
  });
});
