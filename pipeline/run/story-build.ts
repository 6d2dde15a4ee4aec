/**
 * Stories in a build and in a merge (run/stories.ts; README "Syndicated
 * copies"): the hooks build-dataset.ts and merge-dataset.ts call.
 *
 * Build: each batch's documents chunk is staged (output/story-columns.ts)
 * and its signatures kept; when the stream ends, the stories are clustered
 * and the documents table is written with its story columns. A shard's part
 * also writes its signatures to STORY_SIGNATURES_FILE, with each document's
 * place in the whole input order, so that `make merge` clusters over every
 * part and writes exactly the single run's story columns.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTS_SPILL, DocumentsCsvWriter, DocumentsSpill, writeDocumentsArrowSegment } from '../output/documents-spill.js';
import type { TableChunk } from '../output/encode-rows.js';
import { storyTable, type StoryColumns } from '../output/story-columns.js';
import { tableSpec } from '../output/tables.js';
import { ArrowTableWriter, type WrittenFile, type WrittenTable } from '../output/write-dataset.js';
import { SIGNATURE_SIZE } from '../text/minhash.js';
import { orderKeyOf } from './input-order.js';
import type { BatchSignatures } from './process-batch.js';
import { clusterStories, RECORD_WORDS, SignatureStore, storyColumnsOf, storyCounts, storyThreshold, type StoryAssignment } from './stories.js';

/** A part's signatures: beside its tables, listed in its manifest; a single run or a merge has none. */
export const STORY_SIGNATURES_FILE = 'story-signatures.bin';

/** File header: a magic word, then the words per record (so a part from another signature size is refused). */
const MAGIC = 0x53424452; // "RDBS" little-endian
/** Words per record in the part file: the document's place in input order (input index, JSONL line), then its store record. */
const PART_RECORD_WORDS = 2 + RECORD_WORDS;

/** Summary figures, for the build's stats. */
export interface StorySummary {
  readonly documents: number;
  readonly stories: number;
  readonly copies: number;
  readonly largest: number;
  /** Bytes held for clustering: the signature store and the union-find arrays. */
  readonly clusteringBytes: number;
}

/** Collects a build's documents and signatures, then writes the documents with their story columns. */
export class StoryBuild {
  private readonly store = new SignatureStore();
  private readonly spill: DocumentsSpill;
  /** For a part: each document's place in input order (two words each). */
  private readonly keys: number[] | null;
  private readonly keyOf: ((sourceFile: string) => readonly [number, number]) | null;

  /** @param inputs - the full input list, for a shard's part only (null in a single run) */
  constructor(
    private readonly dir: string,
    inputs: readonly { readonly path: string }[] | null,
  ) {
    this.spill = new DocumentsSpill(join(dir, DOCUMENTS_SPILL));
    this.keys = inputs ? [] : null;
    this.keyOf = inputs ? orderKeyOf(inputs, 'stories') : null;
  }

  /** Stage a batch's documents chunk (without story columns) and keep its signatures. */
  stage(chunk: TableChunk, signatures: BatchSignatures): void {
    if (chunk.rows !== signatures.docIds.length)
      throw new Error(`stories: a batch has ${chunk.rows} documents rows but ${signatures.docIds.length} signatures.`);
    this.spill.write(chunk);
    signatures.docIds.forEach((docId, k) => {
      this.store.push(docId, signatures.shingles[k]!, signatures.minhash, k * SIGNATURE_SIZE);
      if (this.keys) this.keys.push(...this.keyOf!(signatures.sourceFiles[k]!));
    });
  }

  /**
   * Cluster, then write the documents table from the staged chunks with its story columns, segment by segment:
   * each segment's CSV records, then its Arrow rows, then the segment is deleted.
   * @param metadata - the Arrow file's metadata (the build's provenance)
   * @returns the documents table (rows, digests); the part's signature file entry (for its manifest) when building a
   *   part, else null; the summary; and the milliseconds spent clustering and writing the table
   */
  finish(metadata: ReadonlyMap<string, string>): {
    documents: WrittenTable;
    signatureFile: WrittenFile | null;
    summary: StorySummary;
    clusterMs: number;
    writeMs: number;
  } {
    const clustering = performance.now();
    const stories = clusterStories(this.store, storyThreshold());
    const table = storyTable(this.store.size, (i) => storyColumnsOf(this.store, stories, i));
    const clusterMs = performance.now() - clustering;
    const writing = performance.now();
    const csv = new DocumentsCsvWriter(join(this.dir, 'documents.csv'));
    const arrow = new ArrowTableWriter(tableSpec('documents'), join(this.dir, 'documents.arrow'), metadata);
    this.spill.finishWriting().forEach((segment, k) => {
      csv.writeSegment(segment, table);
      writeDocumentsArrowSegment(arrow, segment, table);
      this.spill.removeBefore(k + 1);
    });
    const csvDigest = csv.close();
    const arrowDigest = arrow.close();
    this.spill.close();
    const documents = { rows: arrow.rows, arrow: arrowDigest, csv: csvDigest };
    const writeMs = performance.now() - writing;
    const signatureFile = this.keys ? writePartSignatures(this.dir, this.store, this.keys) : null;
    return { documents, signatureFile, summary: summaryOf(this.store, stories), clusterMs, writeMs };
  }

