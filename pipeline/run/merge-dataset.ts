/**
 * Merge the parts of a sharded build (`make dataset SHARD=i/N OUT=<parts>/<i>`)
 * into the dataset one run over the whole input would have written, byte for
 * byte, manifest included.
 *
 * Row order: a single run writes rows in input order (files in sorted path
 * order, JSONL lines in line order). Every part keeps that order for its own
 * rows, and every row can be placed in the whole order: `documents` and
 * `rejected` rows by their source_file (the input's position in the
 * manifest's full input list, then the JSONL line number), the rows of
 * `sentences`, `removed` and `attributions` by the document they belong to
 * (they follow their document's order, contiguously, in each part). So the
 * merge is a k-way merge on that key, streamed batch by batch. The values
 * read back from the parts' Arrow files go through the same writer as a
 * single run; the parts' CSV files are not needed.
 *
 * The parts must agree on everything a single run would write once: the
 * provenance (dataset and pipeline version, codebook and input digests) and
 * the full input list, which every part carries in its manifest.
 */
import { ActorTally } from '../output/actors.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordBatchReader, type Data, type RecordBatch, type Vector } from 'apache-arrow';
import { writeManifest, type Manifest, type Provenance } from './build-dataset.js';
import { checkInAndOut } from './in-out-paths.js';
import { compareKeys, type OrderKey, orderKeyOf } from './input-order.js';
import { discardStaging, ensureParent, OutLock, prepareStaging, swapIntoPlace } from './out-dir.js';
import { dateText, tableSpec, timestampText, TABLE_NAMES, type Cell, type Column, type Row, type TableName, type TableSpec } from '../output/tables.js';
import { DatasetWriter, fileDigest } from '../output/write-dataset.js';
import { mergeStories } from './story-build.js';

export interface MergeOptions {
  /** The directory holding one sub-directory per part (each with its manifest.json). */
  readonly inDir: string;
  readonly outDir: string;
}

export interface MergeSummary {
  readonly outDir: string;
  readonly parts: number;
  readonly rows: Record<TableName, number>;
}

/** Rows gathered before they are handed to the writer. */
const ROWS_PER_WRITE = 1024;

const PROVENANCE_KEYS = ['dataset', 'dataset_version', 'pipeline_version', 'codebook_sha256', 'input_digest'] as const satisfies readonly (keyof Provenance)[];

/** One part: its directory and manifest. */
interface Part {
  readonly dir: string;
  readonly manifest: Manifest;
}

/**
 * A part's manifest, read and checked for the fields merging needs.
 * @throws Error naming the manifest's path when it is missing, unreadable, truncated or not a part's
 */
function readPartManifest(dir: string): Manifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new Error(`${dir} has no manifest.json: it is not a finished part (rerun its shard).`);
  let manifest: Partial<Manifest>;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Partial<Manifest>;
  } catch (error) {
    throw new Error(`${path} cannot be read as JSON (${(error as Error).message}): it is damaged or partly copied; copy or rebuild that part.`);
  }
  if (typeof manifest !== 'object' || manifest === null || !Array.isArray(manifest.files) || !Array.isArray(manifest.inputs))
    throw new Error(`${path} is not a part's manifest (no files or inputs list): copy or rebuild that part.`);
  return manifest as Manifest;
}

