/**
 * Build a dataset directory: read every input, run the stages, write the
 * tables and the manifest, and swap the result into place only when it is
 * complete, so that a crash or a kill never leaves a half-written dataset.
 *
 * Every input ends as exactly one row of `documents` or of `rejected`.
 *
 * Streaming: inputs are read one file (or JSONL line) at a time, grouped into
 * batches of about BATCH_BYTES, processed by `concurrency` threads (the main
 * thread and `concurrency - 1` workers, worker-pool.ts; p-limit bounds the
 * batches in flight) and written in input order as they come back, so memory
 * does not grow with the corpus. Only the duplicate check remembers something
 * per document (doc_id → first source_file). The output bytes do not depend on the concurrency.
 *
 * Sharding (shard.ts): with `shard`, only that shard's inputs are processed;
 * the manifest still lists every input, which merge-dataset.ts needs to
 * rebuild the single-run manifest.
 */
import { ActorTally } from '../output/actors.js';
import { encodeRows } from '../output/encode-rows.js';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import { InputChangedError, listInputFiles, readInputFile, sha256OfFile, type IngestOptions, type InputFile } from '../stages/ingest/ingest.js';
import { checkInAndOut } from './in-out-paths.js';
import { discardStaging, ensureParent, OutLock, prepareStaging, swapIntoPlace } from './out-dir.js';
import type { BatchItem, BatchResult, ProcessStep } from './process-batch.js';
import { Progress } from './progress.js';
import { StoryBuild } from './story-build.js';
import { inShard, type Shard } from './shard.js';
import { TABLE_NAMES, tableSpec, type TableName } from '../output/tables.js';
import type { RejectionReason } from '../types.js';
import { DatasetWriter, type WrittenFile } from '../output/write-dataset.js';
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
/**
 * Batches sent ahead to each worker thread (one in hand, the others waiting in its queue): the main thread processes a
 * batch itself only when every worker has this many, so that no worker idles while the main thread is busy.
 */
const WORKER_AHEAD = 3;
/**
 * With workers, the main thread's own batches that may wait, processed, behind a worker's to be written (each is
 * written as soon as it is first in line): beyond them the main thread waits for the oldest batch.
 */
const MAIN_THREAD_QUEUED = 5;

/**
 * Every timed step of a build, in order: the main thread's (digest, ingest,
 * write) and the batches' (PROCESS_STEPS: the stages of index.ts, then
 * encode; on whichever thread processes the batch). Spelled out rather than derived, because index.ts imports this
 * module before its STAGES exist.
 */
export const BUILD_STEPS = ['digest', 'ingest', 'clean', 'segmentSentences', 'detectLanguage', 'label', 'minhash', 'encode', 'write', 'stories'] as const;
export type BuildStep = (typeof BUILD_STEPS)[number] | ProcessStep;

export interface BuildOptions extends IngestOptions {
  readonly inDir: string;
  readonly outDir: string;
  /**
   * Threads processing batches: the main thread and `concurrency - 1` worker threads (1: the main thread alone).
   * An input smaller than one batch is always processed on the main thread alone.
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
  /** Threads that processed batches: the main thread and `concurrency - 1` workers (1: the main thread alone). */
  readonly concurrency: number;
  /**
   * Milliseconds per step, wall time on the thread that ran it, summed over the threads: with several threads they can
   * exceed `seconds`, and a step also counts the time its thread waited for a core while the others ran.
   */
  readonly stepMs: Readonly<Record<BuildStep, number>>;
  /** Batches processed on the main thread and on the worker threads (which depends on timing; the output does not). */
  readonly batches: { readonly main: number; readonly workers: number };
  /** CPU time of the whole process (every thread, V8's own included), in seconds: user and system. */
  readonly cpuSeconds: { readonly user: number; readonly system: number };
}

export interface BuildSummary {
  readonly outDir: string;
  readonly rows: Record<TableName, number>;
  readonly rejectedByReason: Readonly<Record<string, number>>;
  /** JSONL fields the pipeline did not read: per input file, per field, the number of lines that had it. */
  readonly unusedFields: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly stats: BuildStats;
}

