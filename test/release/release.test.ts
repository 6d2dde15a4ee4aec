/**
 * `make release`: the release holds every file the issue lists, two releases
 * of the same version give the same archive bytes, the archive is
 * deterministic (sorted entries, fixed mtime and owner, gzip without a
 * timestamp), SHA256SUMS, datapackage.json and croissant.json tell the truth
 * about the files, the data card's numbers match the tables, the Parquet
 * copies hold the Arrow rows with plain string columns, and releasing a
 * version again with other content fails.
 *
 * The seeds are built once; the first release packages that build, the
 * second builds again from scratch.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import pl from 'nodejs-polars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../pipeline/run/build-dataset.js';
import { deterministicTarGz } from '../../pipeline/release/deterministic-tar-gz.js';
import { makeRelease, markdownSection, ReleaseConflictError, type ReleaseResult } from '../../pipeline/release/make-release.js';
import { parseChangelog, releaseInfo } from '../../pipeline/release/release-info.js';
import { parseSha256Sums } from '../../pipeline/release/sha256-sums.js';
import { tableSpec, TABLE_NAMES, type TableName } from '../../pipeline/output/tables.js';
import { fileDigest } from '../../pipeline/output/write-dataset.js';
import FITTED from '../../pipeline/stages/label/rules/fitted-label-model.json' with { type: 'json' };
import { GOLD_DIR, REPO_ROOT, SEEDS_DIR } from '../gold.js';

let workDir: string;
let datasetDir: string;
let first: ReleaseResult;
let second: ReleaseResult;

/** Release options for the seeds, into `releaseDir`, with no SOURCE_DATE_EPOCH unless given. */
function options(releaseDir: string, extra: { datasetDir?: string; env?: Record<string, string> } = {}) {
  return {
    root: REPO_ROOT,
    inDir: SEEDS_DIR,
    releaseDir,
    goldDir: GOLD_DIR,
    goldInDir: SEEDS_DIR,
    env: extra.env ?? {},
    ...(extra.datasetDir ? { datasetDir: extra.datasetDir } : {}),
  };
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'release-'));
  datasetDir = join(workDir, 'dataset');
  await buildDataset({ inDir: SEEDS_DIR, outDir: datasetDir });
  first = await makeRelease(options(join(workDir, 'r1'), { datasetDir }));
  second = await makeRelease(options(join(workDir, 'r2')));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const read = (path: string): string => readFileSync(join(first.dir, path), 'utf8');

/** One entry of a tar archive, as its ustar header says. */
interface TarEntry {
  readonly path: string;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly uname: string;
  readonly gname: string;
  readonly mtime: number;
  readonly type: string;
  readonly content: Buffer;
}

