/**
 * croissant.json, MLCommons Croissant 1.0 (http://mlcommons.org/croissant/1.0):
 * the schema.org Dataset description that ML tools (mlcroissant, TFDS,
 * Hugging Face, Kaggle, OpenML) read. One FileObject per table file, one
 * RecordSet per table with its fields read from the Parquet copy (typed, with
 * lists as lists), keys and references between tables.
 */
import { loadTableSchema, TABLE_NAMES, type TableName } from '../output/tables.js';
import type { FileDigests } from './data-package.js';
import type { Provenance } from './read-provenance.js';
import { authorName } from './release-config.js';
import type { ReleaseInfo } from './release-info.js';
import { TABLE_KEYS } from './table-keys.js';

/** The JSON-LD context of Croissant 1.0, as the specification gives it. */
const CONTEXT = {
  '@language': 'en',
  '@vocab': 'https://schema.org/',
  citeAs: 'cr:citeAs',
  column: 'cr:column',
  conformsTo: 'dct:conformsTo',
  cr: 'http://mlcommons.org/croissant/',
  rai: 'http://mlcommons.org/croissant/RAI/',
  data: { '@id': 'cr:data', '@type': '@json' },
  dataType: { '@id': 'cr:dataType', '@type': '@vocab' },
  dct: 'http://purl.org/dc/terms/',
  examples: { '@id': 'cr:examples', '@type': '@json' },
  extract: 'cr:extract',
  field: 'cr:field',
  fileProperty: 'cr:fileProperty',
  fileObject: 'cr:fileObject',
  fileSet: 'cr:fileSet',
  format: 'cr:format',
  includes: 'cr:includes',
  isLiveDataset: 'cr:isLiveDataset',
  jsonPath: 'cr:jsonPath',
  key: 'cr:key',
  md5: 'cr:md5',
  parentField: 'cr:parentField',
  path: 'cr:path',
  recordSet: 'cr:recordSet',
  references: 'cr:references',
  regex: 'cr:regex',
  repeated: 'cr:repeated',
  replace: 'cr:replace',
  sc: 'https://schema.org/',
  separator: 'cr:separator',
  source: 'cr:source',
  subField: 'cr:subField',
  transform: 'cr:transform',
} as const;

/** Media types of the three table formats. */
const ENCODING = {
  parquet: 'application/x-parquet',
  csv: 'text/csv',
  arrow: 'application/vnd.apache.arrow.file',
} as const;

interface JsonSchemaColumn {
  readonly description: string;
  readonly type: string | readonly string[];
  readonly enum?: readonly (string | null)[];
  readonly items?: { readonly type: string };
  readonly format?: string;
}

/** schema.org data type of a JSON Schema type. */
function dataType(type: string): string {
  if (type === 'date-time') return 'sc:DateTime';
  if (type === 'date') return 'sc:Date';
  return type === 'integer' ? 'sc:Integer' : type === 'number' ? 'sc:Float' : 'sc:Text';
}

function fileObject(table: TableName, format: keyof typeof ENCODING, files: FileDigests): Record<string, unknown> {
  const path = `${table}.${format}`;
  const digest = files.get(path);
  if (digest === undefined) throw new Error(`croissant: ${path} is not in the release; write it before describing it.`);
  return {
    '@type': 'cr:FileObject',
    '@id': path,
    name: path,
    description: `The ${table} table (${format}).`,
    contentUrl: path,
    contentSize: `${digest.bytes} B`,
    encodingFormat: ENCODING[format],
    sha256: digest.sha256,
  };
}

function recordSet(table: TableName): Record<string, unknown> {
  const schema = loadTableSchema(table) as unknown as { description?: string; properties: Record<string, JsonSchemaColumn> };
  const keys = TABLE_KEYS[table];
  const references = new Map(keys.foreignKeys.filter((fk) => fk.fields.length === 1).map((fk) => [fk.fields[0]!, `${fk.table}/${fk.tableFields[0]!}`]));
  return {
    '@type': 'cr:RecordSet',
    '@id': table,
    name: table,
    description: schema.description ?? table,
    key: keys.primaryKey.map((column) => ({ '@id': `${table}/${column}` })),
    field: Object.entries(schema.properties).map(([name, column]) => {
      const types = Array.isArray(column.type) ? column.type : [column.type as string];
      const base = types.find((t) => t !== 'null') ?? 'string';
      const codes = (column.enum ?? []).filter((v): v is string => v !== null);
      const description = codes.length > 0 ? `${column.description} One of: ${codes.join(', ')}.` : column.description;
      const reference = references.get(name);
      return {
        '@type': 'cr:Field',
        '@id': `${table}/${name}`,
        name,
        description,
        dataType:
          base === 'array'
            ? dataType(column.items?.type ?? 'string')
            : dataType(column.format === 'date-time' ? 'date-time' : column.format === 'date' ? 'date' : base),
        ...(base === 'array' ? { repeated: true } : {}),
        ...(reference !== undefined ? { references: { field: { '@id': reference } } } : {}),
        source: { fileObject: { '@id': `${table}.parquet` }, extract: { column: name } },
      };
    }),
  };
}

/**
 * The croissant.json of a release.
 *
 * @param info - Name, version, date, licence.
 * @param provenance - Pipeline commit and digests.
 * @param files - Size and SHA-256 of each table file, by path.
 * @param citation - The BibTeX entry to cite the release by.
 * @param languages - ISO 639-1 codes of the documents' languages (hub-readme.ts documentLanguages).
 * @returns The JSON-LD document, ready for JSON.stringify.
 * @example
 * croissant(info, provenance, digests, bibtex).conformsTo; // 'http://mlcommons.org/croissant/1.0'
 */
export function croissant(
  info: ReleaseInfo,
  provenance: Provenance,
  files: FileDigests,
  citation: string,
  languages: readonly string[] = ['id'],
): Record<string, unknown> {
  return {
    '@context': CONTEXT,
    '@type': 'sc:Dataset',
    conformsTo: 'http://mlcommons.org/croissant/1.0',
    name: info.name,
    alternateName: info.title,
    description: `${info.description} Pipeline commit ${provenance.pipeline_version}; see DATACARD.md for how it was made and its measured quality.`,
    version: info.version,
    datePublished: info.date,
    citeAs: citation,
    license: `https://spdx.org/licenses/${info.license}.html`,
    copyrightNotice:
      'The article texts remain the copyright of their outlets and are not licensed by this project; the licence covers the pipeline code and the annotations it adds.',
    creator: info.people.map((author) =>
      author['family-names'] !== undefined
        ? {
            '@type': 'sc:Person',
            name: authorName(author),
            ...(author.orcid !== undefined ? { sameAs: author.orcid } : {}),
            ...(author.affiliation !== undefined ? { affiliation: author.affiliation } : {}),
          }
        : { '@type': 'sc:Organization', name: authorName(author) },
    ),
    keywords: [...info.keywords],
    inLanguage: [...languages],
    ...(info.homepage !== null ? { url: info.homepage } : {}),
    ...(info.doi !== null ? { identifier: `https://doi.org/${info.doi}` } : {}),
    ...(info.repositoryCode !== null ? { isBasedOn: info.repositoryCode } : {}),
    distribution: TABLE_NAMES.flatMap((table) => (['parquet', 'csv', 'arrow'] as const).map((format) => fileObject(table, format, files))),
    recordSet: TABLE_NAMES.map(recordSet),
  };
}
