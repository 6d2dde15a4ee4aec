/**
 * Rows → a table chunk: the rows' columns as flat typed arrays (UTF-8
 * pre-encoded, code columns as indices into their fixed dictionary) and their
 * CSV text as UTF-8 bytes. This is the CPU-heavy half of writing; it runs
 * where the rows are made (a worker thread), and every buffer of a chunk is
 * transferable, so handing a chunk to the writer's thread copies nothing.
 * The writer (write-dataset.ts) then only concatenates chunks into Arrow
 * record batches and appends the CSV bytes.
 *
 * CSV is written by csv-encode.ts (RFC 4180 with CRLF record ends; the same
 * bytes as csv-stringify, its reference, and the format described there).
 */
import { stringify } from 'csv-stringify/sync';
import { CSV_OPTIONS, encodeCsv } from './csv-encode.js';
import { dateDays, timestampMillis } from './tables.js';
import type { Cell, Column, Row, TableSpec } from './tables.js';

export { CSV_OPTIONS, csvField } from './csv-encode.js';

/** One column of a chunk. Which fields are set depends on the column's kind (see `Column['kind']`). */
export interface ColumnChunk {
  /** Per row: 1 when the value is present, 0 when null; null when no row is null. */
  readonly valid: Uint8Array | null;
  /**
   * string: the UTF-8 bytes of every value, back to back;
   * integer: Int32Array; number: Float64Array; code: Int8Array of dictionary indices;
   * timestamp: BigInt64Array of milliseconds since the epoch (UTC); date: Int32Array of days since the epoch;
   * string_list: the UTF-8 bytes of every item; integer_list: Int32Array of every item.
   */
  readonly data: Uint8Array | Int8Array | Int32Array | Float64Array | BigInt64Array;
  /** string: n+1 byte offsets into `data`; lists: n+1 item offsets; otherwise null. */
  readonly offsets: Int32Array | null;
  /** string_list: items+1 byte offsets into `data`; otherwise null. */
  readonly itemOffsets: Int32Array | null;
}

/** Some rows of one table, encoded for both output formats. */
export interface TableChunk {
  readonly rows: number;
  /** One per column of the table, in schema order. */
  readonly columns: readonly ColumnChunk[];
  /** The rows as CSV records (no header), UTF-8. */
  readonly csv: Uint8Array;
  /** Byte offset in `csv` after each record, recorded by the encoder (the documents' end pass splices fields there). */
  readonly csvRecordEnds: Int32Array;
}

/** Reused scratch space for UTF-8 encoding, grown on demand (one per thread). */
let scratch = Buffer.allocUnsafe(1 << 20);

/** Strings up to this length are encoded by hand when ASCII: Buffer#write's call overhead dominates below it. */
const SHORT_STRING = 64;

/** Write `text` as UTF-8 into `buf` at `position` (room for 3 bytes per UTF-16 unit assumed); returns the bytes written. */
function writeUtf8(buf: Buffer, position: number, text: string): number {
  const n = text.length;
  if (n <= SHORT_STRING) {
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) break;
      buf[position + i] = c;
    }
    if (i === n) return n;
  }
  return buf.write(text, position);
}

/** Any character outside ASCII. */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Encode strings back to back; returns the exact-size bytes (own buffer) and n+1 offsets.
 * When all of them are ASCII (ids, codes, rule names: most columns), one call
 * writes them all, a byte per character; otherwise each is written as UTF-8
 * (`encodeStringsOneByOne`, the general path the tests compare this with).
 */
