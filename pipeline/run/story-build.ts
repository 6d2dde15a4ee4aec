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
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableChunk } from '../output/encode-rows.js';
import { DocumentsSpill, type StoryColumns } from '../output/story-columns.js';
import type { BatchSignatures } from './process-batch.js';
import { clusterStories, RECORD_WORDS, SignatureStore, storyColumnsOf, storyCounts, storyThreshold, type StoryAssignment } from './stories.js';

/** A part's signatures: beside its tables, listed in its manifest; a single run or a merge has none. */
export const STORY_SIGNATURES_FILE = 'story-signatures.bin';

/** File header: a magic word, then the words per record (so a part from another signature size is refused). */
const MAGIC = 0x53424452; // "RDBS" little-endian
/** Words per record in the part file: the document's place in input order (input index, JSONL line), then its store record. */
const PART_RECORD_WORDS = 2 + RECORD_WORDS;

/** A manifest's entry for a file. */
export interface FileEntry {
  readonly path: string;
  readonly rows: number;
  readonly sha256: string;
  readonly bytes: number;
}

/** Maps a source_file to [input index, JSONL line (0 for a whole file)], from the full input list. */
function orderKeyOf(inputs: readonly { readonly path: string }[]): (sourceFile: string) => readonly [number, number] {
  const index = new Map(inputs.map((input, i) => [input.path, i]));
  return (sourceFile) => {
    const whole = index.get(sourceFile);
    if (whole !== undefined) return [whole, 0];
    const match = /^(.*)#L(\d+)$/.exec(sourceFile);
    const file = match ? index.get(match[1]!) : undefined;
    if (match === null || file === undefined) throw new Error(`stories: ${sourceFile} is not among the inputs.`);
    return [file, Number(match[2])];
  };
}

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
    this.spill = new DocumentsSpill(join(dir, 'documents.spill'));
    this.keys = inputs ? [] : null;
    this.keyOf = inputs ? orderKeyOf(inputs) : null;
  }

  /** Stage a batch's documents chunk (without story columns) and keep its signatures. */
  stage(chunk: TableChunk, signatures: BatchSignatures): void {
    if (chunk.rows !== signatures.docIds.length)
      throw new Error(`stories: a batch has ${chunk.rows} documents rows but ${signatures.docIds.length} signatures.`);
    this.spill.write(chunk);
    signatures.docIds.forEach((docId, k) => {
      this.store.push(docId, signatures.shingles[k]!, signatures.minhash, k * (signatures.minhash.length / signatures.docIds.length));
      if (this.keys) this.keys.push(...this.keyOf!(signatures.sourceFiles[k]!));
    });
  }

  /**
   * Cluster, then write every staged documents chunk with its story columns through `write`.
   * @returns the part's signature file entry (for its manifest) when building a part, else null; and the summary
   */
  finish(write: (chunk: TableChunk) => void): { signatureFile: FileEntry | null; summary: StorySummary } {
    const stories = clusterStories(this.store, storyThreshold());
    this.spill.replay((i) => storyColumnsOf(this.store, stories, i), write);
    const signatureFile = this.keys ? writePartSignatures(this.dir, this.store, this.keys) : null;
    return { signatureFile, summary: summaryOf(this.store, stories) };
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
function writePartSignatures(dir: string, store: SignatureStore, keys: readonly number[]): FileEntry {
  const words = new Uint32Array(2 + store.size * PART_RECORD_WORDS);
  words[0] = MAGIC;
  words[1] = PART_RECORD_WORDS;
  const records = store.records();
  for (let i = 0; i < store.size; i++) {
    const at = 2 + i * PART_RECORD_WORDS;
    words[at] = keys[2 * i]!;
    words[at + 1] = keys[2 * i + 1]!;
    words.set(records.subarray(i * RECORD_WORDS, (i + 1) * RECORD_WORDS), at + 2);
  }
  const bytes = Buffer.from(words.buffer, words.byteOffset, words.byteLength);
  writeFileSync(join(dir, STORY_SIGNATURES_FILE), bytes);
  return { path: STORY_SIGNATURES_FILE, rows: store.size, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

/** A part as the merge sees it: its directory and its manifest's file list. */
interface PartFiles {
  readonly dir: string;
  readonly manifest: { readonly files: readonly FileEntry[] };
}

/**
 * The stories over every part, in the single run's document order: each
 * part's signatures are read (and checked against its manifest), ordered by
 * their place in the input, and clustered.
 * @returns `next(docId)`: the story columns of the next document of the merged documents table
 * @throws Error naming the part when its signature file is missing, damaged, or does not match its documents
 */
export function mergeStories(parts: readonly PartFiles[]): { next: (docId: string) => StoryColumns; summary: StorySummary } {
  const gathered: { key0: number; key1: number; records: Uint32Array; at: number }[] = [];
  for (const part of parts) {
    const path = join(part.dir, STORY_SIGNATURES_FILE);
    const entry = part.manifest.files.find((f) => f.path === STORY_SIGNATURES_FILE);
    if (entry === undefined) throw new Error(`${part.dir} has no ${STORY_SIGNATURES_FILE} in its manifest: rebuild that part with this pipeline version.`);
    const bytes = readFileSync(path);
    if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256 || bytes.length !== entry.bytes)
      throw new Error(`${path} does not match its manifest (damaged or partly copied): copy or rebuild that part.`);
    const words = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (words[0] !== MAGIC || words[1] !== PART_RECORD_WORDS) throw new Error(`${path} is not a signature file of this pipeline version: rebuild that part.`);
    for (let at = 2; at < words.length; at += PART_RECORD_WORDS) gathered.push({ key0: words[at]!, key1: words[at + 1]!, records: words, at: at + 2 });
  }
  gathered.sort((a, b) => a.key0 - b.key0 || a.key1 - b.key1);
  const store = new SignatureStore();
  for (const g of gathered) store.pushRecords(g.records.subarray(g.at, g.at + RECORD_WORDS));
  gathered.length = 0;
  const stories = clusterStories(store, storyThreshold());
  let i = 0;
  const next = (docId: string): StoryColumns => {
    if (i >= store.size || store.docId(i) !== docId)
      throw new Error(`The parts' signatures do not match their documents (document ${docId}): rebuild the parts with this pipeline version.`);
    return storyColumnsOf(store, stories, i++);
  };
  return { next, summary: summaryOf(store, stories) };
}