  /** Remove the staged chunks (after a failure). */
  abandon(): void {
    this.spill.close();
  }
}

function summaryOf(store: SignatureStore, stories: StoryAssignment): StorySummary {
  return { documents: store.size, ...storyCounts(stories), clusteringBytes: store.bytes + stories.first.byteLength + stories.sizes.byteLength };
}

/** Write a part's signature file; returns its manifest entry. */
function writePartSignatures(dir: string, store: SignatureStore, keys: readonly number[]): WrittenFile {
  const words = new Uint32Array(2 + store.size * PART_RECORD_WORDS);
  words[0] = MAGIC;
  words[1] = PART_RECORD_WORDS;
  for (let i = 0; i < store.size; i++) {
    const at = 2 + i * PART_RECORD_WORDS;
    words[at] = keys[2 * i]!;
    words[at + 1] = keys[2 * i + 1]!;
    words.set(store.record(i), at + 2);
  }
  // Native byte order, which is little-endian on every platform Node.js supports in practice.
  const bytes = Buffer.from(words.buffer, words.byteOffset, words.byteLength);
  writeFileSync(join(dir, STORY_SIGNATURES_FILE), bytes);
  return { path: STORY_SIGNATURES_FILE, rows: store.size, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** A part as the merge sees it: its directory and its manifest's file list. */
interface PartFiles {
  readonly dir: string;
  readonly manifest: { readonly files: readonly WrittenFile[] };
}

/** Records read from a part file at once. */
const READ_RECORDS = 1024;

/** Reads a part's signature file record by record, hashing it on the way, so the merge holds only the store. */
class PartSignatures {
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private readonly buffer = new Uint32Array(READ_RECORDS * PART_RECORD_WORDS);
  private readonly bytes = Buffer.from(this.buffer.buffer);
  private position = 8;
  private length = 0;
  private next = 0;
  /** The current record (input index, line, store record), or null at the end. */
  current: Uint32Array | null = null;

  constructor(
    readonly path: string,
    private readonly entry: WrittenFile,
  ) {
    try {
      this.fd = openSync(path, 'r');
    } catch {
      throw new Error(`${path} is missing (its manifest lists it): copy or rebuild that part.`);
    }
    const header = Buffer.alloc(8);
    if (readSync(this.fd, header, 0, 8, 0) !== 8 || header.readUInt32LE(0) !== MAGIC || header.readUInt32LE(4) !== PART_RECORD_WORDS) {
      closeSync(this.fd);
      throw new Error(`${path} is not a signature file of this pipeline version, or is damaged: rebuild that part.`);
    }
    this.hash.update(header);
    this.advance();
  }

  advance(): void {
    if (this.next >= this.length) {
      const read = readSync(this.fd, this.bytes, 0, this.bytes.length, this.position);
      if (read % (PART_RECORD_WORDS * 4) !== 0) this.fail();
      this.hash.update(this.bytes.subarray(0, read));
      this.position += read;
      this.length = read / (PART_RECORD_WORDS * 4);
      this.next = 0;
      if (this.length === 0) {
        closeSync(this.fd);
        if (this.hash.digest('hex') !== this.entry.sha256 || this.position !== this.entry.bytes) this.fail();
        this.current = null;
        return;
      }
    }
    this.current = this.buffer.subarray(this.next * PART_RECORD_WORDS, (this.next + 1) * PART_RECORD_WORDS);
    this.next++;
  }

  private fail(): never {
    throw new Error(`${this.path} does not match its manifest (damaged or partly copied): copy or rebuild that part.`);
  }
}

/**
 * The stories over every part, in the single run's document order: the
 * parts' signatures (each in its own input order) are merged by their place
 * in the input, checked against their manifests, and clustered.
 * @returns `next(docId)`: the story columns of the next document of the merged documents table
 * @throws Error naming the part when its signature file is missing, damaged, or does not match its documents
 */
export function mergeStories(parts: readonly PartFiles[]): { next: (docId: string) => StoryColumns; summary: StorySummary } {
  const readers = parts.map((part) => {
    const entry = part.manifest.files.find((f) => f.path === STORY_SIGNATURES_FILE);
    if (entry === undefined) throw new Error(`${part.dir} has no ${STORY_SIGNATURES_FILE} in its manifest: rebuild that part with this pipeline version.`);
    return new PartSignatures(join(part.dir, STORY_SIGNATURES_FILE), entry);
  });
  const store = new SignatureStore();
  for (;;) {
    let best: PartSignatures | null = null;
    for (const reader of readers) {
      const r = reader.current;
      if (r === null) continue;
      const b = best?.current;
      if (!b || r[0]! < b[0]! || (r[0] === b[0] && r[1]! < b[1]!)) best = reader;
    }
    if (best === null) break;
    store.pushRecord(best.current!.subarray(2));
    best.advance();
  }
  const stories = clusterStories(store, storyThreshold());
  let i = 0;
  const next = (docId: string): StoryColumns => {
    if (i >= store.size || store.docId(i) !== docId)
      throw new Error(`The parts' signatures do not match their documents (document ${docId}): rebuild the parts with this pipeline version.`);
    return storyColumnsOf(store, stories, i++);
  };
  return { next, summary: summaryOf(store, stories) };
}