export function encodeStrings(values: readonly string[]): { data: Uint8Array; offsets: Int32Array } {
  let length = 0;
  for (let i = 0; i < values.length; i++) length += values[i]!.length;
  // Long texts (sentences, articles) are tested one by one: usually one of them is not ASCII, which is then found
  // before the column is joined for nothing. Short strings (ids, codes, names) are joined and tested at once.
  const longTexts = length >= SHORT_STRING * values.length;
  if (longTexts && values.some((value) => NON_ASCII.test(value))) return encodeStringsOneByOne(values);
  const joined = values.join('');
  if (!longTexts && NON_ASCII.test(joined)) return encodeStringsOneByOne(values);
  const offsets = new Int32Array(values.length + 1);
  let position = 0;
  for (let i = 0; i < values.length; i++) {
    position += values[i]!.length;
    offsets[i + 1] = position;
  }
  if (scratch.length < position) scratch = Buffer.allocUnsafe(Math.max(position, scratch.length * 2));
  scratch.write(joined, 0, position, 'latin1');
  return { data: new Uint8Array(scratch.subarray(0, position)), offsets };
}

/** Encode strings back to back as UTF-8, one at a time. */
export function encodeStringsOneByOne(values: readonly string[]): { data: Uint8Array; offsets: Int32Array } {
  let bound = 0;
  for (let i = 0; i < values.length; i++) bound += values[i]!.length;
  bound *= 3; // a UTF-16 unit never takes more than 3 UTF-8 bytes
  if (scratch.length < bound) scratch = Buffer.allocUnsafe(Math.max(bound, scratch.length * 2));
  const offsets = new Int32Array(values.length + 1);
  let position = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (value.length > 0) position += writeUtf8(scratch, position, value);
    offsets[i + 1] = position;
  }
  return { data: new Uint8Array(scratch.subarray(0, position)), offsets };
}

/** The header record of a table's CSV file. */
export function csvHeader(spec: TableSpec): string {
  return stringify([spec.columns.map((c) => c.name)], CSV_OPTIONS);
}

/** One column's values, read from the rows once and checked against the schema. */
interface ColumnValues {
  readonly values: Cell[];
  readonly valid: Uint8Array | null;
}

/** Copies every row's cells into one array per column. */
type ColumnReader = (rows: readonly Row[], columns: Cell[][]) => void;

const readers = new WeakMap<TableSpec, ColumnReader>();

/**
 * A reader compiled for the table's column names: each property is read with
 * its name written out, so every load sees one name and stays fast, where a
 * loop over names would make each load look up a different name every time.
 */
function columnReader(spec: TableSpec): ColumnReader {
  let reader = readers.get(spec);
  if (reader === undefined) {
    const body = spec.columns.map((c, j) => `columns[${j}][i] = row[${JSON.stringify(c.name)}];`).join('\n');
    reader = new Function('rows', 'columns', `for (let i = 0; i < rows.length; i++) {\nconst row = rows[i];\n${body}\n}`) as ColumnReader;
    readers.set(spec, reader);
  }
  return reader;
}

/** Every column's values, checked: present, and null only where the schema allows. */
function readColumns(spec: TableSpec, rows: readonly Row[]): ColumnValues[] {
  const columns = spec.columns.map(() => new Array<Cell>(rows.length));
  columnReader(spec)(rows, columns);
  return spec.columns.map((column, j) => {
    const values = columns[j]!;
    let valid: Uint8Array | null = null;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === undefined) throw new Error(`write: a ${spec.name} row has no value for column ${column.name}.`);
      if (value === null) {
        if (!column.nullable) throw new Error(`write: column ${spec.name}.${column.name} is not nullable, but got null.`);
        valid ??= new Uint8Array(values.length).fill(1);
        valid[i] = 0;
      }
    }
    return { values, valid };
  });
}

/** Each code column's code → dictionary index. */
const codeIndexes = new WeakMap<Column, Map<string, number>>();

/** Dictionary index of every code value; a value outside the code list is a programmer error. */
function encodeCodes(spec: TableSpec, column: Column, values: readonly Cell[]): Int8Array {
  let indexOf = codeIndexes.get(column);
  if (indexOf === undefined) {
    indexOf = new Map(column.codes.map((code, i) => [code, i]));
    codeIndexes.set(column, indexOf);
  }
  const indices = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null) continue;
    const index = indexOf.get(value as string);
    if (index === undefined)
      throw new Error(
        `write: ${JSON.stringify(value)} is not a code of column ${spec.name}.${column.name} (${column.codes.join(', ')}); add it to the schema's enum.`,
      );
    indices[i] = index;
  }
  return indices;
}

