/**
 * The streaming build and its writer: record batches depend only on the
 * rows (not on how they were chunked), CSV follows RFC 4180 with null and ""
 * distinct, the timed steps cover every stage, and progress goes to stderr
 * only. (Byte-identical output whatever the concurrency and listing order is
 * test/run/reproducible.test.ts; shards merged equal one run is test/run/shard.test.ts.)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordBatchReader, tableFromIPC } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_STEPS, buildDataset } from '../../pipeline/run/build-dataset.js';
import { csvField, encodeRows } from '../../pipeline/output/encode-rows.js';
import { processDocument, STAGES } from '../../pipeline/index.js';
import { isRejection, readInputs } from '../../pipeline/stages/ingest/ingest.js';
import { PROCESS_STEPS } from '../../pipeline/run/process-batch.js';
import { withoutStoryColumns } from '../../pipeline/output/story-columns.js';
import { formatDuration, Progress } from '../../pipeline/run/progress.js';
import { documentRows, tableSpec, type Row } from '../../pipeline/output/tables.js';
import { DatasetWriter, MAX_BATCH_BYTES, ROWS_PER_BATCH } from '../../pipeline/output/write-dataset.js';
import { SEEDS_DIR } from '../gold.js';

let workDir: string;
beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'build-dataset-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** `n` rows of the rejected table, some with nulls, quotes, commas and newlines. */
function rejectedRows(n: number, detail: (i: number) => string = (i) => `detail ${i}`): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    source_file: `dir/file-${i}.txt`,
    reason: i % 3 === 0 ? 'duplicate' : 'empty',
    detail: detail(i),
    kept_doc_id: i % 3 === 0 ? `${i}`.padStart(16, '0') : null,
  }));
}

