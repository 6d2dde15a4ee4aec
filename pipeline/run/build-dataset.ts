/**
 * Build a dataset directory: read every input, run the stages, write the
 * tables and the manifest, and swap the result into place only when it is
 * complete, so that a crash or a kill never leaves a half-written dataset.
 *
 * Every input ends as exactly one row of `documents` or of `rejected`.
 *
 * Streaming: inputs are read one file (or JSONL line) at a time, grouped into
 * batches of about BATCH_BYTES, processed by `concurrency` worker threads
 * (worker-pool.ts; p-limit bounds the batches in flight) and written in input
 * order as they come back, so memory does not grow with the corpus. Only the
 * duplicate check remembers something per document (doc_id → first
 * source_file). The output bytes do not depend on the concurrency.
 *
 * Sharding (shard.ts): with `shard`, only that shard's inputs are processed;
 * the manifest still lists every input, which merge-dataset.ts needs to
 * rebuild the single-run manifest.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { listInputFiles, readInputFile, sha256OfFile, type IngestOptions, type InputFile } from '../stages/ingest/ingest.js';
import type { BatchItem, BatchResult, ProcessStep } from './process-batch.js';
import { Progress } from './progress.js';
import { inShard, type Shard } from './shard.js';
import { TABLE_NAMES, type TableName } from '../output/tables.js';
import type { RejectionReason } from '../types.js';
import { DatasetWriter } from '../output/write-dataset.js';
import { WorkerPool } from './worker-pool.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** Input files hashed at once: hashing is I/O-bound, a few in flight keep the disk busy. */
const HASH_CONCURRENCY = 8;
/** Files up to this size are hashed with one synchronous read: far cheaper than a stream for small articles. */
const HASH_SYNC_MAX_BYTES = 8 * 1024 * 1024;

/** Input bytes per batch sent to a worker: big enough to amortise the hand-over, small enough to balance the load. */
export const DEFAULT_BATCH_BYTES = 256 * 1024;
/** At most this many inputs per batch (many tiny articles). */
const MAX_BATCH_ITEMS = 512;
/** Batches read ahead per worker: one being processed, one waiting, so no worker idles while the main thread writes. */
const BATCHES_AHEAD_PER_WORKER = 2;

/**
 * Every timed step of a build, in order: the main thread's (digest, ingest,
 * write) and the workers' (PROCESS_STEPS: the stages of index.ts, then
 * encode). Spelled out rather than derived, because index.ts imports this
 * module before its STAGES exist.
 */
export const BUILD_STEPS = ['digest', 'ingest', 'clean', 'segmentSentences', 'detectLanguage', 'label', 'encode', 'write'] as const;
export type BuildStep = (typeof BUILD_STEPS)[number] | ProcessStep;

export interface BuildOptions extends IngestOptions {
  readonly inDir: string;
  readonly outDir: string;
  /**
   * Worker threads processing batches; 1 processes on the main thread.
   * An input smaller than one batch is always processed on the main thread.
   * @default os.availableParallelism()
   */
  readonly concurrency?: number;
  /** Process only this shard's inputs (see shard.ts). @default null, every input */
  readonly shard?: Shard | null;
  /** Show progress on stderr (a bar on a terminal, a line every 10 s otherwise). @default false */
  readonly progress?: boolean;
  /** Input bytes per batch. @default DEFAULT_BATCH_BYTES */
  readonly batchBytes?: number;
}

/** How the build went, for the summary and the benchmark. */
export interface BuildStats {
  readonly seconds: number;
  /** Bytes of every input file (all of them, also with a shard). */
  readonly inputBytes: number;
  readonly inputFiles: number;
  /** Worker threads used (1: processed on the main thread). */
  readonly concurrency: number;
  /** Milliseconds per step. Worker steps are summed over the workers, so with several workers they can exceed `seconds`. */
  readonly stepMs: Readonly<Record<BuildStep, number>>;
}

