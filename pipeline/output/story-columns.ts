/**
 * The story columns of `documents` (story_id, n_story_copies,
 * story_similarity; run/stories.ts) need every document, but the documents
 * table is written as batches come back. So the workers encode document rows
 * without those three columns (the schema's last three), the build stages
 * the encoded chunks in a spill file beside the output, and once the stories
 * are known each chunk is read back, given its three columns (Arrow buffers
 * and CSV fields spliced onto each record), and written. The CPU-heavy
 * encoding stays in the workers; the second pass only copies bytes.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { ColumnChunk, TableChunk } from './encode-rows.js';
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
 * The documents table as the workers encode it: every column but the story columns.
 * @throws Error when the schema does not end with STORY_COLUMNS (a programmer error).
 */
export function withoutStoryColumns(spec: TableSpec): TableSpec {
  const tail = spec.columns.slice(-STORY_COLUMNS.length).map((c) => c.name);
  if (tail.join() !== STORY_COLUMNS.join())
    throw new Error(`schemas: ${spec.name} must end with the columns ${STORY_COLUMNS.join(', ')}, got ${tail.join(', ')}.`);
  return { name: spec.name, columns: spec.columns.slice(0, -STORY_COLUMNS.length) };
}

const QUOTE = 0x22;
const LF = 0x0a;

/** Byte offset after each CSV record (records end in CRLF; a quoted field may hold line breaks, a doubled quote toggles twice). */
export function csvRecordEnds(csv: Uint8Array, rows: number): Int32Array {
  const ends = new Int32Array(rows);
  let quoted = false;
  let row = 0;
  for (let k = 0; k < csv.length; k++) {
    const byte = csv[k]!;
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === LF && !quoted) ends[row++] = k + 1;
  }
  if (row !== rows) throw new Error(`story columns: a documents chunk of ${rows} rows holds ${row} CSV records.`);
  return ends;
}

const utf8 = new TextEncoder();

/**
 * A chunk of the documents table with its story columns added.
 * CSV fields as csv-stringify writes them with the pipeline's options: the hex id bare, the count as an integer, the similarity as a float (floatText).
 */
export function addStoryColumns(chunk: TableChunk, stories: readonly StoryColumns[]): TableChunk {
  const n = chunk.rows;
  const ids = new Uint8Array(16 * n);
  const idOffsets = new Int32Array(n + 1);
  const copies = new Int32Array(n);
  const similarity = new Float64Array(n);
  const ends = chunk.csvRecordEnds ?? csvRecordEnds(chunk.csv, n);
  const suffixes = stories.map((s) => utf8.encode(`,${s.story_id},${s.n_story_copies},${floatText(s.story_similarity)}\r\n`));
  const csv = new Uint8Array(chunk.csv.length + suffixes.reduce((bytes, s) => bytes + s.length - 2, 0));
  let from = 0;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const story = stories[i]!;
    if (story.story_id.length !== 16) throw new Error(`story columns: story_id ${story.story_id} is not 16 characters.`);
    utf8.encodeInto(story.story_id, ids.subarray(16 * i, 16 * i + 16));
    idOffsets[i + 1] = 16 * (i + 1);
    copies[i] = story.n_story_copies;
    similarity[i] = story.story_similarity;
    const record = chunk.csv.subarray(from, ends[i]! - 2); // without its CRLF
    csv.set(record, at);
    at += record.length;
    csv.set(suffixes[i]!, at);
    at += suffixes[i]!.length;
    from = ends[i]!;
  }
  const column = (data: ColumnChunk['data'], offsets: Int32Array | null): ColumnChunk => ({ valid: null, data, offsets, itemOffsets: null });
  return { rows: n, columns: [...chunk.columns, column(ids, idOffsets), column(copies, null), column(similarity, null)], csv };
}

/** Kinds of typed array a chunk holds, by name, to rebuild them on reading. */
const ARRAYS = { Uint8Array, Int8Array, Int32Array, Float64Array, BigInt64Array } as const;
type ArrayKind = keyof typeof ARRAYS;
type ChunkArray = Uint8Array | Int8Array | Int32Array | Float64Array | BigInt64Array;