/** Write rows to a fresh dataset directory in chunks of the given sizes; returns the directory. */
function writeInChunks(name: string, rows: readonly Row[], chunkSizes: readonly number[]): string {
  const dir = join(workDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const writer = new DatasetWriter(dir, new Map([['dataset', 'test']]));
  let at = 0;
  for (let k = 0; at < rows.length; k++) {
    const size = chunkSizes[k % chunkSizes.length]!;
    writer.write('rejected', encodeRows(tableSpec('rejected'), rows.slice(at, at + size)));
    at += size;
  }
  writer.close();
  return dir;
}

async function batchLengths(path: string): Promise<number[]> {
  const lengths = [];
  for await (const batch of await RecordBatchReader.from(readFileSync(path))) lengths.push(batch.numRows);
  return lengths;
}

describe('the writer', () => {
  it(`cuts record batches at ${ROWS_PER_BATCH} rows, however the rows arrive`, async () => {
    const rows = rejectedRows(2 * ROWS_PER_BATCH + 5);
    const whole = writeInChunks('whole', rows, [rows.length]);
    const pieces = writeInChunks('pieces', rows, [1, 7, 1000, 3]);
    expect(await batchLengths(join(whole, 'rejected.arrow'))).toEqual([ROWS_PER_BATCH, ROWS_PER_BATCH, 5]);
    for (const file of ['rejected.arrow', 'rejected.csv']) expect(readFileSync(join(pieces, file)).equals(readFileSync(join(whole, file))), file).toBe(true);
  });

  it(`cuts earlier when a batch would pass ${MAX_BATCH_BYTES} bytes of text`, async () => {
    const big = 'x'.repeat(Math.floor(MAX_BATCH_BYTES / 3));
    const dir = writeInChunks(
      'big',
      rejectedRows(7, () => big),
      [2, 5],
    );
    // Two rows fit under the limit, the third would not.
    expect(await batchLengths(join(dir, 'rejected.arrow'))).toEqual([2, 2, 2, 1]);
    expect(tableFromIPC(readFileSync(join(dir, 'rejected.arrow'))).numRows).toBe(7);
  });

  it('writes an empty table as a schema and a header', () => {
    const dir = writeInChunks('empty', [], [1]);
    expect(tableFromIPC(readFileSync(join(dir, 'rejected.arrow'))).schema.fields.map((f) => f.name)).toEqual([
      'source_file',
      'reason',
      'detail',
      'kept_doc_id',
    ]);
    expect(readFileSync(join(dir, 'rejected.csv'), 'utf8')).toBe('source_file,reason,detail,kept_doc_id\r\n');
  });

  it('round-trips awkward text through Arrow and CSV alike', () => {
    const awkward = ['', 'a,b', 'say "hi"', 'line\nbreak', 'cr\rlf\r\n', 'é – “kutip” 😀', ' lead', '=1'];
    const rows = rejectedRows(awkward.length, (i) => awkward[i]!);
    const dir = writeInChunks('awkward', rows, [3]);
    const arrow = tableFromIPC(readFileSync(join(dir, 'rejected.arrow')));
    expect([...arrow.getChild('detail')!]).toEqual(awkward);
    expect([...arrow.getChild('kept_doc_id')!]).toEqual(rows.map((r) => r['kept_doc_id']));
    const [, ...records] = parse(readFileSync(join(dir, 'rejected.csv')), { relax_quotes: false }) as string[][];
    expect(records.map((r) => r[2])).toEqual(awkward);
  });
});

describe('csvField', () => {
  it.each([
    // intent: null is an empty field, the empty string is "" — the two stay distinct
    [null, ''],
    ['', '""'],
    // intent: RFC 4180 quoting for comma, quote, CR and LF
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['a\nb', '"a\nb"'],
    ['a\rb', '"a\rb"'],
    // intent: nothing else is quoted or escaped
    ['plain text', 'plain text'],
    // intent: numbers as JavaScript prints them
    [0.25, '0.25'],
    [-0, '0'],
    // intent: lists as JSON arrays, quoted since they hold quotes or commas
    [['a', 'b'], '"[""a"",""b""]"'],
    [[1, 2], '"[1,2]"'],
    [[], '[]'],
  ] as const)('csvField(%j) is %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });
});

describe('encodeRows', () => {
  it('writes the CSV that csvField describes, for every table of the seeds', async () => {
    const documents = [];
    for await (const item of readInputs(SEEDS_DIR)) if (!isRejection(item)) documents.push(processDocument(item));
    for (const table of ['documents', 'sentences', 'removed', 'attributions'] as const) {
      // Document rows are encoded without their story columns, added once every document is known (story-columns.ts).
      const spec = table === 'documents' ? withoutStoryColumns(tableSpec(table)) : tableSpec(table);
      const rows = documents.flatMap((d) => documentRows(d)[table]);
      const expected = rows.map((row) => `${spec.columns.map((c) => csvField(row[c.name] ?? null, c)).join(',')}\r\n`).join('');
      // Twice: the second pass goes through the caches the first one filled.
      for (let pass = 0; pass < 2; pass++) expect(Buffer.from(encodeRows(spec, rows).csv).toString('utf8'), table).toBe(expected);
    }
  });
});

describe('the build', () => {
  it('times every stage of index.ts, plus digest, ingest, minhash, encode, write and stories', () => {
    expect(PROCESS_STEPS).toEqual([...STAGES.map((s) => s.name), 'minhash', 'encode']);
    expect(BUILD_STEPS).toContain('stories');
    for (const step of PROCESS_STEPS) expect(BUILD_STEPS).toContain(step);
  });

  it('reports its figures, and a small input runs on the main thread', async () => {
    const summary = await buildDataset({ inDir: SEEDS_DIR, outDir: join(workDir, 'seeds'), concurrency: 4 });
    expect(summary.stats.concurrency).toBe(1);
    expect(summary.stats.inputFiles).toBe(5);
    expect(summary.stats.seconds).toBeGreaterThan(0);
    for (const step of BUILD_STEPS) expect(summary.stats.stepMs[step]).toBeGreaterThanOrEqual(0);
    expect(summary.stats.stepMs.clean).toBeGreaterThan(0);
    expect(readdirSync(join(workDir, 'seeds')).sort()).toContain('manifest.json');
  });

  it.each([0, -1, 1.5])('rejects concurrency %s with a message saying what is expected', async (concurrency) => {
    await expect(buildDataset({ inDir: SEEDS_DIR, outDir: join(workDir, 'never'), concurrency })).rejects.toThrow(/CONCURRENCY must be a whole number/);
  });
});

describe('progress', () => {
  /** A stand-in for stderr that records what is written. */
  function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
    const stream = { isTTY, text: '', write: (chunk: string) => ((stream.text += chunk), true) };
    return stream as unknown as NodeJS.WriteStream & { text: string };
  }

  it.each([
    [42, '42s'],
    [185, '3m05s'],
    [3720, '1h02m'],
    [Number.POSITIVE_INFINITY, '?'],
  ])('formatDuration(%s) is %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('prints a status line with docs/s, MB/s and an ETA when not on a terminal', () => {
    const stream = fakeStream(false);
    const progress = new Progress({ totalBytes: 1000, stream, intervalSeconds: 0 });
    progress.update(500, 10);
    progress.finish();
    expect(stream.text).toMatch(/^progress: 50\.0% read, 10 documents, \d+ docs\/s, [\d.]+ MB\/s, ETA \S+\n$/);
  });

  it('redraws one bar in place on a terminal and clears it at the end', () => {
    const stream = fakeStream(true);
    const progress = new Progress({ totalBytes: 1000, stream, intervalSeconds: 0 });
    (progress as unknown as { last: number }).last = -1e9;
    progress.update(250, 3);
    progress.finish();
    expect(stream.text).toMatch(/^\r\x1b\[K\[######\.{18}\] 25\.0% read, 3 documents, .*ETA \S+\r\x1b\[K$/);
    expect(stream.text).not.toContain('\n');
  });
});
