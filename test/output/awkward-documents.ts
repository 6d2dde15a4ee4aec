/**
 * Documents rows for the tests of the documents' end pass (story-columns.ts,
 * documents-spill.ts): awkward text (quotes, commas, CR-less line breaks,
 * non-ASCII, an empty string, nulls) and story columns of every shape.
 */
import { withoutStoryColumns } from '../../pipeline/output/story-columns.js';
import { tableSpec, type Row } from '../../pipeline/output/tables.js';

/** The documents table, and the same without its story columns (as a batch encodes it). */
export const DOCUMENTS_SPEC = tableSpec('documents');
export const WITHOUT_STORIES_SPEC = withoutStoryColumns(DOCUMENTS_SPEC);

/** Documents row i, without its story columns. */
export function awkwardRow(i: number): Row {
  const values: Record<string, string | number | null> = {};
  for (const column of WITHOUT_STORIES_SPEC.columns) {
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

/** Story columns of n documents: ids, copy counts and similarities of several shapes (1, 0, decimals). */
export function awkwardStories(n: number): { story_id: string; n_story_copies: number; story_similarity: number }[] {
  return Array.from({ length: n }, (_, i) => ({
    story_id: (i % 3).toString(16).padStart(16, '0'),
    n_story_copies: 1 + (i % 3),
    story_similarity: i === 0 ? 1 : 0.1234 * (i % 8),
  }));
}