/** How a staged chunk is laid out: its row count and, per column, which arrays it has, of which kind and length. */
interface ChunkLayout {
  readonly rows: number;
  readonly csv: number;
  /** Length of the chunk's csvRecordEnds, or null when it has none. */
  readonly csvRecordEnds: number | null;
  readonly columns: readonly (readonly ({ readonly kind: ArrayKind; readonly length: number } | null)[])[];
}

const COLUMN_PARTS = ['valid', 'data', 'offsets', 'itemOffsets'] as const;

/** The kind of a chunk's array (a Buffer is a Uint8Array). */
function kindOf(array: ChunkArray): ArrayKind {
  if (array instanceof BigInt64Array) return 'BigInt64Array';
  if (array instanceof Float64Array) return 'Float64Array';
  if (array instanceof Int32Array) return 'Int32Array';
  if (array instanceof Int8Array) return 'Int8Array';
  return 'Uint8Array';
}

/** Bytes up to the next multiple of 8, so that every array read back starts aligned. */
const padded = (bytes: number): number => (bytes + 7) & ~7;

/**
 * Spill bytes per segment file. Each segment is deleted as soon as it has
 * been read back, so the spill never doubles the documents on disk at the
 * end of a build, and the memory its pages held is at once free for the
 * documents table being written from it (on a virtual machine that hands
 * freed memory back to its host, fresh pages for those writes cost more
 * than the writing).
 */
export const SPILL_SEGMENT_BYTES = 8 * 1024 * 1024;

/** The name of segment `index` of the spill at `path`: `<path>.000000`, `<path>.000001`, … */
export function spillSegmentPath(path: string, index: number): string {
  return `${path}.${String(index).padStart(6, '0')}`;
}

/** The name a build gives its spill, beside the tables in its staging directory. */
export const DOCUMENTS_SPILL = 'documents.spill';

/** Is this the file name of a segment of a build's spill (DOCUMENTS_SPILL)? */
export function isSpillSegmentName(name: string): boolean {
  const prefix = `${DOCUMENTS_SPILL}.`;
  return name.startsWith(prefix) && /^\d{6}$/.test(name.slice(prefix.length));
}

/**
 * Encoded documents chunks staged on disk until the stories are known. The
 * arrays are written as they are (no serialisation copy) behind a small
 * JSON layout, in segment files of about SPILL_SEGMENT_BYTES (whole chunks),
 * and read back as views of one buffer per chunk.
 */
export class DocumentsSpill {
  private fd: number;
  private writing = true;
  /** The segment being written (then read), and the write position in it. */
  private segment = 0;
  private position = 0;

  /**
   * @param path - the spill's name: its segments are `<path>.000000` and on (spillSegmentPath)
   * @param segmentBytes - a new segment is begun once the current one holds this many bytes
   */
  constructor(
    readonly path: string,
    private readonly segmentBytes: number = SPILL_SEGMENT_BYTES,
  ) {
    this.fd = openSync(spillSegmentPath(path, 0), 'w+');
  }

  /** Stage one chunk (without story columns). */
  write(chunk: TableChunk): void {
    if (!this.writing) throw new Error('story columns: the spill is being read back; no more chunks can be staged.');
    if (chunk.rows === 0) return;
    if (this.position >= this.segmentBytes) {
      closeSync(this.fd);
      this.fd = openSync(spillSegmentPath(this.path, ++this.segment), 'w+');
      this.position = 0;
    }
    const arrays: ChunkArray[] = [chunk.csv];
    if (chunk.csvRecordEnds !== undefined) arrays.push(chunk.csvRecordEnds);
    const layout: ChunkLayout = {
      rows: chunk.rows,
      csv: chunk.csv.length,
      csvRecordEnds: chunk.csvRecordEnds?.length ?? null,
      columns: chunk.columns.map((column) =>
        COLUMN_PARTS.map((part) => {
          const array = column[part];
          if (array === null) return null;
          arrays.push(array);
          return { kind: kindOf(array), length: array.length };
        }),
      ),
    };
    const header = Buffer.from(JSON.stringify(layout));
    const prefix = Buffer.alloc(8 + padded(header.length));
    prefix.writeUInt32LE(header.length, 0);
    prefix.writeUInt32LE(
      arrays.reduce((bytes, a) => bytes + padded(a.byteLength), 0),
      4,
    );
    header.copy(prefix, 8);
    const pieces: Uint8Array[] = [prefix];
    const zeros = new Uint8Array(8);
    for (const array of arrays) {
      pieces.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      if (padded(array.byteLength) > array.byteLength) pieces.push(zeros.subarray(0, padded(array.byteLength) - array.byteLength));
    }
    for (const piece of pieces) {
      let written = 0;
      while (written < piece.length) written += writeSync(this.fd, piece, written, piece.length - written, this.position + written);
      this.position += piece.length;
    }
  }

