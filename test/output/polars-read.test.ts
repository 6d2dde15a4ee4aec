/**
 * The tables load where researchers work: nodejs-polars (the Rust polars
 * engine, an Arrow reader independent of apache-arrow JS) reads every Arrow
 * file and every CSV file of a build, the two give the same rows, and the
 * types are right: integers as integers, codes as categoricals (Arrow) or
 * strings (CSV), lists as lists.
 *
 * The input mixes the seeds with a JSONL file and inputs that are rejected
 * (test/mixed-inputs.ts), so that every table has rows, nulls and non-nulls.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../pipeline/run/build-dataset.js';
import { tableSpec, TABLE_NAMES, type Column, type TableName } from '../../pipeline/output/tables.js';
import { MIXED_REJECTIONS, mixedInputs } from '../mixed-inputs.js';

let workDir: string;
let outDir: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'polars-read-'));
  outDir = join(workDir, 'out');
  await buildDataset({ inDir: mixedInputs(workDir), outDir });
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Rows polars looks at to infer CSV types: every row of these small tables (null means none in nodejs-polars). */
const INFER_ROWS = 10_000;

// nodejs-polars 0.26 fails on a file path ("out-of-spec: InvalidFooter") but reads the same bytes from a buffer.
const readArrow = (name: TableName): pl.DataFrame => pl.readIPC(readFileSync(join(outDir, `${name}.arrow`)));
const readCsv = (name: TableName): pl.DataFrame => pl.readCSV(readFileSync(join(outDir, `${name}.csv`)), { inferSchemaLength: INFER_ROWS });

/** What polars must report for a column read from Arrow, and from CSV with type inference. */
const EXPECTED_DTYPES: Record<Column['kind'], { arrow: pl.DataType; csv: pl.DataType }> = {
  string: { arrow: pl.String, csv: pl.String },
  integer: { arrow: pl.Int32, csv: pl.Int64 },
  number: { arrow: pl.Float64, csv: pl.Float64 },
  code: { arrow: pl.Categorical, csv: pl.String },
  // CSV holds lists as JSON arrays: text until decoded.
  string_list: { arrow: pl.List(pl.String), csv: pl.String },
  integer_list: { arrow: pl.List(pl.Int32), csv: pl.String },
  // CSV holds ISO 8601 text: a reader parses it (README, "Reading the tables"); Arrow carries the type.
  timestamp: { arrow: pl.Datetime('ms', 'UTC'), csv: pl.String },
  date: { arrow: pl.Date, csv: pl.String },
};

/** The CSV frame with its list columns decoded from JSON, in the Arrow file's types. */
function decodedCsv(name: TableName): pl.DataFrame {
  const columns = tableSpec(name).columns;
  return readCsv(name).select(
    ...columns.map((column) => {
      const expr = pl.col(column.name);
      switch (column.kind) {
        case 'string_list':
          return expr.str.jsonDecode(pl.List(pl.String)).alias(column.name);
        case 'integer_list':
          return expr.str.jsonDecode(pl.List(pl.Int64)).cast(pl.List(pl.Int32)).alias(column.name);
        case 'integer':
          return expr.cast(pl.Int32, true).alias(column.name);
        case 'timestamp':
          return expr.str.strptime(pl.Datetime, '%Y-%m-%dT%H:%M:%SZ').cast(pl.Datetime('ms', 'UTC')).alias(column.name);
        case 'date':
          return expr.str.strptime(pl.Date, '%Y-%m-%d').alias(column.name);
        case 'code':
        case 'string':
          // An empty CSV field is null; a column that is never null holds "" there.
          return column.nullable ? expr : expr.fillNull(pl.lit('')).alias(column.name);
        default:
          return expr;
      }
    }),
  );
}

describe('nodejs-polars reads every table from Arrow and from CSV', () => {
  it('the build has rows in every table, rejected ones included', () => {
    for (const name of TABLE_NAMES) expect(readArrow(name).height, name).toBeGreaterThan(0);
    expect(readArrow('rejected').getColumn('reason').cast(pl.String).toArray().sort()).toEqual([...MIXED_REJECTIONS]);
  });

  it.each(TABLE_NAMES)('%s.arrow: columns in schema order, with the right types', (name) => {
    const frame = readArrow(name);
    const columns = tableSpec(name).columns;
    expect(frame.columns).toEqual(columns.map((c) => c.name));
    for (const column of columns) {
      expect(String(frame.getColumn(column.name).dtype), `${name}.${column.name}`).toBe(String(EXPECTED_DTYPES[column.kind].arrow));
    }
  });

  it.each(TABLE_NAMES)('%s.csv: columns in schema order, types inferred right', (name) => {
    const frame = readCsv(name);
    const columns = tableSpec(name).columns;
    expect(frame.columns).toEqual(columns.map((c) => c.name));
    for (const column of columns) {
      const dtype = String(frame.getColumn(column.name).dtype);
      // A column that is null in every row has nothing to infer from.
      if (frame.getColumn(column.name).nullCount() === frame.height) continue;
      expect(dtype, `${name}.${column.name}`).toBe(String(EXPECTED_DTYPES[column.kind].csv));
    }
  });

  it.each(TABLE_NAMES)('%s: Arrow and CSV give the same rows', (name) => {
    const fromArrow = readArrow(name).select(...tableSpec(name).columns.map((c) => (c.kind === 'code' ? pl.col(c.name).cast(pl.String) : pl.col(c.name))));
    const fromCsv = decodedCsv(name);
    expect(fromCsv.height).toBe(fromArrow.height);
    expect(fromCsv.toRecords()).toEqual(fromArrow.toRecords());
  });

  it('code columns hold only the codes of the schema', () => {
    for (const name of TABLE_NAMES) {
      const frame = readArrow(name);
      for (const column of tableSpec(name).columns.filter((c) => c.kind === 'code')) {
        const values = frame.getColumn(column.name).cast(pl.String).dropNulls().unique().toArray() as string[];
        for (const value of values) expect(column.codes, `${name}.${column.name}`).toContain(value);
      }
    }
  });
});
