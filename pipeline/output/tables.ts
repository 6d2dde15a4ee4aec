/**
 * The output tables: which rows each record contributes, and each table's
 * column types. The JSON Schemas in schemas/ are the data dictionary and the
 * single source of truth for columns: their order, types, nullability and
 * code lists. The Arrow schema is derived from these specs (write-dataset.ts),
 * so the two cannot drift apart. This module does not load apache-arrow: the
 * worker threads use it, and they never build Arrow objects.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabeledDocument, Rejection } from '../types.js';

export const TABLE_NAMES = ['documents', 'sentences', 'removed', 'attributions', 'rejected', 'actors'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const SCHEMAS_DIR = join(import.meta.dirname, '..', '..', 'schemas');

/** A cell value: what a row may hold before it is written as Arrow or CSV. */
export type Cell = string | number | null | readonly string[] | readonly number[];
export type Row = Readonly<Record<string, Cell>>;

/** The subset of JSON Schema that the table schemas use. */
interface ColumnSchema {
  readonly description: string;
  readonly type: string | readonly string[];
  readonly enum?: readonly (string | null)[];
  readonly items?: { readonly type: string };
  readonly format?: string;
}
interface TableSchema {
  readonly title: string;
  readonly properties: Readonly<Record<string, ColumnSchema>>;
}

/** One column of an output table, as the writers need it. */
export interface Column {
  readonly name: string;
  /** `timestamp`: a string column with `format: date-time`, Arrow timestamp[ms, UTC]; `date`: `format: date`, Arrow date32. Rows hold both as ISO 8601 text. */
  readonly kind: 'string' | 'integer' | 'number' | 'code' | 'string_list' | 'integer_list' | 'timestamp' | 'date';
  readonly nullable: boolean;
  /** For `code` columns: the fixed dictionary (the schema's enum without null). */
  readonly codes: readonly string[];
}

export interface TableSpec {
  readonly name: TableName;
  readonly columns: readonly Column[];
}

/** Read `schemas/<table>.schema.json`. */
export function loadTableSchema(name: TableName): TableSchema {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, `${name}.schema.json`), 'utf8')) as TableSchema;
}

function columnFromSchema(name: string, column: ColumnSchema): Column {
  const types = Array.isArray(column.type) ? column.type : [column.type as string];
  const nullable = types.includes('null');
  const base = types.find((t) => t !== 'null');
  const codes = (column.enum ?? []).filter((v): v is string => v !== null);
  if (base === 'string' && column.format === 'date-time') return { name, kind: 'timestamp', nullable, codes };
  if (base === 'string' && column.format === 'date') return { name, kind: 'date', nullable, codes };
  if (base === 'string') return { name, kind: codes.length > 0 ? 'code' : 'string', nullable, codes };
  if (base === 'integer') return { name, kind: 'integer', nullable, codes };
  if (base === 'number') return { name, kind: 'number', nullable, codes };
  if (base === 'array' && column.items?.type === 'string') return { name, kind: 'string_list', nullable, codes };
  if (base === 'array' && column.items?.type === 'integer') return { name, kind: 'integer_list', nullable, codes };
  throw new Error(`schemas: column ${name} has type ${JSON.stringify(column.type)}, which the writers do not support.`);
}

/** A table's columns, in the schema's property order. */
export function tableSpec(name: TableName): TableSpec {
  const schema = loadTableSchema(name);
  return { name, columns: Object.entries(schema.properties).map(([column, s]) => columnFromSchema(column, s)) };
}

/* ---- Records → rows ---- */

/** Confidences are rounded so that CSV and Arrow print the same, short, stable value. */
export function roundConfidence(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/* ---- Dates: the clean stage's ISO 8601 text → typed columns ---- */

const MS_PER_DAY = 86_400_000;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?([+-]\d{2}:\d{2})?)?$/;

/** The publication columns of a document: the UTC instant (when time and zone are known), the local date, the zone's offset and the text. */
export interface PublicationCells {
  readonly published_at: string | null;
  readonly published_date: string | null;
  readonly published_at_offset: string | null;
  readonly published_at_local: string | null;
  /** `datetime`, `day`, `month` or `year`: how much of the date the source gave (null when none). */
  readonly published_precision: 'datetime' | 'day' | 'month' | 'year' | null;
}

/** `2022-11` or `2022`: ISO 8601 at reduced precision, the source giving no day. */
const ISO_MONTH_OR_YEAR = /^\d{4}(-\d{2})?$/;

/**
 * Splits the clean stage's `published_at` (ISO 8601, local time, with an
 * offset when the page named a zone) into typed cells.
 *
 * @example
 * publicationCells('2022-06-01T08:45:00+07:00');
 * // { published_at: '2022-06-01T01:45:00Z', published_date: '2022-06-01', published_at_offset: '+07:00', published_at_local: '2022-06-01T08:45:00+07:00', published_precision: 'datetime' }
 * publicationCells('2022-11'); // { published_at: null, published_date: null, published_at_offset: null, published_at_local: '2022-11', published_precision: 'month' }
 */