/** Parse an uncompressed ustar archive. */
function untar(tar: Buffer): TarEntry[] {
  const text = (offset: number, length: number): string =>
    tar
      .subarray(offset, offset + length)
      .toString('utf8')
      .replace(/\0.*$/s, '');
  const octal = (offset: number, length: number): number => parseInt(text(offset, length).trim() || '0', 8);
  const entries: TarEntry[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    if (tar.subarray(at, at + 512).every((b) => b === 0)) break;
    const name = text(at, 100);
    const prefix = text(at + 345, 155);
    const size = octal(at + 124, 12);
    entries.push({
      path: prefix === '' ? name : `${prefix}/${name}`,
      mode: octal(at + 100, 8),
      uid: octal(at + 108, 8),
      gid: octal(at + 116, 8),
      mtime: octal(at + 136, 12),
      type: text(at + 156, 1),
      uname: text(at + 265, 32),
      gname: text(at + 297, 32),
      content: tar.subarray(at + 512, at + 512 + size),
    });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

describe('make release', () => {
  it('writes <name>-<version>/ and <name>-<version>.tar.gz under the release directory', () => {
    expect(first.info.id).toBe(`${first.info.name}-${first.info.version}`);
    expect(first.dir).toBe(join(workDir, 'r1', first.info.id));
    expect(first.archive).toBe(join(workDir, 'r1', `${first.info.id}.tar.gz`));
    expect(first.status).toBe('created');
    expect(readdirSync(join(workDir, 'r1')).sort()).toEqual([first.info.id, `${first.info.id}.tar.gz`]);
  });

  it('holds the tables in three formats, the schemas, the manifest and every descriptive file', () => {
    const expected = [
      ...TABLE_NAMES.flatMap((t) => [`${t}.arrow`, `${t}.csv`, `${t}.parquet`, `schemas/${t}.schema.json`]),
      'manifest.json',
      'SHA256SUMS',
      'CITATION.cff',
      'datapackage.json',
      'croissant.json',
      'DATACARD.md',
      'CODEBOOK.md',
      'CHANGELOG.md',
      'eval.json',
      'explore.ipynb',
      'charts/relation_signal.svg',
    ];
    for (const file of expected) expect(first.files).toContain(file);
  });

  it('two releases of the same version, one built from scratch, give the same archive bytes', () => {
    expect(second.archiveSha256).toBe(first.archiveSha256);
    expect(readFileSync(second.archive).equals(readFileSync(first.archive))).toBe(true);
  });

  it('the archive is deterministic: sorted entries, fixed mtime, owner 0 with no names, gzip without time or name', () => {
    const gz = readFileSync(first.archive);
    expect([...gz.subarray(0, 3)]).toEqual([0x1f, 0x8b, 8]);
    expect(gz[3], 'no FNAME/FCOMMENT/FEXTRA flags').toBe(0);
    expect(gz.readUInt32LE(4), 'gzip MTIME').toBe(0);
    const entries = untar(gunzipSync(gz));
    const paths = entries.map((e) => e.path);
    expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(paths[0]).toBe(`${first.info.id}/`);
    for (const entry of entries) {
      expect(entry.mtime, entry.path).toBe(first.info.epoch);
      expect([entry.uid, entry.gid, entry.uname, entry.gname], entry.path).toEqual([0, 0, '', '']);
      expect(entry.mode, entry.path).toBe(entry.type === '5' ? 0o755 : 0o644);
    }
    const files = entries.filter((e) => e.type === '0');
    expect(files.map((e) => e.path.slice(first.info.id.length + 1))).toEqual(first.files);
    for (const entry of files) expect(entry.content.equals(readFileSync(join(first.dir, entry.path.slice(first.info.id.length + 1)))), entry.path).toBe(true);
  });

  it('SHA256SUMS lists every other file with its SHA-256', async () => {
    const sums = parseSha256Sums(read('SHA256SUMS'));
    expect([...sums.keys()]).toEqual(first.files.filter((f) => f !== 'SHA256SUMS'));
    for (const [path, sha256] of sums) expect((await fileDigest(join(first.dir, path))).sha256, path).toBe(sha256);
  });

  it('the tables and manifest are the build’s, byte for byte', () => {
    for (const table of TABLE_NAMES) {
      for (const ext of ['arrow', 'csv']) {
        expect(readFileSync(join(first.dir, `${table}.${ext}`)).equals(readFileSync(join(datasetDir, `${table}.${ext}`))), `${table}.${ext}`).toBe(true);
      }
    }
    expect(read('manifest.json')).toBe(readFileSync(join(datasetDir, 'manifest.json'), 'utf8'));
  });

  it('CITATION.cff is CFF 1.2.0 with the version and the CHANGELOG date', () => {
    const cff = read('CITATION.cff');
    const changelog = parseChangelog(readFileSync(join(REPO_ROOT, 'CHANGELOG.md'), 'utf8')).find((e) => e.version === first.info.version);
    expect(cff).toMatch(/^cff-version: 1\.2\.0$/m);
    expect(cff).toMatch(/^type: dataset$/m);
    expect(cff).toContain(`version: "${first.info.version}"`);
    expect(cff).toContain(`date-released: "${changelog?.date}"`);
    expect(cff).toMatch(/^message: ".+"$/m);
    expect(cff).toMatch(/^title: ".+"$/m);
    expect(cff).toMatch(/^authors:\n {2}- name: ".+"$/m);
    const manifest = JSON.parse(read('manifest.json')) as { pipeline_version: string };
    if (manifest.pipeline_version !== 'unknown') expect(cff).toContain(`commit: "${manifest.pipeline_version}"`);
  });

  it('the notebook ships unexecuted, as committed', () => {
    expect(read('explore.ipynb')).toBe(readFileSync(join(REPO_ROOT, 'notebooks/explore.ipynb'), 'utf8'));
    const notebook = JSON.parse(read('explore.ipynb')) as { nbformat: number; cells: { cell_type: string; outputs?: unknown[]; execution_count?: unknown }[] };
    expect(notebook.nbformat).toBe(4);
    for (const cell of notebook.cells.filter((c) => c.cell_type === 'code')) {
      expect(cell.outputs).toEqual([]);
      expect(cell.execution_count).toBeNull();
    }
  });
});

describe('datapackage.json (Frictionless) describes each CSV truthfully', () => {
  interface Field {
    name: string;
    type: string;
    constraints?: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number };
  }
  interface Resource {
    name: string;
    path: string;
    profile: string;
    bytes: number;
    hash: string;
    schema?: { fields: Field[]; primaryKey: string[]; foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] };
  }
  const pkg = (): { name: string; version: string; resources: Resource[] } => JSON.parse(read('datapackage.json'));
  const csvRows = (table: string): Record<string, string>[] =>
    parse(readFileSync(join(first.dir, `${table}.csv`)), { columns: true }) as Record<string, string>[];

  it('names the release and lists every table file with its size and SHA-256', async () => {
    const descriptor = pkg();
    expect(descriptor.name).toBe(first.info.name);
    expect(descriptor.version).toBe(first.info.version);
    expect(descriptor.resources.map((r) => r.path).sort()).toEqual(TABLE_NAMES.flatMap((t) => [`${t}.arrow`, `${t}.csv`, `${t}.parquet`]).sort());
    for (const resource of descriptor.resources) {
      const digest = await fileDigest(join(first.dir, resource.path));
      expect([resource.bytes, resource.hash], resource.path).toEqual([digest.bytes, `sha256:${digest.sha256}`]);
    }
  });

  it.each(TABLE_NAMES)('%s.csv: header, types, required fields and code lists match its Table Schema', (table) => {
    const resource = pkg().resources.find((r) => r.path === `${table}.csv`)!;
    expect(resource.profile).toBe('tabular-data-resource');
    const fields = resource.schema!.fields;
    const header = (parse(readFileSync(join(first.dir, `${table}.csv`)), { to_line: 1 }) as string[][])[0];
    expect(fields.map((f) => f.name)).toEqual(header);
    expect(fields.map((f) => f.name)).toEqual(tableSpec(table).columns.map((c) => c.name));
    for (const row of csvRows(table)) {
      for (const field of fields) {
        const value = row[field.name]!;
        if (value === '') {
          expect(field.constraints?.required ?? false, `${table}.${field.name} is required but empty`).toBe(false);
          continue;
        }
        if (field.type === 'integer') expect(value, `${table}.${field.name}`).toMatch(/^-?\d+$/);
        if (field.type === 'number') expect(Number.isFinite(Number(value)), `${table}.${field.name}`).toBe(true);
        if (field.type === 'array') expect(Array.isArray(JSON.parse(value)), `${table}.${field.name}`).toBe(true);
        if (field.constraints?.enum) expect(field.constraints.enum, `${table}.${field.name}`).toContain(value);
        if (field.constraints?.pattern) expect(value, `${table}.${field.name}`).toMatch(new RegExp(field.constraints.pattern));
        if (field.constraints?.minimum !== undefined) expect(Number(value)).toBeGreaterThanOrEqual(field.constraints.minimum);
      }
    }
  });

  it.each(TABLE_NAMES)('%s.csv: the primary key is unique and the foreign keys resolve', (table) => {
    const schema = pkg().resources.find((r) => r.path === `${table}.csv`)!.schema!;
    const keys = csvRows(table).map((row) => JSON.stringify(schema.primaryKey.map((f) => row[f])));
    expect(new Set(keys).size).toBe(keys.length);
    for (const fk of schema.foreignKeys ?? []) {
      const targets = new Set(csvRows(fk.reference.resource).map((row) => JSON.stringify(fk.reference.fields.map((f) => row[f]))));
      for (const row of csvRows(table)) {
        const values = fk.fields.map((f) => row[f]);
        if (values.every((v) => v === '')) continue;
        expect(targets.has(JSON.stringify(values)), `${table}.${fk.fields.join(',')} = ${values.join(',')}`).toBe(true);
      }
    }
  });
});

