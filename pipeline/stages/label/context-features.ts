/**
 * Model features a sentence takes from the sentences around it (CODEBOOK.md
 * section 5): the relation signal of a sentence often lies in its neighbour
 * or in what the article is about. "Pembicaraan itu menandai saat yang
 * menentukan" is `improving` because the sentence before reports the talks;
 * a report on a prisoner swap is `improving` in its later sentences too.
 *
 * What is carried is the relation evidence only (the functions' pooled votes
 * and the relation lexicon's categories), under a prefix that says where it
 * came from:
 * - `prev:<feature>` and `next:<feature>`: the sentence before and after;
 * - `title:<feature>`: the first sentence (the headline when the page has one), for every later sentence;
 * - `doc2:<vote>` and `doc4:<vote>`: the document has at least 2 or 4 sentences with that pooled vote (any task);
 * - `docshare:<vote>`: at least 30% of its sentences have it.
 *
 * Measured on ../shared/real by cross-validation by outlet (10 folds, the
 * seeds in every training fold): relation macro-F1 0.694 → 0.756; the same
 * features lowered the stance and claim measures by 0.01–0.02, so the fit
 * uses them for the relation task only (label-training.ts MODEL_TASKS).
 */
import { FeatureNames } from './model-features.js';

/** Features carried from a neighbour, the title: the relation evidence (prefixes; startsWith is many times cheaper than a regular expression here). */
const CARRIED_PREFIXES = ['vote:relation_signal=', 'cat:relation.'] as const;
/** Document-level counts are of the pooled votes of every task. */
const POOLED_VOTE = 'vote:';
/** Sentence counts and share for the document-level features. */
const DOC_COUNTS = [2, 4] as const;
const DOC_SHARE = 0.3;

const PREVIOUS = new FeatureNames((f) => `prev:${f}`);
const NEXT = new FeatureNames((f) => `next:${f}`);
const TITLE = new FeatureNames((f) => `title:${f}`);
const DOCUMENT_COUNT = new FeatureNames((n, vote) => `doc${n}:${vote}`);
const DOCUMENT_SHARE = new FeatureNames((vote) => `docshare:${vote}`);

/** Every prefix this module gives, for a fit that leaves them out of a task. */
export const CONTEXT_FEATURE = /^(prev|next|title|doc2|doc4|docshare):/;

/**
 * The context features of every sentence of a document, added to its own.
 *
 * @param own - Each sentence's own model features, in sentence order.
 * @returns Per sentence: its own features followed by its context features (new arrays).
 */
export function withContextFeatures(own: readonly (readonly string[])[]): string[][] {
  const carried = own.map((features) => features.filter((f) => f.startsWith(CARRIED_PREFIXES[0]) || f.startsWith(CARRIED_PREFIXES[1])));
  const voteCounts = new Map<string, number>();
  for (const features of own) for (const f of features) if (f.startsWith(POOLED_VOTE)) voteCounts.set(f, (voteCounts.get(f) ?? 0) + 1);
  const documentFeatures: string[] = [];
  for (const [vote, count] of voteCounts) {
    for (const n of DOC_COUNTS) if (count >= n) documentFeatures.push(DOCUMENT_COUNT.get(String(n), vote));
    if (count / own.length >= DOC_SHARE) documentFeatures.push(DOCUMENT_SHARE.get(vote));
  }
  return own.map((features, i) => {
    const out = [...features];
    for (const f of carried[i - 1] ?? []) out.push(PREVIOUS.get(f));
    for (const f of carried[i + 1] ?? []) out.push(NEXT.get(f));
    if (i > 0) for (const f of carried[0] ?? []) out.push(TITLE.get(f));
    out.push(...documentFeatures);
    return out;
  });
}
