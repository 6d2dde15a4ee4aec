/**
 * Stories: syndicated copies of one article, found across the whole corpus
 * once every document is known (README "Syndicated copies"). Nothing is
 * dropped: every document gets `story_id` (the doc_id of its story's first
 * document in input order), `n_story_copies` (documents in the story) and
 * `story_similarity` (to that first document).
 *
 * 1. Candidates by locality-sensitive hashing: the MinHash signature
 *    (text/minhash.ts) is cut into BANDS bands of ROWS_PER_BAND values; two
 *    documents that agree on a whole band are candidates. Band by band, the
 *    documents are sorted by the band's hash, so memory stays a few bytes per
 *    document beyond the signatures.
 * 2. A candidate pair is a copy when the containment of the shorter text in
 *    the longer, estimated from the signatures, reaches the threshold.
 *    Containment, not Jaccard: a copy trimmed to 70% of the story has a
 *    Jaccard similarity near 0.7 with the original but is contained in it
 *    almost whole. With J estimated as the share of equal signature values
 *    and a, b the distinct shingle counts, |A∩B| = J(a+b)/(1+J), so
 *    containment = J(a+b) / ((1+J)·min(a,b)).
 * 3. Copies are joined transitively (union-find whose root is always the
 *    smallest input index, i.e. the story's first document).
 *
 * Deterministic: the result depends only on the signatures in input order,
 * never on threads or shards, so merge-dataset.ts recomputes it over every
 * part and gets the single run's bytes.
 */
import type { StoryColumns } from '../output/story-columns.js';
import { SIGNATURE_SIZE } from '../text/minhash.js';

/**
 * Containment of the shorter text in the longer at or above which two
 * documents are copies. 0.5 by default: a syndicated copy keeping 60% of the
 * story with new chrome scores ≳ 0.8, unrelated articles on the same event
 * ≈ 0.0–0.1 (bench/syndication.ts measures both). Set with STORY_THRESHOLD.
 */
export const DEFAULT_STORY_THRESHOLD = 0.5;

/**
 * Bands × rows of the LSH index: 32 × 2 uses the 64 signature values. A pair
 * with Jaccard J becomes a candidate with probability 1 − (1 − J²)^32:
 * 0.95 at J = 0.3, 0.9996 at J = 0.5; a copy keeping 60% of the story has
 * J ≳ 0.5. Unrelated articles (J ≈ 0) almost never meet.
 */
export const BANDS = 32;
export const ROWS_PER_BAND = 2;

/**
 * Documents with fewer distinct shingles are never joined: a text of a few
 * words (a caption, a one-line brief) is contained in many articles, and
 * would chain unrelated stories together. 10 shingles ≈ 14 words.
 */
export const MIN_SHINGLES = 10;

/**
 * In a bucket of documents sharing a band, each is compared with the
 * bucket's first document and the WINDOW before it, not with every member:
 * copies of one story already share most buckets, and a huge bucket (a
 * template repeated a thousand times) must not cost a million comparisons.
 */
const WINDOW = 8;

/** Signature values, distinct shingle count and doc_id per document: the words of one record. */
const DOC_ID_WORDS = 2;
export const RECORD_WORDS = SIGNATURE_SIZE + 1 + DOC_ID_WORDS;
const SHINGLES_AT = SIGNATURE_SIZE;
const DOC_ID_AT = SIGNATURE_SIZE + 1;

/** The threshold in effect: STORY_THRESHOLD from the environment, else the default. */
export function storyThreshold(env: NodeJS.ProcessEnv = process.env): number {
  const text = env['STORY_THRESHOLD'];
  if (text === undefined || text === '') return DEFAULT_STORY_THRESHOLD;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 1) throw new Error(`STORY_THRESHOLD must be a number in (0, 1], got ${JSON.stringify(text)}.`);
  return value;
}

/** Records per block of the store: blocks of about 1 MiB, so that growing never copies and wastes at most one block. */
const BLOCK_BITS = 12;
const BLOCK_RECORDS = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK_RECORDS - 1;

