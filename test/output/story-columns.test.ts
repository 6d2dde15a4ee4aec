/**
 * The story columns added after the stream (pipeline/output/story-columns.ts)
 * must give exactly the bytes of encoding the whole row at once, as the merge
 * does: otherwise a sharded build would not equal one run.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeRows, type TableChunk } from '../../pipeline/output/encode-rows.js';
import {
  addStoryColumns,
  csvRecordEnds,
  DocumentsSpill,
  isSpillSegmentName,
  spillSegmentPath,
  STORY_COLUMNS,
  withoutStoryColumns,
} from '../../pipeline/output/story-columns.js';
import { tableSpec, type Row } from '../../pipeline/output/tables.js';

const dir = mkdtempSync(join(tmpdir(), 'story-columns-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = tableSpec('documents');
const base = withoutStoryColumns(spec);

/** A documents row with awkward text: quotes, commas, CR-less line breaks, non-ASCII, an empty string and nulls. */
function row(i: number): Row {
  const values: Record<string, string | number | null> = {};
  for (const column of base.columns) {
    if (column.kind === 'code') values[column.name] = column.codes[i % column.codes.length]!;
    else if (column.kind === 'integer') values[column.name] = i * 7;
    else if (column.kind === 'number') values[column.name] = (i % 10) / 10;
    else if (column.nullable && i % 3 === 0) values[column.name] = null;
    else if (column.kind === 'timestamp') values[column.name] = `2022-06-${String(1 + (i % 28)).padStart(2, '0')}T01:45:00.000Z`;
    else if (column.kind === 'date') values[column.name] = `2022-06-${String(1 + (i % 28)).padStart(2, '0')}`;
    else values[column.name] = i % 4 === 1 ? '' : `"Kutipan", katanya,\nbaris ${i} — Moskow "resmi"`;
  }
  values['doc_id'] = i.toString(16).padStart(16, '0');
  return values;
}

const stories = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    story_id: (i % 3).toString(16).padStart(16, '0'),
    n_story_copies: 1 + (i % 3),
    story_similarity: i === 0 ? 1 : 0.1234 * (i % 8),
  }));

describe('story columns', () => {
  it('are the schema’s last three documents columns', () => {
    expect(spec.columns.slice(-3).map((c) => c.name)).toEqual([...STORY_COLUMNS]);
    expect(() => withoutStoryColumns(tableSpec('sentences'))).toThrow(/must end with the columns story_id/);
  });

  it('added to a chunk give the bytes of encoding the whole rows at once', () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i));
    const added = stories(rows.length);
    const encoded = encodeRows(base, rows);
    const spliced = addStoryColumns(encoded, added);
    const whole = encodeRows(
      spec,
      rows.map((r, i) => ({ ...r, ...added[i]! })),
    );
    expect(Buffer.from(spliced.csv).toString()).toBe(Buffer.from(whole.csv).toString());
    // A chunk without the encoder's record ends (csvRecordEnds scans for them) gives the same bytes.
    const scanned = addStoryColumns({ rows: encoded.rows, columns: encoded.columns, csv: encoded.csv }, added);
    expect(Buffer.from(scanned.csv).toString()).toBe(Buffer.from(whole.csv).toString());
    expect(spliced.columns.length).toBe(whole.columns.length);
    spliced.columns.forEach((column, j) => {
      expect(Buffer.from(column.data.buffer, column.data.byteOffset, column.data.byteLength)).toEqual(
        Buffer.from(whole.columns[j]!.data.buffer, whole.columns[j]!.data.byteOffset, whole.columns[j]!.data.byteLength),
      );
      expect(column.offsets).toEqual(whole.columns[j]!.offsets);
    });
  });

  it('finds record ends past quoted line breaks, and refuses a chunk whose records do not match its rows', () => {
    const csv = new TextEncoder().encode('a,"b\r\nc"\r\n"d""\n",e\r\n');
    expect(Array.from(csvRecordEnds(csv, 2))).toEqual([10, csv.length]);
    expect(() => csvRecordEnds(csv, 3)).toThrow(/3 rows holds 2 CSV records/);
  });

  it('survive the spill: chunks come back in order with their story columns, and the file is removed', () => {
    const spill = new DocumentsSpill(join(dir, 'documents.spill'));
    const chunks = [0, 5, 9].map((start) =>
      encodeRows(
        base,
        Array.from({ length: start === 9 ? 2 : start === 5 ? 4 : 5 }, (_, k) => row(start + k)),
      ),
    );
    for (const chunk of chunks) spill.write(chunk);
    spill.write(encodeRows(base, []));
    const all = stories(11);
    const back: TableChunk[] = [];
    spill.replay(
      (i) => all[i]!,
      (chunk) => back.push(chunk),
    );
    expect(back.map((c) => c.rows)).toEqual([5, 4, 2]);
    const expected = encodeRows(
      spec,
      Array.from({ length: 11 }, (_, i) => ({ ...row(i), ...all[i]! })),
    );
    expect(Buffer.concat(back.map((c) => c.csv)).toString()).toBe(Buffer.from(expected.csv).toString());
    expect(() => spill.write(chunks[0]!)).toThrow(/no more chunks/);
  });

  it('spread over segments, each deleted as soon as it is read back, and all of them after a failure', () => {
    const spillDir = mkdtempSync(join(dir, 'segments-'));
    const path = join(spillDir, 'documents.spill');
    // A segment of one byte: every chunk begins a segment of its own.
    const spill = new DocumentsSpill(path, 1);
    const chunks = [0, 3, 6].map((start) => encodeRows(base, [row(start), row(start + 1), row(start + 2)]));
    for (const chunk of chunks) spill.write(chunk);
    expect(readdirSync(spillDir).sort()).toEqual(['documents.spill.000000', 'documents.spill.000001', 'documents.spill.000002']);
    expect(readdirSync(spillDir).every((name) => isSpillSegmentName(name))).toBe(true);
    const all = stories(9);
    const present: boolean[][] = [];
    const back: TableChunk[] = [];
    spill.replay(
      (i) => all[i]!,
      (chunk) => {
        present.push([0, 1, 2].map((k) => existsSync(spillSegmentPath(path, k))));
        back.push(chunk);
      },
    );
    // While chunk k is handed on, the segments before it are gone and those after it are still there.
    expect(present).toEqual([
      [true, true, true],
      [false, true, true],
      [false, false, true],
    ]);
    expect(readdirSync(spillDir)).toEqual([]);
    const expected = encodeRows(
      spec,
      Array.from({ length: 9 }, (_, i) => ({ ...row(i), ...all[i]! })),
    );
    expect(Buffer.concat(back.map((c) => c.csv)).toString()).toBe(Buffer.from(expected.csv).toString());

    const failing = new DocumentsSpill(path, 1);
    for (const chunk of chunks) failing.write(chunk);
    expect(() =>
      failing.replay(
        (i) => all[i]!,
        () => {
          throw new Error('disk full');
        },
      ),
    ).toThrow('disk full');
    expect(readdirSync(spillDir)).toEqual([]);
  });

  it('tell their segment names from other files', () => {
    expect(isSpillSegmentName('documents.spill.000000')).toBe(true);
    expect(isSpillSegmentName('documents.spill.123456')).toBe(true);
    for (const name of ['documents.spill', 'documents.spill.1', 'documents.spill.0000001', 'documents.spill.00000a', 'notes.spill.000000', 'documents.csv'])
      expect(isSpillSegmentName(name)).toBe(false);
  });
});