  /** Read the chunk at `position` of the segment open on `fd`; returns it and where the next one starts, or null at the segment's end. */
  private read(fd: number, path: string, position: number): { chunk: TableChunk; next: number } | null {
    const prefix = Buffer.alloc(8);
    if (readSync(fd, prefix, 0, 8, position) !== 8) return null;
    const headerBytes = prefix.readUInt32LE(0);
    const bodyBytes = prefix.readUInt32LE(4);
    const header = Buffer.alloc(headerBytes);
    readSync(fd, header, 0, headerBytes, position + 8);
    const layout = JSON.parse(header.toString()) as ChunkLayout;
    // A buffer of its own (offset 0, so aligned for every view), left unfilled: the read fills it whole.
    const body = Buffer.allocUnsafeSlow(bodyBytes);
    const bodyAt = position + 8 + padded(headerBytes);
    if (readSync(fd, body, 0, bodyBytes, bodyAt) !== bodyBytes) throw new Error(`story columns: ${path} is truncated.`);
    let at = 0;
    const take = (kind: ArrayKind, length: number): ChunkArray => {
      const array = new ARRAYS[kind](body.buffer, at, length);
      at += padded(array.byteLength);
      return array;
    };
    const csv = take('Uint8Array', layout.csv) as Uint8Array;
    const ends = layout.csvRecordEnds === null ? null : (take('Int32Array', layout.csvRecordEnds) as Int32Array);
    const columns = layout.columns.map((parts) => {
      const [valid, data, offsets, itemOffsets] = parts.map((p) => (p === null ? null : take(p.kind, p.length)));
      return { valid: valid as Uint8Array | null, data: data!, offsets: offsets as Int32Array | null, itemOffsets: itemOffsets as Int32Array | null };
    });
    const chunk: TableChunk = ends === null ? { rows: layout.rows, columns, csv } : { rows: layout.rows, columns, csv, csvRecordEnds: ends };
    return { chunk, next: bodyAt + bodyBytes };
  }

  /**
   * Read every chunk back in order, add its story columns, hand it on; each segment is deleted once read.
   * @param storyOf - the story columns of the i-th document (0-based, input order)
   */
  replay(storyOf: (i: number) => StoryColumns, write: (chunk: TableChunk) => void): void {
    this.writing = false;
    let document = 0;
    try {
      closeSync(this.fd);
      for (let segment = 0; segment <= this.segment; segment++) {
        const path = spillSegmentPath(this.path, segment);
        this.fd = openSync(path, 'r');
        let position = 0;
        for (let read = this.read(this.fd, path, position); read !== null; read = this.read(this.fd, path, position)) {
          position = read.next;
          const stories = Array.from({ length: read.chunk.rows }, (_, k) => storyOf(document + k));
          document += read.chunk.rows;
          write(addStoryColumns(read.chunk, stories));
        }
        closeSync(this.fd);
        rmSync(path, { force: true });
      }
    } finally {
      this.close();
    }
  }

  /** Close and delete the spill's segments (also after a failure). */
  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    for (let segment = 0; segment <= this.segment; segment++) rmSync(spillSegmentPath(this.path, segment), { force: true });
  }
}
