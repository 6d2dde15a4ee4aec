/**
 * One document laid out for reading, the same for the terminal (show.ts) and
 * the HTML pages (html-document.ts): the raw text cut at every removed piece
 * and sentence boundary (offsets are code points into `documents.raw_text`,
 * CODEBOOK.md section 1), the sentence labels found by their columns (a label
 * `X` is any column with `X_confidence` and `X_rules` beside it, so labels
 * added later appear too), and the metadata columns in a readable order.
 */
import type { DocumentBundle, PlainRow, Value } from './read-dataset.js';

/** The labels the codebook defines, in its order (sections 4–6); others follow by name. */
export const KNOWN_LABELS = ['stance_russia', 'stance_west', 'relation_signal', 'claim_class'] as const;

/** Document columns shown first, in this order, when present; the texts are shown apart. */
const METADATA_ORDER = [
  'doc_id',
  'source_file',
  'source_id',
  'url',
  'title',
  'outlet',
  'outlet_canonical',
  'place',
  'published_at',
  'author',
  'editor',
  'language',
  'language_confidence',
  'language_rule',
  'relevance',
  'story_id',
  'encoding',
];
/** Document columns that hold the texts themselves. */
export const TEXT_COLUMNS = new Set(['raw_text', 'clean_text']);

/** A document's metadata as `[column, value]`, known columns first, then every other but the texts, by name. */
export function metadataEntries(document: PlainRow): [string, Value][] {
  const known = METADATA_ORDER.filter((c) => c in document);
  const others = Object.keys(document)
    .filter((c) => !METADATA_ORDER.includes(c) && !TEXT_COLUMNS.has(c))
    .sort();
  return [...known, ...others].map((c) => [c, document[c] ?? null]);
}

/** One sentence label: its value, confidence and deciding rules. */
export interface SentenceLabel {
  readonly name: string;
  readonly value: Value;
  readonly confidence: number | null;
  readonly rules: readonly string[];
}

/** The label columns of a sentence row: known labels first, then any `X` with `X_confidence` and `X_rules`, by name. */
export function labelNames(row: PlainRow): string[] {
  const found = Object.keys(row).filter((c) => `${c}_confidence` in row && `${c}_rules` in row);
  return [...KNOWN_LABELS.filter((l) => found.includes(l)), ...found.filter((c) => !(KNOWN_LABELS as readonly string[]).includes(c)).sort()];
}

/** A sentence's labels. */
export function sentenceLabels(row: PlainRow): SentenceLabel[] {
  return labelNames(row).map((name) => {
    const confidence = row[`${name}_confidence`];
    const rules = row[`${name}_rules`];
    return {
      name,
      value: row[name] ?? null,
      confidence: typeof confidence === 'number' ? confidence : null,
      rules: Array.isArray(rules) ? rules.map(String) : [],
    };
  });
}

/** The columns of a sentence row that are neither its text, offsets, index nor a label: shown as they are. */
export function sentenceExtras(row: PlainRow): [string, Value][] {
  const labels = labelNames(row).flatMap((l) => [l, `${l}_confidence`, `${l}_rules`]);
  const skip = new Set(['doc_id', 'sentence_index', 'text', 'char_start', 'char_end', 'raw_start', 'raw_end', ...labels]);
  return Object.keys(row)
    .filter((c) => !skip.has(c))
    .map((c) => [c, row[c] ?? null]);
}

/** A stretch of the raw text: inside at most one sentence and at most one removed piece. */
export interface RawSegment {
  /** Code-point offsets into the raw text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The row index (in the document's sentences) of the sentence it lies in, or null. */
  readonly sentence: number | null;
  /** The row index (in the document's removed pieces) of the piece it lies in, or null. */
  readonly removed: number | null;
}

function offset(row: PlainRow, column: string): number | null {
  const value = row[column];
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/**
 * Cut the raw text at every sentence and removed-piece boundary.
 *
 * @param rawText - `documents.raw_text`.
 * @param sentences - The document's sentence rows (`raw_start`, `raw_end`).
 * @param removed - The document's removed rows (`raw_start`, `raw_end`).
 * @returns Segments covering the raw text in order; where spans overlap, the first listed wins.
 * @example
 * rawSegments('ab cd', [{ raw_start: 3, raw_end: 5 }], [{ raw_start: 0, raw_end: 2 }]).map((s) => s.text); // ['ab', ' ', 'cd']
 */
export function rawSegments(rawText: string, sentences: readonly PlainRow[], removed: readonly PlainRow[]): RawSegment[] {
  const codePoints = Array.from(rawText);
  const n = codePoints.length;
  const sentenceAt = new Int32Array(n).fill(-1);
  const removedAt = new Int32Array(n).fill(-1);
  const paint = (rows: readonly PlainRow[], into: Int32Array): void => {
    rows.forEach((row, i) => {
      const start = offset(row, 'raw_start');
      const end = offset(row, 'raw_end');
      if (start === null || end === null) return;
      for (let at = Math.max(0, start); at < Math.min(n, end); at++) if (into[at] === -1) into[at] = i;
    });
  };
  paint(sentences, sentenceAt);
  paint(removed, removedAt);
  const segments: RawSegment[] = [];
  let start = 0;
  for (let at = 1; at <= n; at++) {
    if (at < n && sentenceAt[at] === sentenceAt[start] && removedAt[at] === removedAt[start]) continue;
    segments.push({
      start,
      end: at,
      text: codePoints.slice(start, at).join(''),
      sentence: sentenceAt[start]! >= 0 ? sentenceAt[start]! : null,
      removed: removedAt[start]! >= 0 ? removedAt[start]! : null,
    });
    start = at;
  }
  return segments;
}

/** The rows of one table of a bundle (empty when the dataset has no such table). */
export function rowsOf(bundle: DocumentBundle, table: string): readonly PlainRow[] {
  return bundle.tables.get(table) ?? [];
}

/** A value as short text: lists joined with commas, null as an empty string, objects as JSON. */
export function valueText(value: Value): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A confidence with two decimals, or '' when absent. */
export function confidenceText(confidence: number | null): string {
  return confidence === null ? '' : confidence.toFixed(2);
}

/** Tables a document page shows in sections of their own; every other table with doc_id rows is listed after them. */
export const SHOWN_TABLES = new Set(['sentences', 'removed', 'attributions']);