export interface BuildSummary {
  readonly outDir: string;
  readonly rows: Record<TableName, number>;
  readonly rejectedByReason: Readonly<Record<string, number>>;
  /** JSONL fields the pipeline did not read: per input file, per field, the number of lines that had it. */
  readonly unusedFields: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly stats: BuildStats;
}

/** The digest and size of one input, as the manifest lists it. */
export interface InputDigest {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** Where the dataset came from: written to the manifest and to every Arrow file's metadata. */
export interface Provenance {
  readonly dataset: string;
  readonly dataset_version: string;
  readonly pipeline_version: string;
  readonly codebook_sha256: string;
  readonly input_digest: string;
}

/** manifest.json. A shard's part also records which shard it holds; a merged or single-run dataset does not. */
export interface Manifest extends Provenance {
  readonly shard?: Shard;
  readonly row_counts: Record<TableName, number>;
  readonly rejected_by_reason: Readonly<Record<string, number>>;
  readonly files: readonly { readonly path: string; readonly rows: number; readonly sha256: string; readonly bytes: number }[];
  readonly inputs: readonly InputDigest[];
}

/** The dataset version: package.json's `version`, the one place it is kept. */
export function datasetVersion(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

/** What decides the output bytes besides the input: the code, the schemas, the dependencies, the codebook. */
const PIPELINE_PATHS = ['pipeline', 'schemas', 'package.json', 'package-lock.json', 'CODEBOOK.md'];

/**
 * The pipeline version: the git commit that last changed the pipeline
 * (PIPELINE_PATHS), `+dirty` when those files have uncommitted changes, or
 * `unknown` outside a git checkout. The last commit that changed the code, not
 * HEAD, so that a commit touching only docs or the release record does not
 * change the dataset's bytes.
 */
export function pipelineVersion(): string {
  if (process.env['PIPELINE_VERSION']) return process.env['PIPELINE_VERSION'];
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('log', '-1', '--format=%H', '--', ...PIPELINE_PATHS);
    if (commit === '') return 'unknown';
    const dirty = git('status', '--porcelain', '--untracked-files=no', '--', ...PIPELINE_PATHS) !== '';
    return dirty ? `${commit}+dirty` : commit;
  } catch {
    return 'unknown';
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Digests of the inputs, and one digest over all of them (path and content). */
async function digestInputs(files: readonly InputFile[]): Promise<{ inputs: InputDigest[]; digest: string }> {
  const limit = pLimit(HASH_CONCURRENCY);
  const inputs = await Promise.all(
    files.map((f) =>
      f.bytes <= HASH_SYNC_MAX_BYTES
        ? { path: f.path, bytes: f.bytes, sha256: createHash('sha256').update(readFileSync(f.absolutePath)).digest('hex') }
        : limit(async () => ({ path: f.path, bytes: f.bytes, sha256: await sha256OfFile(f.absolutePath) })),
    ),
  );
  return { inputs, digest: sha256(inputs.map((i) => `${i.sha256}  ${i.path}\n`).join('')) };
}

/** Make sure OUT's parent exists and is writable; fail at once, naming the path, if not. */
export function prepareStagingDirectory(outDir: string): string {
  assertReplaceable(outDir);
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

/**
 * OUT is replaced as a whole, so it must be new, empty, or a dataset this
 * pipeline wrote (it has a manifest.json): never a directory of other files
 * that the swap would delete.
 */
function assertReplaceable(outDir: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) throw new Error(`OUT ${outDir} is a file, not a directory: choose another OUT=<dir>.`);
  const entries = readdirSync(outDir, { withFileTypes: true });
  const files = entries.filter((e) => !e.isDirectory()).map((e) => e.name);
  if (files.length > 0 && !files.includes('manifest.json'))
    throw new Error(
      `OUT ${outDir} holds files that are not a dataset (no manifest.json: ${files.slice(0, 3).join(', ')}…), and a build replaces OUT whole: choose a new or empty OUT=<dir>.`,
    );
}

/**
 * Replace OUT by the complete staging directory. Subdirectories of the old
 * OUT (release/, eval/, notebook/: other targets' outputs, not part of the
 * dataset) move into the new one rather than being deleted with it.
 */
export function swapIntoPlace(staging: string, outDir: string): void {
  const previous = `${outDir}.tmp-${process.pid}-previous`;
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(staging, outDir);
  if (existsSync(previous)) {
    for (const entry of readdirSync(previous, { withFileTypes: true })) {
      if (entry.isDirectory() && !existsSync(join(outDir, entry.name))) renameSync(join(previous, entry.name), join(outDir, entry.name));
    }
  }
  rmSync(previous, { recursive: true, force: true });
}

/** Write manifest.json: stable JSON, two-space indent, trailing newline; `shard` only for a part. */
export function writeManifest(dir: string, manifest: Manifest): void {
  const { shard, row_counts, rejected_by_reason, files, inputs, ...provenance } = manifest;
  const ordered = {
    dataset: provenance.dataset,
    dataset_version: provenance.dataset_version,
    pipeline_version: provenance.pipeline_version,
    codebook_sha256: provenance.codebook_sha256,
    input_digest: provenance.input_digest,
    ...(shard ? { shard } : {}),
    row_counts,
    rejected_by_reason: Object.fromEntries(Object.entries(rejected_by_reason).sort()),
    files,
    inputs,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(ordered, null, 2)}\n`);
}

/** The provenance of a build from these inputs with this checkout. */
function provenanceOf(inputDigest: string): Provenance {
  const { name, version } = datasetVersion();
  return {
    dataset: name,
    dataset_version: version,
    pipeline_version: pipelineVersion(),
    codebook_sha256: sha256(readFileSync(join(REPO_ROOT, 'CODEBOOK.md'), 'utf8')),
    input_digest: inputDigest,
  };
}

/** `concurrency` from the options, checked. */
function workerCount(options: BuildOptions): number {
  const concurrency = options.concurrency ?? availableParallelism();
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`CONCURRENCY must be a whole number ≥ 1, got ${concurrency}.`);
  return concurrency;
}

/**
 * Build the dataset from `inDir` into `outDir`.
 * @throws Error with a message naming the path when IN is missing or unreadable or OUT cannot be written.
 * @example await buildDataset({ inDir: 'seeds', outDir: 'output', concurrency: 2 })
 */
export async function buildDataset(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const stepMs = Object.fromEntries(BUILD_STEPS.map((s) => [s, 0])) as Record<BuildStep, number>;
  const inDir = resolve(options.inDir);
  const outDir = resolve(options.outDir);
  const shard = options.shard ?? null;
  const batchBytes = options.batchBytes ?? DEFAULT_BATCH_BYTES;
  const requested = workerCount(options);
  const files = listInputFiles(inDir);
  const inputBytes = files.reduce((n, f) => n + f.bytes, 0);
  // Below one batch, starting threads costs more than it saves; the output is the same either way.
  const concurrency = inputBytes <= batchBytes ? 1 : requested;

  // Threads start now: they load the stages while the inputs are hashed.
  const pool = concurrency > 1 ? new WorkerPool(concurrency) : null;
  let staging: string | null = null;
  try {
    let t = performance.now();
    const { inputs, digest: inputDigest } = await digestInputs(files);
    stepMs.digest = performance.now() - t;
    const provenance = provenanceOf(inputDigest);
    staging = prepareStagingDirectory(outDir);
    const writer = new DatasetWriter(staging, new Map(Object.entries(provenance)));
    const rejectedByReason: Partial<Record<RejectionReason, number>> = {};
    const progress = options.progress ? new Progress({ totalBytes: inputBytes }) : null;
    let bytesRead = 0;
    let documents = 0;

    /** Write one batch's chunks, in input order. */
    const write = (result: BatchResult): void => {
      const start = performance.now();
      for (const table of TABLE_NAMES) writer.write(table, result.chunks[table]);
      stepMs.write += performance.now() - start;
      for (const [reason, n] of Object.entries(result.rejectedByReason) as [RejectionReason, number][])
        rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + n;
      for (const [step, ms] of Object.entries(result.stepMs)) stepMs[step as BuildStep] = (stepMs[step as BuildStep] ?? 0) + ms;
      documents += result.chunks.documents.rows;
      progress?.update(bytesRead, documents);
    };

    const limit = pLimit(concurrency);
    // The stages are loaded here only when they run on this thread: with workers, they load there.
    const inline = pool ? null : (await import('./process-batch.js')).processBatch;
    const run = pool ? (items: BatchItem[]) => pool.run(items) : async (items: BatchItem[]) => inline!(items);
    /** Batches dispatched and not yet written, oldest first. */
    const queue: Promise<BatchResult>[] = [];
    const maxQueued = pool ? concurrency * BATCHES_AHEAD_PER_WORKER : 1;
    let batch: BatchItem[] = [];
    let pendingBytes = 0;
    const dispatch = async (): Promise<void> => {
      if (batch.length > 0) {
        const items = batch;
        const promise = limit(() => run(items));
        promise.catch(() => undefined); // awaited in order below; this only keeps an early failure from counting as unhandled
        queue.push(promise);
        batch = [];
        pendingBytes = 0;
      }
      while (queue.length >= maxQueued) write(await queue.shift()!);
    };

    const keptBy = new Map<string, string>();
    const unusedFields: Record<string, Record<string, number>> = {};
    for (const file of files) {
      let fileBytesSeen = 0;
      const items = readInputFile(file, options);
      for (;;) {
        t = performance.now();
        const next = await items.next();
        stepMs.ingest += performance.now() - t;
        if (next.done) break;
        let item: BatchItem = next.value;
        // A JSONL line's share of its file, for progress only: its text's length, never past the file's size.
        const size = 'raw_text' in item ? item.raw_text.length : 0;
        const seen = Math.min(fileBytesSeen + size, file.bytes) - fileBytesSeen;
        fileBytesSeen += seen;
        bytesRead += seen;
        if (!inShard(item, shard)) continue;
        if ('raw_text' in item) {
          for (const field of item.given.unused_fields ?? []) {
            const perFile = (unusedFields[file.path] ??= {});
            perFile[field] = (perFile[field] ?? 0) + 1;
          }
          const kept = keptBy.get(item.doc_id);
          if (kept !== undefined) {
            item = {
              source_file: item.source_file,
              reason: 'duplicate',
              detail: `Same text (after BOM, line-ending and whitespace normalisation) as ${kept}.`,
              kept_doc_id: item.doc_id,
            };
          } else {
            keptBy.set(item.doc_id, item.source_file);
            pendingBytes += size;
          }
        }
        batch.push(item);
        if (pendingBytes >= batchBytes || batch.length >= MAX_BATCH_ITEMS) await dispatch();
      }
      bytesRead += file.bytes - fileBytesSeen;
    }
    await dispatch();
    while (queue.length > 0) write(await queue.shift()!);
    progress?.finish();

    t = performance.now();
    const { rows, files: outputs } = writer.close();
    stepMs.write += performance.now() - t;
    writeManifest(staging, {
      ...provenance,
      ...(shard ? { shard } : {}),
      row_counts: rows,
      rejected_by_reason: rejectedByReason,
      files: outputs,
      inputs,
    });
    swapIntoPlace(staging, outDir);
    const seconds = (performance.now() - started) / 1000;
    return { outDir, rows, rejectedByReason, unusedFields, stats: { seconds, inputBytes, inputFiles: files.length, concurrency, stepMs } };
  } catch (error) {
    if (staging !== null) rmSync(staging, { recursive: true, force: true });
    throw error;
  } finally {
    await pool?.close();
  }
}