describe('croissant.json (MLCommons Croissant 1.0)', () => {
  interface CroissantField {
    '@id': string;
    name: string;
    dataType: string;
    repeated?: boolean;
    references?: { field: { '@id': string } };
    source: { fileObject: { '@id': string }; extract: { column: string } };
  }
  const doc = (): {
    '@context': Record<string, unknown>;
    conformsTo: string;
    name: string;
    version: string;
    license: string;
    citeAs: string;
    distribution: { '@type': string; '@id': string; contentUrl: string; contentSize: string; sha256: string; encodingFormat: string }[];
    recordSet: { '@id': string; key: { '@id': string }[]; field: CroissantField[] }[];
  } => JSON.parse(read('croissant.json'));

  it('declares Croissant 1.0 and the dataset’s name, version, licence and citation', () => {
    const c = doc();
    expect(c.conformsTo).toBe('http://mlcommons.org/croissant/1.0');
    expect(c['@context']['cr']).toBe('http://mlcommons.org/croissant/');
    expect([c.name, c.version]).toEqual([first.info.name, first.info.version]);
    expect(c.license).toContain(first.info.license);
    expect(c.citeAs).toMatch(/^@misc\{/);
  });

  it('each FileObject has the right size and SHA-256', async () => {
    for (const file of doc().distribution) {
      expect(file['@type']).toBe('cr:FileObject');
      const digest = await fileDigest(join(first.dir, file.contentUrl));
      expect([file.contentSize, file.sha256], file.contentUrl).toEqual([`${digest.bytes} B`, digest.sha256]);
    }
  });

  it('each RecordSet has one field per Parquet column; keys, references and sources resolve', () => {
    const c = doc();
    const fileIds = new Set(c.distribution.map((f) => f['@id']));
    const fieldIds = new Set(c.recordSet.flatMap((r) => r.field.map((f) => f['@id'])));
    expect(c.recordSet.map((r) => r['@id'])).toEqual([...TABLE_NAMES]);
    for (const recordSet of c.recordSet) {
      const columns = pl.readParquet(readFileSync(join(first.dir, `${recordSet['@id']}.parquet`))).columns;
      expect(recordSet.field.map((f) => f.source.extract.column)).toEqual(columns);
      for (const key of recordSet.key) expect(fieldIds.has(key['@id']), key['@id']).toBe(true);
      for (const field of recordSet.field) {
        expect(fileIds.has(field.source.fileObject['@id'])).toBe(true);
        expect(['sc:Text', 'sc:Integer', 'sc:Float', 'sc:DateTime', 'sc:Date']).toContain(field.dataType);
        if (field.references) expect(fieldIds.has(field.references.field['@id']), field.references.field['@id']).toBe(true);
      }
    }
    const rules = c.recordSet.find((r) => r['@id'] === 'sentences')!.field.find((f) => f.name === 'relation_signal_rules')!;
    expect(rules.repeated).toBe(true);
  });
});

describe('the Parquet copies hold the Arrow rows, with plain string columns', () => {
  const expectedDtype = {
    string: pl.String,
    integer: pl.Int32,
    number: pl.Float64,
    code: pl.String,
    string_list: pl.List(pl.String),
    integer_list: pl.List(pl.Int32),
    timestamp: pl.Datetime('ms', 'UTC'),
    date: pl.Date,
  };

  it.each(TABLE_NAMES)('%s.parquet', (table) => {
    const parquet = pl.readParquet(readFileSync(join(first.dir, `${table}.parquet`)));
    const arrow = pl.readIPC(readFileSync(join(first.dir, `${table}.arrow`)));
    const columns = tableSpec(table).columns;
    expect(parquet.columns).toEqual(columns.map((c) => c.name));
    for (const column of columns) expect(String(parquet.getColumn(column.name).dtype), `${table}.${column.name}`).toBe(String(expectedDtype[column.kind]));
    const plain = arrow.select(...columns.map((c) => (c.kind === 'code' ? pl.col(c.name).cast(pl.String) : pl.col(c.name))));
    expect(parquet.toRecords()).toEqual(plain.toRecords());
  });
});

describe('the data card', () => {
  const card = (): string => read('DATACARD.md');
  const frame = (table: TableName): pl.DataFrame => pl.readCSV(readFileSync(join(first.dir, `${table}.csv`)), { inferSchemaLength: 10_000 });
  /** Value → count of a column, from the CSV (an independent reading of the tables). */
  const countsOf = (table: TableName, column: string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const value of frame(table).getColumn(column).toArray() as (string | null)[]) counts.set(value ?? '(none)', (counts.get(value ?? '(none)') ?? 0) + 1);
    return counts;
  };

  it('has the sections of a datasheet', () => {
    for (const heading of [
      'Motivation',
      'Composition',
      'Collection and cleaning',
      'Labelling and its measured quality',
      'Uses',
      'Known limits',
      'Distribution and licence',
      'Maintenance',
      'How to cite',
    ]) {
      expect(card()).toMatch(new RegExp(`^## \\d+\\. ${heading}$`, 'm'));
    }
  });

  it("gives the real-page figures of the fit's nested cross-validation", () => {
    const nested = (FITTED as unknown as { nested_cross_validated: Record<string, Record<string, number>> }).nested_cross_validated;
    const real = (task: string): string => {
      const [, value] = Object.entries(nested[task] ?? {}).find(([set]) => set !== 'test/fixtures/gold') as [string, number];
      return value.toFixed(2);
    };
    expect(card()).toContain(
      `F_avg Russia ${real('stance_russia')}, West ${real('stance_west')}, relation ${real('relation_signal')}, claim ${real('claim_class')}`,
    );
    expect(card()).toContain('nested cross-validation');
  });

  it('counts rows per table as the tables do', () => {
    for (const table of TABLE_NAMES) expect(card()).toContain(`| ${table} | ${frame(table).height} |`);
  });

  it('counts documents and sentences per language and per outlet as the tables do', () => {
    const sentencesPerDoc = countsOf('sentences', 'doc_id');
    const documents = frame('documents').toRecords() as { doc_id: string; outlet: string | null; language: string }[];
    for (const [language, n] of countsOf('documents', 'language')) {
      expect(card()).toContain(`| ${language} | ${n} | ${countsOf('sentences', 'language').get(language) ?? 0} |`);
    }
    for (const [outlet, n] of countsOf('documents', 'outlet')) {
      const sentences = documents.filter((d) => (d.outlet ?? '(none)') === outlet).reduce((sum, d) => sum + (sentencesPerDoc.get(d.doc_id) ?? 0), 0);
      expect(card()).toContain(`| ${outlet} | ${n} | ${sentences} |`);
    }
  });

  it.each(['stance_russia', 'stance_west', 'relation_signal', 'claim_class'])('counts sentences per %s label as the table does, with its chart', (label) => {
    const counts = countsOf('sentences', label);
    const total = frame('sentences').height;
    for (const code of tableSpec('sentences').columns.find((c) => c.name === label)!.codes) {
      const n = counts.get(code) ?? 0;
      expect(card()).toContain(`| ${code} | ${n} | ${((100 * n) / total).toFixed(1)}% |`);
    }
    expect(card()).toContain(`![${label}: sentences per label](charts/${label}.svg)`);
    const svg = read(`charts/${label}.svg`);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const code of counts.keys()) expect(svg).toContain(`>${code}</text>`);
  });

  it('counts removed boilerplate and rejected inputs by reason as the tables do', () => {
    for (const [reason, n] of countsOf('removed', 'reason')) expect(card()).toMatch(new RegExp(`^\\| ${reason} \\| ${n} \\| \\d+ \\|$`, 'm'));
    const rejected = frame('rejected').height;
    expect(card()).toContain(`**Rejected inputs**: ${rejected}.`);
  });

  it('reports the scores of eval.json, and every chart it shows exists', () => {
    const scores = JSON.parse(read('eval.json')) as { stance_russia: { f_avg: number }; relation_signal: { macro_f1: number }; attribution: { f1: number } };
    expect(card()).toContain(`| ${scores.stance_russia.f_avg.toFixed(2)} |`);
    expect(card()).toContain(`macro-F1 over deteriorating and improving | ${scores.relation_signal.macro_f1.toFixed(2)} |`);
    for (const [, path] of card().matchAll(/\]\((charts\/[^)]+\.svg)\)/g)) expect(first.files).toContain(path);
  });

  it('says who holds the copyright of the texts and which licence covers the rest', () => {
    const licence = markdownSection(card(), '7. Distribution and licence');
    expect(licence).toContain('remain the copyright of the outlets');
    expect(licence).toContain(`**${first.info.license}**`);
  });
});

