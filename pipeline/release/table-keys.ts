/**
 * How the five tables join: each table's primary key and the columns that
 * point at another table. The JSON Schemas describe columns one by one; the
 * keys live here, once, for datapackage.json and croissant.json.
 */
import type { TableName } from '../output/tables.js';

/** A column that holds another table's key. */
export interface ForeignKey {
  readonly fields: readonly string[];
  readonly table: TableName;
  readonly tableFields: readonly string[];
}

export interface TableKeys {
  /** Columns whose values together identify a row. */
  readonly primaryKey: readonly string[];
  readonly foreignKeys: readonly ForeignKey[];
}

const DOCUMENT: ForeignKey = { fields: ['doc_id'], table: 'documents', tableFields: ['doc_id'] };

/** The keys of every table. */
export const TABLE_KEYS: Readonly<Record<TableName, TableKeys>> = {
  documents: { primaryKey: ['doc_id'], foreignKeys: [] },
  sentences: { primaryKey: ['doc_id', 'sentence_index'], foreignKeys: [DOCUMENT] },
  removed: { primaryKey: ['doc_id', 'piece_index'], foreignKeys: [DOCUMENT] },
  attributions: { primaryKey: ['attribution_id'], foreignKeys: [DOCUMENT] },
  // Every input is one row of documents or of rejected, so its path is a key.
  rejected: { primaryKey: ['source_file'], foreignKeys: [{ fields: ['kept_doc_id'], table: 'documents', tableFields: ['doc_id'] }] },
  // One row per attributions.source_norm.
  actors: { primaryKey: ['actor'], foreignKeys: [] },
};
