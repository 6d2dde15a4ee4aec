/**
 * The dataset's CSV records, written by a small RFC 4180 encoder on the hot
 * path, and the same records through csv-stringify, which stays the
 * reference: test/output/csv-encode.test.ts writes generated rows and every
 * table of real builds through both and requires the same bytes. The encoder
 * exists because csv-stringify's general machinery (a cast, an options
 * object and several separator searches per field) was the largest single
 * cost of a build, larger than any stage (bench/README.md).
 *
 * The format, both ways (CSV_OPTIONS): fields separated by commas, records
 * ended by CRLF; a field is quoted when it holds a comma, a double quote, CR
 * or LF, quotes doubled inside; the empty string is written `""` and null as
 * an empty field, so the two stay distinct; integers as JavaScript prints
 * them; floats (`number` columns) always with a decimal point (`1.0`, not
 * `1`), so that CSV readers that infer types (polars, pandas) take the whole
 * column for a float; lists as JSON arrays. Text is not altered otherwise: a
 * leading `=`, `+`, `-` or `@` is written as it is (csv-stringify's
 * `escape_formulas` stays off: a research dataset keeps its text as written).
 */
import { stringify, type Options as CsvOptions } from 'csv-stringify/sync';
import type { Cell, Column, TableSpec } from './tables.js';

/**
 * csv-stringify options for the dataset's CSV files. `quoted_match` because
 * with CRLF record ends csv-stringify would leave a field holding a bare LF
 * or CR unquoted, which breaks readers; the `cast` writes the empty string as
 * `""`, so that it stays distinct from null (an empty field).
 */
export const CSV_OPTIONS: CsvOptions = {
  record_delimiter: 'windows',
  quoted_match: /[\r\n]/,
  cast: { string: (value: string) => (value === '' ? { value: '', quoted_empty: true } : value) },
};

/** A float as CSV text: always with a decimal point or an exponent, so it reads back as a float. */
export function floatText(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e21 ? x.toFixed(1) : String(x);
}

/** csv-stringify options for one table: CSV_OPTIONS, plus floats written by `floatText` in its `number` columns. */
export function csvOptionsFor(spec: TableSpec): CsvOptions {
  const isFloat = spec.columns.map((c) => c.kind === 'number');
  return {
    ...CSV_OPTIONS,
    cast: {
      ...CSV_OPTIONS.cast,
      number: (value: number, context) => (isFloat[context.column as number] === true ? floatText(value) : String(value)),
    },
  };
}

/** Records (one array of cells per row, in column order) as CSV text through csv-stringify: the reference. */
export function referenceCsv(spec: TableSpec, records: readonly (readonly Cell[])[]): string {
  return stringify(records as Cell[][], csvOptionsFor(spec));
}

