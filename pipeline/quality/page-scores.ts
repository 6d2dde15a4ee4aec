/**
 * Scores of what the clean stage reads off a page (CODEBOOK.md section 1),
 * against gold: how much gold boilerplate leaks into clean_text, and how
 * often each metadata field is right. Pure functions; evaluate.ts folds them
 * into the scores `make eval` prints.
 *
 * - **Leaked boilerplate**: a gold removed piece of at least
 *   LEAK_MIN_CHARACTERS characters (whitespace collapsed) whose text still
 *   stands in the predicted clean_text. Pieces whose text the gold clean_text
 *   itself holds (a headline the lead repeats) cannot leak and are not
 *   counted. Short pieces (`Foto:`, `(tfa)`) are left to the token F1.
 * - **Metadata**: for each field, over the gold documents where the field is
 *   not null: the predicted value equals the gold one, compared with
 *   whitespace collapsed and case folded; `published_at` compares the date
 *   part (the first ten characters of the ISO 8601 value) only, and
 *   `outlet` compares canonical values: gold and predicted both mapped
 *   through the outlet registry (stages/clean/outlets.ts), so `CNN
 *   Indonesia`, `cnnindonesia.com` and `www.cnnindonesia.com` agree.
 */
import { canonicalOutlet } from '../stages/clean/outlets.js';
import type { GoldDocument } from './gold.js';
import type { LabeledDocument } from '../types.js';

/** Gold removed pieces shorter than this (after collapsing whitespace) are not counted as leaks. */
export const LEAK_MIN_CHARACTERS = 12;

/** The metadata fields scored. */
export const METADATA_FIELDS = ['title', 'outlet', 'place', 'published_at', 'author', 'editor'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

/** Right answers out of gold documents that give the field. */
export interface FieldScore {
  readonly n_gold: number;
  readonly n_right: number;
  readonly accuracy: number;
}

/** What the page scores hold. */
export interface PageScores {
  readonly boilerplate_leak: { readonly n_gold_pieces: number; readonly n_leaked: number; readonly share: number };
  readonly metadata: Readonly<Record<MetadataField, FieldScore>>;
}

/** One miss, for reading what went wrong (`make eval` prints them with --misses). */
export interface PageMiss {
  readonly source_file: string;
  readonly what: 'leak' | MetadataField;
  readonly gold: string;
  readonly predicted: string | null;
}

const collapse = (text: string): string => text.replace(/\s+/gu, ' ').trim();
const fold = (text: string): string => collapse(text).toLowerCase();

/** The value of one field as compared: folded text, the date part for published_at. */
function comparable(field: MetadataField, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  // The gold writes the outlet as the page names it (`cnn indonesia`, `detiknews`): both sides go through the outlet registry.
  if (field === 'outlet') return canonicalOutlet(value);
  const folded = fold(value);
  return field === 'published_at' ? folded.slice(0, 10) : folded;
}

/** A predicted document's value of a metadata field, as a string (published_at may be typed elsewhere). */
function predictedValue(doc: LabeledDocument, field: MetadataField): string | null {
  const value = (doc as unknown as Record<string, unknown>)[field];
  if (value === null || value === undefined) return null;
  return String(value);
}

/**
 * Score the page reading of predicted documents against gold.
 *
 * @param gold - The gold documents.
 * @param predicted - The predicted documents, matched to gold by source_file.
 * @returns The scores and the misses behind them.
 */
export function pageScores(gold: readonly GoldDocument[], predicted: readonly LabeledDocument[]): { scores: PageScores; misses: PageMiss[] } {
  const bySource = new Map(predicted.map((d) => [d.source_file, d]));
  const misses: PageMiss[] = [];
  let nPieces = 0;
  let nLeaked = 0;
  const counts = Object.fromEntries(METADATA_FIELDS.map((f) => [f, { n_gold: 0, n_right: 0 }])) as Record<MetadataField, { n_gold: number; n_right: number }>;
  for (const g of gold) {
    const p = bySource.get(g.source_file);
    const goldClean = collapse(g.clean_text);
    const predictedClean = p === undefined ? '' : collapse(p.clean_text);
    for (const piece of g.removed) {
      const text = collapse(piece.text);
      if ([...text].length < LEAK_MIN_CHARACTERS || goldClean.includes(text)) continue;
      nPieces++;
      if (predictedClean.includes(text)) {
        nLeaked++;
        misses.push({ source_file: g.source_file, what: 'leak', gold: `${piece.reason}: ${text}`, predicted: null });
      }
    }
    for (const field of METADATA_FIELDS) {
      const want = comparable(field, g[field]);
      if (want === null) continue;
      counts[field].n_gold++;
      const got = p === undefined ? null : predictedValue(p, field);
      if (comparable(field, got) === want) counts[field].n_right++;
      else misses.push({ source_file: g.source_file, what: field, gold: g[field] as string, predicted: got });
    }
  }
  const metadata = Object.fromEntries(
    METADATA_FIELDS.map((f) => [f, { ...counts[f], accuracy: counts[f].n_gold === 0 ? 1 : counts[f].n_right / counts[f].n_gold }]),
  ) as Record<MetadataField, FieldScore>;
  return {
    scores: { boilerplate_leak: { n_gold_pieces: nPieces, n_leaked: nLeaked, share: nPieces === 0 ? 0 : nLeaked / nPieces }, metadata },
    misses,
  };
}