/** A column's Arrow buffers. */
function encodeColumn(spec: TableSpec, column: Column, { values, valid }: ColumnValues): ColumnChunk {
  const n = values.length;
  switch (column.kind) {
    case 'string': {
      const strings = new Array<string>(n);
      for (let i = 0; i < n; i++) strings[i] = (values[i] as string | null) ?? '';
      const { data, offsets } = encodeStrings(strings);
      return { valid, data, offsets, itemOffsets: null };
    }
    case 'integer':
    case 'number': {
      const data = column.kind === 'integer' ? new Int32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const value = values[i] as number | null;
        if (value !== null) data[i] = value;
      }
      return { valid, data, offsets: null, itemOffsets: null };
    }
    case 'code': {
      return { valid, data: encodeCodes(spec, column, values), offsets: null, itemOffsets: null };
    }
    case 'timestamp': {
      // Milliseconds since the epoch, UTC (Arrow timestamp[ms, UTC]); the row holds ISO 8601 text, which CSV keeps.
      const data = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        const value = values[i] as string | null;
        if (value !== null) data[i] = BigInt(timestampMillis(value));
      }
      return { valid, data, offsets: null, itemOffsets: null };
    }
    case 'date': {
      // Days since the epoch (Arrow date32); the row holds YYYY-MM-DD, which CSV keeps.
      const data = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const value = values[i] as string | null;
        if (value !== null) data[i] = dateDays(value);
      }
      return { valid, data, offsets: null, itemOffsets: null };
    }
    case 'string_list':
    case 'integer_list': {
      const offsets = new Int32Array(n + 1);
      const items: (string | number)[] = [];
      for (let i = 0; i < n; i++) {
        const list = values[i] as readonly (string | number)[] | null;
        if (list !== null) for (let k = 0; k < list.length; k++) items.push(list[k]!);
        offsets[i + 1] = items.length;
      }
      if (column.kind === 'integer_list') return { valid, data: Int32Array.from(items as number[]), offsets, itemOffsets: null };
      const encoded = encodeStrings(items as string[]);
      return { valid, data: encoded.data, offsets, itemOffsets: encoded.offsets };
    }
  }
}

/**
 * Encode rows of one table for the writer.
 * @throws Error naming the table and column when a row lacks a column, holds null
 *   where the schema forbids it, or holds a code outside the column's enum.
 * @example encodeRows(tableSpec('rejected'), [rejectionRow(r)])
 */
export function encodeRows(spec: TableSpec, rows: readonly Row[]): TableChunk {
  const values = readColumns(spec, rows);
  const columns = spec.columns.map((column, j) => encodeColumn(spec, column, values[j]!));
  // The string columns' UTF-8, just encoded for Arrow, is copied into the CSV rather than encoded again.
  const utf8 = spec.columns.map((column, j) => (column.kind === 'string' ? (columns[j] as { data: Uint8Array; offsets: Int32Array }) : null));
  const csvRecordEnds = new Int32Array(rows.length);
  const csv = encodeCsv(
    spec,
    values.map((column) => column.values),
    rows.length,
    utf8,
    csvRecordEnds,
  );
  return { rows: rows.length, columns, csv, csvRecordEnds };
}

/** The buffers of a chunk, for a worker's transfer list. */
export function chunkBuffers(chunk: TableChunk): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [chunk.csv.buffer as ArrayBuffer, chunk.csvRecordEnds.buffer as ArrayBuffer];
  for (const column of chunk.columns) {
    for (const array of [column.valid, column.data, column.offsets, column.itemOffsets]) if (array !== null) buffers.push(array.buffer as ArrayBuffer);
  }
  return buffers;
}
