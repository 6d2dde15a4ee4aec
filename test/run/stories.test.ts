/**
 * Stories (pipeline/run/stories.ts): syndicated copies are joined, transitively,
 * under the doc_id of the story's first document in input order; unrelated
 * articles and very short texts are not; the threshold is read and checked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clusterStories,
  DEFAULT_STORY_THRESHOLD,
  MIN_SHINGLES,
  SignatureStore,
  storyColumnsOf,
  storyCounts,
  storyThreshold,
} from '../../pipeline/run/stories.js';
import { minhash } from '../../pipeline/text/minhash.js';
import { SEEDS_DIR } from '../gold.js';

const seeds = readdirSync(SEEDS_DIR)
  .filter((n) => n.endsWith('.txt'))
  .sort()
  .map((n) => readFileSync(join(SEEDS_DIR, n), 'utf8'));

/** A syndicated copy: another outlet's lead-in, the last paragraph(s) dropped to keep about `keep` of the text, a footer. */
function syndicate(text: string, keep: number): string {
  const paragraphs = text.trim().split(/\n+/);
  const kept = paragraphs.slice(0, Math.max(1, Math.round(paragraphs.length * keep)));
  return `Jakarta (ANTARA) - ${kept.join('\n\n')}\n\nBaca juga: berita lainnya\n\nEditor: Dewi`;
}

const docId = (n: number): string => n.toString(16).padStart(16, '0');

function storeOf(texts: readonly string[]): SignatureStore {
  const store = new SignatureStore();
  texts.forEach((text, i) => {
    const { signature, shingles } = minhash(text);
    store.push(docId(i + 1), shingles, signature, 0);
  });
  return store;
}

describe('SignatureStore', () => {
  it('keeps doc_ids, shingle counts and signatures, growing past its first capacity', () => {
    const store = new SignatureStore();
    const { signature, shingles } = minhash(seeds[0]!);
    for (let i = 0; i < 3000; i++) store.push(docId(i), shingles, signature, 0);
    expect(store.size).toBe(3000);
    expect(store.docId(2999)).toBe(docId(2999));
    expect(store.docId(0)).toBe('0000000000000000');
    expect(store.shingles(1234)).toBe(shingles);
    expect(store.containment(0, 2999)).toBe(1);
  });

  it('refuses a doc_id that is not 16 hex digits', () => {
    const { signature, shingles } = minhash(seeds[0]!);
    expect(() => new SignatureStore().push('not-an-id', shingles, signature, 0)).toThrow(/16 hex digits/);
  });

  it('estimates containment: a trimmed copy high, another article low, an empty text 0', () => {
    const store = storeOf([seeds[0]!, syndicate(seeds[0]!, 0.7), seeds[3]!, '']);
    expect(store.containment(0, 1)).toBeGreaterThanOrEqual(0.8);
    expect(store.containment(1, 0)).toBe(store.containment(0, 1));
    expect(store.containment(0, 2)).toBeLessThan(0.2);
    expect(store.containment(0, 3)).toBe(0);
  });
});