/**
 * Every document's signature, in input order: RECORD_WORDS × 4 = 268 bytes
 * per document, in fixed-size blocks.
 */
export class SignatureStore {
  private readonly blocks: Uint32Array[] = [];
  size = 0;

  /** Append a document: its doc_id (16 hex digits), distinct shingles, and signature at `offset` of `signatures`. */
  push(docId: string, shingles: number, signatures: Uint32Array, offset: number): void {
    if (!/^[0-9a-f]{16}$/.test(docId)) throw new Error(`stories: doc_id ${JSON.stringify(docId)} is not 16 hex digits.`);
    const [block, record] = this.reserve();
    block.set(signatures.subarray(offset, offset + SIGNATURE_SIZE), record);
    block[record + SHINGLES_AT] = shingles;
    block[record + DOC_ID_AT] = Number.parseInt(docId.slice(0, 8), 16);
    block[record + DOC_ID_AT + 1] = Number.parseInt(docId.slice(8), 16);
  }

  /** Append one whole record (as `record(i)` gives it). */
  pushRecord(words: Uint32Array): void {
    const [block, record] = this.reserve();
    block.set(words.subarray(0, RECORD_WORDS), record);
  }

  private reserve(): [Uint32Array, number] {
    const i = this.size++;
    if ((i & BLOCK_MASK) === 0) this.blocks.push(new Uint32Array(BLOCK_RECORDS * RECORD_WORDS));
    return [this.blocks[i >>> BLOCK_BITS]!, (i & BLOCK_MASK) * RECORD_WORDS];
  }

  /** Document i's record, a view (no copy). */
  record(i: number): Uint32Array {
    const at = (i & BLOCK_MASK) * RECORD_WORDS;
    return this.blocks[i >>> BLOCK_BITS]!.subarray(at, at + RECORD_WORDS);
  }

  /** Bytes held. */
  get bytes(): number {
    return this.blocks.length * BLOCK_RECORDS * RECORD_WORDS * 4;
  }

  docId(i: number): string {
    const block = this.blocks[i >>> BLOCK_BITS]!;
    const at = (i & BLOCK_MASK) * RECORD_WORDS + DOC_ID_AT;
    return block[at]!.toString(16).padStart(8, '0') + block[at + 1]!.toString(16).padStart(8, '0');
  }

  shingles(i: number): number {
    return this.blocks[i >>> BLOCK_BITS]![(i & BLOCK_MASK) * RECORD_WORDS + SHINGLES_AT]!;
  }

  /**
   * Estimated containment of the shorter of documents i and j in the longer,
   * in [0, 1]; 0 when either has no shingle.
   */
  containment(i: number, j: number): number {
    const a = this.shingles(i);
    const b = this.shingles(j);
    if (a === 0 || b === 0) return 0;
    const u = this.blocks[i >>> BLOCK_BITS]!;
    const v = this.blocks[j >>> BLOCK_BITS]!;
    const x = (i & BLOCK_MASK) * RECORD_WORDS;
    const y = (j & BLOCK_MASK) * RECORD_WORDS;
    let equal = 0;
    for (let k = 0; k < SIGNATURE_SIZE; k++) if (u[x + k] === v[y + k]) equal++;
    const jaccard = equal / SIGNATURE_SIZE;
    return Math.min(1, (jaccard * (a + b)) / ((1 + jaccard) * Math.min(a, b)));
  }

  /** The hash of band `band` of document i (its ROWS_PER_BAND values, mixed). */
  bandHash(i: number, band: number): number {
    const block = this.blocks[i >>> BLOCK_BITS]!;
    const at = (i & BLOCK_MASK) * RECORD_WORDS + band * ROWS_PER_BAND;
    let h = 0x2545f491 ^ band;
    for (let r = 0; r < ROWS_PER_BAND; r++) {
      h = Math.imul(h ^ block[at + r]!, 0x9e3779b1);
      h ^= h >>> 15;
    }
    return h >>> 0;
  }
}

