/**
 * The figures a data card reports, counted from a built dataset's Arrow
 * files: rows per table, documents and sentences per language and outlet,
 * each label's distribution (overall and per outlet), what cleaning removed
 * and why, what was rejected and why, attributions by type.
 *
 * Tables are read batch by batch, column by column, so a corpus of any size
 * costs only the per-document outlet lookup. Code columns are counted over
 * their full code list (a code that never occurs counts 0) in the order of
 * the JSON Schema, so two builds of the same data give the same card.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordBatchReader, type RecordBatch } from 'apache-arrow';
import { tableSpec, TABLE_NAMES, type TableName } from '../output/tables.js';
import { storyStats, type StoryStats } from './story-stats.js';

/** The four sentence labels of CODEBOOK.md sections 4–6. */
export const LABELS = ['stance_russia', 'stance_west', 'relation_signal', 'claim_class'] as const;
export type LabelName = (typeof LABELS)[number];

/** What a document with no outlet, or no date, is counted as. */
export const NONE = '(none)';

/** A count per value, in a fixed order. */
export type Counts = readonly (readonly [value: string, count: number])[];

/** One label's figures. */
export interface LabelStats {
  /** Sentences per code, in the schema's code order. */
  readonly counts: Counts;
  /** Mean confidence of the sentences with each code (0 when none), same order. */
  readonly meanConfidence: Counts;
  /** Sentences where every labelling function abstained and the default applied (empty rules). */
  readonly abstained: number;
  /** Sentences per outlet (rows, by descending sentence count) and code (columns, schema order). */
  readonly byOutlet: readonly { readonly outlet: string; readonly counts: Counts }[];
}

/** Every figure of the data card. */
export interface DatasetStats {
  readonly rows: Readonly<Record<TableName, number>>;
  readonly documentsByLanguage: Counts;
  readonly sentencesByLanguage: Counts;
  readonly documentsByOutlet: Counts;
  readonly sentencesByOutlet: Counts;
  readonly documentsByEncoding: Counts;
  /** Earliest and latest `published_at` (as written), and how many documents have none. */
  readonly published: { readonly first: string | null; readonly last: string | null; readonly undated: number };
  /** Documents per publication year (`(none)` for undated), ascending. */
  readonly documentsByYear: Counts;
  readonly labels: Readonly<Record<LabelName, LabelStats>>;
  /** Removed pieces per reason (schema order). */
  readonly removedByReason: Counts;
  /** Code points removed per reason (schema order). */
  readonly removedCodePointsByReason: Counts;
  /** Code points of raw text and of clean text over all documents. */
  readonly codePoints: { readonly raw: number; readonly clean: number };
  readonly rejectedByReason: Counts;
  readonly attributionsByType: Counts;
  readonly attributionsBySourceType: Counts;
  /** Attributions by source_side (null as none), and documents by relevance (issue 13). */
  readonly attributionsBySourceSide: Counts;
  readonly documentsByRelevance: Counts;
  /** The most frequent `source_norm` values (at most TOP_SOURCES), by descending count then name. */
  readonly topSources: Counts;
  /** Stories and syndicated copies (story-stats.ts). */
  readonly stories: StoryStats;
}

/** How many sources the card lists. */
export const TOP_SOURCES = 10;

/** Code-unit order, the same on every machine (unlike localeCompare). */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A counter of values. */
class Tally {
  readonly map = new Map<string, number>();
  add(value: string, by = 1): void {
    this.map.set(value, (this.map.get(value) ?? 0) + by);
  }
  get(value: string): number {
    return this.map.get(value) ?? 0;
  }
  /** Every value of `codes` in that order, then any other value in code-unit order. */
  inOrder(codes: readonly string[]): Counts {
    const rest = [...this.map.keys()].filter((v) => !codes.includes(v)).sort(byCodeUnit);
    return [...codes, ...rest].map((v) => [v, this.get(v)] as const);
  }
  /** By descending count, ties in code-unit order. */
  byCount(limit = Infinity): Counts {
    return [...this.map.entries()].sort(([a, x], [b, y]) => y - x || byCodeUnit(a, b)).slice(0, limit);
  }
}