/** The digest and size of one input, as the manifest lists it; sha256 null (bytes 0) for an entry that was not read (see list-inputs.ts). */
export interface InputDigest {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string | null;
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
  readonly files: readonly WrittenFile[];
  readonly inputs: readonly InputDigest[];
  /** Inputs decoded as UTF-8 with invalid sequences replaced by U+FFFD, and how many; absent when none. */
  readonly decoding_replacements?: Readonly<Record<string, number>>;
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

/** One input's digest; an entry that cannot be read (or vanished since listing) becomes the rejection it will be. */
async function digestOf(file: InputFile, limit: <T>(run: () => Promise<T>) => Promise<T>): Promise<InputFile> {
  if (file.problem) return file;
  try {
    const sha256 =
      file.bytes <= HASH_SYNC_MAX_BYTES
        ? createHash('sha256').update(readFileSync(file.absolutePath)).digest('hex')
        : await limit(() => sha256OfFile(file.absolutePath));
    return { ...file, sha256 };
  } catch (error) {
    return { ...file, bytes: 0, problem: { reason: 'unreadable', detail: `Cannot read ${file.absolutePath}: ${(error as Error).message}.` } };
  }
}

/**
 * Digests of the inputs, and one digest over all of them (path and content).
 * The files come back with their sha256 set, so that reading other bytes later is found (changed_during_build).
 */
async function digestInputs(listed: readonly InputFile[]): Promise<{ files: InputFile[]; inputs: InputDigest[]; digest: string }> {
  const limit = pLimit(HASH_CONCURRENCY);
  const files = await Promise.all(listed.map((f) => digestOf(f, limit)));
  const inputs = files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 ?? null }));
  return { files, inputs, digest: sha256(inputs.map((i) => `${i.sha256 ?? '-'}  ${i.path}\n`).join('')) };
}

/** Write manifest.json: stable JSON, two-space indent, trailing newline; `shard` only for a part. */
export function writeManifest(dir: string, manifest: Manifest): void {
  const { shard, row_counts, rejected_by_reason, files, inputs, decoding_replacements, ...provenance } = manifest;
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
    ...(decoding_replacements && Object.keys(decoding_replacements).length > 0
      ? { decoding_replacements: Object.fromEntries(Object.entries(decoding_replacements).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) }
      : {}),
  };
  const path = join(dir, 'manifest.json');
  try {
    writeFileSync(path, `${JSON.stringify(ordered, null, 2)}\n`);
  } catch (error) {
    throw new Error(`Cannot write ${path} (${(error as Error).message}): free some space or choose another OUT=<dir>.`);
  }
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
 * Build the dataset from `inDir` into `outDir`, holding OUT's lock (out-dir.ts)
 * throughout. A JSONL file that changes under the build (InputChangedError)
 * makes it start again once; a second change stops it, naming the file.
 * @throws Error with a message naming the path when IN is missing, empty or unreadable, OUT is inside IN,
 *   OUT is locked by another build or holds files the pipeline did not write, or OUT cannot be written.
 * @example await buildDataset({ inDir: 'seeds', outDir: 'output', concurrency: 2 })
 */
export async function buildDataset(options: BuildOptions): Promise<BuildSummary> {
  const { inDir, outDir } = checkInAndOut(options.inDir, options.outDir);
  ensureParent(outDir);
  const lock = OutLock.acquire(outDir);
  try {
    try {
      return await buildOnce(options, inDir, outDir);
    } catch (error) {
      if (!(error instanceof InputChangedError)) throw error;
      process.stderr.write(`${error.path} changed during the build: building again\n`);
      return await buildOnce(options, inDir, outDir);
    }
  } finally {
    lock.release();
  }
}

