/**
 * The hot path's CSV encoder (pipeline/output/csv-encode.ts) against its
 * reference, csv-stringify with the pipeline's options: generated rows full
 * of the characters CSV gets wrong (quotes, CR, LF, CRLF, commas, the empty
 * string next to null, astral characters, lone surrogates, very long fields,
 * leading = + - @) and every table of real builds (the seeds, a mixed input
 * with rejections, and the real pages of ../shared/real/raw when present)
 * must give the same bytes both ways. Floats keep a decimal point both ways.
 */
import { ActorTally } from '../../pipeline/output/actors.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import pl from 'nodejs-polars';
import { afterAll, describe, expect, it } from 'vitest';
import { csvField, csvText, encodeCsv, floatText, referenceCsv } from '../../pipeline/output/csv-encode.js';
import { csvHeader, encodeRows } from '../../pipeline/output/encode-rows.js';
import {
  documentRows,
  rejectionRow,
  TABLE_NAMES,
  tableSpec,
  type Cell,
  type Column,
  type Row,
  type TableName,
  type TableSpec,
} from '../../pipeline/output/tables.js';
import { processDocument } from '../../pipeline/index.js';
import { isRejection, readInputs } from '../../pipeline/stages/ingest/ingest.js';
import { clusterStories, SignatureStore, storyColumnsOf } from '../../pipeline/run/stories.js';
import { minhash } from '../../pipeline/text/minhash.js';
import { REPO_ROOT } from '../gold.js';
import { mixedInputs } from '../mixed-inputs.js';
import { scannedRecordEnds } from './csv-record-ends.js';

const REAL_RAW = join(REPO_ROOT, '..', 'shared', 'real', 'raw');
const utf8 = new TextEncoder();

/** The records of some rows, in column order, as csv-stringify takes them. */
function records(spec: TableSpec, rows: readonly Row[]): Cell[][] {
  return rows.map((row) => spec.columns.map((c) => row[c.name] ?? null));
}

/**
 * The CSV bytes of rows both ways: the hot path (encodeRows) and csv-stringify.
 * The record ends the encoder gives with them must be those a scan of its bytes finds.
 */
function bothWays(spec: TableSpec, rows: readonly Row[]): { fast: Buffer; reference: Buffer } {
  const chunk = encodeRows(spec, rows);
  expect(Array.from(chunk.csvRecordEnds)).toEqual(Array.from(scannedRecordEnds(chunk.csv, rows.length)));
  return { fast: Buffer.from(chunk.csv), reference: Buffer.from(utf8.encode(referenceCsv(spec, records(spec, rows)))) };
}

/** Every table's rows of a build of `inDir`, made in this process. */
async function tablesOf(inDir: string): Promise<Record<TableName, Row[]>> {
  const tables = Object.fromEntries(TABLE_NAMES.map((name) => [name, [] as Row[]])) as Record<TableName, Row[]>;
  const store = new SignatureStore();
  for await (const item of readInputs(inDir)) {
    if (isRejection(item)) {
      tables.rejected.push(rejectionRow(item));
      continue;
    }
    const document = processDocument(item);
    const rows = documentRows(document);
    const signature = minhash(document.clean_text);
    store.push(document.doc_id, signature.shingles, signature.signature, 0);
    for (const name of ['documents', 'sentences', 'removed', 'attributions'] as const) tables[name].push(...rows[name]);
  }
  // The story columns, as the build adds them once every document is known (run/stories.ts).
  const stories = clusterStories(store);
  tables.documents = tables.documents.map((row, i) => ({ ...row, ...storyColumnsOf(store, stories, i) }));
  // The actors table, as the build tallies it over every attribution (output/actors.ts).
  const actors = new ActorTally();
  for (const row of tables.attributions) actors.add(row);
  tables.actors = actors.rows();
  return tables;
}

/** A table with a column of every kind, nullable or not. */
const MIXED_SPEC: TableSpec = {
  name: 'documents',
  columns: [
    { name: 'text', kind: 'string', nullable: false, codes: [] },
    { name: 'maybe_text', kind: 'string', nullable: true, codes: [] },
    { name: 'code', kind: 'code', nullable: true, codes: ['none', 'pro', 'anti'] },
    { name: 'count', kind: 'integer', nullable: true, codes: [] },
    { name: 'confidence', kind: 'number', nullable: true, codes: [] },
    { name: 'rules', kind: 'string_list', nullable: false, codes: [] },
    { name: 'indices', kind: 'integer_list', nullable: true, codes: [] },
  ],
};

