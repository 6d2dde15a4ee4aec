/**
 * The writer: table chunks (encode-rows.ts) → `<table>.arrow` (Arrow IPC
 * file format) and `<table>.csv` (RFC 4180), written incrementally so memory
 * stays flat however large the corpus.
 *
 * Arrow record batches hold exactly ROWS_PER_BATCH rows each (the last one
 * fewer): batch boundaries depend only on the table's row sequence, never on
 * how the rows arrived (how many workers, which shard), so a single run and a
 * merge of shards write the same bytes. Files are written synchronously and
 * hashed as they are written, so the manifest's digests need no second read.
 *
 * Determinism: rows are written in the order they are given; no clock, no
 * randomness. Code columns use one fixed dictionary each (the schema's enum),
 * because the Arrow file format refuses replacement dictionaries and
 * per-batch dictionaries would disagree between batches.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import {
  Dictionary,
  Field,
  Float64,
  Int8,
  Int32,
  List,
  makeData,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Utf8,
  DateDay,
  TimestampMillisecond,
  vectorFromArray,
  type Data,
  type DataType,
  type Vector,
} from 'apache-arrow';
import { AsyncByteQueue } from 'apache-arrow/io/stream';
import { csvHeader, encodeRows, type TableChunk } from './encode-rows.js';
import { type FileDigest, HashedFile } from './hashed-file.js';
import { tableSpec, TABLE_NAMES, type Column, type Row, type TableName, type TableSpec } from './tables.js';

/** Code columns hold at most this many codes, so Int8 dictionary indices suffice. */
const MAX_CODES = 127;

/** The Arrow type of a column: code columns are dictionary-encoded with one fixed dictionary (id per column). */
export function arrowType(column: Column, dictionaryId: number): DataType {
  switch (column.kind) {
    case 'string':
      return new Utf8();
    case 'integer':
      return new Int32();
    case 'number':
      return new Float64();
    case 'code':
      if (column.codes.length > MAX_CODES) throw new Error(`schemas: ${column.name} has more than ${MAX_CODES} codes.`);
      return new Dictionary(new Utf8(), new Int8(), dictionaryId, false);
    case 'string_list':
      return new List(new Field('item', new Utf8(), false));
    case 'integer_list':
      return new List(new Field('item', new Int32(), false));
    case 'timestamp':
      return new TimestampMillisecond('UTC');
    case 'date':
      return new DateDay();
  }
}

/** The Arrow schema of a table, with file-level metadata (dataset version, digests). */
export function arrowSchema(spec: TableSpec, metadata: ReadonlyMap<string, string>): Schema {
  const fields = spec.columns.map((column, i) => new Field(column.name, arrowType(column, i), column.nullable));
  return new Schema(fields, new Map(metadata));
}

/**
 * An Arrow record batch ends after ROWS_PER_BATCH rows, or earlier when the
 * next row would take its strings and lists past MAX_BATCH_BYTES (so a table
 * of long articles stays as light in memory as one of short sentences).
 * Both rules look only at the table's own rows, in order.
 */
export const ROWS_PER_BATCH = 4096;
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/** The Arrow writer's sink: every message goes straight to the file, synchronously. */
class FileSink extends AsyncByteQueue {
  constructor(private readonly file: HashedFile) {
    super();
  }
  override write(value: Uint8Array): void {
    this.file.write(value);
  }
}

/** One fixed dictionary vector per code column, built once. */
function dictionaryFor(column: Column): Vector {
  // A Vector, not its Data: the IPC writer reads `dictionary.data` to write the dictionary batch.
  return vectorFromArray([...column.codes], new Utf8());
}

/** Encoded rows as the Arrow file takes them: their column buffers (a chunk's CSV is not read). */
export type ArrowRows = Pick<TableChunk, 'rows' | 'columns'>;

/** Rows `from`..`to` of a chunk. */
interface Slice {
  readonly chunk: ArrowRows;
  readonly from: number;
  readonly to: number;
}