/** One build attempt, with OUT's lock held. */
async function buildOnce(options: BuildOptions, inDir: string, outDir: string): Promise<BuildSummary> {
  const started = performance.now();
  const stepMs = Object.fromEntries(BUILD_STEPS.map((s) => [s, 0])) as Record<BuildStep, number>;
  const shard = options.shard ?? null;
  const batchBytes = options.batchBytes ?? DEFAULT_BATCH_BYTES;
  const requested = workerCount(options);
  const listed = listInputFiles(inDir);
  const inputBytes = listed.reduce((n, f) => n + f.bytes, 0);
  // Below one batch, starting threads costs more than it saves; the output is the same either way.
  const concurrency = inputBytes <= batchBytes ? 1 : requested;

  // CONCURRENCY threads process batches: this one and CONCURRENCY - 1 workers (one isolate fewer to warm up and to
  // hold in memory than a worker per batch thread, and the main thread's writing is light). The workers start now: they
  // load the stages while the inputs are hashed.
  const pool = concurrency > 1 ? new WorkerPool(concurrency - 1) : null;
  let staging: string | null = null;
  let stories: StoryBuild | null = null;
  try {
    let t = performance.now();
    const { files, inputs, digest: inputDigest } = await digestInputs(listed);
    stepMs.digest = performance.now() - t;
    const provenance = provenanceOf(inputDigest);
    staging = prepareStaging(outDir, provenance.dataset);
    const metadata = new Map(Object.entries(provenance));
    // Documents wait for their story columns and are written apart, at the end (story-build.ts); a part also keeps its
    // signatures for the merge.
    const writer = new DatasetWriter(staging, metadata, ['documents']);
    stories = new StoryBuild(staging, shard ? inputs : null);
    const rejectedByReason: Partial<Record<RejectionReason, number>> = {};
    const progress = options.progress ? new Progress({ totalBytes: inputBytes }) : null;
    let bytesRead = 0;
    let documents = 0;
    const actors = new ActorTally();
    const decodingReplacements: Record<string, number> = {};
    const ingestOptions: IngestOptions = {
      ...(options.maxArticleBytes === undefined ? {} : { maxArticleBytes: options.maxArticleBytes }),
      onReplacements: (sourceFile, replaced) => {
        decodingReplacements[sourceFile] = replaced;
      },
    };

    /** Write one batch's chunks, in input order. */
    const write = (result: BatchResult): void => {
      const start = performance.now();
      for (const table of TABLE_NAMES) if (table !== 'documents') writer.write(table, result.chunks[table]);
      stepMs.write += performance.now() - start;
      const staged = performance.now();
      stories!.stage(result.chunks.documents, result.signatures);
      stepMs.stories += performance.now() - staged;
      for (const [reason, n] of Object.entries(result.rejectedByReason) as [RejectionReason, number][])
        rejectedByReason[reason] = (rejectedByReason[reason] ?? 0) + n;
      for (const [step, ms] of Object.entries(result.stepMs)) stepMs[step as BuildStep] = (stepMs[step as BuildStep] ?? 0) + ms;
      documents += result.chunks.documents.rows;
      actors.addPartial(result.actors);
      progress?.update(bytesRead, documents);
    };

    // At most every worker's batches and one of this thread's in flight.
    const limit = pLimit(pool ? pool.size * WORKER_AHEAD + 1 : 1);
    const { processBatch } = await import('./process-batch.js');
    // A batch goes to a worker while one has room ahead, else this thread processes it (synchronously, meanwhile the workers work on theirs).
    const batches = { main: 0, workers: 0 };
    const run = async (items: BatchItem[]): Promise<BatchResult> => {
      if (pool !== null && pool.leastOutstanding() < WORKER_AHEAD) {
        batches.workers++;
        return pool.run(items);
      }
      batches.main++;
      return processBatch(items);
    };
    /** Batches dispatched and not yet written, oldest first, with whether each is back. */
    const queue: { readonly promise: Promise<BatchResult>; back: boolean }[] = [];
    const maxQueued = pool ? pool.size * WORKER_AHEAD + MAIN_THREAD_QUEUED : 1;
    let batch: BatchItem[] = [];
    let pendingBytes = 0;
    const dispatch = async (): Promise<void> => {
      if (batch.length > 0) {
        const items = batch;
        const entry = { promise: limit(() => run(items)), back: false };
        entry.promise.then(
          () => (entry.back = true),
          () => undefined, // awaited in order below; this only keeps an early failure from counting as unhandled
        );
        queue.push(entry);
        batch = [];
        pendingBytes = 0;
      }
      // Let the workers' answers in (the reading and this thread's batches never yield to them), then write what is back
      // at the head of the queue, and wait for the head only when the queue is full.
      if (pool) await new Promise<void>((resolve) => setImmediate(resolve));
      while (queue.length > 0 && (queue.length >= maxQueued || queue[0]!.back)) write(await queue.shift()!.promise);
    };

    const keptBy = new Map<string, string>();
    const unusedFields: Record<string, Record<string, number>> = {};
    for (const file of files) {
      let fileBytesSeen = 0;
      const items = readInputFile(file, ingestOptions);
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
    while (queue.length > 0) write(await queue.shift()!.promise);
    progress?.finish();
    // Every batch is back: the workers' heaps are freed before the end pass, whose memory is the build's peak.
    await pool?.close();

    const { documents: documentsTable, signatureFile, clusterMs, writeMs } = stories.finish(metadata);
    stepMs.stories += clusterMs;
    stepMs.write += writeMs;
    t = performance.now();
    writer.write('actors', encodeRows(tableSpec('actors'), actors.rows()));
    const { rows, files: outputs } = writer.close({ documents: documentsTable });
    stepMs.write += performance.now() - t;
    writeManifest(staging, {
      ...provenance,
      ...(shard ? { shard } : {}),
      row_counts: rows,
      rejected_by_reason: rejectedByReason,
      files: signatureFile ? [...outputs, signatureFile] : outputs,
      inputs,
      decoding_replacements: decodingReplacements,
    });
    swapIntoPlace(staging, outDir);
    const seconds = (performance.now() - started) / 1000;
    const usage = process.resourceUsage();
    const cpuSeconds = { user: usage.userCPUTime / 1e6, system: usage.systemCPUTime / 1e6 };
    return { outDir, rows, rejectedByReason, unusedFields, stats: { seconds, inputBytes, inputFiles: files.length, concurrency, stepMs, batches, cpuSeconds } };
  } catch (error) {
    stories?.abandon();
    if (staging !== null) discardStaging(staging);
    throw error;
  } finally {
    await pool?.close();
  }
}
