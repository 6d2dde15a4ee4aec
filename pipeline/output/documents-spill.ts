/**
 * The documents table's end pass (story-columns.ts says why there is one).
 * During the build each batch's documents chunk is staged in the spill; once
 * the stories are known, each segment of the spill is read back once per
 * format, each reading only its own bytes of every chunk: `documents.csv`
 * from the CSV bytes and record ends (DocumentsCsvWriter), `documents.arrow`
 * from the column buffers (writeDocumentsArrowSegment), the story columns
 * added from the story table (story-columns.ts).
 *
 * The spill is a series of segment files of about SPILL_SEGMENT_BYTES (whole
 * chunks). A segment is deleted as soon as both formats have read it, so the
 * spill never doubles the documents on disk at the end of a build, and the
 * memory its pages held is at once free for the documents being written from
 * it (on a virtual machine that hands freed memory back to its host, fresh
 * pages for those writes cost more than the writing).
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { csvHeader, type ColumnChunk, type TableChunk } from './encode-rows.js';
import { type FileDigest, HashedFile } from './hashed-file.js';
import { csvWithStoryColumns, type StoryTable, withStoryColumns } from './story-columns.js';
import { tableSpec } from './tables.js';
import type { ArrowTableWriter } from './write-dataset.js';

/** Spill bytes per segment file (see above). */
export const SPILL_SEGMENT_BYTES = 8 * 1024 * 1024;

/** The name a build gives its spill, beside the tables in its staging directory. */
export const DOCUMENTS_SPILL = 'documents.spill';

/** The name of segment `index` of the spill at `path`: `<path>.000000`, `<path>.000001`, … */
export function spillSegmentPath(path: string, index: number): string {
  return `${path}.${String(index).padStart(6, '0')}`;
}

/** Is this the file name of a segment of a build's spill (DOCUMENTS_SPILL)? */
export function isSpillSegmentName(name: string): boolean {
  const prefix = `${DOCUMENTS_SPILL}.`;
  return name.startsWith(prefix) && /^\d{6}$/.test(name.slice(prefix.length));
}

/** One segment file of a spill, and the place in input order of its first document. */
export interface SpillSegment {
  readonly path: string;
  readonly firstDocument: number;
}

/** Kinds of typed array a chunk holds, by name, to rebuild them on reading. */
const ARRAYS = { Uint8Array, Int8Array, Int32Array, Float64Array, BigInt64Array } as const;
type ArrayKind = keyof typeof ARRAYS;
type ChunkArray = Uint8Array | Int8Array | Int32Array | Float64Array | BigInt64Array;

/**
 * How a staged chunk is laid out: its row count, the bytes of its CSV and the
 * length of its record ends (first in the body, in that order), then, per
 * column, which arrays it has, of which kind and length.
 */
interface ChunkLayout {
  readonly rows: number;
  readonly csv: number;
  /** Length of the chunk's csvRecordEnds. */
  readonly csvRecordEnds: number;
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
/** Zero bytes written after an array to pad it (never more than 7). */
const PADDING = new Uint8Array(8);

/**
 * Encoded documents chunks staged on disk until the stories are known. The
 * arrays are written as they are (no serialisation copy) behind a small
 * JSON layout, in segment files of about `segmentBytes` (whole chunks).
 */
export class DocumentsSpill {
  private fd: number;
  private writing = true;
  private readonly segments: SpillSegment[] = [];
  /** Segments before this one are deleted. */
  private removed = 0;
  private position = 0;
  private documents = 0;

  /**
   * @param path - the spill's name: its segments are `<path>.000000` and on (spillSegmentPath)
   * @param segmentBytes - a new segment is begun once the current one holds this many bytes
   */
  constructor(
    readonly path: string,
    private readonly segmentBytes: number = SPILL_SEGMENT_BYTES,
  ) {
    this.fd = this.begin();
  }

  private begin(): number {
    const segment = { path: spillSegmentPath(this.path, this.segments.length), firstDocument: this.documents };
    const fd = openSync(segment.path, 'w');
    this.segments.push(segment);
    this.position = 0;
    return fd;
  }