/** The codes of a code column, from its JSON Schema. */
function codesOf(table: TableName, column: string): readonly string[] {
  const found = tableSpec(table).columns.find((c) => c.name === column);
  if (found === undefined) throw new Error(`stats: ${table}.${column} is not in schemas/${table}.schema.json.`);
  return found.codes;
}

/** Call `visit` with each record batch of `<dir>/<table>.arrow`. */
async function eachBatch(dir: string, table: TableName, visit: (batch: RecordBatch) => void): Promise<number> {
  const handle = await open(join(dir, `${table}.arrow`));
  let rows = 0;
  try {
    const reader = await RecordBatchReader.from(handle);
    for await (const batch of reader) {
      rows += batch.numRows;
      visit(batch);
    }
  } finally {
    await handle.close();
  }
  return rows;
}

/** A column of a batch as an array of values. */
function column<T>(batch: RecordBatch, name: string): T[] {
  const vector = batch.getChild(name);
  if (vector === null) throw new Error(`stats: column ${name} is missing from the Arrow file; rebuild the dataset.`);
  return vector.toArray() as T[];
}

/** Number of Unicode code points in a string. */
function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Count the figures of the data card from a dataset directory.
 *
 * @param dir - A directory holding the five `<table>.arrow` files.
 * @returns Every figure, in a fixed order.
 * @example
 * const stats = await datasetStats('output');
 * stats.rows.sentences; // 86
 */
