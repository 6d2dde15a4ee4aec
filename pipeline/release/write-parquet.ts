/**
 * A Parquet copy of an Arrow IPC file, for the Hugging Face Hub, DuckDB and
 * Spark users. Code columns, dictionary-encoded in the Arrow file, become
 * plain `string` columns here (what those tools expect of a text column);
 * every other column keeps its type, and the Arrow schema metadata (dataset
 * version, pipeline version, digests) becomes Parquet key-value metadata.
 *
 * The conversion is streamed batch by batch through parquet-wasm (the Rust
 * arrow-rs writer compiled to WebAssembly), so the table's size costs no
 * memory beyond a row group. Parquet files carry no timestamp: the same
 * Arrow file gives the same bytes.
 */
import { createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { DataType, Field, makeData, RecordBatch, RecordBatchReader, Schema, Struct, Table, tableToIPC, Utf8, type Data } from 'apache-arrow';
import type * as ParquetWasm from 'parquet-wasm';

const require = createRequire(import.meta.url);

/**
 * A fresh instance of parquet-wasm. Its Rust hash maps are seeded from a
 * counter that advances with every map the instance makes, so the order of
 * the key-value metadata in a file (and so its bytes) would depend on what
 * the instance wrote before. A fresh instance per file gives the same bytes
 * for the same input, and frees the WebAssembly memory of the last file.
 */
function freshParquetWasm(): typeof ParquetWasm {
  const path = require.resolve('parquet-wasm');
  delete require.cache[path];
  return require(path) as typeof ParquetWasm;
}

/** Rows per Parquet row group: large enough for good compression, small enough to keep a group of documents in memory. */
export const ROWS_PER_ROW_GROUP = 65_536;

/** Bytes per Parquet row group (before compression), whichever limit comes first. */
export const BYTES_PER_ROW_GROUP = 128 * 1024 * 1024;

/** The schema with every dictionary-encoded column turned into a plain UTF-8 column. */
function plainSchema(schema: Schema): Schema {
  const fields = schema.fields.map((f) => (DataType.isDictionary(f.type) ? new Field(f.name, new Utf8(), f.nullable, f.metadata) : f));
  return new Schema(fields, schema.metadata);
}

const utf8 = new TextEncoder();

/**
 * A UTF-8 column built by hand: apache-arrow's builders leave a validity
 * bitmap even on a column without nulls, which arrow-rs rejects for a
 * non-nullable field.
 */
function utf8Data(values: readonly (string | null)[]): Data<Utf8> {
  const encoded = values.map((v) => (v === null ? null : utf8.encode(v)));
  const offsets = new Int32Array(values.length + 1);
  let total = 0;
  encoded.forEach((bytes, i) => {
    total += bytes?.length ?? 0;
    offsets[i + 1] = total;
  });
  const data = new Uint8Array(total);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  encoded.forEach((bytes, i) => {
    if (bytes === null) nullCount++;
    else {
      data.set(bytes, offsets[i]!);
      validity[i >> 3]! |= 1 << (i & 7);
    }
  });
  return makeData({ type: new Utf8(), length: values.length, nullCount, nullBitmap: nullCount > 0 ? validity : null, valueOffsets: offsets, data });
}

/** One batch with its dictionary columns decoded to plain strings. */
function plainBatch(batch: RecordBatch, schema: Schema): RecordBatch {
  const children: Data[] = schema.fields.map((_, i) => {
    const column = batch.getChildAt(i)!;
    if (!DataType.isDictionary(batch.schema.fields[i]!.type)) return column.data[0]!;
    return utf8Data([...column] as (string | null)[]);
  });
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: batch.numRows, nullCount: 0, children }));
}

/**
 * Writer settings: ZSTD (read by pyarrow, polars, DuckDB, Spark and the Hub),
 * and the provenance as Parquet key-value metadata too, for readers that
 * ignore the embedded Arrow schema.
 */
function writerProperties(parquet: typeof ParquetWasm, metadata: ReadonlyMap<string, string>): ParquetWasm.WriterProperties {
  return new parquet.WriterPropertiesBuilder()
    .setCompression(parquet.Compression.ZSTD)
    .setKeyValueMetadata(new Map([...metadata].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))
    .setMaxRowGroupSize(ROWS_PER_ROW_GROUP)
    .setMaxRowGroupBytes(BYTES_PER_ROW_GROUP)
    .build();
}

/**
 * Convert one Arrow IPC file to Parquet.
 *
 * @param arrowPath - An Arrow IPC file, as the writer writes it.
 * @param parquetPath - Where to write the Parquet file (replaced if present).
 * @returns The number of rows written.
 * @example
 * await writeParquet('output/sentences.arrow', 'release/sentences.parquet');
 */
export async function writeParquet(arrowPath: string, parquetPath: string): Promise<number> {
  const parquet = freshParquetWasm();
  const handle = await open(arrowPath);
  let rows = 0;
  try {
    const reader = await RecordBatchReader.from(handle);
    await reader.open();
    const schema = plainSchema(reader.schema);
    const batches = reader[Symbol.asyncIterator]();
    // parquet-wasm reports an error raised in the input stream only as "Dyn casting error": keep the real one.
    let failure: unknown;
    // parquet-wasm takes a web stream of its own RecordBatch objects; each Arrow JS batch crosses as IPC bytes.
    const input = new ReadableStream<ParquetWasm.RecordBatch>({
      async pull(controller) {
        try {
          const next = await batches.next();
          if (next.done) {
            controller.close();
            return;
          }
          const batch = plainBatch(next.value, schema);
          rows += batch.numRows;
          const wasmTable = parquet.Table.fromIPCStream(tableToIPC(new Table(schema, [batch]), 'stream'));
          for (const wasmBatch of wasmTable.recordBatches()) controller.enqueue(wasmBatch);
        } catch (error) {
          failure = error;
          throw error;
        }
      },
    });
    try {
      const output = await parquet.transformParquetStream(input, writerProperties(parquet, schema.metadata));
      await (output as ReadableStream<Uint8Array>).pipeTo(Writable.toWeb(createWriteStream(parquetPath)) as WritableStream<Uint8Array>);
    } catch (error) {
      throw new Error(`parquet: cannot convert ${arrowPath}: ${((failure ?? error) as Error).message}`);
    }
  } finally {
    await handle.close();
  }
  return rows;
}
