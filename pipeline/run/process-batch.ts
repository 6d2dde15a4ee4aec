/**
 * One batch of inputs → encoded table chunks. This is all the CPU-heavy work
 * of a build: the document stages (index.ts's STAGES) on every article, then
 * the rows of every table encoded for the writer (encode-rows.ts). It runs in
 * a worker thread (worker.ts) or, with CONCURRENCY=1, on the main thread;
 * both give the same chunks.
 *
 * A batch holds inputs in input order: RawDocuments to process and
 * Rejections already decided by ingest or the duplicate check, so that the
 * rejected table keeps input order too.
 */
import { ActorTally, type ActorPartial } from '../output/actors.js';
import { encodeRows, type TableChunk } from '../output/encode-rows.js';
import { withoutStoryColumns } from '../output/story-columns.js';
import { minhashInto, SIGNATURE_SIZE } from '../text/minhash.js';
import { STAGES } from '../index.js';
import { documentRows, rejectionRow, tableSpec, TABLE_NAMES, type Row, type TableName, type TableSpec } from '../output/tables.js';
import type { LabeledDocument, RawDocument, Rejection, RejectionReason } from '../types.js';

/** An input of a batch: an article to process, or an input already rejected. */
export type BatchItem = RawDocument | Rejection;

/** The timed parts of processing: each document stage, `minhash` (the signature for stories, run/stories.ts), then `encode` (rows and their Arrow/CSV encoding). */
export type ProcessStep = (typeof STAGES)[number]['name'] | 'minhash' | 'encode';

/** The names of the timed steps, in order. */
export const PROCESS_STEPS: readonly ProcessStep[] = [...STAGES.map((s) => s.name), 'minhash', 'encode'];

/** Each document of a batch's MinHash signature (text/minhash.ts), in the order of its documents rows. */
export interface BatchSignatures {
  readonly docIds: readonly string[];
  readonly sourceFiles: readonly string[];
  /** Distinct shingles per document. */
  readonly shingles: Uint32Array;
  /** SIGNATURE_SIZE values per document, back to back. */
  readonly minhash: Uint32Array;
}

/** What a batch became. */
export interface BatchResult {
  /** One chunk per table, rows in input order. */
  readonly chunks: Readonly<Record<TableName, TableChunk>>;
  /** Rejected inputs of this batch by reason (those passed in and those made here). */
  readonly rejectedByReason: Readonly<Partial<Record<RejectionReason, number>>>;
  /** Milliseconds spent in each step, summed over the batch. */
  readonly stepMs: Readonly<Record<ProcessStep, number>>;
  /** The batch's sources, counted for the dataset-wide `actors` table (output/actors.ts); its chunk of `actors` is empty. */
  readonly actors: ActorPartial;
  /** The documents' signatures, for the stories computed once every document is known. */
  readonly signatures: BatchSignatures;
}

/** What a processed input became. */
export type Outcome = { readonly document: LabeledDocument } | { readonly rejection: Rejection };

/** Per-step time accumulator (milliseconds). */
export type StepClock = Record<ProcessStep, number>;

function newClock(): StepClock {
  return Object.fromEntries(PROCESS_STEPS.map((s) => [s, 0])) as StepClock;
}

/** What a document that went through every stage becomes: a document, or a rejection when cleaning left nothing. */
function finished(raw: RawDocument, document: LabeledDocument): Outcome {
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
}

/** The rejection of an article on which a stage threw. */
function failed(raw: RawDocument, error: unknown): Outcome {
  return {
    rejection: {
      source_file: raw.source_file,
      reason: 'processing_error',
      detail: `A pipeline stage failed: ${(error as Error).message}. Please report it with this file.`,
      kept_doc_id: null,
    },
  };
}

/**
 * Run the stages on one raw article. A stage that throws on some input does
 * not stop the build: the article is recorded as a `processing_error`.
 * @param clock - when given, each stage's time is added to it
 */
export function processInput(raw: RawDocument, clock?: StepClock): Outcome {
  try {
    let doc: unknown = raw;
    for (const stage of STAGES) {
      const start = clock ? performance.now() : 0;
      doc = (stage.run as (input: unknown) => unknown)(doc);
      if (clock) clock[stage.name] += performance.now() - start;
    }
    return finished(raw, doc as LabeledDocument);
  } catch (error) {
    return failed(raw, error);
  }
}