  /** Stage one chunk (without story columns). */
  write(chunk: TableChunk): void {
    if (!this.writing) throw new Error('story columns: the spill is being read back; no more chunks can be staged.');
    if (chunk.rows === 0) return;
    if (this.position >= this.segmentBytes) {
      closeSync(this.fd);
      this.fd = this.begin();
    }
    const arrays: ChunkArray[] = [chunk.csv, chunk.csvRecordEnds];
    const layout: ChunkLayout = {
      rows: chunk.rows,
      csv: chunk.csv.length,
      csvRecordEnds: chunk.csvRecordEnds.length,
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
    for (const array of arrays) {
      pieces.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      if (padded(array.byteLength) > array.byteLength) pieces.push(PADDING.subarray(0, padded(array.byteLength) - array.byteLength));
    }
    for (const piece of pieces) {
      let written = 0;
      while (written < piece.length) written += writeSync(this.fd, piece, written, piece.length - written, this.position + written);
      this.position += piece.length;
    }
    this.documents += chunk.rows;
  }

  /** Stop staging: the segments to read back, in order (none when no document was staged). */
  finishWriting(): readonly SpillSegment[] {
    if (this.writing) {
      this.writing = false;
      closeSync(this.fd);
    }
    return this.segments.filter((s) => s.firstDocument < this.documents);
  }

  /** Delete the segments before `index` (read back by both formats). */
  removeBefore(index: number): void {
    for (; this.removed < Math.min(index, this.segments.length); this.removed++) rmSync(this.segments[this.removed]!.path, { force: true });
  }

  /** Delete every segment (after the end pass, or after a failure). */
  close(): void {
    this.finishWriting();
    this.removeBefore(this.segments.length);
  }
}

/** A chunk as one reader takes it back: the CSV part, or the columns part. */
interface CsvPart {
  readonly rows: number;
  readonly csv: Uint8Array;
  readonly csvRecordEnds: Int32Array;
}

/**
 * Read one part of every chunk of a segment, in order: its CSV and record
 * ends, or its column buffers. Each is read into a buffer of its own (offset 0,
 * so aligned for every view), left unfilled: the read fills it whole.
 */
function readSegment(segment: SpillSegment, part: 'csv', each: (chunk: CsvPart) => void): void;
function readSegment(segment: SpillSegment, part: 'columns', each: (rows: number, columns: ColumnChunk[]) => void): void;
function readSegment(segment: SpillSegment, part: 'csv' | 'columns', each: (...args: never[]) => void): void {
  const fd = openSync(segment.path, 'r');
  try {
    const prefix = Buffer.alloc(8);
    for (let position = 0; readSync(fd, prefix, 0, 8, position) === 8; ) {
      const headerBytes = prefix.readUInt32LE(0);
      const bodyBytes = prefix.readUInt32LE(4);
      const header = Buffer.alloc(headerBytes);
      readSync(fd, header, 0, headerBytes, position + 8);
      const layout = JSON.parse(header.toString()) as ChunkLayout;
      const bodyAt = position + 8 + padded(headerBytes);
      position = bodyAt + bodyBytes;
      const csvBytes = padded(layout.csv) + padded(4 * layout.csvRecordEnds);
      const [from, length] = part === 'csv' ? [0, csvBytes] : [csvBytes, bodyBytes - csvBytes];
      const body = Buffer.allocUnsafeSlow(length);
      if (readSync(fd, body, 0, length, bodyAt + from) !== length) throw new Error(`story columns: ${segment.path} is truncated.`);
      let at = 0;
      const take = (kind: ArrayKind, count: number): ChunkArray => {
        const array = new ARRAYS[kind](body.buffer, at, count);
        at += padded(array.byteLength);
        return array;
      };
      if (part === 'csv') {
        const csv = take('Uint8Array', layout.csv) as Uint8Array;
        const ends = take('Int32Array', layout.csvRecordEnds) as Int32Array;
        (each as (chunk: CsvPart) => void)({ rows: layout.rows, csv, csvRecordEnds: ends });
      } else {
        const columns = layout.columns.map((parts) => {
          const [valid, data, offsets, itemOffsets] = parts.map((p) => (p === null ? null : take(p.kind, p.length)));
          return { valid: valid as Uint8Array | null, data: data!, offsets: offsets as Int32Array | null, itemOffsets: itemOffsets as Int32Array | null };
        });
        (each as (rows: number, columns: ColumnChunk[]) => void)(layout.rows, columns);
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** The documents' rows of one segment, with their story columns, to a documents.arrow being written. */
export function writeDocumentsArrowSegment(arrow: ArrowTableWriter, segment: SpillSegment, stories: StoryTable): void {
  let document = segment.firstDocument;
  readSegment(segment, 'columns', (rows, columns) => {
    arrow.write({ rows, columns: withStoryColumns(columns, rows, stories, document) });
    document += rows;
  });
}

/** Writes `documents.csv`: the header, then segment after segment, the records with their story fields. */
export class DocumentsCsvWriter {
  private readonly file: HashedFile;

  constructor(path: string) {
    this.file = new HashedFile(path);
    this.file.write(Buffer.from(csvHeader(tableSpec('documents'))));
  }

  /** The records of one segment, the segments taken in order. */
  writeSegment(segment: SpillSegment, stories: StoryTable): void {
    let document = segment.firstDocument;
    readSegment(segment, 'csv', ({ rows, csv, csvRecordEnds: ends }) => {
      this.file.write(csvWithStoryColumns(csv, ends, rows, stories, document));
      document += rows;
    });
  }

  /** Finish the file; returns its size and SHA-256. */
  close(): FileDigest {
    return this.file.close();
  }
}
