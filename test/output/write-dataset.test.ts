/**
 * The written dataset: every row matches its JSON Schema, the Arrow schema
 * agrees with the JSON Schema, Arrow and CSV hold the same rows, an
 * independent reader (nodejs-polars) reads the Arrow files, and the manifest
 * tells the truth about the files.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { tableFromIPC, type Table } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../pipeline/run/build-dataset.js';
import { floatText } from '../../pipeline/output/csv-encode.js';
import { dateText, loadTableSchema, tableSpec, timestampText, TABLE_NAMES, type TableName } from '../../pipeline/output/tables.js';
import { fileDigest } from '../../pipeline/output/write-dataset.js';
import { codePointSlice, SEEDS_DIR } from '../gold.js';

let outDir: string;
let workDir: string;
const arrowTables = {} as Record<TableName, Table>;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'write-dataset-'));
  outDir = join(workDir, 'out');
  await buildDataset({ inDir: SEEDS_DIR, outDir });
  for (const name of TABLE_NAMES) arrowTables[name] = tableFromIPC(readFileSync(join(outDir, `${name}.arrow`)));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A cell as CSV text: lists as JSON, null as empty, floats with a decimal point (floatText). */
function asCsvText(value: unknown, kind: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify([...(value as Iterable<unknown>)]);
  if (kind === 'number') return floatText(value as number);
  return String(value);
}

function arrowRows(name: TableName): Record<string, unknown>[] {
  const kinds = new Map(tableSpec(name).columns.map((c) => [c.name, c.kind]));
  return arrowTables[name].toArray().map((row) => {
    const plain = row.toJSON() as Record<string, unknown>;
    for (const [key, value] of Object.entries(plain)) {
      // Typed dates come back as milliseconds (or a Date): written out as the ISO 8601 text the CSV holds.
      const kind = kinds.get(key);
      if (value !== null && (kind === 'timestamp' || kind === 'date')) {
        const ms = value instanceof Date ? value.getTime() : Number(value);
        plain[key] = kind === 'timestamp' ? timestampText(ms) : dateText(Math.round(ms / 86_400_000));
      } else if (value !== null && typeof value === 'object') plain[key] = [...(value as Iterable<unknown>)];
    }
    return plain;
  });
}

function csvRows(name: TableName): string[][] {
  return parse(readFileSync(join(outDir, `${name}.csv`)), { bom: false, relax_column_count: false }) as string[][];
}

describe('the seeds build into five tables', () => {
  it('has one document per seed and rows in every content table', () => {
    expect(arrowTables.documents.numRows).toBe(5);
    expect(arrowTables.sentences.numRows).toBeGreaterThan(50);
    expect(arrowTables.removed.numRows).toBeGreaterThan(10);
    expect(arrowTables.rejected.numRows).toBe(0);
  });

  it.each(TABLE_NAMES)('every %s row validates against its JSON Schema', (name) => {
    // The two formats the schemas use, as the rows write them (ISO 8601 UTC ending in Z; YYYY-MM-DD).
    const formats = { 'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, date: /^\d{4}-\d{2}-\d{2}$/ };
    const ajv = new Ajv2020({ strict: true, allErrors: true, formats });
    const validate = ajv.compile(loadTableSchema(name) as object);
    for (const row of arrowRows(name)) {
      const ok = validate(row);
      expect(ok, `${name}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(row).slice(0, 300)}`).toBe(true);
    }
  });

  it.each(TABLE_NAMES)('every %s column is described in the data dictionary', (name) => {
    for (const [column, schema] of Object.entries(loadTableSchema(name).properties)) {
      expect(schema.description.length, `${name}.${column}`).toBeGreaterThan(20);
    }
  });

  it.each(TABLE_NAMES)('the Arrow schema of %s agrees with its JSON Schema', (name) => {
    const spec = tableSpec(name);
    const fields = arrowTables[name].schema.fields;
    expect(fields.map((f) => f.name)).toEqual(spec.columns.map((c) => c.name));
    spec.columns.forEach((column, i) => {
      const field = fields[i]!;
      expect(field.nullable, column.name).toBe(column.nullable);
      const expected = {
        string: 'Utf8',
        integer: 'Int32',
        number: 'Float64',
        code: 'Dictionary<Int8, Utf8>',
        string_list: 'List<Utf8>',
        integer_list: 'List<Int32>',
        timestamp: 'Timestamp<MILLISECOND, UTC>',
        date: 'Date32<DAY>',
      }[column.kind];
      expect(String(field.type), column.name).toBe(expected);
    });
  });

  it.each(TABLE_NAMES)('%s: the Arrow and CSV files hold the same rows', (name) => {
    const [header, ...rows] = csvRows(name);
    const spec = tableSpec(name);
    expect(header).toEqual(spec.columns.map((c) => c.name));
    const fromArrow = arrowRows(name).map((row) => spec.columns.map((c) => asCsvText(row[c.name], c.kind)));
    expect(rows).toEqual(fromArrow);
  });

  it('CSV is RFC 4180: CRLF record ends, UTF-8 without BOM', () => {
    const bytes = readFileSync(join(outDir, 'documents.csv'));
    expect(bytes.subarray(0, 3).toString('hex')).not.toBe('efbbbf');
    expect(bytes.toString('utf8').split('\r\n')[0]).toBe(
      tableSpec('documents')
        .columns.map((c) => c.name)
        .join(','),
    );
  });

  it.each(TABLE_NAMES)('nodejs-polars reads %s.arrow with the same rows and columns', (name) => {
    // Read from bytes: nodejs-polars' path reader rejects valid files (InvalidFooter) that pyarrow and Python polars read.
    const frame = pl.readIPC(readFileSync(join(outDir, `${name}.arrow`)));
    expect(frame.height).toBe(arrowTables[name].numRows);
    expect(frame.columns).toEqual(tableSpec(name).columns.map((c) => c.name));
  });

  it('sentence offsets point at the sentence text in clean_text, and raw offsets into raw_text', () => {
    const docs = new Map(arrowRows('documents').map((d) => [d['doc_id'] as string, d]));
    for (const s of arrowRows('sentences')) {
      const doc = docs.get(s['doc_id'] as string)!;
      expect(codePointSlice(doc['clean_text'] as string, s['char_start'] as number, s['char_end'] as number)).toBe(s['text']);
      const rawSlice = codePointSlice(doc['raw_text'] as string, s['raw_start'] as number, s['raw_end'] as number);
      expect(rawSlice.replace(/\s+/gu, ' ')).toBe((s['text'] as string).replace(/\s+/gu, ' '));
    }
    for (const r of arrowRows('removed')) {
      const doc = docs.get(r['doc_id'] as string)!;
      expect(codePointSlice(doc['raw_text'] as string, r['raw_start'] as number, r['raw_end'] as number)).toBe(r['text']);
    }
  });

  it('the manifest records row counts and the SHA-256 of every output and input', async () => {
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
    expect(manifest.dataset_version).toMatch(/^\d+\.\d+\.\d+/);
    expect(manifest.inputs).toHaveLength(5);
    for (const file of manifest.files) {
      expect(await fileDigest(join(outDir, file.path))).toEqual({ sha256: file.sha256, bytes: file.bytes });
    }
    for (const input of manifest.inputs) {
      expect((await fileDigest(join(SEEDS_DIR, input.path))).sha256).toBe(input.sha256);
    }
    expect(manifest.row_counts.documents).toBe(5);
    expect(arrowTables.documents.schema.metadata.get('input_digest')).toBe(manifest.input_digest);
  });
});