/**
 * Run the stages on several raw articles, stage by stage: each stage runs
 * over all of them before the next starts, so that its code, its compiled
 * rules and its tables stay in the processor's caches instead of being pushed
 * out by the other stages' after every article (about a quarter less time
 * per MB than article by article on the bench corpus). The outcomes are those of `processInput` on each
 * article: the stages are pure functions of their input.
 * @param clock - each stage's time is added to it
 */
export function processInputs(raws: readonly RawDocument[], clock: StepClock): Outcome[] {
  const docs: unknown[] = [...raws];
  const errors: unknown[] = new Array<unknown>(raws.length).fill(undefined);
  const threw = new Uint8Array(raws.length);
  for (const stage of STAGES) {
    const run = stage.run as (input: unknown) => unknown;
    const start = performance.now();
    for (let k = 0; k < docs.length; k++) {
      if (threw[k] === 1) continue;
      try {
        docs[k] = run(docs[k]);
      } catch (error) {
        threw[k] = 1;
        errors[k] = error;
      }
    }
    clock[stage.name] += performance.now() - start;
  }
  return raws.map((raw, k) => {
    if (threw[k] === 1) return failed(raw, errors[k]);
    try {
      return finished(raw, docs[k] as LabeledDocument);
    } catch (error) {
      return failed(raw, error);
    }
  });
}

/** True for a Rejection, false for a RawDocument. */
function isRejection(item: BatchItem): item is Rejection {
  return 'reason' in item && !('raw_text' in item);
}

/** Each table's spec, read once per thread. */
let specs: Record<TableName, TableSpec> | undefined;

/**
 * Process a batch and encode its rows.
 * @throws Error when a row breaks its table's schema (a programmer error, see encode-rows.ts).
 */
export function processBatch(items: readonly BatchItem[]): BatchResult {
  // Documents are encoded without their story columns: the build adds them once every document is known (output/story-columns.ts).
  specs ??= Object.fromEntries(TABLE_NAMES.map((name) => [name, name === 'documents' ? withoutStoryColumns(tableSpec(name)) : tableSpec(name)])) as Record<
    TableName,
    TableSpec
  >;
  const clock = newClock();
  const rows: Record<TableName, Row[]> = { documents: [], sentences: [], removed: [], attributions: [], rejected: [], actors: [] };
  const rejectedByReason: Partial<Record<RejectionReason, number>> = {};
  const reject = (rejection: Rejection): void => {
    rejectedByReason[rejection.reason] = (rejectedByReason[rejection.reason] ?? 0) + 1;
    rows.rejected.push(rejectionRow(rejection));
  };
  let encodeMs = 0;
  const docIds: string[] = [];
  const sourceFiles: string[] = [];
  const shingles: number[] = [];
  let minhash = new Uint32Array(SIGNATURE_SIZE * 16);
  const outcomes = processInputs(
    items.filter((item): item is RawDocument => !isRejection(item)),
    clock,
  );
  let next = 0;
  for (const item of items) {
    if (isRejection(item)) {
      reject(item);
      continue;
    }
    const outcome = outcomes[next++]!;
    if ('rejection' in outcome) {
      reject(outcome.rejection);
      continue;
    }
    const signed = performance.now();
    if (minhash.length < SIGNATURE_SIZE * (docIds.length + 1)) {
      const grown = new Uint32Array(minhash.length * 2);
      grown.set(minhash);
      minhash = grown;
    }
    shingles.push(minhashInto(outcome.document.clean_text, minhash, SIGNATURE_SIZE * docIds.length));
    docIds.push(outcome.document.doc_id);
    sourceFiles.push(outcome.document.source_file);
    clock.minhash += performance.now() - signed;
    const start = performance.now();
    const documentTables = documentRows(outcome.document);
    // A loop, not push(...rows): spreading a table of 125,000+ rows overflows the stack (issue #14).
    for (const table of ['documents', 'sentences', 'removed', 'attributions'] as const) for (const row of documentTables[table]) rows[table].push(row);
    encodeMs += performance.now() - start;
  }
  const start = performance.now();
  const chunks = Object.fromEntries(TABLE_NAMES.map((name) => [name, encodeRows(specs![name], rows[name])])) as Record<TableName, TableChunk>;
  clock.encode = encodeMs + performance.now() - start;
  const actors = new ActorTally();
  for (const row of rows.attributions) actors.add(row);
  const signatures = { docIds, sourceFiles, shingles: Uint32Array.from(shingles), minhash: minhash.slice(0, SIGNATURE_SIZE * docIds.length) };
  return { chunks, rejectedByReason, stepMs: clock, signatures, actors: actors.partial() };
}