/** Every part under `inDir`, checked to form one complete, consistent set of shards, in shard order. */
export function readParts(inDir: string): Part[] {
  if (!existsSync(inDir) || !statSync(inDir).isDirectory())
    throw new Error(`Parts directory ${inDir} does not exist: pass IN=<dir> holding the part directories written with SHARD=i/N.`);
  const parts: Part[] = [];
  for (const name of readdirSync(inDir).sort()) {
    const dir = join(inDir, name);
    // Staging directories and previous copies of a part being rebuilt are not parts.
    if (name.includes('.tmp-') || name.endsWith('.previous') || !statSync(dir).isDirectory()) continue;
    parts.push({ dir, manifest: readPartManifest(dir) });
  }
  if (parts.length === 0) throw new Error(`No part directories under ${inDir}: build them with make dataset SHARD=i/N OUT=${inDir}/<i>.`);
  const first = parts[0]!;
  const count = first.manifest.shard?.count;
  for (const part of parts) {
    const shard = part.manifest.shard;
    if (shard === undefined) throw new Error(`${part.dir} is a whole dataset, not a part: parts are built with SHARD=i/N.`);
    if (shard.count !== count)
      throw new Error(`${part.dir} is shard ${shard.index}/${shard.count}, but ${first.dir} is one of ${count}: merge parts of one split only.`);
    for (const key of PROVENANCE_KEYS)
      if (part.manifest[key] !== first.manifest[key])
        throw new Error(`${part.dir} and ${first.dir} differ in ${key}: every part must be built from the same inputs with the same pipeline version.`);
    if (JSON.stringify(part.manifest.inputs) !== JSON.stringify(first.manifest.inputs))
      throw new Error(`${part.dir} and ${first.dir} list different inputs: every part must be built from the same IN.`);
  }
  const byIndex = new Map<number, Part>();
  for (const part of parts) {
    const index = part.manifest.shard!.index;
    const other = byIndex.get(index);
    if (other) throw new Error(`${part.dir} and ${other.dir} both hold shard ${index}/${count}: keep one.`);
    byIndex.set(index, part);
  }
  const missing = Array.from({ length: count! }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new Error(`Shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} missing under ${inDir}: build them before merging.`);
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, part]) => part);
}

/** An Arrow cell as the writer takes it: lists as plain arrays. */
function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return Array.from(value as Iterable<string | number>) as string[] | number[];
}

/** A cell of a timestamp or date column back as the ISO 8601 text rows hold (Arrow gives milliseconds or a Date). */
function typedCell(column: Column, value: unknown): Cell {
  if (value === null || value === undefined || (column.kind !== 'timestamp' && column.kind !== 'date')) return cell(value);
  const ms = value instanceof Date ? value.getTime() : Number(value);
  return column.kind === 'timestamp' ? timestampText(ms) : dateText(Math.round(ms / 86_400_000));
}

const utf8 = new TextDecoder();

/** Strings `from`..`to` of a UTF-8 column: one decode when the bytes are ASCII, else one per string. */
function decodeStrings(bytes: Uint8Array, offsets: Int32Array, from: number, to: number): string[] {
  const out = new Array<string>(to - from);
  const start = offsets[from]!;
  const end = offsets[to]!;
  const whole = utf8.decode(bytes.subarray(start, end));
  if (whole.length === end - start) {
    // Only ASCII decodes to as many UTF-16 units as bytes, so byte offsets are string offsets.
    for (let i = from; i < to; i++) out[i - from] = whole.slice(offsets[i]! - start, offsets[i + 1]! - start);
  } else {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = from; i < to; i++) out[i - from] = buffer.toString('utf8', offsets[i]!, offsets[i + 1]!);
  }
  return out;
}

/** Every value of one column of a record batch, decoded from its buffers (much faster than a get per cell). */
function decodeColumn(column: Column, vector: Vector): Cell[] {
  const data = vector.data[0] as Data | undefined;
  if (vector.data.length !== 1 || data === undefined || data.offset !== 0)
    return Array.from({ length: vector.length }, (_, i) => typedCell(column, vector.get(i)));
  const n = data.length;
  let values: Cell[];
  switch (column.kind) {
    case 'string':
      values = decodeStrings(data.values as Uint8Array, data.valueOffsets as Int32Array, 0, n);
      break;
    case 'integer':
    case 'number':
      values = Array.from(data.values as Int32Array | Float64Array);
      break;
    case 'timestamp':
      values = Array.from(data.values as BigInt64Array, (ms) => timestampText(Number(ms)));
      break;
    case 'date':
      values = Array.from(data.values as Int32Array, dateText);
      break;
    case 'code': {
      const codes = Array.from(data.dictionary!, (code) => code as string);
      values = Array.from(data.values as Int8Array, (index) => codes[index]!);
      break;
    }
    case 'string_list':
    case 'integer_list': {
      const offsets = data.valueOffsets as Int32Array;
      const child = data.children[0]!;
      const items: (string | number)[] =
        column.kind === 'string_list'
          ? decodeStrings(child.values as Uint8Array, child.valueOffsets as Int32Array, offsets[0]!, offsets[n]!)
          : Array.from((child.values as Int32Array).subarray(offsets[0]!, offsets[n]!));
      values = Array.from({ length: n }, (_, i) => items.slice(offsets[i]! - offsets[0]!, offsets[i + 1]! - offsets[0]!) as string[] | number[]);
      break;
    }
  }
  if (data.nullCount > 0) {
    const bitmap = data.nullBitmap as Uint8Array;
    for (let i = 0; i < n; i++) if (((bitmap[i >> 3]! >> (i & 7)) & 1) === 0) values[i] = null;
  }
  return values;
}