/** Strings made of the characters CSV gets wrong, plain letters, astral characters and lone surrogates. */
const pieces = fc.constantFrom('a', 'Rusia', ' ', ',', '"', '\r', '\n', '\r\n', 'é', '–', '“', '😀', '\uD800', '\uDC00', '\uD83D');
const shortText = fc.tuple(fc.constantFrom('', '', '', '=', '+', '-', '@'), fc.array(pieces, { maxLength: 40 })).map(([lead, rest]) => lead + rest.join(''));
const awkwardText = fc.oneof(
  { weight: 6, arbitrary: shortText },
  { weight: 2, arbitrary: fc.constantFrom('', ',', '"', '\r', '\n', '\r\n', '""', '=1+2', '+62', '-5', '@user', '\uD83D', '\uDE00', 'a\uD800b', '😀') },
  // Any UTF-16 code units, lone surrogates included.
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  // Very long fields.
  { weight: 1, arbitrary: fc.tuple(shortText, fc.integer({ min: 1000, max: 4000 })).map(([text, n]) => `${text}x`.repeat(n)) },
);

const floats = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, -0, 1, 0.5, 1e21, 1e-7));

const mixedRow = fc.record({
  text: awkwardText,
  maybe_text: fc.option(awkwardText),
  code: fc.option(fc.constantFrom('none', 'pro', 'anti')),
  count: fc.option(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
  confidence: fc.option(floats),
  rules: fc.array(awkwardText, { maxLength: 4 }),
  indices: fc.option(fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 5 })),
}) as fc.Arbitrary<Row>;

/** Every generated list of rows of MIXED_SPEC encodes to csv-stringify's bytes. */
function expectSameBytesForAll(rows: fc.Arbitrary<Row[]>, numRuns: number): void {
  fc.assert(
    fc.property(rows, (generated) => {
      const { fast, reference } = bothWays(MIXED_SPEC, generated);
      expect(fast.equals(reference)).toBe(true);
    }),
    { numRuns },
  );
}