export async function datasetStats(dir: string): Promise<DatasetStats> {
  const rows = {} as Record<TableName, number>;

  // documents: languages, outlets, dates, text sizes; and each document's outlet, for the sentences.
  const outletOf = new Map<string, string>();
  const docLanguage = new Tally();
  const relevance = new Tally();
  const docOutlet = new Tally();
  const encoding = new Tally();
  const year = new Tally();
  let first: { at: number; text: string } | null = null;
  let last: { at: number; text: string } | null = null;
  let undated = 0;
  const codePoints = { raw: 0, clean: 0 };
  rows.documents = await eachBatch(dir, 'documents', (batch) => {
    const ids = column<string>(batch, 'doc_id');
    const languages = column<string>(batch, 'language');
    const outlets = column<string | null>(batch, 'outlet');
    const encodings = column<string>(batch, 'encoding');
    // The date as the source gives it (ISO 8601 text, local time): published_at itself is only set where the zone is known.
    const dates = column<string | null>(batch, 'published_at_local');
    const raw = column<string>(batch, 'raw_text');
    const clean = column<string>(batch, 'clean_text');
    column<string>(batch, 'relevance').forEach((r) => relevance.add(r));
    ids.forEach((id, i) => {
      const outlet = outlets[i] ?? NONE;
      outletOf.set(id, outlet);
      docLanguage.add(languages[i]!);
      docOutlet.add(outlet);
      encoding.add(encodings[i]!);
      codePoints.raw += codePointLength(raw[i]!);
      codePoints.clean += codePointLength(clean[i]!);
      const date = dates[i] ?? null;
      const at = date === null ? Number.NaN : Date.parse(date);
      if (date === null || Number.isNaN(at)) {
        undated++;
        year.add(NONE);
        return;
      }
      year.add(date.slice(0, 4));
      if (first === null || at < first.at) first = { at, text: date };
      if (last === null || at > last.at) last = { at, text: date };
    });
  });

  // sentences: languages, outlets, labels.
  const sentenceLanguage = new Tally();
  const sentenceOutlet = new Tally();
  const label = Object.fromEntries(
    LABELS.map((name) => [name, { counts: new Tally(), confidence: new Tally(), abstained: 0, byOutlet: new Map<string, Tally>() }]),
  ) as Record<LabelName, { counts: Tally; confidence: Tally; abstained: number; byOutlet: Map<string, Tally> }>;
  rows.sentences = await eachBatch(dir, 'sentences', (batch) => {
    const ids = column<string>(batch, 'doc_id');
    const languages = column<string>(batch, 'language');
    const outlets = ids.map((id) => outletOf.get(id) ?? NONE);
    languages.forEach((language) => sentenceLanguage.add(language));
    outlets.forEach((outlet) => sentenceOutlet.add(outlet));
    for (const name of LABELS) {
      const values = column<string>(batch, name);
      const confidences = column<number>(batch, `${name}_confidence`);
      const rules = batch.getChild(`${name}_rules`)!;
      const stats = label[name];
      values.forEach((value, i) => {
        stats.counts.add(value);
        stats.confidence.add(value, confidences[i]!);
        if ((rules.get(i) as { length: number } | null)?.length === 0) stats.abstained++;
        const outlet = outlets[i]!;
        let perOutlet = stats.byOutlet.get(outlet);
        if (perOutlet === undefined) stats.byOutlet.set(outlet, (perOutlet = new Tally()));
        perOutlet.add(value);
      });
    }
  });

  const removedCount = new Tally();
  const removedCodePoints = new Tally();
  rows.removed = await eachBatch(dir, 'removed', (batch) => {
    const reasons = column<string>(batch, 'reason');
    const texts = column<string>(batch, 'text');
    reasons.forEach((reason, i) => {
      removedCount.add(reason);
      removedCodePoints.add(reason, codePointLength(texts[i]!));
    });
  });

  const attributionType = new Tally();
  const sourceType = new Tally();
  const source = new Tally();
  const sourceSide = new Tally();
  rows.attributions = await eachBatch(dir, 'attributions', (batch) => {
    column<string>(batch, 'type').forEach((t) => attributionType.add(t));
    column<string>(batch, 'source_type').forEach((t) => sourceType.add(t));
    column<string>(batch, 'source_norm').forEach((s) => source.add(s));
    column<string | null>(batch, 'source_side').forEach((s) => sourceSide.add(s ?? NONE));
  });

  const rejected = new Tally();
  rows.rejected = await eachBatch(dir, 'rejected', (batch) => column<string>(batch, 'reason').forEach((r) => rejected.add(r)));
  rows.actors = await eachBatch(dir, 'actors', () => {});

  const outletOrder = sentenceOutlet.byCount().map(([outlet]) => outlet);
  const labels = Object.fromEntries(
    LABELS.map((name) => {
      const codes = codesOf('sentences', name);
      const stats = label[name];
      const counts = stats.counts.inOrder(codes);
      return [
        name,
        {
          counts,
          meanConfidence: counts.map(([code, n]) => [code, n === 0 ? 0 : stats.confidence.get(code) / n] as const),
          abstained: stats.abstained,
          byOutlet: outletOrder.map((outlet) => ({ outlet, counts: (stats.byOutlet.get(outlet) ?? new Tally()).inOrder(codes) })),
        },
      ];
    }),
  ) as unknown as Record<LabelName, LabelStats>;

  const languages = codesOf('documents', 'language');
  const removedReasons = codesOf('removed', 'reason');
  const years = year.inOrder([]);
  const published = { first: (first as { text: string } | null)?.text ?? null, last: (last as { text: string } | null)?.text ?? null, undated };
  return {
    rows: Object.fromEntries(TABLE_NAMES.map((t) => [t, rows[t]])) as Record<TableName, number>,
    documentsByLanguage: docLanguage.inOrder(languages),
    sentencesByLanguage: sentenceLanguage.inOrder(languages),
    documentsByOutlet: docOutlet.byCount(),
    sentencesByOutlet: sentenceOutlet.byCount(),
    documentsByEncoding: encoding.inOrder(codesOf('documents', 'encoding')),
    published,
    // Undated last.
    documentsByYear: [...years.filter(([y]) => y !== NONE), ...years.filter(([y]) => y === NONE)],
    labels,
    removedByReason: removedCount.inOrder(removedReasons),
    removedCodePointsByReason: removedCodePoints.inOrder(removedReasons),
    codePoints,
    rejectedByReason: rejected.inOrder(codesOf('rejected', 'reason')),
    attributionsByType: attributionType.inOrder(codesOf('attributions', 'type')),
    attributionsBySourceType: sourceType.inOrder(codesOf('attributions', 'source_type')),
    attributionsBySourceSide: sourceSide.inOrder([...codesOf('attributions', 'source_side'), NONE]),
    documentsByRelevance: relevance.inOrder(codesOf('documents', 'relevance')),
    topSources: source.byCount(TOP_SOURCES),
    stories: await storyStats(dir),
  };
}
