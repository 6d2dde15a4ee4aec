/**
 * Shards: `SHARD=i/N` makes a build process only the inputs of shard i of N,
 * so N machines can share a corpus; merge-dataset.ts joins the N parts into
 * the bytes one run would have written.
 *
 * An article belongs to the shard of its doc_id, so every copy of a text
 * lands in the same shard and the duplicate rule (the first copy in input
 * order is kept) decides the same way as in a single run. An input rejected
 * before it has a doc_id (empty, binary, malformed, too large...) belongs to
 * the shard of its source_file. Either way the key is hashed with SHA-256,
 * so the split is even and the same on every machine.
 */
import { createHash } from 'node:crypto';
import type { RawDocument, Rejection } from '../types.js';

/** Shard `index` of `count`, 1-based. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parse `i/N` (1 ≤ i ≤ N).
 * @throws Error saying what is expected when the text is not a valid shard.
 * @example parseShard('2/3') // { index: 2, count: 3 }
 */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count)
    throw new Error(`SHARD must be i/N with 1 ≤ i ≤ N (e.g. SHARD=2/8), got ${JSON.stringify(text)}.`);
  return { index, count };
}

/** The shard (1..count) a key belongs to. */
export function shardOf(key: string, count: number): number {
  return (createHash('sha256').update(key, 'utf8').digest().readUInt32BE(0) % count) + 1;
}

/** The key that places an input in a shard: its doc_id, or its source_file when it has none. */
export function shardKey(item: RawDocument | Rejection): string {
  return 'doc_id' in item ? item.doc_id : item.source_file;
}

/** True when the input belongs to the shard (always true without one). */
export function inShard(item: RawDocument | Rejection, shard: Shard | null): boolean {
  return shard === null || shard.count === 1 || shardOf(shardKey(item), shard.count) === shard.index;
}