/** Validity bitmap and null count of a column over the slices, or null bitmap when nothing is null. */
function validity(column: number, slices: readonly Slice[], length: number): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  if (slices.every((s) => s.chunk.columns[column]!.valid === null)) return { nullBitmap: undefined, nullCount: 0 };
  const bitmap = new Uint8Array(Math.ceil(length / 8));
  let row = 0;
  let nullCount = 0;
  for (const { chunk, from, to } of slices) {
    const valid = chunk.columns[column]!.valid;
    for (let i = from; i < to; i++, row++) {
      if (valid === null || valid[i] === 1) bitmap[row >> 3]! |= 1 << (row & 7);
      else nullCount++;
    }
  }
  return { nullBitmap: nullCount > 0 ? bitmap : undefined, nullCount };
}

/** `data[start..end]` of every part, back to back. */
function concatRanges<T extends Uint8Array | Int8Array | Int32Array | Float64Array | BigInt64Array>(
  make: new (n: number) => T,
  parts: readonly { data: T; start: number; end: number }[],
): T {
  const out = new make(parts.reduce((n, p) => n + p.end - p.start, 0));
  let at = 0;
  for (const { data, start, end } of parts) {
    out.set(data.subarray(start, end) as never, at);
    at += end - start;
  }
  return out;
}

/** The offsets of entries `from`..`to` of every part, rebased to start at 0 and run on across parts. */
function concatOffsets(parts: readonly { offsets: Int32Array; from: number; to: number }[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.to - p.from, 0) + 1);
  let entry = 0;
  let at = 0;
  for (const { offsets, from, to } of parts) {
    const base = offsets[from]!;
    for (let i = from; i < to; i++) out[++entry] = at + offsets[i + 1]! - base;
    at += offsets[to]! - base;
  }
  return out;
}

/** Strings `from`..`to` of every part: rebased offsets and their bytes. */
function concatStrings(parts: readonly { offsets: Int32Array; data: Uint8Array; from: number; to: number }[]): { valueOffsets: Int32Array; data: Uint8Array } {
  return {
    valueOffsets: concatOffsets(parts),
    data: concatRanges(
      Uint8Array,
      parts.map((p) => ({ data: p.data, start: p.offsets[p.from]!, end: p.offsets[p.to]! })),
    ),
  };
}

/** One column of a record batch, concatenated from the slices. */
function columnData(column: Column, index: number, type: DataType, slices: readonly Slice[], length: number, dictionary: Vector | null): Data {
  const { nullBitmap, nullCount } = validity(index, slices, length);
  const parts = slices.map((s) => ({ c: s.chunk.columns[index]!, from: s.from, to: s.to }));
  const base = { type: type as never, length, nullCount, ...(nullBitmap ? { nullBitmap } : {}) };
  const fixed = <T extends Int8Array | Int32Array | Float64Array | BigInt64Array>(make: new (n: number) => T): T =>
    concatRanges(
      make,
      parts.map(({ c, from, to }) => ({ data: c.data as T, start: from, end: to })),
    );
  switch (column.kind) {
    case 'string':
      return makeData({ ...base, ...concatStrings(parts.map(({ c, from, to }) => ({ offsets: c.offsets!, data: c.data as Uint8Array, from, to }))) } as never);
    case 'integer':
    case 'date':
      return makeData({ ...base, data: fixed(Int32Array) } as never);
    case 'timestamp':
      return makeData({ ...base, data: fixed(BigInt64Array) } as never);
    case 'number':
      return makeData({ ...base, data: fixed(Float64Array) } as never);
    case 'code':
      return makeData({ ...base, data: fixed(Int8Array), dictionary: dictionary as never } as never);
    case 'string_list':
    case 'integer_list': {
      const valueOffsets = concatOffsets(parts.map(({ c, from, to }) => ({ offsets: c.offsets!, from, to })));
      // The slices' items, found through their list offsets.
      const items = parts.map(({ c, from, to }) => ({ c, from: c.offsets![from]!, to: c.offsets![to]! }));
      const itemType = (type as unknown as { children: { type: DataType }[] }).children[0]!.type;
      const itemData =
        column.kind === 'integer_list'
          ? {
              data: concatRanges(
                Int32Array,
                items.map(({ c, from, to }) => ({ data: c.data as Int32Array, start: from, end: to })),
              ),
            }
          : concatStrings(items.map(({ c, from, to }) => ({ offsets: c.itemOffsets!, data: c.data as Uint8Array, from, to })));
      const child = makeData({ type: itemType as never, length: valueOffsets[length]!, nullCount: 0, ...itemData } as never);
      return makeData({ ...base, valueOffsets, child } as never);
    }
  }
}

