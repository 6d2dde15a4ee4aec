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
}
interface TableSchema {
  readonly title: string;
  readonly properties: Readonly<Record<string, ColumnSchema>>;
}

/** One column of an output table, as the writers need it. */
export interface Column {
  readonly name: string;
  readonly kind: 'string' | 'integer' | 'number' | 'code' | 'string_list' | 'integer_list';
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
      place: doc.place,
      published_at: doc.published_at,
      author: doc.author,
      editor: doc.editor,
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
