/**
 * The writer: rows of each table → `<table>.arrow` (Arrow IPC file format)
 * and `<table>.csv` (RFC 4180), written incrementally in record batches so
 * memory stays flat however large the corpus.
 *
 * Determinism: rows arrive in input order and are written as they come; no
 * clock, no randomness. Code columns use one fixed dictionary each (the
 * schema's enum), because the Arrow file format refuses replacement
 * dictionaries and per-batch dictionaries would disagree between batches.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import {
  makeData,
  RecordBatch,
  RecordBatchFileWriter,
  Struct,
  vectorFromArray,
  type Data,
  type DataType,
  type Schema,
} from 'apache-arrow';
import { stringify } from 'csv-stringify/sync';
import { arrowSchema, tableSpec, TABLE_NAMES, type Cell, type Column, type Row, type TableName, type TableSpec } from './tables.js';

/** Rows per Arrow record batch / CSV chunk: large enough to amortise, small enough to keep memory flat. */
export const ROWS_PER_BATCH = 4096;

/** One fixed dictionary vector per code column, built once. */
function dictionaryFor(column: Column): Data {
  return vectorFromArray([...column.codes]).data[0]!;
}

/** Dictionary indices for a code column; a value outside the code list is a programmer error. */
function codeColumnData(column: Column, type: DataType, values: readonly Cell[], dictionary: Data): Data {
  const indices = new Int8Array(values.length);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((value, i) => {
    if (value === null) {
      nullCount++;
      return;
    }
    const index = column.codes.indexOf(value as string);
    if (index < 0)
      throw new Error(`write: ${JSON.stringify(value)} is not a code of column ${column.name} (${column.codes.join(', ')}); add it to the schema's enum.`);
    indices[i] = index;
    validity[i >> 3]! |= 1 << (i & 7);
  });
  return makeData({
    type: type as never,
    length: values.length,
    nullCount,
    nullBitmap: nullCount > 0 ? validity : null,
    data: indices,
    dictionary: dictionary as never,
  } as never);
}

/** A table's rows as one Arrow record batch. */
function recordBatch(spec: TableSpec, schema: Schema, dictionaries: readonly (Data | null)[], rows: readonly Row[]): RecordBatch {
  const children = spec.columns.map((column, i) => {
    const values = rows.map((row) => {
      const value = row[column.name];
      if (value === undefined) throw new Error(`write: a ${spec.name} row has no value for column ${column.name}.`);
      if (value === null && !column.nullable) throw new Error(`write: column ${spec.name}.${column.name} is not nullable, but got null.`);
      return value;
    });
    const type = schema.fields[i]!.type as DataType;
    if (column.kind === 'code') return codeColumnData(column, type, values, dictionaries[i]!);
    return vectorFromArray(values as unknown[], type).data[0]!;
  });
  const data = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}

/** CSV cell text: lists as JSON arrays, null as an empty field. */
function csvCell(value: Cell): string | number | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

/** Writes one table as `<name>.arrow` and `<name>.csv`, batch by batch. */
export class TableWriter {
  readonly spec: TableSpec;
  rows = 0;
  private readonly schema: Schema;
  private readonly dictionaries: (Data | null)[];
  private readonly arrow = new RecordBatchFileWriter();
  private readonly arrowFile: WriteStream;
  private readonly csvFile: WriteStream;
  private pending: Row[] = [];

  constructor(name: TableName, dir: string, metadata: ReadonlyMap<string, string>) {
    this.spec = tableSpec(name);
    this.schema = arrowSchema(this.spec, metadata);
    this.dictionaries = this.spec.columns.map((column) => (column.kind === 'code' ? dictionaryFor(column) : null));
    this.arrowFile = createWriteStream(join(dir, `${name}.arrow`));
    this.arrow.toNodeStream().pipe(this.arrowFile);
    this.csvFile = createWriteStream(join(dir, `${name}.csv`));
    this.csvFile.write(stringify([this.spec.columns.map((c) => c.name)], { record_delimiter: 'windows' }));
  }

  /** Queue a row; a full batch is written at once. */
  async add(row: Row): Promise<void> {
    this.pending.push(row);
    if (this.pending.length >= ROWS_PER_BATCH) await this.flush();
  }

  /** Write queued rows as one Arrow record batch and one CSV chunk. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.rows += rows.length;
    this.arrow.write(recordBatch(this.spec, this.schema, this.dictionaries, rows));
    const csv = stringify(
      rows.map((row) => this.spec.columns.map((c) => csvCell(row[c.name] ?? null))),
      { record_delimiter: 'windows', quoted_empty: true },
    );
    if (!this.csvFile.write(csv)) await new Promise((resolve) => this.csvFile.once('drain', resolve));
  }

  /** Flush, finish both files and wait until they are on disk. */
  async close(): Promise<void> {
    await this.flush();
    // An empty table still gets its schema: write one zero-row batch.
    if (this.rows === 0) this.arrow.write(recordBatch(this.spec, this.schema, this.dictionaries, []));
    this.arrow.finish();
    this.csvFile.end();
    await Promise.all([finished(this.arrowFile), finished(this.csvFile)]);
  }
}

/** All five tables of a dataset, opened together. */
export class DatasetWriter {
  readonly tables: Record<TableName, TableWriter>;

  constructor(dir: string, metadata: ReadonlyMap<string, string>) {
    this.tables = Object.fromEntries(TABLE_NAMES.map((name) => [name, new TableWriter(name, dir, metadata)])) as Record<
      TableName,
      TableWriter
    >;
  }

  async add(table: TableName, rows: readonly Row[]): Promise<void> {
    for (const row of rows) await this.tables[table].add(row);
  }

  async close(): Promise<Record<TableName, number>> {
    for (const name of TABLE_NAMES) await this.tables[name].close();
    return Object.fromEntries(TABLE_NAMES.map((name) => [name, this.tables[name].rows])) as Record<TableName, number>;
  }
}

/** SHA-256 hex and size of a file, streamed. */
export async function fileDigest(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