/** Reads a part's table row by row, one record batch at a time, with one row of look-ahead. */
class RowCursor {
  private batches: AsyncIterator<RecordBatch> | null = null;
  private columns: Cell[][] = [];
  private length = 0;
  private next = 0;
  private closeFile: (() => Promise<void>) | null = null;
  /** The current row, or null at the end. */
  row: Row | null = null;
  /** The current row's place in input order (set by the merge). */
  key: OrderKey | null = null;

  constructor(
    private readonly path: string,
    private readonly spec: TableSpec,
  ) {}

  async open(): Promise<this> {
    const handle = await open(this.path);
    this.closeFile = () => handle.close();
    const reader = await RecordBatchReader.from(handle);
    this.batches = reader[Symbol.asyncIterator]();
    await this.advance();
    return this;
  }

  /** Move to the next row. */
  async advance(): Promise<void> {
    this.key = null;
    while (this.next >= this.length) {
      const result = await this.batches!.next();
      if (result.done) {
        this.row = null;
        this.columns = [];
        await this.closeFile?.();
        this.closeFile = null;
        return;
      }
      const batch = result.value;
      const names = batch.schema.fields.map((f) => f.name);
      if (names.join() !== this.spec.columns.map((c) => c.name).join())
        throw new Error(`${this.path} has columns ${names.join(', ')}, not the ${this.spec.name} schema's: build every part with this pipeline version.`);
      this.columns = this.spec.columns.map((column, j) => decodeColumn(column, batch.getChildAt(j)!));
      this.length = batch.numRows;
      this.next = 0;
    }
    const i = this.next++;
    const row: Record<string, Cell> = {};
    this.spec.columns.forEach((column, j) => {
      row[column.name] = this.columns[j]![i]!;
    });
    this.row = row;
  }

  async close(): Promise<void> {
    await this.closeFile?.();
  }
}

/** Gathers rows per table and hands them to the writer in groups. */
class BufferedWriter {
  private readonly buffers = Object.fromEntries(TABLE_NAMES.map((t) => [t, [] as Row[]])) as Record<TableName, Row[]>;
  constructor(readonly writer: DatasetWriter) {}
  add(table: TableName, row: Row): void {
    const buffer = this.buffers[table];
    buffer.push(row);
    if (buffer.length >= ROWS_PER_WRITE) this.flush(table);
  }
  flush(table: TableName): void {
    this.writer.add(table, this.buffers[table]);
    this.buffers[table] = [];
  }
  flushAll(): void {
    for (const table of TABLE_NAMES) this.flush(table);
  }
}

/** The part whose current row comes first in input order, or -1 when every cursor is done. */
function earliest(cursors: readonly RowCursor[], key: (row: Row) => OrderKey): number {
  let best = -1;
  let bestKey: OrderKey | null = null;
  cursors.forEach((cursor, i) => {
    if (cursor.row === null) return;
    const k = (cursor.key ??= key(cursor.row));
    if (bestKey === null || compareKeys(k, bestKey) < 0) {
      best = i;
      bestKey = k;
    }
  });
  return best;
}

/** The tables whose rows belong to a document, in the order a single run writes them. */
const DOCUMENT_TABLES = ['sentences', 'removed', 'attributions'] as const;

/**
 * Merge every part under `inDir` into `outDir`, replaced atomically when complete.
 * @throws Error naming the part and the fix when the parts are incomplete, inconsistent or corrupt.
 * @example await mergeDataset({ inDir: 'parts', outDir: 'output' })
 */