/** Each document's story: its first document's index, the story's size, the similarity to that first document. */
export interface StoryAssignment {
  /** Input index of the story's first document, per document. */
  readonly first: Int32Array;
  /** Documents in the story, per story's first document (0 elsewhere). */
  readonly sizes: Int32Array;
  readonly threshold: number;
}

/** The root of i's set, halving the path on the way. */
function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    const grandparent = parent[parent[i]!]!;
    parent[i] = grandparent;
    i = grandparent;
  }
  return i;
}

/** Join the sets of i and j under the smaller root: the root stays the set's first document. */
function union(parent: Int32Array, i: number, j: number): void {
  const a = find(parent, i);
  const b = find(parent, j);
  if (a < b) parent[b] = a;
  else if (b < a) parent[a] = b;
}

/**
 * Cluster the documents of `store` into stories.
 * @param threshold - containment at or above which a candidate pair is a copy
 * @example const stories = clusterStories(store, storyThreshold())
 */
export function clusterStories(store: SignatureStore, threshold: number = DEFAULT_STORY_THRESHOLD): StoryAssignment {
  const n = store.size;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  // Band hash and index packed into one float, so that a native numeric sort groups a band's buckets: the index
  // takes the low bits, the hash as many of the 53 bits of a double as are left (fewer only past 2 million documents).
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const keyShift = Math.max(0, 32 - (53 - indexBits));
  const indexScale = 2 ** indexBits;
  let count = 0;
  for (let i = 0; i < n; i++) if (store.shingles(i) >= MIN_SHINGLES) count++;
  const eligible = new Int32Array(count);
  count = 0;
  for (let i = 0; i < n; i++) if (store.shingles(i) >= MIN_SHINGLES) eligible[count++] = i;
  const keys = new Float64Array(eligible.length);
  const compare = (i: number, j: number): void => {
    if (find(parent, i) !== find(parent, j) && store.containment(i, j) >= threshold) union(parent, i, j);
  };
  for (let band = 0; band < BANDS; band++) {
    for (let e = 0; e < eligible.length; e++) {
      const i = eligible[e]!;
      keys[e] = (store.bandHash(i, band) >>> keyShift) * indexScale + i;
    }
    keys.sort();
    let start = 0;
    while (start < keys.length) {
      const bucket = Math.floor(keys[start]! / indexScale);
      let end = start + 1;
      while (end < keys.length && Math.floor(keys[end]! / indexScale) === bucket) end++;
      for (let m = start + 1; m < end; m++) {
        const j = keys[m]! % indexScale;
        compare(keys[start]! % indexScale, j);
        for (let k = Math.max(start + 1, m - WINDOW); k < m; k++) compare(keys[k]! % indexScale, j);
      }
      start = end;
    }
  }
  const sizes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    parent[i] = find(parent, i);
    sizes[parent[i]!]!++;
  }
  return { first: parent, sizes, threshold };
}

/**
 * Document i's story columns. story_similarity is the estimated containment
 * of the shorter of the two in the longer, rounded to 4 decimals; 1 for the
 * story's first document. A copy joined through another copy can be below
 * the threshold.
 */
export function storyColumnsOf(store: SignatureStore, stories: StoryAssignment, i: number): StoryColumns {
  const first = stories.first[i]!;
  return {
    story_id: store.docId(first),
    n_story_copies: stories.sizes[first]!,
    story_similarity: first === i ? 1 : Math.round(store.containment(i, first) * 10_000) / 10_000,
  };
}

/** How many stories, and how many documents are copies of an earlier one. */
export function storyCounts(stories: StoryAssignment): { stories: number; copies: number; largest: number } {
  let count = 0;
  let largest = 0;
  for (let i = 0; i < stories.sizes.length; i++) {
    const size = stories.sizes[i]!;
    if (size > 0) count++;
    if (size > largest) largest = size;
  }
  return { stories: count, copies: stories.sizes.length - count, largest };
}
