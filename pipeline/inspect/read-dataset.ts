/**
 * Read a built dataset directory for the researcher's tools (`make show`,
 * `make inspect`): every `<table>.arrow` in it, whatever its columns, as plain
 * rows (README "The tables"). Nothing here knows the column list: a column or
 * a table added later shows up as it is. Rows are read batch by batch through
 * apache-arrow and kept only when they belong to the documents asked for, so
 * a large dataset costs the memory of the documents shown, not of the tables.
 */
import { existsSync, readdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { RecordBatchReader, type RecordBatch } from 'apache-arrow';

/** A cell as the tools see it: Arrow's values made plain (dictionary codes as strings, lists as arrays, 64-bit integers as numbers). */
export type Value = string | number | boolean | null | readonly Value[] | { readonly [key: string]: Value };
export type PlainRow = Readonly<Record<string, Value>>;

/** One document with the rows of every other table that name it by `doc_id`. */
export interface DocumentBundle {
  readonly document: PlainRow;
  /** Table name → that table's rows for this document, in file order (sentences, removed, attributions, and any other). */
  readonly tables: ReadonlyMap<string, readonly PlainRow[]>;
}

/** Make one Arrow value plain. */
export function plainValue(value: unknown): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, (v) => plainValue(v));
  if (typeof value === 'object' && Symbol.iterator in value && typeof (value as { toArray?: unknown }).toArray === 'function')
    return Array.from(value as Iterable<unknown>, plainValue);
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return plainValue((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, plainValue(v)]));
  return String(value);
}

/** The rows of one batch, plain, that `keep` accepts. */
function batchRows(batch: RecordBatch, keep: (row: PlainRow) => boolean): PlainRow[] {
  const names = batch.schema.fields.map((f) => f.name);
  const columns = names.map((_, i) => batch.getChildAt(i)!);
  const rows: PlainRow[] = [];
  for (let i = 0; i < batch.numRows; i++) {
    const row: Record<string, Value> = {};
    names.forEach((name, c) => {
      row[name] = plainValue(columns[c]!.get(i));
    });
    if (keep(row)) rows.push(row);
  }
  return rows;
}

/**
 * Read an Arrow IPC file (file or stream format) row by row.
 *
 * @param path - The `.arrow` file.
 * @param keep - Which rows to keep (all by default).
 * @returns The kept rows, plain, in file order.
 * @throws Error naming the file when it is not Arrow IPC.
 */
export async function readArrowRows(path: string, keep: (row: PlainRow) => boolean = () => true): Promise<PlainRow[]> {
  const handle = await open(path);
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    const rows: PlainRow[] = [];
    for await (const batch of reader) rows.push(...batchRows(batch, keep));
    return rows;
  } catch (error) {
    throw new Error(`${path}: cannot read it as an Arrow IPC file (${(error as Error).message}).`);
  } finally {
    await handle.close();
  }
}

/** The tables of a dataset directory (`<name>.arrow` files), documents first, then by name. */
export function datasetTables(dir: string): string[] {
  if (!existsSync(join(dir, 'documents.arrow')))
    throw new Error(`${dir} holds no documents.arrow: point DATASET= (or the --dataset option) at a directory written by make dataset or make release.`);
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.arrow'))
    .map((f) => f.slice(0, -'.arrow'.length))
    .filter((name) => name !== 'documents')
    .sort();
  return ['documents', ...names];
}

/** Whether a document row is the one `key` names: its doc_id, its source_file, or the file name of its source_file. */
export function documentMatches(row: PlainRow, key: string): boolean {
  const source = typeof row['source_file'] === 'string' ? row['source_file'] : '';
  return row['doc_id'] === key || source === key || (source !== '' && basename(source) === basename(key));
}

/**
 * Read the documents `chosen` accepts with the rows of every other table that name them.
 *
 * @param dir - A dataset directory (make dataset's OUT, or a release directory).
 * @param chosen - Which document rows to read.
 * @returns One bundle per chosen document, in documents.arrow order.
 */
export async function readDocumentBundles(dir: string, chosen: (document: PlainRow) => boolean): Promise<DocumentBundle[]> {
  const [first, ...others] = datasetTables(dir);
  const documents = await readArrowRows(join(dir, `${first}.arrow`), chosen);
  const ids = new Set(documents.map((d) => String(d['doc_id'])));
  const perTable = new Map<string, Map<string, PlainRow[]>>();
  for (const table of others) {
    const rows = await readArrowRows(join(dir, `${table}.arrow`), (row) => typeof row['doc_id'] === 'string' && ids.has(row['doc_id']));
    const byDoc = new Map<string, PlainRow[]>();
    for (const row of rows) {
      const id = String(row['doc_id']);
      const list = byDoc.get(id);
      if (list === undefined) byDoc.set(id, [row]);
      else list.push(row);
    }
    perTable.set(table, byDoc);
  }
  return documents.map((document) => ({
    document,
    tables: new Map(others.map((table) => [table, perTable.get(table)?.get(String(document['doc_id'])) ?? []])),
  }));
}
