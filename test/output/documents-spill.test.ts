/**
 * The documents' end pass (pipeline/output/documents-spill.ts): chunks staged
 * in the spill, read back segment by segment once per format with their
 * story columns, must give exactly the files of writing the whole rows at
 * once (as a merge does), and the spill must leave nothing behind.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentsCsvWriter, DocumentsSpill, isSpillSegmentName, spillSegmentPath, writeDocumentsArrowSegment } from '../../pipeline/output/documents-spill.js';
import { encodeRows, type TableChunk } from '../../pipeline/output/encode-rows.js';
import { storyTable } from '../../pipeline/output/story-columns.js';
import { ArrowTableWriter, TableWriter } from '../../pipeline/output/write-dataset.js';
import { awkwardRow, awkwardStories, DOCUMENTS_SPEC, WITHOUT_STORIES_SPEC } from './awkward-documents.js';

const dir = mkdtempSync(join(tmpdir(), 'documents-spill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const METADATA = new Map([['dataset', 'test']]);

/**
 * Stage chunks of the given sizes in a spill of `segmentBytes` segments, write the documents table from it, and
 * the same rows whole through a TableWriter; returns both files' bytes and what the spill directory held.
 */
function endPassAndWhole(sizes: readonly number[], segmentBytes: number) {
  const work = mkdtempSync(join(dir, 'run-'));
  const chunks: TableChunk[] = [];
  let first = 0;
  for (const size of sizes) {
    const chunk = encodeRows(
      WITHOUT_STORIES_SPEC,
      Array.from({ length: size }, (_, k) => awkwardRow(first + k)),
    );
    chunks.push(chunk);
    first += size;
  }
  const stories = awkwardStories(first);
  const spill = new DocumentsSpill(join(work, 'documents.spill'), segmentBytes);
  for (const chunk of chunks) spill.write(chunk);
  const segments = spill.finishWriting();
  const staged = readdirSync(work).sort();
  const csv = new DocumentsCsvWriter(join(work, 'documents.csv'));
  const arrow = new ArrowTableWriter(DOCUMENTS_SPEC, join(work, 'documents.arrow'), METADATA);
  const table = storyTable(first, (i) => stories[i]!);
  const left: string[][] = [];
  segments.forEach((segment, k) => {
    csv.writeSegment(segment, table);
    writeDocumentsArrowSegment(arrow, segment, table);
    spill.removeBefore(k + 1);
    left.push(readdirSync(work).filter(isSpillSegmentName).sort());
  });
  const digests = { csv: csv.close(), arrow: arrow.close() };
  spill.close();
  const wholeDir = mkdtempSync(join(dir, 'whole-'));
  const whole = new TableWriter('documents', wholeDir, METADATA);
  whole.add(Array.from({ length: first }, (_, i) => ({ ...awkwardRow(i), ...stories[i]! })));
  const wholeDigests = whole.close();
  const read = (d: string, name: string) => readFileSync(join(d, name));
  return {
    segments,
    staged,
    left,
    after: readdirSync(work).sort(),
    rows: arrow.rows,
    digests,
    wholeDigests,
    csv: read(work, 'documents.csv'),
    wholeCsv: read(wholeDir, 'documents.csv'),
    arrow: read(work, 'documents.arrow'),
    wholeArrow: read(wholeDir, 'documents.arrow'),
  };
}

describe('the documents spill', () => {
  it('gives the bytes of writing the whole rows at once, both formats, deleting each segment once both have read it', () => {
    // A segment of one byte: every chunk begins a segment of its own.
    const run = endPassAndWhole([5, 4, 2], 1);
    expect(run.segments.map((s) => s.firstDocument)).toEqual([0, 5, 9]);
    expect(run.staged).toEqual(['documents.spill.000000', 'documents.spill.000001', 'documents.spill.000002']);
    expect(run.segments.map((s) => basename(s.path))).toEqual(run.staged);
    expect(run.left).toEqual([['documents.spill.000001', 'documents.spill.000002'], ['documents.spill.000002'], []]);
    expect(run.after).toEqual(['documents.arrow', 'documents.csv']);
    expect(run.rows).toBe(11);
    expect(run.csv.equals(run.wholeCsv)).toBe(true);
    expect(run.arrow.equals(run.wholeArrow)).toBe(true);
    expect(run.digests).toEqual(run.wholeDigests);
  });

  it('gives the same bytes whatever the chunk sizes and segment size', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }), fc.constantFrom(1, 3000, 1 << 20), (sizes, segmentBytes) => {
        const run = endPassAndWhole(sizes, segmentBytes);
        expect(run.csv.equals(run.wholeCsv)).toBe(true);
        expect(run.arrow.equals(run.wholeArrow)).toBe(true);
        expect(run.after).toEqual(['documents.arrow', 'documents.csv']);
      }),
      { numRuns: 25 },
    );
  });

  it('with no document staged: no segment to read, and nothing left behind', () => {
    const run = endPassAndWhole([], 1);
    expect(run.segments).toEqual([]);
    expect(run.after).toEqual(['documents.arrow', 'documents.csv']);
    expect(run.csv.equals(run.wholeCsv)).toBe(true);
    expect(run.arrow.equals(run.wholeArrow)).toBe(true);
  });

  it('takes no chunk once read back, and close removes every segment (after a failure too)', () => {
    const work = mkdtempSync(join(dir, 'close-'));
    const spill = new DocumentsSpill(join(work, 'documents.spill'), 1);
    const chunk = encodeRows(WITHOUT_STORIES_SPEC, [awkwardRow(0), awkwardRow(1)]);
    spill.write(chunk);
    spill.write(chunk);
    expect(readdirSync(work)).toHaveLength(2);
    spill.close();
    expect(readdirSync(work)).toEqual([]);
    const reading = new DocumentsSpill(join(work, 'documents.spill'));
    reading.write(chunk);
    reading.finishWriting();
    expect(() => reading.write(chunk)).toThrow(/no more chunks/);
    reading.close();
    expect(existsSync(spillSegmentPath(join(work, 'documents.spill'), 0))).toBe(false);
  });

  it('tells its segment names from other files', () => {
    expect(isSpillSegmentName('documents.spill.000000')).toBe(true);
    expect(isSpillSegmentName('documents.spill.123456')).toBe(true);
    for (const name of ['documents.spill', 'documents.spill.1', 'documents.spill.0000001', 'documents.spill.00000a', 'notes.spill.000000', 'documents.csv'])
      expect(isSpillSegmentName(name)).toBe(false);
  });
});
