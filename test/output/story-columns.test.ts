/**
 * The story columns added after the stream (pipeline/output/story-columns.ts)
 * must give exactly the bytes of encoding the whole row at once, as the merge
 * does: otherwise a sharded build would not equal one run.
 */
import { describe, expect, it } from 'vitest';
import { encodeRows } from '../../pipeline/output/encode-rows.js';
import { csvWithStoryColumns, STORY_COLUMNS, storyTable, withoutStoryColumns, withStoryColumns } from '../../pipeline/output/story-columns.js';
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

  it('added to a chunk, from document `first` of the story table on, give the bytes of encoding the whole rows at once', () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i));
    // The table holds two documents before the chunk's, as a later chunk sees it.
    const added = stories(rows.length + 2);
    const table = storyTable(added.length, (i) => added[i]!);
    const encoded = encodeRows(base, rows);
    const csv = csvWithStoryColumns(encoded.csv, encoded.csvRecordEnds, rows.length, table, 2);
    const columns = withStoryColumns(encoded.columns, rows.length, table, 2);
    const whole = encodeRows(
      spec,
      rows.map((r, i) => ({ ...r, ...added[i + 2]! })),
    );
    expect(Buffer.from(csv).toString()).toBe(Buffer.from(whole.csv).toString());
    expect(columns.length).toBe(whole.columns.length);
    columns.forEach((column, j) => {
      expect(Buffer.from(column.data.buffer, column.data.byteOffset, column.data.byteLength)).toEqual(
        Buffer.from(whole.columns[j]!.data.buffer, whole.columns[j]!.data.byteOffset, whole.columns[j]!.data.byteLength),
      );
      expect(column.offsets).toEqual(whole.columns[j]!.offsets);
    });
  });

  it('refuse a story_id that is not 16 characters', () => {
    expect(() => storyTable(1, () => ({ story_id: 'abc', n_story_copies: 1, story_similarity: 1 }))).toThrow(/story_id abc is not 16 characters/);
  });
});