describe('the CSV encoder writes what csv-stringify writes', () => {
  it('for generated rows of every column kind', () => {
    expectSameBytesForAll(fc.array(mixedRow, { maxLength: 30 }), 300);
  });

  it('for lists that repeat (remembered fields) and integers at every digit count', () => {
    const vocabulary = fc.constantFrom('claim.label_model', 'a,b', 'say "x"', '', 'é', '\uD800', '1');
    const repeatingRow = fc.record({
      text: fc.constantFrom('x', 'a,b'),
      maybe_text: fc.constant(null),
      code: fc.constant(null),
      count: fc.option(fc.constantFrom(0, 9, 10, 99, 100, 12_345, 999_999_999, 1e9, 2 ** 31 - 1, -1, -10)),
      confidence: fc.constant(null),
      rules: fc.array(vocabulary, { maxLength: 3 }),
      indices: fc.option(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 })),
    }) as fc.Arbitrary<Row>;
    expectSameBytesForAll(fc.array(repeatingRow, { maxLength: 60 }), 200);
  });

  it('for code columns (their fields made once per column), codes that need quotes and values outside the codes included', () => {
    const spec: TableSpec = { name: 'documents', columns: [{ name: 'code', kind: 'code', nullable: true, codes: ['none', '', 'a,b', 'say "x"', 'é'] }] };
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom('none', '', 'a,b', 'say "x"', 'é', 'not, a code')), { maxLength: 20 }), (codes) => {
        // encodeCsv directly: encodeRows refuses a value outside the codes before writing any CSV.
        const reference = Buffer.from(
          utf8.encode(
            referenceCsv(
              spec,
              codes.map((code) => [code]),
            ),
          ),
        );
        expect(Buffer.from(encodeCsv(spec, [codes], codes.length)).equals(reference)).toBe(true);
        const inCodes = codes.filter((code) => code !== 'not, a code');
        const { fast, reference: viaRows } = bothWays(
          spec,
          inCodes.map((code) => ({ code })),
        );
        expect(fast.equals(viaRows)).toBe(true);
      }),
    );
  });

  it('field by field, for generated text', () => {
    fc.assert(
      fc.property(awkwardText, (text) => {
        const column: Column = MIXED_SPEC.columns[0]!;
        expect(`${csvField(text, column)},,,,,[],\r\n`).toBe(referenceCsv(MIXED_SPEC, [[text, null, null, null, null, [], null]]));
        expect(csvText(text)).toBe(csvField(text, column));
      }),
    );
  });

  it('replaces lone surrogates the same way (U+FFFD) in the bytes', () => {
    const rows: Row[] = [{ text: 'a\uD800b', maybe_text: '\uDC00', code: null, count: null, confidence: null, rules: ['\uD83D'], indices: null }];
    const { fast, reference } = bothWays(MIXED_SPEC, rows);
    expect(fast.equals(reference)).toBe(true);
    expect(fast.toString('utf8')).toBe('a\uFFFDb,\uFFFD,,,,"[""\\ud83d""]",\r\n');
  });

  it('keeps a decimal point on floats, in both encoders, and integers as integers', () => {
    const rows: Row[] = [0, 1, -2, 0.5, 0.9773, -0, 1e21, 1e-7].map((confidence, i) => ({
      text: 'x',
      maybe_text: null,
      code: null,
      count: i,
      confidence,
      rules: [],
      indices: [i],
    }));
    const { fast, reference } = bothWays(MIXED_SPEC, rows);
    expect(fast.equals(reference)).toBe(true);
    const confidences = (parse(fast) as string[][]).map((r) => r[4]);
    expect(confidences).toEqual(['0.0', '1.0', '-2.0', '0.5', '0.9773', '0.0', '1e+21', '1e-7']);
    expect((parse(fast) as string[][]).map((r) => r[3])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect([1, 0.25].map(floatText)).toEqual(['1.0', '0.25']);
  });

  it('a float column whose values are all whole numbers still reads as floats in polars (and integers as integers)', () => {
    const rows: Row[] = [1, 0, 1].map((confidence, i) => ({ text: 'x', maybe_text: null, code: null, count: i, confidence, rules: [], indices: null }));
    const csv = Buffer.concat([Buffer.from(csvHeader(MIXED_SPEC)), Buffer.from(encodeRows(MIXED_SPEC, rows).csv)]);
    const frame = pl.readCSV(csv);
    expect(String(frame.getColumn('confidence').dtype)).toBe('DataType(Float64)');
    expect(String(frame.getColumn('count').dtype)).toBe('DataType(Int64)');
    expect([...frame.getColumn('confidence')]).toEqual([1, 0, 1]);
  });

  it('keeps null and the empty string distinct, and leaves leading = + - @ alone', () => {
    const row: Row = { text: '=SUM(A1)', maybe_text: '', code: 'pro', count: -1, confidence: null, rules: ['', '@x'], indices: [] };
    const nulls: Row = { ...row, text: '-1', maybe_text: null, rules: [] };
    const { fast, reference } = bothWays(MIXED_SPEC, [row, nulls]);
    expect(fast.equals(reference)).toBe(true);
    expect(fast.toString('utf8')).toBe('=SUM(A1),"",pro,-1,,"[\"\"\"\",\"\"@x\"\"]",[]\r\n-1,,pro,-1,,[],[]\r\n');
  });

  it('encodeCsv reads columns, with or without the strings already in UTF-8', () => {
    const spec = MIXED_SPEC;
    const rows: Row[] = [{ text: 'a,b', maybe_text: 'c', code: 'none', count: 3, confidence: 0.25, rules: ['r'], indices: [1, 2] }];
    const columns = spec.columns.map((c) => rows.map((r) => r[c.name]!));
    const expected = referenceCsv(spec, records(spec, rows));
    expect(Buffer.from(encodeCsv(spec, columns, rows.length)).toString('utf8')).toBe(expected);
    // With the string columns' UTF-8 given, as encodeRows gives the Arrow buffers.
    const utf8 = spec.columns.map((c, j) =>
      c.kind === 'string'
        ? { data: Buffer.from(String(columns[j]![0] ?? '')), offsets: Int32Array.of(0, Buffer.byteLength(String(columns[j]![0] ?? ''))) }
        : null,
    );
    expect(Buffer.from(encodeCsv(spec, columns, rows.length, utf8)).toString('utf8')).toBe(expected);
  });

  it('gives the record ends a scan of its bytes finds, past quoted line breaks (the scan refuses a count that does not match)', () => {
    const csv = utf8.encode('a,"b\r\nc"\r\n"d""\n",e\r\n');
    expect(Array.from(scannedRecordEnds(csv, 2))).toEqual([10, csv.length]);
    expect(() => scannedRecordEnds(csv, 3)).toThrow(/3 rows holds 2 CSV records/);
    const spec: TableSpec = { name: 'rejected', columns: [{ name: 'text', kind: 'string', nullable: false } as Column] };
    const ends = new Int32Array(2);
    const bytes = encodeCsv(spec, [['b\r\nc', 'd"\n']], 2, [], ends);
    expect(Array.from(ends)).toEqual(Array.from(scannedRecordEnds(bytes, 2)));
  });
});

describe('every table of real builds, both ways', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'csv-encode-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));
  /** Every table of a build of `inDir` both ways; returns the row counts. */
  const compareTables = async (inDir: string): Promise<Record<TableName, number>> => {
    const tables = await tablesOf(inDir);
    for (const name of TABLE_NAMES) {
      const spec = tableSpec(name);
      const { fast, reference } = bothWays(spec, tables[name]);
      expect(fast.equals(reference), `${name}: the fast encoder and csv-stringify differ`).toBe(true);
    }
    return Object.fromEntries(TABLE_NAMES.map((name) => [name, tables[name].length])) as Record<TableName, number>;
  };

  it('the seeds, with rejected inputs', async () => {
    const counts = await compareTables(mixedInputs(workDir));
    for (const name of TABLE_NAMES) expect(counts[name], name).toBeGreaterThan(0);
  });

  it.skipIf(!existsSync(REAL_RAW))('the real pages of ../shared/real/raw', async () => {
    expect((await compareTables(REAL_RAW)).sentences).toBeGreaterThan(500);
  });
});
