/**
 * Releases from a config: the project's own (release.config.json) and a
 * researcher's crawl under its own name, version, authors and licence.
 * CITATION.cff passes the CFF 1.2.0 JSON Schema and datapackage.json the
 * Frictionless Data Package, Data Resource and Tabular Data Resource
 * profiles (test/fixtures/schemas, with their licences), Parquet resources
 * included; README.md carries the Hub's YAML header with a config per
 * non-empty table; the version record and the refusal to re-release other
 * bytes apply per name; a config with a problem is refused with every
 * problem named.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type AnySchema } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { makeRelease, ReleaseConflictError, type ReleaseResult } from '../../pipeline/release/make-release.js';
import { checkReleaseConfig, readReleaseConfig, registryOf, type LoadedReleaseConfig } from '../../pipeline/release/release-config.js';
import { sizeCategory } from '../../pipeline/release/hub-readme.js';
import { buildDataset } from '../../pipeline/run/build-dataset.js';
import { fileDigest } from '../../pipeline/output/write-dataset.js';
import { GOLD_DIR, REPO_ROOT, SEEDS_DIR } from '../gold.js';

const SCHEMAS = join(REPO_ROOT, 'test/fixtures/schemas');
let work: string;
let datasetDir: string;
let own: ReleaseResult;
let crawl: ReleaseResult;
let crawlConfig: LoadedReleaseConfig;

const CRAWL_CONFIG = {
  name: 'my-crawl',
  title: 'My crawl: news pages about Russia and the West',
  version: '2.1.0',
  date: '2026-12-01',
  description: 'Pages crawled for a study of news framing.',
  authors: [{ 'given-names': 'Josiah', 'family-names': 'Carberry', orcid: '0000-0002-1825-0097', affiliation: 'Brown University' }, { name: 'Example Lab' }],
  license: 'CC-BY-4.0',
  url: 'https://example.org/my-crawl',
  'repository-code': 'https://example.org/git/my-crawl',
  doi: 'https://doi.org/10.5281/zenodo.1234567',
  changes: 'First release of the crawl.',
};

/** A JSON Schema fixture, compiled. Draft-04 profiles lose their `$schema` line: Ajv 8 validates them as draft-07, which reads them the same (no boolean exclusiveMinimum, no `id`). */
function validator(file: string) {
  const schema = JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as Record<string, unknown>;
  delete schema['$schema'];
  delete schema['$id'];
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(schema as AnySchema);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'release-config-'));
  datasetDir = join(work, 'dataset');
  await buildDataset({ inDir: SEEDS_DIR, outDir: datasetDir });
  const common = { root: REPO_ROOT, inDir: SEEDS_DIR, goldDir: GOLD_DIR, goldInDir: SEEDS_DIR, env: {}, datasetDir };
  own = await makeRelease({ ...common, releaseDir: join(work, 'own') });
  mkdirp(join(work, 'crawl-config'));
  writeFileSync(join(work, 'crawl-config', 'release.json'), JSON.stringify(CRAWL_CONFIG));
  crawlConfig = readReleaseConfig(join(work, 'crawl-config', 'release.json'));
  crawl = await makeRelease({ ...common, releaseDir: join(work, 'crawl'), config: crawlConfig, registry: registryOf(crawlConfig), register: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const mkdirp = (dir: string): void => void mkdirSync(dir, { recursive: true });

const read = (release: ReleaseResult, path: string): string => readFileSync(join(release.dir, path), 'utf8');

describe.each([
  ['the project’s own release (release.config.json)', () => own],
  ['a researcher’s release (its own config)', () => crawl],
])('%s', (_, release) => {
  it('CITATION.cff passes the CFF 1.2.0 JSON Schema', () => {
    const validate = validator('cff-1.2.0.schema.json');
    const cff = parseYaml(read(release(), 'CITATION.cff')) as Record<string, unknown>;
    expect(validate(cff), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });

  it('datapackage.json passes the Data Package profile; CSVs the Tabular Data Resource profile; Arrow and Parquet the Data Resource profile, as files with size and hash', async () => {
    const descriptor = JSON.parse(read(release(), 'datapackage.json')) as { resources: Record<string, unknown>[] };
    const pkg = validator('data-package.json');
    expect(pkg(descriptor), JSON.stringify(pkg.errors, null, 1)).toBe(true);
    const tabular = validator('tabular-data-resource.json');
    const plain = validator('data-resource.json');
    for (const resource of descriptor.resources) {
      const path = String(resource['path']);
      const check = path.endsWith('.csv') ? tabular : plain;
      expect(check(resource), `${path}: ${JSON.stringify(check.errors, null, 1)}`).toBe(true);
      const digest = await fileDigest(join(release().dir, path));
      expect([resource['bytes'], resource['hash']], path).toEqual([digest.bytes, `sha256:${digest.sha256}`]);
      if (path.endsWith('.parquet'))
        expect([resource['type'], resource['format'], resource['mediatype']], path).toEqual(['file', 'parquet', 'application/vnd.apache.parquet']);
      if (path.endsWith('.arrow')) expect([resource['type'], resource['format']], path).toEqual(['file', 'arrow']);
    }
  });

  it('README.md has the Hub’s YAML header, a Parquet config per non-empty table, then the data card', () => {
    const readme = read(release(), 'README.md');
    const match = /^---\n([\s\S]*?)\n---\n/.exec(readme);
    expect(match).not.toBeNull();
    const header = parseYaml(match![1]!) as Record<string, unknown>;
    for (const key of ['pretty_name', 'language', 'license', 'annotations_creators', 'task_categories', 'size_categories', 'configs'])
      expect(header, key).toHaveProperty(key);
    expect(header['language']).toEqual(['id']);
    expect(header['annotations_creators']).toEqual(['machine-generated']);
    const configs = header['configs'] as { config_name: string; default?: boolean; data_files: { split: string; path: string }[] }[];
    const rows = (table: string): number => read(release(), `${table}.csv`).split('\r\n').length - 2;
    const tables = ['documents', 'sentences', 'removed', 'attributions', 'rejected', 'actors'];
    expect(configs.map((c) => c.config_name)).toEqual(tables.filter((t) => rows(t) > 0));
    expect(configs.map((c) => c.config_name)).not.toContain('rejected');
    for (const config of configs) {
      expect(config.data_files).toEqual([{ split: 'train', path: `${config.config_name}.parquet` }]);
      expect(release().files).toContain(`${config.config_name}.parquet`);
    }
    expect(configs.find((c) => c.default)?.config_name).toBe('sentences');
    expect(readme.slice(match![0].length)).toContain(read(release(), 'DATACARD.md').split('\n## ')[1]!.split('\n')[0]!);
    expect(readme).toContain('newlines_in_values=True');
    expect(readme).toContain('Dataset.from_file');
  });

  it('ships the HTML view of its documents', () => {
    expect(release().files).toContain('inspect/index.html');
    const documents = read(release(), 'documents.csv').split('\r\n').length - 2;
    expect(release().files.filter((f) => f.startsWith('inspect/docs/'))).toHaveLength(documents);
  });
});

describe('the schema fixtures bite', () => {
  it('reject a CITATION.cff without authors or with an unknown licence, and resources without a name, a schema or with a bad profile', () => {
    const cff = parseYaml(read(own, 'CITATION.cff')) as Record<string, unknown>;
    const validateCff = validator('cff-1.2.0.schema.json');
    expect(validateCff({ ...cff, license: 'NOT-A-LICENCE' })).toBe(false);
    expect(validateCff({ ...cff, authors: [] })).toBe(false);
    expect(validateCff({ ...cff, doi: 'https://doi.org/10.5281/x' })).toBe(false);
    const descriptor = JSON.parse(read(own, 'datapackage.json')) as { resources: Record<string, unknown>[] };
    const csv = descriptor.resources.find((r) => r['path'] === 'sentences.csv')!;
    expect(validator('tabular-data-resource.json')({ ...csv, schema: undefined })).toBe(false);
    expect(validator('tabular-data-resource.json')({ ...csv, profile: 'data-resource' })).toBe(false);
    expect(validator('data-package.json')({ ...descriptor, name: 'Not A Name' })).toBe(false);
  });
});

describe('a researcher’s release', () => {
  it('is named, versioned, dated and licensed by its config', () => {
    expect(crawl.info.id).toBe('my-crawl-2.1.0');
    expect(crawl.dir).toBe(join(work, 'crawl', 'my-crawl-2.1.0'));
    const cff = parseYaml(read(crawl, 'CITATION.cff')) as Record<string, unknown>;
    expect(cff).toMatchObject({
      title: CRAWL_CONFIG.title,
      version: '2.1.0',
      'date-released': '2026-12-01',
      license: 'CC-BY-4.0',
      url: CRAWL_CONFIG.url,
      'repository-code': CRAWL_CONFIG['repository-code'],
      doi: '10.5281/zenodo.1234567',
      authors: [
        { 'family-names': 'Carberry', 'given-names': 'Josiah', orcid: 'https://orcid.org/0000-0002-1825-0097', affiliation: 'Brown University' },
        { name: 'Example Lab' },
      ],
    });
    const pkg = JSON.parse(read(crawl, 'datapackage.json')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: 'my-crawl', version: '2.1.0', homepage: CRAWL_CONFIG.url, id: 'https://doi.org/10.5281/zenodo.1234567' });
    expect(pkg['contributors']).toEqual([
      { title: 'Josiah Carberry', path: 'https://orcid.org/0000-0002-1825-0097', organisation: 'Brown University', role: 'author' },
      { title: 'Example Lab', role: 'author' },
    ]);
    const croissant = JSON.parse(read(crawl, 'croissant.json')) as Record<string, unknown>;
    expect(croissant).toMatchObject({
      name: 'my-crawl',
      version: '2.1.0',
      license: 'https://spdx.org/licenses/CC-BY-4.0.html',
      url: CRAWL_CONFIG.url,
      inLanguage: ['id'],
    });
    expect(croissant['citeAs']).toContain('author  = {Carberry, Josiah and {Example Lab}}');
    expect(croissant['citeAs']).toContain('doi     = {10.5281/zenodo.1234567}');
    const card = read(crawl, 'DATACARD.md');
    expect(card).toMatch(/^# my-crawl 2\.1\.0: data card\n\nPages crawled/);
    expect(card).toContain('Josiah Carberry, Example Lab');
    expect(card).toContain('**CC-BY-4.0**');
    expect(card).toContain('First release of the crawl.');
    expect(read(crawl, 'README.md')).toContain('license: cc-by-4.0');
  });

  it('is recorded in the registry beside its config, per name: the project’s record of its own version is not consulted', async () => {
    const registry = registryOf(crawlConfig);
    expect(registry).toBe(join(work, 'crawl-config', 'releases.sha256'));
    expect(readFileSync(registry, 'utf8')).toBe(`${crawl.archiveSha256}  my-crawl-2.1.0.tar.gz\n`);
    const tampered = join(work, 'tampered');
    cpSync(datasetDir, tampered, { recursive: true });
    writeFileSync(join(tampered, 'removed.csv'), `${readFileSync(join(tampered, 'removed.csv'), 'utf8')}\r\n`);
    const error = await makeRelease({
      root: REPO_ROOT,
      inDir: SEEDS_DIR,
      goldDir: GOLD_DIR,
      goldInDir: SEEDS_DIR,
      env: {},
      datasetDir: tampered,
      releaseDir: join(work, 'crawl-again'),
      config: crawlConfig,
      registry,
      register: true,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseConflictError);
    expect((error as Error).message).toContain(`bump "version" in ${crawlConfig.path}`);
  });
});

describe('the release config', () => {
  it('names every problem, with the file', () => {
    const bad = {
      name: 'My Crawl',
      title: 'x',
      authors: [{ name: 'A', 'family-names': 'B' }, { 'given-names': 'C', 'family-names': 'D', orcid: '0000-0002-1825-0098' }, {}],
      license: 'CC BY',
      doi: 'doi:10/abc',
      url: 'example.org',
      colour: 'blue',
    };
    let message = '';
    try {
      checkReleaseConfig(bad, 'bad.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^bad\.json: /);
    for (const problem of [
      'unknown key "colour"',
      '"description" is missing',
      '"name" "My Crawl" may hold only',
      '"license" must be an SPDX identifier',
      '"doi" "doi:10/abc" is not a DOI',
      '"url" must be a URL',
      'authors[0] is either a person',
      'authors[1].orcid "0000-0002-1825-0098" is not a valid ORCID iD',
      'authors[2] needs "family-names" and "given-names"',
    ])
      expect(message).toContain(problem);
  });

  it('reads YAML as well as JSON, and says which file does not parse', () => {
    const dir = join(work, 'yaml');
    mkdirp(dir);
    writeFileSync(
      join(dir, 'release.yaml'),
      'name: my-crawl\ntitle: T\nversion: "1.0"\ndescription: D\nauthors:\n  - name: Lab\nlicense: CC0-1.0\ndate: 2026-01-02\nchanges: First.\n',
    );
    expect(readReleaseConfig(join(dir, 'release.yaml')).config).toMatchObject({ name: 'my-crawl', version: '1.0', date: '2026-01-02' });
    writeFileSync(join(dir, 'broken.json'), '{ "name": ');
    expect(() => readReleaseConfig(join(dir, 'broken.json'))).toThrow(/broken\.json: not valid JSON/);
    expect(() => readReleaseConfig(join(dir, 'absent.json'))).toThrow(/absent\.json: cannot read the release config/);
  });

  it('gives the Hub size category by rows', () => {
    expect([sizeCategory(0), sizeCategory(999), sizeCategory(1000), sizeCategory(2_500_000)]).toEqual(['n<1K', 'n<1K', '1K<n<10K', '1M<n<10M']);
  });
});
