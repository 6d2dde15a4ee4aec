/**
 * The story columns added after the stream (pipeline/output/story-columns.ts)
 * must give exactly the bytes of encoding the whole row at once, as the merge
 * does: otherwise a sharded build would not equal one run.
 */
import { describe, expect, it } from 'vitest';
import { encodeRows } from '../../pipeline/output/encode-rows.js';
import { addStoryColumns, csvRecordEnds, STORY_COLUMNS, withoutStoryColumns } from '../../pipeline/output/story-columns.js';
import { tableSpec } from '../../pipeline/output/tables.js';
import { awkwardRow, awkwardStories, DOCUMENTS_SPEC, WITHOUT_STORIES_SPEC } from './awkward-documents.js';

const spec = DOCUMENTS_SPEC;
const base = WITHOUT_STORIES_SPEC;
const row = awkwardRow;
const stories = awkwardStories;

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
});