/** Characters that make a field quoted. */
const NEEDS_QUOTES = /[",\r\n]/;

/** A string as a CSV field. */
export function csvText(value: string): string {
  if (value.length === 0) return '""';
  if (!NEEDS_QUOTES.test(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

/** How each column's cells become text; by the column's kind, decided once per table. */
const FieldKind = { Text: 0, Integer: 1, Float: 2, List: 3 } as const;
type FieldKind = (typeof FieldKind)[keyof typeof FieldKind];

function fieldKind(column: Column): FieldKind {
  switch (column.kind) {
    case 'string':
    case 'code':
    case 'timestamp': // rows hold ISO 8601 text, which CSV keeps (Arrow holds the instant)
    case 'date':
      return FieldKind.Text;
    case 'integer':
      return FieldKind.Integer;
    case 'number':
      return FieldKind.Float;
    case 'string_list':
    case 'integer_list':
      return FieldKind.List;
  }
}

/** One cell as a CSV field, by its column's kind. */
function field(kind: FieldKind, value: Cell): string {
  if (value === null) return '';
  switch (kind) {
    case FieldKind.Text:
      return csvText(value as string);
    case FieldKind.Integer:
      return String(value);
    case FieldKind.Float:
      return floatText(value as number);
    case FieldKind.List:
      return csvText(JSON.stringify(value));
  }
}

/**
 * A cell as CSV field text, through the fast encoder.
 * @param column - the cell's column; without it numbers are written as integers are
 */
export function csvField(value: Cell, column?: Column): string {
  if (column !== undefined) return field(fieldKind(column), value);
  if (typeof value === 'number') return String(value);
  return field(typeof value === 'string' || value === null ? FieldKind.Text : FieldKind.List, value);
}

/** A string column's values as UTF-8, back to back (the Arrow buffers): `data[offsets[i]..offsets[i+1]]` is row i. */
export interface Utf8Column {
  readonly data: Uint8Array;
  readonly offsets: Int32Array;
}

const COMMA = 0x2c;
const QUOTE = 0x22;

/** The output of `encodeCsv` while it is written: reused scratch space, grown on demand (one per thread). */
let out = Buffer.allocUnsafe(1 << 20);
let position = 0;

/** Make room for `bytes` more bytes. */
function reserve(bytes: number): void {
  if (position + bytes <= out.length) return;
  const grown = Buffer.allocUnsafe(Math.max(2 * out.length, position + bytes));
  out.copy(grown, 0, 0, position);
  out = grown;
}

/** Append text: by hand when short and ASCII (Buffer#write's call costs more below that), else as UTF-8 by Buffer#write. */
function appendText(text: string): void {
  const n = text.length;
  reserve(3 * n);
  if (n <= 64) {
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) break;
      out[position + i] = c;
    }
    if (i === n) {
      position += n;
      return;
    }
  }
  position += out.write(text, position);
}

/** Append bytes already encoded. */
function appendBytes(data: Uint8Array, from: number, to: number): void {
  const n = to - from;
  reserve(n);
  if (n <= 32) for (let k = 0; k < n; k++) out[position + k] = data[from + k]!;
  else out.set(data.subarray(from, to), position);
  position += n;
}

/**
 * Append a quoted field from its UTF-8 bytes, each `"` doubled: the bytes of
 * `csvText(text)` for a field that needs quotes. A `"` byte (0x22) never
 * occurs inside a multi-byte UTF-8 sequence, so the quotes are found in the
 * bytes; `text` (the same field as a string) only says whether there are any.
 */
function appendQuotedBytes(text: string, data: Uint8Array, from: number, to: number): void {
  reserve(2 * (to - from) + 2);
  out[position++] = QUOTE;
  if (text.indexOf('"') === -1) appendBytes(data, from, to);
  else {
    const field = data.subarray(from, to);
    for (let start = 0; start < field.length; ) {
      const quote = field.indexOf(QUOTE, start);
      const end = quote === -1 ? field.length : quote + 1;
      appendBytes(field, start, end);
      if (quote !== -1) out[position++] = QUOTE;
      start = end;
    }
  }
  out[position++] = QUOTE;
}

/** An integer's decimal digits, as `String(value)` writes them: by hand for the small non-negative ones that fill most integer columns. */
function appendInteger(value: number): void {
  if (!(value >= 0 && value < 1e9 && Number.isInteger(value)) || Object.is(value, -0)) {
    appendText(String(value));
    return;
  }
  if (value < 10) {
    reserve(1);
    out[position++] = 0x30 + value;
    return;
  }
  const digits = value < 100 ? 2 : value < 1000 ? 3 : value < 10_000 ? 4 : value < 100_000 ? 5 : value < 1e6 ? 6 : value < 1e7 ? 7 : value < 1e8 ? 8 : 9;
  reserve(digits);
  let rest = value;
  for (let k = position + digits - 1; k >= position; k--) {
    const tenth = (rest / 10) | 0;
    out[k] = 0x30 + rest - 10 * tenth;
    rest = tenth;
  }
  position += digits;
}

/** A node of {@link LIST_FIELDS}: the field of the list of the items on the path to it, and the longer lists. */
interface ListFieldNode {
  bytes: Uint8Array | null;
  readonly next: Map<string | number, ListFieldNode>;
}

/**
 * Lists' CSV fields (the UTF-8 of `csvText(JSON.stringify(list))`), by their
 * items, one level per item: the rule-id lists of the sentence rows repeat a
 * few hundred combinations, so most list fields are a few map lookups and a
 * copy. Bounded by {@link LIST_FIELDS_MAX} nodes; beyond it lists are encoded
 * each time.
 */
const LIST_FIELDS: ListFieldNode = { bytes: null, next: new Map() };
const LIST_FIELDS_MAX = 1 << 14;
let listFieldNodes = 0;

/** A list's field text, UTF-8: what csv-stringify writes for the JSON of the list (`[]` when empty). */
function listFieldBytes(list: readonly (string | number)[]): Uint8Array {
  return Buffer.from(list.length === 0 ? '[]' : csvText(JSON.stringify(list)));
}

function appendList(list: readonly (string | number)[]): void {
  let node = LIST_FIELDS;
  for (let k = 0; k < list.length; k++) {
    const item = list[k]!;
    let child = node.next.get(item);
    if (child === undefined) {
      if (listFieldNodes >= LIST_FIELDS_MAX || (typeof item !== 'string' && typeof item !== 'number')) {
        const bytes = listFieldBytes(list);
        appendBytes(bytes, 0, bytes.length);
        return;
      }
      child = { bytes: null, next: new Map() };
      node.next.set(item, child);
      listFieldNodes++;
    }
    node = child;
  }
  node.bytes ??= listFieldBytes(list);
  appendBytes(node.bytes, 0, node.bytes.length);
}

/** Each code column's codes as CSV field bytes (`csvText`, UTF-8), made once per column. */
const CODE_FIELDS = new WeakMap<Column, ReadonlyMap<string, Uint8Array>>();

/** A code column's fields by code (its fixed dictionary: a few values, written on every row); null for other columns. */
function codeFields(column: Column): ReadonlyMap<string, Uint8Array> | null {
  if (column.kind !== 'code') return null;
  let fields = CODE_FIELDS.get(column);
  if (fields === undefined) {
    fields = new Map(column.codes.map((code) => [code, Buffer.from(csvText(code))]));
    CODE_FIELDS.set(column, fields);
  }
  return fields;
}

/** Recent floats' text, by value × 10⁴: confidences are rounded to 4 decimals and repeat a lot. */
const floatTexts: (string | undefined)[] = [];

/** `floatText`, remembered for the values in [0, 1] with at most 4 decimals. */
function cachedFloatText(x: number): string {
  const key = Math.round(x * 10_000);
  if (key < 0 || key > 10_000 || key / 10_000 !== x || Object.is(x, -0)) return floatText(x);
  return (floatTexts[key] ??= floatText(x));
}

/**
 * Rows as CSV records, CRLF after each, as UTF-8: the bytes csv-stringify
 * writes for the same rows (`referenceCsv`, then UTF-8). Reads the cells by
 * column (`columns[j][i]` is row i's cell in column j); a string column whose
 * UTF-8 is already encoded (`utf8[j]`, the Arrow buffers) is copied from
 * those bytes, between quotes when the field needs them.
 * @param recordEnds - when given, filled with the byte offset after each record (after its CRLF)
 * @returns bytes in an ArrayBuffer of their own (transferable)
 */
export function encodeCsv(
  spec: TableSpec,
  columns: readonly (readonly Cell[])[],
  rows: number,
  utf8: readonly (Utf8Column | null)[] = [],
  recordEnds: Int32Array | null = null,
): Uint8Array {
  const kinds = spec.columns.map(fieldKind);
  const codes = spec.columns.map(codeFields);
  const width = kinds.length;
  position = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < width; j++) {
      if (j > 0) {
        reserve(1);
        out[position++] = COMMA;
      }
      const value = columns[j]![i]!;
      if (value === null) continue;
      switch (kinds[j]) {
        case FieldKind.Text: {
          const text = value as string;
          const code = codes[j]?.get(text);
          if (code !== undefined) {
            appendBytes(code, 0, code.length);
            break;
          }
          const bytes = utf8[j];
          if (text.length === 0) {
            reserve(2);
            out[position++] = QUOTE;
            out[position++] = QUOTE;
          } else if (NEEDS_QUOTES.test(text)) {
            if (bytes) appendQuotedBytes(text, bytes.data, bytes.offsets[i]!, bytes.offsets[i + 1]!);
            else appendText(csvText(text));
          } else if (bytes) appendBytes(bytes.data, bytes.offsets[i]!, bytes.offsets[i + 1]!);
          else appendText(text);
          break;
        }
        case FieldKind.Integer:
          appendInteger(value as number);
          break;
        case FieldKind.Float:
          appendText(cachedFloatText(value as number));
          break;
        case FieldKind.List:
          appendList(value as readonly (string | number)[]);
          break;
      }
    }
    reserve(2);
    out[position++] = 0x0d;
    out[position++] = 0x0a;
    if (recordEnds !== null) recordEnds[i] = position;
  }
  return new Uint8Array(out.subarray(0, position));
}