describe('a released version never changes', () => {
  it('releasing the same version with the same content again changes nothing', async () => {
    const before = readFileSync(first.archive);
    const again = await makeRelease(options(join(workDir, 'r1'), { datasetDir }));
    expect(again.status).toBe('unchanged');
    expect(readFileSync(first.archive).equals(before)).toBe(true);
  });

  it('releasing the same version with other content fails, names what changed, and keeps the old release', async () => {
    const tampered = join(workDir, 'tampered');
    cpSync(datasetDir, tampered, { recursive: true });
    writeFileSync(join(tampered, 'rejected.csv'), `${readFileSync(join(tampered, 'rejected.csv'), 'utf8')}extra.txt,empty,The file is empty.,\r\n`);
    const before = readFileSync(first.archive);
    const error = await makeRelease(options(join(workDir, 'r1'), { datasetDir: tampered })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseConflictError);
    expect((error as ReleaseConflictError).message).toMatch(/already exists .* with different content/);
    expect((error as ReleaseConflictError).message).toContain('bump "version" in package.json');
    expect((error as ReleaseConflictError).changed).toContain('rejected.csv');
    expect(readFileSync(first.archive).equals(before)).toBe(true);
    expect(readdirSync(join(workDir, 'r1')).sort()).toEqual([first.info.id, `${first.info.id}.tar.gz`]);
  });

  it('the registry records a release, rebuilds it with the same bytes when the local copy is gone, and refuses other bytes', async () => {
    const registry = join(workDir, 'releases.sha256');
    const recorded = await makeRelease({ ...options(join(workDir, 'r4'), { datasetDir }), registry, register: true });
    expect([recorded.status, recorded.registered]).toEqual(['created', true]);
    expect(readFileSync(registry, 'utf8')).toBe(`${recorded.archiveSha256}  ${recorded.info.id}.tar.gz\n`);

    rmSync(join(workDir, 'r4'), { recursive: true });
    const rebuilt = await makeRelease({ ...options(join(workDir, 'r4')), registry, register: true });
    expect([rebuilt.status, rebuilt.registered, rebuilt.archiveSha256]).toEqual(['reproduced', false, recorded.archiveSha256]);
    expect(readFileSync(registry, 'utf8')).toBe(`${recorded.archiveSha256}  ${recorded.info.id}.tar.gz\n`);

    const tampered = join(workDir, 'tampered-2');
    cpSync(datasetDir, tampered, { recursive: true });
    writeFileSync(join(tampered, 'removed.csv'), `${readFileSync(join(tampered, 'removed.csv'), 'utf8')}\r\n`);
    const error = await makeRelease({ ...options(join(workDir, 'r5'), { datasetDir: tampered }), registry, register: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseConflictError);
    expect((error as Error).message).toContain(`is recorded in ${registry} with SHA-256 ${recorded.archiveSha256}`);
    expect((error as Error).message).toContain('check out the commit it was released from');
  });

  it('SOURCE_DATE_EPOCH sets date-released and every timestamp in the archive', async () => {
    const result = await makeRelease(options(join(workDir, 'r3'), { datasetDir, env: { SOURCE_DATE_EPOCH: '1700000000' } }));
    expect(result.info.date).toBe('2023-11-14');
    expect(readFileSync(join(result.dir, 'CITATION.cff'), 'utf8')).toContain('date-released: "2023-11-14"');
    for (const entry of untar(gunzipSync(readFileSync(result.archive)))) expect(entry.mtime).toBe(1_700_000_000);
  });
});

describe('release facts and archive details', () => {
  it('a version without a dated CHANGELOG entry cannot be released', () => {
    const root = mkdtempSync(join(tmpdir(), 'release-info-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'x', version: '2.0.0', license: 'MIT' }));
      writeFileSync(join(root, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - 2020-01-02\n- First.\n');
      expect(() => releaseInfo(root, {})).toThrow(/no dated entry for version 2\.0\.0.*"## \[2\.0\.0\] - YYYY-MM-DD"/s);
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0', license: 'MIT' }));
      expect(releaseInfo(root, {})).toMatchObject({ id: 'x-1.0.0', date: '2020-01-02', epoch: 1_577_923_200, changes: '- First.' });
      expect(() => releaseInfo(root, { SOURCE_DATE_EPOCH: 'yesterday' })).toThrow(/SOURCE_DATE_EPOCH/);
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'x', version: 'v1' }));
      expect(() => releaseInfo(root, {})).toThrow(/not semver/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('long paths go into the ustar prefix field and come back whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-'));
    try {
      const deep = join(dir, 'in', 'a'.repeat(60), 'b'.repeat(60));
      mkdirSync(deep, { recursive: true });
      writeFileSync(join(deep, `${'c'.repeat(80)}.txt`), 'isi\n');
      await deterministicTarGz(join(dir, 'in'), 'root', join(dir, 'out.tar.gz'), 0);
      const entries = untar(gunzipSync(readFileSync(join(dir, 'out.tar.gz'))));
      expect(entries.map((e) => e.path)).toEqual([
        'root/',
        `root/${'a'.repeat(60)}/`,
        `root/${'a'.repeat(60)}/${'b'.repeat(60)}/`,
        `root/${'a'.repeat(60)}/${'b'.repeat(60)}/${'c'.repeat(80)}.txt`,
      ]);
      expect(entries[3]!.content.toString()).toBe('isi\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