/** A column whose rows vary in size, and how to measure a row of it. */
interface VariableWidthColumn {
  readonly index: number;
  readonly kind: 'string' | 'string_list' | 'integer_list';
}

function variableWidthColumns(spec: TableSpec): VariableWidthColumn[] {
  const columns: VariableWidthColumn[] = [];
  spec.columns.forEach((column, index) => {
    if (column.kind === 'string' || column.kind === 'string_list' || column.kind === 'integer_list') columns.push({ index, kind: column.kind });
  });
  return columns;
}

/** Bytes of strings and list items in row `i` of a chunk. */
function rowBytes(columns: readonly VariableWidthColumn[], chunk: ArrowRows, i: number): number {
  let bytes = 0;
  for (const { index, kind } of columns) {
    const column = chunk.columns[index]!;
    const offsets = column.offsets!;
    if (kind === 'string') bytes += offsets[i + 1]! - offsets[i]!;
    else if (kind === 'string_list') bytes += column.itemOffsets![offsets[i + 1]!]! - column.itemOffsets![offsets[i]!]!;
    else bytes += 4 * (offsets[i + 1]! - offsets[i]!);
  }
  return bytes;
}

/**
 * Writes one table's `<name>.arrow`: its rows in record batches (ROWS_PER_BATCH,
 * MAX_BATCH_BYTES) made from the chunks' column buffers.
 */
export class ArrowTableWriter {
  rows = 0;
  private readonly schema: Schema;
  private readonly dictionaries: (Vector | null)[];
  private readonly arrow = new RecordBatchFileWriter();
  private readonly file: HashedFile;
  private readonly variableWidth: readonly VariableWidthColumn[];
  private pending: Slice[] = [];
  private pendingRows = 0;
  private pendingBytes = 0;

  constructor(
    readonly spec: TableSpec,
    path: string,
    metadata: ReadonlyMap<string, string>,
  ) {
    this.schema = arrowSchema(spec, metadata);
    this.dictionaries = spec.columns.map((column) => (column.kind === 'code' ? dictionaryFor(column) : null));
    this.variableWidth = variableWidthColumns(spec);
    this.file = new HashedFile(path);
    this.arrow.reset(new FileSink(this.file));
  }

  /** Append encoded rows; every complete record batch is written at once. */
  write(chunk: ArrowRows): void {
    if (chunk.rows === 0) return;
    this.rows += chunk.rows;
    let from = 0;
    for (let i = 0; i < chunk.rows; i++) {
      const bytes = rowBytes(this.variableWidth, chunk, i);
      if (this.pendingRows > 0 && (this.pendingRows === ROWS_PER_BATCH || this.pendingBytes + bytes > MAX_BATCH_BYTES)) {
        if (i > from) this.pending.push({ chunk, from, to: i });
        this.writePending();
        from = i;
      }
      this.pendingRows++;
      this.pendingBytes += bytes;
    }
    this.pending.push({ chunk, from, to: chunk.rows });
  }

  /** Write the pending rows as one record batch. */
  private writePending(): void {
    this.writeRecordBatch(this.pending, this.pendingRows);
    this.pending = [];
    this.pendingRows = 0;
    this.pendingBytes = 0;
  }

  private writeRecordBatch(slices: readonly Slice[], length: number): void {
    const children = this.spec.columns.map((column, i) =>
      columnData(column, i, this.schema.fields[i]!.type as DataType, slices, length, this.dictionaries[i]!),
    );
    this.arrow.write(new RecordBatch(this.schema, makeData({ type: new Struct(this.schema.fields), length, nullCount: 0, children })));
  }

