/**
 * `make release`: build the dataset and package it as a citable, checkable,
 * byte-for-byte reproducible release:
 *
 *   <releaseDir>/<name>-<version>/          the files below
 *   <releaseDir>/<name>-<version>.tar.gz    the same, as one deterministic archive
 *
 * holding the tables (Arrow, CSV and Parquet), manifest.json, the JSON
 * Schemas, CODEBOOK.md, CHANGELOG.md, eval.json, CITATION.cff,
 * datapackage.json, croissant.json, DATACARD.md with its charts, README.md
 * (the Hugging Face Hub card: hub-readme.ts), inspect/ (the HTML view of the
 * documents: pipeline/inspect/), explore.ipynb and SHA256SUMS. What the
 * release is called and who made it come from the release config
 * (release-config.ts; the project's own is release.config.json).
 *
 * Everything is written into a staging directory first and moved into place
 * at the end. A version that was released before may be released again only
 * with the same bytes: then nothing changes; otherwise the release fails and
 * says which files differ. "Released before" means recorded in the registry
 * (releases.sha256 beside the config, kept in git, so the record survives `make dataset`,
 * `make clean` and a fresh clone) or present in the release directory.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildDataset } from '../run/build-dataset.js';
import { runEvaluation } from '../quality/eval-cli.js';
import { TABLE_NAMES } from '../output/tables.js';
import { bibtex } from './bibtex.js';
import { citationCff } from './citation-cff.js';
import { croissant } from './croissant.js';
import { dataCard, dataCardCharts } from './data-card.js';
import { dataPackage } from './data-package.js';
import { datasetStats } from './dataset-stats.js';
import { deterministicTarGz } from './deterministic-tar-gz.js';
import { readProvenance } from './read-provenance.js';
import { releaseInfo, type ReleaseInfo } from './release-info.js';
import { digestFiles, listFiles, parseSha256Sums, sha256Sums } from './sha256-sums.js';
import { writeParquet } from './write-parquet.js';
import { fileDigest } from '../output/write-dataset.js';
import { writeInspect } from '../inspect/write-inspect.js';
import { documentLanguages, hubReadme } from './hub-readme.js';
import type { LoadedReleaseConfig } from './release-config.js';

export interface ReleaseOptions {
  /** The repository root: package.json, CHANGELOG.md, CODEBOOK.md, README.md, schemas/, notebooks/. */
  readonly root: string;
  /** The articles to build the dataset from. */
  readonly inDir: string;
  /** Where releases go, e.g. `output/release`. */
  readonly releaseDir: string;
  /** The gold annotations the data card's scores are measured on. */
  readonly goldDir: string;
  /** The articles the gold annotates. */
  readonly goldInDir: string;
  /** Package this already built dataset directory instead of building one (it must be of the same version). */
  readonly datasetDir?: string;
  /** The release config (name, title, authors, licence, version, locators); null for package.json alone. @default release.config.json at root, when present */
  readonly config?: LoadedReleaseConfig | null;
  /** The environment (SOURCE_DATE_EPOCH). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * A file, kept in git, that records the SHA-256 of every released archive
   * (`sha256sum` format, so `sha256sum -c` checks downloaded archives). A
   * version recorded there is released again only with the same bytes, even
   * when the local release directory is gone. @default none
   */
  readonly registry?: string;
  /** Record a new release in the registry (not for releases from uncommitted code). @default false */
  readonly register?: boolean;
}

export interface ReleaseResult {
  readonly info: ReleaseInfo;
  /** The release directory. */
  readonly dir: string;
  /** The `.tar.gz`. */
  readonly archive: string;
  readonly archiveSha256: string;
  /**
   * `created`; `unchanged` when the local release already held the same bytes;
   * `reproduced` when the registry records this version and the rebuild gave its bytes.
   */
  readonly status: 'created' | 'unchanged' | 'reproduced';
  /** Whether the release was added to the registry. */
  readonly registered: boolean;
  /** Paths in the release directory, sorted. */
  readonly files: readonly string[];
}

/** Thrown when a released version would change. */
export class ReleaseConflictError extends Error {
  constructor(
    message: string,
    readonly changed: readonly string[],
  ) {
    super(message);
    this.name = 'ReleaseConflictError';
  }
}