export async function mergeDataset(options: MergeOptions): Promise<MergeSummary> {
  const { inDir, outDir } = checkInAndOut(options.inDir, options.outDir);
  const parts = readParts(inDir);
  const manifest = parts[0]!.manifest;
  // A part copied from another machine could be truncated: check every file read against its manifest.
  for (const part of parts) {
    for (const file of part.manifest.files.filter((f) => f.path.endsWith('.arrow'))) {
      const digest = await fileDigest(join(part.dir, file.path));
      if (digest.sha256 !== file.sha256 || digest.bytes !== file.bytes)
        throw new Error(`${join(part.dir, file.path)} does not match its manifest (damaged or partly copied): copy or rebuild that part.`);
    }
  }
  const provenance = Object.fromEntries(PROVENANCE_KEYS.map((k) => [k, manifest[k]])) as unknown as Provenance;
  const keyOf = orderKeyOf(manifest.inputs, 'merge');
  const specs = Object.fromEntries(TABLE_NAMES.map((t) => [t, tableSpec(t)])) as Record<TableName, TableSpec>;

  ensureParent(outDir);
  const lock = OutLock.acquire(outDir);
  let staging: string | null = null;
  const cursors: RowCursor[] = [];
  try {
    staging = prepareStaging(outDir, manifest.dataset);
    const writer = new DatasetWriter(staging, new Map(Object.entries(provenance)));
    const out = new BufferedWriter(writer);
    const openCursors = async (table: TableName): Promise<RowCursor[]> => {
      const opened = await Promise.all(parts.map((part) => new RowCursor(join(part.dir, `${table}.arrow`), specs[table]).open()));
      cursors.push(...opened);
      return opened;
    };

    // Documents, each followed by its sentences, removed pieces and attributions; the actors table recomputed from the attributions.
    const actors = new ActorTally();
    const documents = await openCursors('documents');
    const owned = Object.fromEntries(await Promise.all(DOCUMENT_TABLES.map(async (t) => [t, await openCursors(t)]))) as Record<
      (typeof DOCUMENT_TABLES)[number],
      RowCursor[]
    >;
    const documentKey = (row: Row): OrderKey => keyOf(row['source_file'] as string);
    // Story columns over every part (story-build.ts): a part's own are computed over that part only.
    const stories = mergeStories(parts);
    for (let p = earliest(documents, documentKey); p >= 0; p = earliest(documents, documentKey)) {
      const cursor = documents[p]!;
      const document = cursor.row!;
      out.add('documents', { ...document, ...stories.next(document['doc_id'] as string) });
      for (const table of DOCUMENT_TABLES) {
        const rows = owned[table][p]!;
        while (rows.row !== null && rows.row['doc_id'] === document['doc_id']) {
          out.add(table, rows.row);
          if (table === 'attributions') actors.add(rows.row);
          await rows.advance();
        }
      }
      await cursor.advance();
    }
    for (const table of DOCUMENT_TABLES) {
      owned[table].forEach((rows, p) => {
        if (rows.row !== null)
          throw new Error(`${parts[p]!.dir}/${table}.arrow has rows of document ${rows.row['doc_id']} out of document order: rebuild that part.`);
      });
    }

    // Rejected inputs, by their own source_file.
    const rejected = await openCursors('rejected');
    const rejectedKey = (row: Row): OrderKey => keyOf(row['source_file'] as string);
    for (let p = earliest(rejected, rejectedKey); p >= 0; p = earliest(rejected, rejectedKey)) {
      out.add('rejected', rejected[p]!.row!);
      await rejected[p]!.advance();
    }
    for (const row of actors.rows()) out.add('actors', row);
    out.flushAll();

    const rejectedByReason: Record<string, number> = {};
    for (const part of parts)
      for (const [reason, n] of Object.entries(part.manifest.rejected_by_reason)) rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + n;
    const { rows, files } = writer.close();
    // Every part read every input, so each records the same replacements: the first part's are the run's.
    writeManifest(staging, {
      ...provenance,
      row_counts: rows,
      rejected_by_reason: rejectedByReason,
      files,
      inputs: manifest.inputs,
      ...(manifest.decoding_replacements ? { decoding_replacements: manifest.decoding_replacements } : {}),
    });
    swapIntoPlace(staging, outDir);
    return { outDir, parts: parts.length, rows };
  } catch (error) {
    if (staging !== null) discardStaging(staging);
    throw error;
  } finally {
    await Promise.all(cursors.map((c) => c.close()));
    lock.release();
  }
}