describe('clusterStories', () => {
  it('joins copies under the first document in input order, with their count and similarity', () => {
    const texts = [seeds[0]!, seeds[1]!, syndicate(seeds[0]!, 0.7), seeds[2]!, syndicate(seeds[0]!, 1), syndicate(seeds[1]!, 0.8)];
    const store = storeOf(texts);
    const stories = clusterStories(store);
    const columns = texts.map((_, i) => storyColumnsOf(store, stories, i));
    expect(columns.map((c) => c.story_id)).toEqual([docId(1), docId(2), docId(1), docId(4), docId(1), docId(2)]);
    expect(columns.map((c) => c.n_story_copies)).toEqual([3, 2, 3, 1, 3, 2]);
    expect(columns[0]!.story_similarity).toBe(1);
    expect(columns[3]!.story_similarity).toBe(1);
    expect(columns[2]!.story_similarity).toBeGreaterThanOrEqual(DEFAULT_STORY_THRESHOLD);
    expect(storyCounts(stories)).toEqual({ stories: 3, copies: 3, largest: 3 });
  });

  it('takes the first in input order even when that is the copy', () => {
    const store = storeOf([syndicate(seeds[0]!, 0.7), seeds[0]!]);
    const stories = clusterStories(store);
    expect(storyColumnsOf(store, stories, 1).story_id).toBe(docId(1));
  });

  it('joins transitively: a copy of a copy joins the story even when it shares little with the first', () => {
    const paragraphs = seeds[4]!.trim().split(/\n+/);
    const half = Math.ceil(paragraphs.length / 2);
    // a: the first part; b: the whole; c: the second part. a and c share nothing, b contains both.
    const a = paragraphs.slice(0, half).join('\n\n');
    const c = paragraphs.slice(half).join('\n\n');
    const store = storeOf([a, seeds[4]!, c]);
    expect(store.containment(0, 2)).toBeLessThan(DEFAULT_STORY_THRESHOLD);
    const stories = clusterStories(store);
    expect([0, 1, 2].map((i) => storyColumnsOf(store, stories, i).story_id)).toEqual([docId(1), docId(1), docId(1)]);
    expect(storyColumnsOf(store, stories, 2).story_similarity).toBeLessThan(DEFAULT_STORY_THRESHOLD);
  });

  it('leaves unrelated articles alone', () => {
    const store = storeOf(seeds);
    const stories = clusterStories(store);
    expect(storyCounts(stories)).toEqual({ stories: seeds.length, copies: 0, largest: 1 });
  });

  it(`never joins texts of fewer than ${MIN_SHINGLES} shingles, even near-identical ones`, () => {
    const store = storeOf(['Foto: Reuters / Maxim Shemetov untuk berita ini', 'Foto: Reuters / Maxim Shemetov untuk berita itu']);
    expect(store.containment(0, 1)).toBeGreaterThan(0);
    expect(storyCounts(clusterStories(store)).copies).toBe(0);
  });

  it('joins more with a lower threshold and less with a higher one', () => {
    // Three quarters of one article, then a quarter of another: contained in the first only in part.
    const lines = seeds[2]!.trim().split(/\n+/);
    const texts = [seeds[2]!, [...lines.slice(0, 15), ...seeds[1]!.trim().split(/\n+/).slice(0, 6)].join('\n')];
    const store = storeOf(texts);
    const c = store.containment(0, 1);
    expect(c).toBeGreaterThan(0.1);
    expect(c).toBeLessThan(0.95);
    expect(storyCounts(clusterStories(store, c - 0.05)).copies).toBe(1);
    expect(storyCounts(clusterStories(store, c + 0.05)).copies).toBe(0);
  });

  it('gives every document its own story in an empty or single-document store', () => {
    expect(clusterStories(new SignatureStore()).first.length).toBe(0);
    const store = storeOf([seeds[0]!]);
    expect(storyColumnsOf(store, clusterStories(store), 0)).toEqual({ story_id: docId(1), n_story_copies: 1, story_similarity: 1 });
  });

  it('compares a bounded number of pairs per bucket: work grows linearly with many copies of one text', () => {
    // 4n copies of one text must not cost 16× the comparisons of n: time the same clustering at n and 4n.
    const { signature, shingles } = minhash(seeds[0]!);
    const work = (n: number): number => {
      const store = new SignatureStore();
      for (let i = 0; i < n; i++) store.push(docId(i), shingles, signature, 0);
      let calls = 0;
      const containment = store.containment.bind(store);
      store.containment = (i, j) => {
        calls++;
        return containment(i, j);
      };
      expect(storyCounts(clusterStories(store)).stories).toBe(1);
      return calls;
    };
    const small = work(500);
    expect(work(2000) / small).toBeLessThan(4.5);
  });
});

describe('storyThreshold', () => {
  it('reads STORY_THRESHOLD, defaulting to DEFAULT_STORY_THRESHOLD', () => {
    expect(storyThreshold({})).toBe(DEFAULT_STORY_THRESHOLD);
    expect(storyThreshold({ STORY_THRESHOLD: '' })).toBe(DEFAULT_STORY_THRESHOLD);
    expect(storyThreshold({ STORY_THRESHOLD: '0.8' })).toBe(0.8);
  });

  it.each(['0', '1.5', 'half', '-0.2'])('refuses %j, saying what is expected', (text) => {
    expect(() => storyThreshold({ STORY_THRESHOLD: text })).toThrow(/STORY_THRESHOLD must be a number in \(0, 1\]/);
  });
});