  /** Write what is pending, finish the file, and return its digest. */
  close(): FileDigest {
    if (this.pendingRows > 0) this.writePending();
    // An empty table still gets its schema: write one zero-row batch.
    if (this.rows === 0) this.writeRecordBatch([], 0);
    this.arrow.finish();
    return this.file.close();
  }
}

/** Writes one table as `<name>.arrow` and `<name>.csv`. */
export class TableWriter {
  readonly spec: TableSpec;
  private readonly arrow: ArrowTableWriter;
  private readonly csvFile: HashedFile;

  constructor(name: TableName, dir: string, metadata: ReadonlyMap<string, string>) {
    this.spec = tableSpec(name);
    this.arrow = new ArrowTableWriter(this.spec, join(dir, `${name}.arrow`), metadata);
    this.csvFile = new HashedFile(join(dir, `${name}.csv`));
    this.csvFile.write(Buffer.from(csvHeader(this.spec)));
  }

  get rows(): number {
    return this.arrow.rows;
  }

  /** Append encoded rows to both files. */
  write(chunk: TableChunk): void {
    if (chunk.rows === 0) return;
    this.csvFile.write(chunk.csv);
    this.arrow.write(chunk);
  }

  /** Append rows (encoded here, on the calling thread). */
  add(rows: readonly Row[]): void {
    this.write(encodeRows(this.spec, rows));
  }

  /** Finish both files and return their digests. */
  close(): { arrow: FileDigest; csv: FileDigest } {
    return { arrow: this.arrow.close(), csv: this.csvFile.close() };
  }
}

/** A manifest's entry for one written file. */
export interface WrittenFile {
  readonly path: string;
  readonly rows: number;
  readonly sha256: string;
  readonly bytes: number;
}

/** A table written apart from a DatasetWriter: its row count and its files' digests. */
export interface WrittenTable {
  readonly rows: number;
  readonly arrow: FileDigest;
  readonly csv: FileDigest;
}

/**
 * The tables of a dataset, opened together: all of them, or all but those a
 * caller writes itself (a build writes `documents` once its stories are
 * known, story-build.ts) and hands to `close`.
 */
export class DatasetWriter {
  readonly tables: Partial<Record<TableName, TableWriter>>;

  constructor(dir: string, metadata: ReadonlyMap<string, string>, writtenApart: readonly TableName[] = []) {
    this.tables = Object.fromEntries(TABLE_NAMES.filter((name) => !writtenApart.includes(name)).map((name) => [name, new TableWriter(name, dir, metadata)]));
  }

  private table(name: TableName): TableWriter {
    const table = this.tables[name];
    if (table === undefined) throw new Error(`DatasetWriter: the table ${name} is written apart, not through this writer.`);
    return table;
  }

  /** Append a chunk of encoded rows to a table. */
  write(table: TableName, chunk: TableChunk): void {
    this.table(table).write(chunk);
  }

  /** Append rows to a table. */
  add(table: TableName, rows: readonly Row[]): void {
    if (rows.length > 0) this.table(table).add(rows);
  }

  /**
   * Finish every file.
   * @param apart - the tables written apart (see the constructor)
   * @returns the row count of each table and the size and SHA-256 of each file, in table order, `.arrow` before `.csv`.
   * @throws Error when a table written apart is not given
   */
  close(apart: Partial<Record<TableName, WrittenTable>> = {}): { rows: Record<TableName, number>; files: WrittenFile[] } {
    const rows = {} as Record<TableName, number>;
    const files: WrittenFile[] = [];
    for (const name of TABLE_NAMES) {
      const writer = this.tables[name];
      const written = writer === undefined ? apart[name] : { rows: writer.rows, ...writer.close() };
      if (written === undefined) throw new Error(`DatasetWriter: the table ${name}, written apart, was not handed to close().`);
      rows[name] = written.rows;
      files.push({ path: `${name}.arrow`, rows: written.rows, ...written.arrow }, { path: `${name}.csv`, rows: written.rows, ...written.csv });
    }
    return { rows, files };
  }
}

/** SHA-256 hex and size of a file, streamed. */
export async function fileDigest(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
