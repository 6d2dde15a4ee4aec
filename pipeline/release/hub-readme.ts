/**
 * README.md of a release: the Hugging Face Hub's dataset card, a YAML header
 * (https://huggingface.co/docs/hub/datasets-cards) followed by the data card
 * (DATACARD.md). The header's `configs` name one config per non-empty table,
 * each pointing at the table's Parquet file, so that
 * `load_dataset("<release dir>", "sentences")` returns the sentences and
 * nothing else in the directory (eval.json, the CSVs) is taken for data. An
 * empty table has no config: the Hub cannot build one from zero rows.
 */
import type { DatasetStats } from './dataset-stats.js';
import type { ReleaseInfo } from './release-info.js';

/** ISO 639-1 codes the Hub uses, by the ISO 639-3 codes of the language columns (CODEBOOK.md section 2). */
const HUB_LANGUAGE: Readonly<Record<string, string>> = { ind: 'id', zlm: 'ms', zsm: 'ms', eng: 'en' };

/** Licence ids the Hub knows, as SPDX spells them; others are declared as `other` with a name and link. */
const HUB_LICENSES = new Set([
  'apache-2.0',
  'mit',
  'bsd-2-clause',
  'bsd-3-clause',
  'cc0-1.0',
  'cc-by-4.0',
  'cc-by-sa-4.0',
  'cc-by-nc-4.0',
  'cc-by-nc-sa-4.0',
  'cc-by-nd-4.0',
  'cc-by-nc-nd-4.0',
  'cc-by-3.0',
  'cc-by-sa-3.0',
  'odc-by',
  'odbl',
  'pddl',
  'gpl-3.0',
  'lgpl-3.0',
  'agpl-3.0',
  'unlicense',
]);

/** The ISO 639-1 codes of the languages the documents are in (undetermined left out), in table order. */
export function documentLanguages(stats: DatasetStats): string[] {
  return [
    ...new Set(
      stats.documentsByLanguage
        .filter(([, n]) => n > 0)
        .map(([code]) => HUB_LANGUAGE[code])
        .filter((c) => c !== undefined),
    ),
  ];
}

/** The Hub's size category for a number of rows. */
export function sizeCategory(rows: number): string {
  const bounds: [number, string][] = [
    [1_000, 'n<1K'],
    [10_000, '1K<n<10K'],
    [100_000, '10K<n<100K'],
    [1_000_000, '100K<n<1M'],
    [10_000_000, '1M<n<10M'],
    [100_000_000, '10M<n<100M'],
    [1_000_000_000, '100M<n<1B'],
  ];
  return bounds.find(([limit]) => rows < limit)?.[1] ?? 'n>1T';
}

/** A YAML double-quoted scalar (JSON's string syntax is a subset of it). */
const q = (text: string): string => JSON.stringify(text);

/** The tables that get a config: those with rows, in table order; `sentences` is the default. */
export function hubConfigs(stats: DatasetStats): string[] {
  return Object.entries(stats.rows)
    .filter(([, n]) => n > 0)
    .map(([table]) => table);
}

/**
 * The YAML header of the Hub card.
 *
 * @param info - Release facts (title, licence, keywords).
 * @param stats - Row counts and languages of the release's tables.
 * @returns The header, from `---` to `---`, ending with a newline.
 */
export function hubHeader(info: ReleaseInfo, stats: DatasetStats): string {
  const languages = documentLanguages(stats);
  const spdx = info.license.toLowerCase();
  const licence = HUB_LICENSES.has(spdx)
    ? [`license: ${spdx}`]
    : ['license: other', `license_name: ${q(info.license)}`, `license_link: ${q(`https://spdx.org/licenses/${info.license}.html`)}`];
  const configs = hubConfigs(stats);
  const largest = Math.max(0, ...Object.values(stats.rows));
  const lines = [
    '---',
    `pretty_name: ${q(info.title)}`,
    ...(languages.length > 0 ? ['language:', ...languages.map((l) => `- ${l}`)] : []),
    ...licence,
    'annotations_creators:',
    '- machine-generated',
    'language_creators:',
    '- found',
    `multilinguality: ${languages.length > 1 ? 'multilingual' : 'monolingual'}`,
    'size_categories:',
    `- ${q(sizeCategory(largest))}`,
    'source_datasets:',
    '- original',
    'task_categories:',
    '- text-classification',
    'task_ids:',
    '- sentiment-classification',
    'tags:',
    ...info.keywords.map((k) => `- ${q(k)}`),
    'configs:',
    ...configs.flatMap((table) => [
      `- config_name: ${table}`,
      ...(table === 'sentences' ? ['  default: true'] : []),
      '  data_files:',
      '  - split: train',
      `    path: ${table}.parquet`,
    ]),
    '---',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The release's README.md: the Hub header, then the data card with how to load the tables after its summary.
 *
 * @param info - Release facts.
 * @param stats - Row counts and languages.
 * @param dataCard - The text of DATACARD.md.
 * @returns The file's text.
 */
export function hubReadme(info: ReleaseInfo, stats: DatasetStats, dataCard: string): string {
  const configs = hubConfigs(stats);
  const empty = Object.entries(stats.rows)
    .filter(([, n]) => n === 0)
    .map(([t]) => `\`${t}\``);
  const loading = `## Loading

\`\`\`python
from datasets import load_dataset
sentences = load_dataset("<this directory or Hub id>", "sentences", split="train")
\`\`\`

Configs: ${configs.map((c) => `\`${c}\``).join(', ')} (one per table, from its Parquet file)${
    empty.length > 0 ? `; ${empty.join(', ')} ${empty.length === 1 ? 'has' : 'have'} no rows in this release and so no config` : ''
  }. Every table is also here as CSV and as an Arrow IPC *file*:
\`datasets.Dataset.from_file\` reads only the Arrow *stream* format, so load the
Parquet file (as above) or read the \`.arrow\` file with \`pyarrow.ipc.open_file\`.
Reading the CSVs: pyarrow needs \`ParseOptions(newlines_in_values=True)\` (texts
hold line breaks); polars needs \`infer_schema_length=None\` (or the schema in
\`schemas/\`). \`inspect/index.html\` shows each document with its removed
pieces, labelled sentences and attributions, offline.

`;
  // The card's title and summary first, then how to load, then the card's numbered sections.
  const cut = dataCard.indexOf('\n## ');
  const [intro, sections] = cut < 0 ? [dataCard, ''] : [dataCard.slice(0, cut + 1), dataCard.slice(cut + 1)];
  return `${hubHeader(info, stats)}\n${intro}\n${loading}${sections}`;
}
