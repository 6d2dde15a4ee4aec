/**
 * Build a dataset directory: read every input, run the stages, write the
 * tables and the manifest, and swap the result into place only when it is
 * complete, so that a crash or a kill never leaves a half-written dataset.
 *
 * Every input ends as exactly one row of `documents` or of `rejected`.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { isRejection, listInputFiles, readInputs, sha256OfFile, type IngestOptions, type InputFile } from './ingest.js';
import { processDocument } from './index.js';
import { documentRows, rejectionRow, TABLE_NAMES, type TableName } from './tables.js';
import type { LabeledDocument, RawDocument, Rejection, RejectionReason } from './types.js';
import { DatasetWriter, fileDigest } from './write-dataset.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** Input files hashed at once: hashing is I/O-bound, a few in flight keep the disk busy. */
const HASH_CONCURRENCY = 8;

export interface BuildOptions extends IngestOptions {
  readonly inDir: string;
  readonly outDir: string;
}

export interface BuildSummary {
  readonly outDir: string;
  readonly rows: Record<TableName, number>;
  readonly rejectedByReason: Readonly<Record<string, number>>;
}

/** What a processed input became. */
export type Outcome = { readonly document: LabeledDocument } | { readonly rejection: Rejection };

/**
 * Run the stages on one raw article. A stage that throws on some input does
 * not stop the build: the article is recorded as a `processing_error`.
 */
export function processInput(raw: RawDocument): Outcome {
  try {
    const document = processDocument(raw);
    if (document.clean_text.trim() === '')
      return {
        rejection: {
          source_file: raw.source_file,
          reason: 'empty_after_cleaning',
          detail: `Nothing left after removing ${document.removed.length} boilerplate piece(s).`,
          kept_doc_id: null,
        },
      };
    return { document };
  } catch (error) {
    return {
      rejection: {
        source_file: raw.source_file,
        reason: 'processing_error',
        detail: `A pipeline stage failed: ${(error as Error).message}. Please report it with this file.`,
        kept_doc_id: null,
      },
    };
  }
}

/** The dataset version: package.json's `version`, the one place it is kept. */
export function datasetVersion(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

/** The git commit of the pipeline code, or `unknown` outside a git checkout. */
export function pipelineVersion(): string {
  if (process.env['PIPELINE_VERSION']) return process.env['PIPELINE_VERSION'];
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Digests of the inputs, and one digest over all of them (path and content). */
async function digestInputs(files: readonly InputFile[]): Promise<{ inputs: { path: string; bytes: number; sha256: string }[]; digest: string }> {
  const limit = pLimit(HASH_CONCURRENCY);
  const inputs = await Promise.all(files.map((f) => limit(async () => ({ path: f.path, bytes: f.bytes, sha256: await sha256OfFile(f.absolutePath) }))));
  return { inputs, digest: sha256(inputs.map((i) => `${i.sha256}  ${i.path}\n`).join('')) };
}

/** Make sure OUT's parent exists and is writable; fail at once, naming the path, if not. */
function prepareStagingDirectory(outDir: string): string {
  const parent = dirname(outDir);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw new Error(`Cannot create ${parent} for the output (${(error as Error).message}): choose a writable OUT=<dir>.`);
  }
  // Left over from a build that was killed: never complete, safe to delete.
  for (const name of readdirSync(parent)) {
    if (name.startsWith(`${basename(outDir)}.tmp-`)) rmSync(join(parent, name), { recursive: true, force: true });
  }
  const staging = `${outDir}.tmp-${process.pid}`;
  try {
    mkdirSync(staging);
  } catch (error) {
    throw new Error(`Cannot write to ${parent} (${(error as Error).message}): choose a writable OUT=<dir>.`);
  }
  return staging;
}

/** Replace OUT by the complete staging directory. */
function swapIntoPlace(staging: string, outDir: string): void {
  const previous = `${outDir}.tmp-${process.pid}-previous`;
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(staging, outDir);
  rmSync(previous, { recursive: true, force: true });
}

/** Stable JSON: two-space indent, trailing newline. */
function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Build the dataset from `inDir` into `outDir`.
 * @throws Error with a message naming the path when IN is missing or unreadable or OUT cannot be written.
 */
export async function buildDataset(options: BuildOptions): Promise<BuildSummary> {
  const inDir = resolve(options.inDir);
  const outDir = resolve(options.outDir);
  const files = listInputFiles(inDir);
  const { inputs, digest: inputDigest } = await digestInputs(files);
  const { name, version } = datasetVersion();
  const codebookSha256 = sha256(readFileSync(join(REPO_ROOT, 'CODEBOOK.md'), 'utf8'));
  const provenance = {
    dataset: name,
    dataset_version: version,
    pipeline_version: pipelineVersion(),
    codebook_sha256: codebookSha256,
    input_digest: inputDigest,
  };

  const staging = prepareStagingDirectory(outDir);
  try {
    const writer = new DatasetWriter(staging, new Map(Object.entries(provenance)));
    const rejectedByReason: Partial<Record<RejectionReason, number>> = {};
    const reject = async (rejection: Rejection): Promise<void> => {
      rejectedByReason[rejection.reason] = (rejectedByReason[rejection.reason] ?? 0) + 1;
      await writer.add('rejected', [rejectionRow(rejection)]);
    };
    const keptBy = new Map<string, string>();

    for await (const item of readInputs(inDir, options, files)) {
      if (isRejection(item)) {
        await reject(item);
        continue;
      }
      const kept = keptBy.get(item.doc_id);
      if (kept !== undefined) {
        await reject({
          source_file: item.source_file,
          reason: 'duplicate',
          detail: `Same text (after BOM, line-ending and whitespace normalisation) as ${kept}.`,
          kept_doc_id: item.doc_id,
        });
        continue;
      }
      keptBy.set(item.doc_id, item.source_file);
      const outcome = processInput(item);
      if ('rejection' in outcome) {
        await reject(outcome.rejection);
        continue;
      }
      const rows = documentRows(outcome.document);
      for (const table of ['documents', 'sentences', 'removed', 'attributions'] as const) await writer.add(table, rows[table]);
    }
    const rows = await writer.close();

    const outputs = [];
    for (const table of TABLE_NAMES) {
      for (const ext of ['arrow', 'csv']) {
        const file = `${table}.${ext}`;
        outputs.push({ path: file, rows: rows[table], ...(await fileDigest(join(staging, file))) });
      }
    }
    writeJson(join(staging, 'manifest.json'), {
      ...provenance,
      row_counts: rows,
      rejected_by_reason: Object.fromEntries(Object.entries(rejectedByReason).sort()),
      files: outputs,
      inputs,
    });
    swapIntoPlace(staging, outDir);
    return { outDir, rows, rejectedByReason };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
