/**
 * datapackage.json, a Frictionless Data Package (v1,
 * https://specs.frictionlessdata.io/data-package/): each CSV as a tabular
 * data resource whose Table Schema is derived from the table's JSON Schema
 * (types, required columns, code lists, patterns, bounds, descriptions) plus
 * its keys, and the Arrow and Parquet copies as plain resources, each with
 * size and SHA-256. `frictionless validate datapackage.json` checks the CSVs
 * against it.
 */
import { loadTableSchema, TABLE_NAMES, type TableName } from '../output/tables.js';
import { authorName } from './release-config.js';
import type { ReleaseInfo } from './release-info.js';
import { TABLE_KEYS } from './table-keys.js';

/** Size and SHA-256 of one file of the release, by path. */
export type FileDigests = ReadonlyMap<string, { readonly bytes: number; readonly sha256: string }>;

/** The JSON Schema keywords a column may use (see schemas/). */
interface JsonSchemaColumn {
  readonly description: string;
  readonly type: string | readonly string[];
  readonly enum?: readonly (string | null)[];
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: { readonly type: string };
  readonly format?: string;
}

/** A Table Schema field from a JSON Schema column. */
export function tableSchemaField(name: string, column: JsonSchemaColumn): Record<string, unknown> {
  const types = Array.isArray(column.type) ? column.type : [column.type as string];
  const nullable = types.includes('null');
  const base = types.find((t) => t !== 'null') ?? 'string';
  const constraints: Record<string, unknown> = {};
  if (!nullable) constraints['required'] = true;
  const codes = (column.enum ?? []).filter((v): v is string => v !== null);
  if (codes.length > 0) constraints['enum'] = codes;
  if (column.pattern !== undefined) constraints['pattern'] = column.pattern;
  if (column.minimum !== undefined) constraints['minimum'] = column.minimum;
  if (column.maximum !== undefined) constraints['maximum'] = column.maximum;
  // `format: date-time` / `date` columns are Table Schema `datetime` / `date` (CSV holds ISO 8601 text).
  const type = base === 'string' && column.format === 'date-time' ? 'datetime' : base === 'string' && column.format === 'date' ? 'date' : base;
  const field: Record<string, unknown> = { name, type, description: column.description };
  // Arrays are written as JSON arrays (Table Schema's lexical form for `array`).
  if (base === 'array') field['description'] = `${column.description} Items: ${column.items?.type ?? 'any'}.`;
  if (Object.keys(constraints).length > 0) field['constraints'] = constraints;
  return field;
}

/** The CSV dialect the writer uses: RFC 4180 with CRLF record ends. */
const CSV_DIALECT = { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true } as const;

function digestOf(files: FileDigests, path: string): { bytes: number; hash: string } {
  const digest = files.get(path);
  if (digest === undefined) throw new Error(`datapackage: ${path} is not in the release; write it before describing it.`);
  return { bytes: digest.bytes, hash: `sha256:${digest.sha256}` };
}

function csvResource(table: TableName, files: FileDigests): Record<string, unknown> {
  const schema = loadTableSchema(table) as unknown as { description?: string; properties: Record<string, JsonSchemaColumn> };
  const keys = TABLE_KEYS[table];
  return {
    profile: 'tabular-data-resource',
    name: table,
    path: `${table}.csv`,
    title: `${table} (CSV)`,
    description: schema.description ?? table,
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    ...digestOf(files, `${table}.csv`),
    dialect: CSV_DIALECT,
    schema: {
      fields: Object.entries(schema.properties).map(([name, column]) => tableSchemaField(name, column)),
      // An empty field is null; an empty string is written as "" but reads as null too under Table Schema.
      missingValues: [''],
      primaryKey: [...keys.primaryKey],
      ...(keys.foreignKeys.length > 0
        ? { foreignKeys: keys.foreignKeys.map((fk) => ({ fields: [...fk.fields], reference: { resource: fk.table, fields: [...fk.tableFields] } })) }
        : {}),
    },
  };
}

function binaryResource(table: TableName, format: 'arrow' | 'parquet', files: FileDigests): Record<string, unknown> {
  const mediatype = format === 'arrow' ? 'application/vnd.apache.arrow.file' : 'application/vnd.apache.parquet';
  return {
    profile: 'data-resource',
    // A file to check by size and hash, not a table to parse: frictionless reads a Parquet table through
    // pyarrow by path, which counts no bytes, so as a table its declared size and hash could never match.
    type: 'file',
    name: `${table}-${format}`,
    path: `${table}.${format}`,
    title: `${table} (${format === 'arrow' ? 'Arrow IPC file' : 'Parquet'})`,
    description: `The ${table} table as ${format === 'arrow' ? 'an Arrow IPC file (code columns dictionary-encoded)' : 'Parquet (code columns as plain strings)'}; same rows as ${table}.csv.`,
    format,
    mediatype,
    ...digestOf(files, `${table}.${format}`),
  };
}

/**
 * The datapackage.json of a release.
 *
 * @param info - Name, version, date, licence.
 * @param files - Size and SHA-256 of each table file, by path.
 * @returns The descriptor, ready for JSON.stringify.
 * @example
 * dataPackage(info, digests).resources.length; // 15: five tables in three formats
 */
export function dataPackage(info: ReleaseInfo, files: FileDigests): { resources: unknown[] } & Record<string, unknown> {
  return {
    profile: 'data-package',
    name: info.name,
    title: info.title,
    description: `${info.description} See DATACARD.md.`,
    version: info.version,
    created: new Date(info.epoch * 1000).toISOString().replace('.000Z', 'Z'),
    keywords: [...info.keywords],
    ...(info.homepage !== null ? { homepage: info.homepage } : {}),
    ...(info.doi !== null ? { id: `https://doi.org/${info.doi}` } : {}),
    contributors: info.people.map((author) => ({
      title: authorName(author),
      ...(author.orcid !== undefined ? { path: author.orcid } : {}),
      ...(author.email !== undefined ? { email: author.email } : {}),
      ...(author.affiliation !== undefined ? { organisation: author.affiliation } : {}),
      role: 'author',
    })),
    licenses: [
      {
        name: info.license,
        path: `https://spdx.org/licenses/${info.license}.html`,
        title: `${info.license}: the pipeline code and the annotations it adds. The article texts remain the copyright of their outlets and are not licensed by this project (DATACARD.md, Licence).`,
      },
    ],
    resources: [
      ...TABLE_NAMES.map((table) => csvResource(table, files)),
      ...TABLE_NAMES.map((table) => binaryResource(table, 'parquet', files)),
      ...TABLE_NAMES.map((table) => binaryResource(table, 'arrow', files)),
    ],
  };
}
