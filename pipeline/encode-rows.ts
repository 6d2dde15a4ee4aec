/**
 * Rows → a table chunk: the rows' columns as flat typed arrays (UTF-8
 * pre-encoded, code columns as indices into their fixed dictionary) and their
 * CSV text as UTF-8 bytes. This is the CPU-heavy half of writing; it runs
 * where the rows are made (a worker thread), and every buffer of a chunk is
 * transferable, so handing a chunk to the writer's thread copies nothing.
 * The writer (write-dataset.ts) then only concatenates chunks into Arrow
 * record batches and appends the CSV bytes.
 *
 * CSV is RFC 4180 with CRLF record ends: a field is quoted when it holds a
 * comma, a double quote, CR or LF (quotes doubled inside); an empty string is
 * written `""` and null as an empty field, so the two stay distinct; numbers
 * as JavaScript prints them; lists as JSON arrays.
 */
import type { Cell, Column, Row, TableSpec } from './tables.js';

/** One column of a chunk. Which fields are set depends on the column's kind (see `Column['kind']`). */
export interface ColumnChunk {
  /** Per row: 1 when the value is present, 0 when null; null when no row is null. */
  readonly valid: Uint8Array | null;
  /**
   * string: the UTF-8 bytes of every value, back to back;
   * integer: Int32Array; number: Float64Array; code: Int8Array of dictionary indices;
   * string_list: the UTF-8 bytes of every item; integer_list: Int32Array of every item.
   */
  readonly data: Uint8Array | Int8Array | Int32Array | Float64Array;
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

/** Encode strings back to back; returns the exact-size bytes (own buffer) and n+1 offsets. */
function encodeStrings(values: readonly string[]): { data: Uint8Array; offsets: Int32Array } {
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

/** Characters that make a CSV field need quotes. */
const NEEDS_QUOTES = /[",\r\n]/;

/** Text as a CSV field: quoted (quotes doubled) when it holds a comma, quote, CR or LF; `""` when empty. */
function csvText(text: string): string {
  if (text === '') return '""';
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A cell as CSV field text: null empty, numbers as JavaScript prints them, lists as JSON arrays. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return csvText(typeof value === 'string' ? value : JSON.stringify(value));
}

/** The header record of a table's CSV file. */
export function csvHeader(spec: TableSpec): string {
  return `${spec.columns.map((c) => csvField(c.name)).join(',')}\r\n`;
}

/** A code column's codes as CSV fields, by dictionary index. */
const codeFieldsCache = new WeakMap<Column, readonly string[]>();
function codeFields(column: Column): readonly string[] {
  let fields = codeFieldsCache.get(column);
  if (fields === undefined) {
    fields = column.codes.map(csvText);
    codeFieldsCache.set(column, fields);
  }
  return fields;
}

/**
 * Caches of CSV fields for values that repeat a lot: small integers (offsets,
 * counts), confidences (rounded to four decimals, tables.ts) and lists of
 * rule ids. Formatting them is most of the cost of a sentence row. Bounded:
 * the arrays by their index range, the map cleared when full.
 */
const SMALL_INTEGERS = 1 << 16;
const integerFields: string[] = [];
const FRACTION_STEPS = 10_000;
const fractionValues: number[] = [];
const fractionFields: string[] = [];
const CACHE_LIMIT = 50_000;
const listFields = new Map<string, string>();

function numberField(value: number): string {
  if (Number.isInteger(value) && value >= 0 && value < SMALL_INTEGERS) return (integerFields[value] ??= String(value));
  const step = Math.round(value * FRACTION_STEPS);
  if (step >= 0 && step <= FRACTION_STEPS) {
    if (fractionValues[step] === value) return fractionFields[step]!;
    fractionValues[step] = value;
    return (fractionFields[step] = String(value));
  }
  return String(value);
}

function listField(list: readonly (string | number)[]): string {
  if (list.length === 0) return '[]';
  if (typeof list[0] !== 'string') return csvText(JSON.stringify(list));
  const key = list.length === 1 ? (list[0] as string) : list.join('\u0000');
  let field = listFields.get(key);
  if (field === undefined) {
    if (listFields.size >= CACHE_LIMIT) listFields.clear();
    field = csvText(JSON.stringify(list));
    listFields.set(key, field);
  }
  return field;
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

/** How row i of a column is written to CSV (see CsvWriter). */
type CsvColumn =
  | { readonly kind: 'bytes'; readonly data: Uint8Array; readonly offsets: Int32Array; readonly quoting: Uint8Array; readonly valid: Uint8Array | null }
  | { readonly kind: 'text'; readonly fields: readonly string[] };

/** Quoting of a string field: none, quoted, or quoted with its quotes doubled. */
const PLAIN = 0;
const QUOTED = 1;
const QUOTED_DOUBLED = 2;
const EMPTY = 3;

/** A column's Arrow buffers, and what its CSV fields need. */
function encodeColumn(spec: TableSpec, column: Column, { values, valid }: ColumnValues): { chunk: ColumnChunk; csv: CsvColumn } {
  const n = values.length;
  switch (column.kind) {
    case 'string': {
      const strings = new Array<string>(n);
      const quoting = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const value = (values[i] as string | null) ?? '';
        strings[i] = value;
        if (value === '') quoting[i] = EMPTY;
        else if (NEEDS_QUOTES.test(value)) quoting[i] = value.includes('"') ? QUOTED_DOUBLED : QUOTED;
      }
      const { data, offsets } = encodeStrings(strings);
      return { chunk: { valid, data, offsets, itemOffsets: null }, csv: { kind: 'bytes', data, offsets, quoting, valid } };
    }
    case 'integer':
    case 'number': {
      const data = column.kind === 'integer' ? new Int32Array(n) : new Float64Array(n);
      const fields = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const value = values[i] as number | null;
        if (value !== null) data[i] = value;
        fields[i] = value === null ? '' : numberField(value);
      }
      return { chunk: { valid, data, offsets: null, itemOffsets: null }, csv: { kind: 'text', fields } };
    }
    case 'code': {
      const data = encodeCodes(spec, column, values);
      const byIndex = codeFields(column);
      const fields = new Array<string>(n);
      for (let i = 0; i < n; i++) fields[i] = values[i] === null ? '' : byIndex[data[i]!]!;
      return { chunk: { valid, data, offsets: null, itemOffsets: null }, csv: { kind: 'text', fields } };
    }
    case 'string_list':
    case 'integer_list': {
      const offsets = new Int32Array(n + 1);
      const items: (string | number)[] = [];
      const fields = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const list = values[i] as readonly (string | number)[] | null;
        if (list !== null) for (let k = 0; k < list.length; k++) items.push(list[k]!);
        offsets[i + 1] = items.length;
        fields[i] = list === null ? '' : listField(list);
      }
      const csv: CsvColumn = { kind: 'text', fields };
      if (column.kind === 'integer_list') return { chunk: { valid, data: Int32Array.from(items as number[]), offsets, itemOffsets: null }, csv };
      const encoded = encodeStrings(items as string[]);
      return { chunk: { valid, data: encoded.data, offsets, itemOffsets: encoded.offsets }, csv };
    }
  }
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
/** Below this many bytes a field is copied byte by byte: cheaper than a sub-array view and a native copy. */
const SHORT_FIELD_BYTES = 48;

/** Reused space for CSV records, grown on demand (one per thread). */
let csvScratch = Buffer.allocUnsafeSlow(1 << 20);

/** The most bytes the CSV records can take, so that one buffer suffices. */
function csvCapacity(columns: readonly CsvColumn[], rows: number): number {
  let bytes = rows * (columns.length + 2); // commas and CRLF
  for (const column of columns) {
    if (column.kind === 'bytes') bytes += 2 * column.data.length + 2 * rows; // every quote doubled, two quotes per field
    else for (let i = 0; i < rows; i++) bytes += 3 * column.fields[i]!.length;
  }
  return bytes;
}

/**
 * CSV records (CRLF after each) as UTF-8 bytes in a buffer of their own
 * (transferable), built in a reused scratch buffer. String fields are copied from their already encoded Arrow
 * bytes, quotes doubled where needed; other fields are written from text.
 */
function writeRecords(columns: readonly CsvColumn[], rows: number): Uint8Array {
  const capacity = csvCapacity(columns, rows);
  if (csvScratch.length < capacity) csvScratch = Buffer.allocUnsafeSlow(Math.max(capacity, 2 * csvScratch.length));
  const buf = csvScratch;
  let pos = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < columns.length; j++) {
      if (j > 0) buf[pos++] = COMMA;
      const column = columns[j]!;
      if (column.kind === 'text') {
        const field = column.fields[i]!;
        const n = field.length;
        let k = 0;
        if (n <= SHORT_STRING)
          for (; k < n; k++) {
            const c = field.charCodeAt(k);
            if (c >= 0x80) break;
            buf[pos + k] = c;
          }
        pos += k === n ? n : buf.write(field, pos);
        continue;
      }
      if (column.valid !== null && column.valid[i] === 0) continue;
      const quoting = column.quoting[i]!;
      if (quoting === EMPTY) {
        buf[pos++] = QUOTE;
        buf[pos++] = QUOTE;
        continue;
      }
      const data = column.data;
      let start = column.offsets[i]!;
      const end = column.offsets[i + 1]!;
      if (quoting !== PLAIN) buf[pos++] = QUOTE;
      if (quoting === QUOTED_DOUBLED) {
        for (let q = data.indexOf(QUOTE, start); q >= 0 && q < end; q = data.indexOf(QUOTE, start)) {
          buf.set(data.subarray(start, q + 1), pos);
          pos += q + 1 - start;
          buf[pos++] = QUOTE;
          start = q + 1;
        }
      }
      if (end - start < SHORT_FIELD_BYTES) for (let k = start; k < end; k++) buf[pos++] = data[k]!;
      else {
        buf.set(data.subarray(start, end), pos);
        pos += end - start;
      }
      if (quoting !== PLAIN) buf[pos++] = QUOTE;
    }
    buf[pos++] = CR;
    buf[pos++] = LF;
  }
  // An exact-size copy: the scratch space stays for the next chunk, and no oversized buffer travels.
  return new Uint8Array(buf.subarray(0, pos));
}

/**
 * Encode rows of one table for the writer.
 * @throws Error naming the table and column when a row lacks a column, holds null
 *   where the schema forbids it, or holds a code outside the column's enum.
 * @example encodeRows(tableSpec('rejected'), [rejectionRow(r)])
 */
export function encodeRows(spec: TableSpec, rows: readonly Row[]): TableChunk {
  const values = readColumns(spec, rows);
  const encoded = spec.columns.map((column, j) => encodeColumn(spec, column, values[j]!));
  return {
    rows: rows.length,
    columns: encoded.map((e) => e.chunk),
    csv: writeRecords(
      encoded.map((e) => e.csv),
      rows.length,
    ),
  };
}

/** The buffers of a chunk, for a worker's transfer list. */
export function chunkBuffers(chunk: TableChunk): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [chunk.csv.buffer as ArrayBuffer];
  for (const column of chunk.columns) {
    for (const array of [column.valid, column.data, column.offsets, column.itemOffsets]) if (array !== null) buffers.push(array.buffer as ArrayBuffer);
  }
  return buffers;
}