/** The body of a `## <heading>` section of a markdown file, or '' when absent. */
export function markdownSection(text: string, heading: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  if (start < 0) return '';
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
}

/** Stable JSON: two-space indent, trailing newline. */
function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The files of the release besides the built dataset, copied from the repository. */
function copyRepositoryFiles(root: string, dir: string): void {
  mkdirSync(join(dir, 'schemas'), { recursive: true });
  const copy = (from: string, to: string): void => writeFileSync(join(dir, to), readFileSync(join(root, from)));
  for (const table of TABLE_NAMES) copy(`schemas/${table}.schema.json`, `schemas/${table}.schema.json`);
  copy('CODEBOOK.md', 'CODEBOOK.md');
  copy('CHANGELOG.md', 'CHANGELOG.md');
  copy('notebooks/explore.ipynb', 'explore.ipynb');
}

/** Paths whose SHA-256 differs between two SHA256SUMS texts, or that only one lists. */
function changedFiles(before: string, after: string): string[] {
  const a = parseSha256Sums(before);
  const b = parseSha256Sums(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((path) => a.get(path) !== b.get(path)).sort();
}

/** The error for a version that would change: what differs and what to do. */
function conflict(info: ReleaseInfo, archive: string, finalDir: string, stagedDir: string, why: readonly string[]): ReleaseConflictError {
  const previousSums = join(finalDir, 'SHA256SUMS');
  const changed = existsSync(previousSums) ? changedFiles(readFileSync(previousSums, 'utf8'), readFileSync(join(stagedDir, 'SHA256SUMS'), 'utf8')) : [];
  return new ReleaseConflictError(
    [
      ...why,
      ...(changed.length > 0 ? [`Changed: ${changed.slice(0, 12).join(', ')}${changed.length > 12 ? `, and ${changed.length - 12} more` : ''}.`] : []),
      info.versionSource === 'package.json'
        ? `A released version is never rebuilt with other content: bump "version" in package.json, add its entry to CHANGELOG.md, commit, and run make release again.`
        : `A released version is never rebuilt with other content: bump "version" in ${info.versionSource} (and its date or changelog entry), and run make release again.`,
      `(If ${info.id} was never published and you mean to replace it, delete ${archive} and ${finalDir}, and its line in the registry, first.)`,
    ].join('\n'),
    changed,
  );
}

/** Whether two files hold the same bytes. */
function sameBytes(a: string, b: string): boolean {
  return readFileSync(a).equals(readFileSync(b));
}

/**
 * Build (or take) the dataset and write the release.
 *
 * @param options - Repository root, input, release and gold directories.
 * @returns Where the release is, its archive's SHA-256, and whether it was created or already there.
 * @throws ReleaseConflictError when this version was released before with other content.
 * @throws Error saying what to fix when the version has no CHANGELOG entry or the build fails.
 * @example
 * const { archive, archiveSha256 } = await makeRelease({ root: '.', inDir: 'seeds', releaseDir: 'output/release',
 *   goldDir: 'test/fixtures/gold', goldInDir: 'seeds' });
 */
export async function makeRelease(options: ReleaseOptions): Promise<ReleaseResult> {
  const root = resolve(options.root);
  const info = releaseInfo(root, options.env ?? process.env, options.config);
  const releaseDir = resolve(options.releaseDir);
  const finalDir = join(releaseDir, info.id);
  const archive = join(releaseDir, `${info.id}.tar.gz`);
  const staging = join(releaseDir, `.staging-${info.id}-${process.pid}`);
  const dir = join(staging, info.id);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    // 1. The dataset: built here, or copied from a finished build.
    if (options.datasetDir === undefined) {
      await buildDataset({ inDir: options.inDir, outDir: dir });
    } else {
      cpSync(resolve(options.datasetDir), dir, { recursive: true });
    }
    const provenance = readProvenance(dir);
    if (provenance.dataset_version !== info.pipelinePackageVersion)
      throw new Error(
        `The dataset in ${options.datasetDir ?? dir} was built by pipeline version ${provenance.dataset_version}, but package.json says ${info.pipelinePackageVersion}: rebuild it.`,
      );

    // 2. Parquet copies, checked against the Arrow row counts.
    const stats = await datasetStats(dir);
    for (const table of TABLE_NAMES) {
      const rows = await writeParquet(join(dir, `${table}.arrow`), join(dir, `${table}.parquet`));
      if (rows !== stats.rows[table]) throw new Error(`parquet: ${table}.parquet has ${rows} rows, ${table}.arrow ${stats.rows[table]}.`);
    }

    // 3. Documentation and metadata.
    copyRepositoryFiles(root, dir);
    const evaluation = await runEvaluation(options.goldDir, options.goldInDir);
    writeJson(join(dir, 'eval.json'), evaluation.scores);
    const citation = bibtex(info, provenance);
    mkdirSync(join(dir, 'charts'), { recursive: true });
    for (const chart of dataCardCharts(stats)) writeFileSync(join(dir, chart.path), chart.svg);
    const knownLimits = markdownSection(readFileSync(join(root, 'README.md'), 'utf8'), 'Known limits');
    const card = dataCard({
      info,
      provenance,
      stats,
      evaluation: {
        scores: evaluation.scores,
        lfReport: evaluation.lfReport,
        goldDir: options.goldDir,
        labelsScoredAs: evaluation.labelsScoredAs,
        calibration: evaluation.calibration,
      },
      knownLimits,
      bibtex: citation,
    });
    writeFileSync(join(dir, 'DATACARD.md'), card);
    writeFileSync(join(dir, 'README.md'), hubReadme(info, stats, card));
    await writeInspect(dir, join(dir, 'inspect'), { label: `${info.name} ${info.version}` });
    writeFileSync(join(dir, 'CITATION.cff'), citationCff(info, provenance));
    const tableFiles = new Map<string, { bytes: number; sha256: string }>();
    for (const table of TABLE_NAMES) {
      for (const format of ['csv', 'arrow', 'parquet']) tableFiles.set(`${table}.${format}`, await fileDigest(join(dir, `${table}.${format}`)));
    }
    writeJson(join(dir, 'datapackage.json'), dataPackage(info, tableFiles));
    writeJson(join(dir, 'croissant.json'), croissant(info, provenance, tableFiles, citation, documentLanguages(stats)));
    writeFileSync(join(dir, 'SHA256SUMS'), sha256Sums(await digestFiles(dir, ['SHA256SUMS'])));

    // 4. The archive.
    const stagedArchive = join(staging, `${info.id}.tar.gz`);
    await deterministicTarGz(dir, info.id, stagedArchive, info.epoch);
    const archiveSha256 = (await fileDigest(stagedArchive)).sha256;
    const files = listFiles(dir);

    // 5. A version is released once: the same bytes again change nothing; other bytes are refused.
    const recorded =
      options.registry !== undefined && existsSync(options.registry) ? parseSha256Sums(readFileSync(options.registry, 'utf8')) : new Map<string, string>();
    const recordedSha256 = recorded.get(`${info.id}.tar.gz`);
    if (recordedSha256 !== undefined && recordedSha256 !== archiveSha256) {
      throw conflict(info, archive, finalDir, dir, [
        `Release ${info.id} is recorded in ${options.registry} with SHA-256 ${recordedSha256}; this build gives ${archiveSha256}.`,
        `To reproduce a released version, check out the commit it was released from (pipeline_version in its manifest.json) and run make release there.`,
      ]);
    }
    let status: ReleaseResult['status'] = recordedSha256 !== undefined ? 'reproduced' : 'created';
    if (existsSync(archive)) {
      if (!sameBytes(archive, stagedArchive))
        throw conflict(info, archive, finalDir, dir, [`Release ${info.id} already exists (${archive}) with different content.`]);
      status = 'unchanged';
    }
    mkdirSync(dirname(finalDir), { recursive: true });
    rmSync(finalDir, { recursive: true, force: true });
    renameSync(dir, finalDir);
    if (!existsSync(archive)) renameSync(stagedArchive, archive);
    const registered = options.register === true && options.registry !== undefined && recordedSha256 === undefined;
    if (registered) {
      recorded.set(`${info.id}.tar.gz`, archiveSha256);
      const sorted = new Map([...recorded].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([path, sha256]) => [path, { sha256 }]));
      writeFileSync(options.registry!, sha256Sums(sorted));
    }
    return { info, dir: finalDir, archive, archiveSha256, status, registered, files };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
