/**
 * The story columns of `documents` (story_id, n_story_copies,
 * story_similarity; run/stories.ts) need every document, but the documents
 * table is written as batches come back. So the batches encode document rows
 * without those three columns (the schema's last three), the build stages
 * the encoded chunks (documents-spill.ts), and once the stories are known
 * each chunk is read back and given its three columns: Arrow buffers added
 * to its columns, CSV fields spliced onto each record. The CPU-heavy encoding
 * stays with the batches (on the worker threads and the main thread); the
 * second pass only copies bytes.
 */
import type { ColumnChunk } from './encode-rows.js';
import type { TableSpec } from './tables.js';
import { floatText } from './csv-encode.js';

/** The columns that need the whole corpus, last in schemas/documents.schema.json in this order. */
export const STORY_COLUMNS = ['story_id', 'n_story_copies', 'story_similarity'] as const;

/** The story columns of one document. */
export interface StoryColumns {
  readonly story_id: string;
  readonly n_story_copies: number;
  readonly story_similarity: number;
}

/**
 * The documents table as a batch encodes it: every column but the story columns.
 * @throws Error when the schema does not end with STORY_COLUMNS (a programmer error).
 */
export function withoutStoryColumns(spec: TableSpec): TableSpec {
  const tail = spec.columns.slice(-STORY_COLUMNS.length).map((c) => c.name);
  if (tail.join() !== STORY_COLUMNS.join())
    throw new Error(`schemas: ${spec.name} must end with the columns ${STORY_COLUMNS.join(', ')}, got ${tail.join(', ')}.`);
  return { name: spec.name, columns: spec.columns.slice(0, -STORY_COLUMNS.length) };
}

const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/** Every document's story columns, in input order, as flat arrays (28 bytes a document): made once when the stories are known. */
export interface StoryTable {
  /** story_id of document i in bytes [16i, 16i + 16), ASCII hex digits. */
  readonly ids: Uint8Array;
  readonly copies: Int32Array;
  readonly similarity: Float64Array;
}

const utf8 = new TextEncoder();

/**
 * The story table of n documents.
 * @param storyOf - the story columns of the i-th document (0-based, input order)
 * @throws Error when a story_id is not 16 characters (a programmer error)
 */
export function storyTable(n: number, storyOf: (i: number) => StoryColumns): StoryTable {
  const table = { ids: new Uint8Array(16 * n), copies: new Int32Array(n), similarity: new Float64Array(n) };
  for (let i = 0; i < n; i++) {
    const story = storyOf(i);
    if (story.story_id.length !== 16) throw new Error(`story columns: story_id ${story.story_id} is not 16 characters.`);
    utf8.encodeInto(story.story_id, table.ids.subarray(16 * i, 16 * i + 16));
    table.copies[i] = story.n_story_copies;
    table.similarity[i] = story.story_similarity;
  }
  return table;
}

/**
 * The Arrow columns of `rows` documents from document `first` on, with their story columns added (views of the table, no copy).
 */
export function withStoryColumns(columns: readonly ColumnChunk[], rows: number, stories: StoryTable, first: number): ColumnChunk[] {
  const idOffsets = new Int32Array(rows + 1);
  for (let i = 1; i <= rows; i++) idOffsets[i] = 16 * i;
  const column = (data: ColumnChunk['data'], offsets: Int32Array | null): ColumnChunk => ({ valid: null, data, offsets, itemOffsets: null });
  return [
    ...columns,
    column(stories.ids.subarray(16 * first, 16 * (first + rows)), idOffsets),
    column(stories.copies.subarray(first, first + rows), null),
    column(stories.similarity.subarray(first, first + rows), null),
  ];
}

/**
 * CSV records of `rows` documents from document `first` on, each with its story fields spliced in before its CRLF,
 * as csv-stringify writes them with the pipeline's options: the hex id bare, the count as an integer, the similarity as a float (floatText).
 * @param ends - the byte offset after each record (TableChunk.csvRecordEnds)
 */
export function csvWithStoryColumns(csv: Uint8Array, ends: Int32Array, rows: number, stories: StoryTable, first: number): Uint8Array {
  // After the id, the count and the similarity: ASCII, so each character is one byte.
  const tails: string[] = [];
  let bytes = csv.length;
  for (let i = 0; i < rows; i++) {
    const tail = `${stories.copies[first + i]},${floatText(stories.similarity[first + i]!)}`;
    tails.push(tail);
    bytes += 1 + 16 + 1 + tail.length;
  }
  const out = new Uint8Array(bytes);
  let from = 0;
  let at = 0;
  for (let i = 0; i < rows; i++) {
    const end = ends[i]! - 2; // the record without its CRLF
    out.set(csv.subarray(from, end), at);
    at += end - from;
    out[at++] = COMMA;
    out.set(stories.ids.subarray(16 * (first + i), 16 * (first + i + 1)), at);
    at += 16;
    out[at++] = COMMA;
    const tail = tails[i]!;
    for (let k = 0; k < tail.length; k++) out[at++] = tail.charCodeAt(k);
    out[at++] = CR;
    out[at++] = LF;
    from = ends[i]!;
  }
  return out;
}