export function publicationCells(iso: string | null): PublicationCells {
  const match = iso === null ? null : ISO_LOCAL.exec(iso);
  if (iso === null || match === null) {
    // A month or a year without a day stays text: a date cell would claim a day the source never gave.
    const partial = iso === null ? null : ISO_MONTH_OR_YEAR.exec(iso);
    const precision = partial === null ? null : partial[1] === undefined ? 'year' : 'month';
    return { published_at: null, published_date: null, published_at_offset: null, published_at_local: iso, published_precision: precision };
  }
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  const offset = match[7] ?? null;
  const precision = match[4] === undefined ? 'day' : 'datetime';
  if (match[4] === undefined || offset === null)
    return { published_at: null, published_date: date, published_at_offset: offset, published_at_local: iso, published_precision: precision };
  const sign = offset.startsWith('-') ? -1 : 1;
  const offsetMinutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? '0'));
  return {
    published_at: timestampText(local - offsetMinutes * 60_000),
    published_date: date,
    published_at_offset: offset,
    published_at_local: iso,
    published_precision: precision,
  };
}

/** Milliseconds since the epoch → the ISO 8601 UTC text a timestamp cell holds (`2022-06-01T01:45:00Z`). */
export function timestampText(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A timestamp cell's text → milliseconds since the epoch. */
export function timestampMillis(text: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`write: ${JSON.stringify(text)} is not an ISO 8601 UTC timestamp.`);
  return ms;
}

/** Days since the epoch → a date cell's text (`2022-06-01`). */
export function dateText(days: number): string {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A date cell's text → days since the epoch. */
export function dateDays(text: string): number {
  return Math.round(timestampMillis(`${text}T00:00:00Z`) / MS_PER_DAY);
}

/** The rows one processed document contributes to each table. */
export function documentRows(doc: LabeledDocument): Record<'documents' | 'sentences' | 'removed' | 'attributions', Row[]> {
  // The relation signal counts, in one pass over the sentences rather than one filtered copy per value.
  let deteriorating = 0;
  let improving = 0;
  let relationNone = 0;
  for (const s of doc.sentences) {
    const signal = s.relation_signal.label;
    if (signal === 'deteriorating') deteriorating++;
    else if (signal === 'improving') improving++;
    else if (signal === 'none') relationNone++;
  }
  const publication = publicationCells(doc.published_at);
  const documents: Row[] = [
    {
      doc_id: doc.doc_id,
      source_file: doc.source_file,
      source_id: doc.given.id,
      url: doc.given.url,
      encoding: doc.encoding,
      language: doc.language,
      language_confidence: roundConfidence(doc.language_confidence),
      language_rule: doc.language_rule,
      title: doc.title,
      outlet: doc.outlet,
      outlet_as_written: doc.outlet_as_written,
      place: doc.place,
      published_at: publication.published_at,
      published_date: publication.published_date,
      published_at_offset: publication.published_at_offset,
      published_at_local: publication.published_at_local,
      published_precision: publication.published_precision,
      author: doc.author,
      editor: doc.editor,
      warnings: doc.warnings,
      raw_text: doc.raw_text,
      clean_text: doc.clean_text,
      n_sentences: doc.sentences.length,
      n_removed: doc.removed.length,
      n_attributions: doc.attributions.length,
      n_deteriorating: deteriorating,
      n_improving: improving,
      n_relation_none: relationNone,
      relevance: doc.relevance.label,
      relevance_confidence: roundConfidence(doc.relevance.confidence),
      relevance_rules: doc.relevance.rules,
    },
  ];
  const sentences: Row[] = doc.sentences.map((s) => ({
    doc_id: doc.doc_id,
    sentence_index: s.index,
    text: s.text,
    char_start: s.char_start,
    char_end: s.char_end,
    raw_start: s.raw_start,
    raw_end: s.raw_end,
    boundary_rule: s.boundary_rule,
    language: s.language,
    language_confidence: roundConfidence(s.language_confidence),
    language_rule: s.language_rule,
    // Written out rather than built from a prefix: computed keys and spreads made this row the writer's slowest part.
    stance_russia: s.stance_russia.label,
    stance_russia_confidence: roundConfidence(s.stance_russia.confidence),
    stance_russia_rules: s.stance_russia.rules,
    stance_west: s.stance_west.label,
    stance_west_confidence: roundConfidence(s.stance_west.confidence),
    stance_west_rules: s.stance_west.rules,
    relation_signal: s.relation_signal.label,
    relation_signal_confidence: roundConfidence(s.relation_signal.confidence),
    relation_signal_rules: s.relation_signal.rules,
    claim_class: s.claim_class.label,
    claim_class_confidence: roundConfidence(s.claim_class.confidence),
    claim_class_rules: s.claim_class.rules,
  }));
  const removed: Row[] = doc.removed.map((piece, i) => ({
    doc_id: doc.doc_id,
    piece_index: i,
    reason: piece.reason,
    rule: piece.rule,
    text: piece.text,
    raw_start: piece.raw_start,
    raw_end: piece.raw_end,
  }));
  const attributions: Row[] = doc.attributions.map((a) => ({
    attribution_id: a.attribution_id,
    doc_id: doc.doc_id,
    source: a.source,
    source_norm: a.source_norm,
    source_type: a.source_type,
    cue: a.cue,
    type: a.type,
    sentence_indices: a.sentence_indices,
    content: a.content,
    char_start: a.char_start,
    char_end: a.char_end,
    rules: a.rules,
    source_side: a.source_side,
    source_qid: a.source_qid,
  }));
  return { documents, sentences, removed, attributions };
}

/** The row a rejected input contributes to `rejected`. */
export function rejectionRow(rejection: Rejection): Row {
  return {
    source_file: rejection.source_file,
    reason: rejection.reason,
    detail: rejection.detail,
    kept_doc_id: rejection.kept_doc_id,
  };
}
