/**
 * DATACARD.md, after *Datasheets for Datasets* (Gebru et al., 2021,
 * https://doi.org/10.1145/3458723): motivation, composition, collection and
 * cleaning, labelling and its measured quality, uses, known limits,
 * distribution and licence, maintenance, and how to cite.
 *
 * Every number is counted from the release's own tables (dataset-stats.ts) or
 * measured on the gold (pipeline/quality/eval-cli.ts); the prose says only what the
 * pipeline and its documents establish. Charts are SVG files beside the card.
 */
import FITTED from '../stages/label/rules/fitted-label-model.json' with { type: 'json' };
import type { Scores } from '../quality/evaluate.js';
import type { LfReportRow } from '../quality/lf-report.js';
import { barChartSvg, percent, type BarChart } from './bar-chart-svg.js';
import { LABELS, NONE, type Counts, type DatasetStats, type LabelName } from './dataset-stats.js';
import type { Provenance } from './read-provenance.js';
import type { ReleaseInfo } from './release-info.js';
import { storySection } from './story-stats.js';

/** The scores on the gold, and the labelling-function report, from runEvaluation. */
export interface GoldEvaluation {
  readonly scores: Scores;
  readonly lfReport: readonly LfReportRow[];
  /** The gold directory, as given (e.g. `test/fixtures/gold`). */
  readonly goldDir: string;
  /** How the label figures were obtained (eval-cli.ts); absent in older callers. */
  readonly labelsScoredAs?: 'unseen' | 'cross_validated' | 'in_sample';
  readonly calibration?: Readonly<Record<string, { readonly ece: number; readonly n: number }>>;
}

/** Agreement of two independent annotations of 446 real-article sentences under the codebook (issue 13): the ceiling. */
const AGREEMENT_CEILING = { stance_russia: 0.86, stance_west: 0.84, relation_signal: 0.94, claim_class: 0.87 } as const;

export interface DataCardInput {
  readonly info: ReleaseInfo;
  readonly provenance: Provenance;
  readonly stats: DatasetStats;
  readonly evaluation: GoldEvaluation;
  /** The README's "Known limits" section (markdown, may be empty). */
  readonly knownLimits: string;
  readonly bibtex: string;
}

/** A chart file, path relative to the release directory. */
export interface ChartFile {
  readonly path: string;
  readonly svg: string;
}

/** Colour-blind-safe fills (Okabe & Ito) per code. */
const COLORS: Readonly<Record<string, string>> = {
  favor: '#009E73',
  against: '#D55E00',
  none: '#BBBBBB',
  deteriorating: '#D55E00',
  improving: '#0072B2',
  cfs: '#0072B2',
  ufs: '#56B4E9',
  nfs: '#E69F00',
};
const REASON_COLOR = '#56B4E9';

/** What each label is, in words, with its codebook section. */
const LABEL_TITLES: Readonly<Record<LabelName, string>> = {
  stance_russia: 'Stance towards Russia (CODEBOOK.md section 4)',
  stance_west: 'Stance towards the West (CODEBOOK.md section 4)',
  relation_signal: 'Relation signal (CODEBOOK.md section 5)',
  claim_class: 'Claim class (CODEBOOK.md section 6)',
};

/** A markdown table. */
function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]): string => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Rows `value | count | share` for counts. */
function countRows(counts: Counts): (string | number)[][] {
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  return counts.map(([value, n]) => [value, n, percent(n, total)]);
}

/** A score with two decimals, or `n/a`. */
function score(x: number | null): string {
  return x === null ? 'n/a' : x.toFixed(2);
}

function sum(counts: Counts): number {
  return counts.reduce((total, [, n]) => total + n, 0);
}

/** The charts of the card: each label's distribution, each label by outlet, removals by reason. */
export function dataCardCharts(stats: DatasetStats): ChartFile[] {
  const charts: ChartFile[] = [];
  for (const name of LABELS) {
    const label = stats.labels[name];
    const distribution: BarChart = {
      title: `${LABEL_TITLES[name]}: sentences per label`,
      description: `Number of sentences with each ${name} label, out of ${stats.rows.sentences}.`,
      rows: label.counts.map(([code, n]) => ({ label: code, segments: [{ key: code, value: n }] })),
      colors: COLORS,
    };
    charts.push({ path: `charts/${name}.svg`, svg: barChartSvg(distribution) });
    const byOutlet: BarChart = {
      title: `${LABEL_TITLES[name].replace(/ \(.*\)$/, '')} by outlet (share of its sentences)`,
      description: `For each outlet, the share of its sentences with each ${name} label.`,
      rows: label.byOutlet.map(({ outlet, counts }) => ({ label: outlet, segments: counts.map(([code, n]) => ({ key: code, value: n })) })),
      colors: COLORS,
      normalise: true,
    };
    charts.push({ path: `charts/${name}_by_outlet.svg`, svg: barChartSvg(byOutlet) });
  }
  const reasons: BarChart = {
    title: 'Boilerplate removed, by reason (CODEBOOK.md section 1)',
    description: `Number of removed pieces per reason, out of ${stats.rows.removed}.`,
    rows: stats.removedByReason.map(([reason, n]) => ({ label: reason, segments: [{ key: reason, value: n }] })),
    colors: Object.fromEntries(stats.removedByReason.map(([reason]) => [reason, REASON_COLOR])),
  };
  charts.push({ path: 'charts/removed_by_reason.svg', svg: barChartSvg(reasons) });
  return charts;
}

function motivation(info: ReleaseInfo): string {
  return `## 1. Motivation

- **Why was it made?** To study how Indonesian-language news presents the
  relations between Russia and the West: which side a sentence favours or
  attacks, whether it reports relations getting worse or better, which of its
  claims are worth checking, and who is quoted saying what.
- **What makes it usable for that?** Every label can be traced to the raw
  text: each removed piece of boilerplate, each sentence and each attribution
  carries code-point offsets into the text it came from, and each label
  carries its confidence and the ids of the rules that decided it.
- **Who made it?** ${info.authors.join(', ')}, with the pipeline in this
  release's source repository. No funder is recorded.`;
}

function composition(stats: DatasetStats): string {
  const { rows } = stats;
  const dated = rows.documents - stats.published.undated;
  const parts = [
    `## 2. Composition

The instances are news articles (\`documents\`), their sentences
(\`sentences\`), the boilerplate removed from them (\`removed\`), the
reported statements in them (\`attributions\`), and the inputs that did not
become documents (\`rejected\`). Each column is described in
\`schemas/<table>.schema.json\`.

### Rows per table

${table(
  ['table', 'rows'],
  Object.entries(rows).map(([name, n]) => [name, n]),
)}

### Language (CODEBOOK.md section 2)

${table(
  ['language', 'documents', 'sentences'],
  stats.documentsByLanguage.map(([code, n], i) => [code, n, stats.sentencesByLanguage[i]?.[1] ?? 0]),
)}

### Outlets

${rows.documents} documents from ${stats.documentsByOutlet.filter(([o]) => o !== NONE).length} named outlets; \`${NONE}\` counts
documents whose text names no outlet.

${table(
  ['outlet', 'documents', 'sentences'],
  stats.documentsByOutlet.map(([outlet, n]) => [outlet, n, stats.sentencesByOutlet.find(([o]) => o === outlet)?.[1] ?? 0]),
)}

### Publication dates

${dated} of ${rows.documents} documents carry a publication date${
      dated > 0 ? `, from ${stats.published.first} to ${stats.published.last}` : ''
    }; ${stats.published.undated} carry none (\`published_date\` is null).

${table(
  ['year', 'documents'],
  stats.documentsByYear.map(([year, n]) => [year, n]),
)}`,
    storySection(stats.stories),
  ];
  for (const name of LABELS) {
    const label = stats.labels[name];
    const confidence = new Map(label.meanConfidence);
    parts.push(`### ${LABEL_TITLES[name]}

![${name}: sentences per label](charts/${name}.svg)

${table(
  [name, 'sentences', 'share', 'mean confidence'],
  countRows(label.counts).map(([code, n, share]) => [code!, n!, share!, score(confidence.get(String(code)) ?? 0)]),
)}

In ${label.abstained} of ${rows.sentences} sentences (${percent(label.abstained, rows.sentences)}) every labelling
function abstained and the default label applied (\`${name}_rules\` is empty).

![${name} by outlet](charts/${name}_by_outlet.svg)

${table(
  ['outlet', ...label.counts.map(([code]) => code), 'sentences'],
  label.byOutlet.map(({ outlet, counts }) => [outlet, ...counts.map(([, n]) => n), sum(counts)]),
)}`);
  }
  parts.push(`### Attributions (CODEBOOK.md section 7)

${rows.attributions} reported statements.

${table(['type', 'attributions', 'share'], countRows(stats.attributionsByType))}

${table(['source type', 'attributions', 'share'], countRows(stats.attributionsBySourceType))}

Sources by side (\`source_side\`, from the actor gazetteer \`pipeline/stages/label/rules/actors.json\`:
russia, west, ukraine, china, other; \`${NONE}\` when unknown). The \`actors\` table (${rows.actors} rows)
has one row per source with its side, Wikidata QID where certain, and how many attributions and
documents quote it: who gets a voice.

${table(['source side', 'attributions', 'share'], countRows(stats.attributionsBySourceSide))}

Topic relevance of the documents (\`documents.relevance\`, rules in
\`pipeline/stages/label/rules/relevance.json\`); sentences of \`unrelated\` documents carry
\`none\` stance and relation signal by the relevance rule:

${table(['relevance', 'documents', 'share'], countRows(stats.documentsByRelevance))}

Most quoted sources (\`source_norm\`):

${table(
  ['source', 'attributions'],
  stats.topSources.map(([source, n]) => [source, n]),
)}

### Personal information

\`documents.author\` and \`documents.editor\` hold journalists' names as the
bylines give them, and the texts name the people the outlets reported on,
officials above all. The pipeline looks for no other personal data.`);
  return parts.join('\n\n');
}

function collection(stats: DatasetStats, provenance: Provenance): string {
  const removedCodePoints = new Map(stats.removedCodePointsByReason);
  const rejected = sum(stats.rejectedByReason);
  return `## 3. Collection and cleaning

- **Inputs.** ${provenance.n_inputs} input files (\`manifest.json\` lists each with its SHA-256;
  input digest \`${provenance.input_digest}\`). Every input (a file, or a line of a JSONL file)
  became exactly one row of \`documents\` or of \`rejected\`: here ${stats.rows.documents} documents and
  ${rejected} rejected inputs. How the articles were chosen is not recorded
  in the data, so nothing makes them a sample of Indonesian news: the shares
  below describe these articles only.
- **Decoding.** ${stats.documentsByEncoding.map(([encoding, n]) => `${n} documents read as ${encoding}`).join(', ')} (UTF-8 with a few broken bytes stays UTF-8 with those bytes replaced; a text with no valid multi-byte UTF-8 sequence at all is read as Windows-1252).
- **Rejected inputs**: ${rejected}.${
    rejected > 0
      ? `\n\n${table(
          ['reason', 'inputs'],
          stats.rejectedByReason.filter(([, n]) => n > 0).map(([reason, n]) => [reason, n]),
        )}`
      : ' Every input became a document.'
  }

- **Cleaning** (CODEBOOK.md section 1). ${stats.rows.removed} pieces of boilerplate were removed,
  each with its reason, the rule that matched and its offsets into the raw
  text (\`removed\`). The raw text stays in \`documents.raw_text\`, so every
  removal can be checked and undone. Clean text holds ${stats.codePoints.clean} of
  the ${stats.codePoints.raw} code points of the raw text (${percent(stats.codePoints.clean, stats.codePoints.raw)}); the rest is
  boilerplate and normalised whitespace.

![Boilerplate removed, by reason](charts/removed_by_reason.svg)

${table(
  ['reason', 'pieces', 'code points'],
  stats.removedByReason.map(([reason, n]) => [reason, n, removedCodePoints.get(reason) ?? 0]),
)}`;
}

/** What the figures on the gold mean, by how they were obtained. */
function scoredAs(evaluation: GoldEvaluation): string {
  if (evaluation.labelsScoredAs === 'cross_validated') return 'The label figures are **cross-validated** by outlet: the model was fitted on these articles.';
  if (evaluation.labelsScoredAs === 'unseen') return 'The label model was not fitted on these articles.';
  return 'They are **in-sample**: the rules were written while looking at these articles and the label model was fitted on them, so they say the labels reproduce their development data, not how well they generalise.';
}

/** What the fit recorded of its cross-validation (rules/fitted-label-model.json). */
const FIT_RECORD = FITTED as unknown as { cross_validated?: Record<string, number>; nested_cross_validated?: Record<string, Record<string, number>> };
/** The gold set of real pages the fit used: the one that is not the seeds' fixture. */
const SEED_GOLD = 'test/fixtures/gold';
/**
 * A task's measure on the real pages, nested cross-validated (nothing of the model or its decision rule saw the outlet
 * scored); the pooled out-of-fold measure when the fit recorded no nested one.
 */
const cv = (task: string): number | null => {
  const bySet = Object.entries(FIT_RECORD.nested_cross_validated?.[task] ?? {}).filter(([set]) => set !== SEED_GOLD);
  if (bySet.length === 1) return (bySet[0] as [string, number])[1];
  return FIT_RECORD.cross_validated?.[task] ?? null;
};
const nested = Object.keys(FIT_RECORD.nested_cross_validated ?? {}).length > 0;

function labelling(evaluation: GoldEvaluation): string {
  const s = evaluation.scores;
  const tasks = new Map<string, { functions: number; silent: number }>();
  for (const row of evaluation.lfReport) {
    const task = tasks.get(row.task) ?? { functions: 0, silent: 0 };
    task.functions++;
    if (row.n_votes === 0) task.silent++;
    tasks.set(row.task, task);
  }
  return `## 4. Labelling and its measured quality

**Method.** No label was made by hand. Labels come from weak supervision in
the manner of Snorkel: small named labelling functions (rules over lexicons
kept as data in \`pipeline/stages/label/rules/\`) each vote a label or abstain.
A label model fitted on hand-labelled articles (the seeds and 62 real web
pages; \`pipeline/stages/label/rules/fitted-label-model.json\`, \`make fit\`) weighs
the votes with the lexicon categories, the speaker's side, the side named
first and words, per task a logistic regression starting from the functions'
documented accuracies; its confidence is a calibrated probability. The ids of
the deciding functions are in \`<label>_rules\` (\`<task>.label_model\` when the
model's weights decided beyond the votes). Documents get a topic relevance
(\`documents.relevance\`); sentences of \`unrelated\` and \`west_only\` documents
carry \`none\` stance and relation signal. Attributions come from rules
over reporting verbs, quotation marks and source names; pronoun sources
resolve to the last named source.

${table(
  ['task', 'labelling functions', 'of which never voted in the gold articles'],
  [...tasks.entries()].map(([task, t]) => [task, t.functions, t.silent]),
)}

**Measured quality.** Scores of this pipeline on the gold development set
(\`${evaluation.goldDir}\`: ${s.n_gold_documents} hand-annotated articles, ${s.n_gold_sentences} sentences, of which
${s.n_aligned_sentences} were segmented exactly as in the gold), as \`make eval\` prints them. ${scoredAs(evaluation)}
\`eval.json\` holds every count behind them. On real web pages the
figures are far lower (README "Quality, measured": stance
F_avg Russia ${score(cv('stance_russia'))}, West ${score(cv('stance_west'))}, relation ${score(cv('relation_signal'))}, claim ${score(cv('claim_class'))}${
    nested
      ? ` on the 62 real pages by nested cross-validation, folds by outlet: neither the model nor its decision rule saw the outlet scored`
      : ` as the fit recorded them out of fold by outlet over its training sentences, seeds and real pages`
  }), against an
agreement of two annotators of ${AGREEMENT_CEILING.stance_russia} / ${AGREEMENT_CEILING.stance_west} / ${AGREEMENT_CEILING.relation_signal} / ${AGREEMENT_CEILING.claim_class} on 446 real sentences.

${table(
  ['measure', 'score'],
  [
    ['stance towards Russia, F_avg (mean F1 of favor and against, SemEval-2016 Task 6)', score(s.stance_russia.f_avg)],
    ['stance towards Russia, favor / against F1', `${score(s.stance_russia.favor.f1)} / ${score(s.stance_russia.against.f1)}`],
    ['stance towards the West, F_avg', score(s.stance_west.f_avg)],
    ['stance towards the West, favor / against F1', `${score(s.stance_west.favor.f1)} / ${score(s.stance_west.against.f1)}`],
    ['relation signal, macro-F1 over deteriorating and improving', score(s.relation_signal.macro_f1)],
    ['relation signal, deteriorating / improving F1', `${score(s.relation_signal.deteriorating.f1)} / ${score(s.relation_signal.improving.f1)}`],
    ['claim class, macro-F1 over cfs, ufs and nfs', score(s.claim_class.macro_f1)],
    ['claim class, cfs / ufs / nfs F1', `${score(s.claim_class.cfs.f1)} / ${score(s.claim_class.ufs.f1)} / ${score(s.claim_class.nfs.f1)}`],
    ...Object.entries(evaluation.calibration ?? {}).map(([task, c]) => [`${task}, expected calibration error (${c.n} sentences)`, score(c.ece)]),
    ['attributions, precision / recall / F1', `${score(s.attribution.precision)} / ${score(s.attribution.recall)} / ${score(s.attribution.f1)}`],
    ['attributions, cue / type accuracy (matched pairs)', `${score(s.attribution.cue_accuracy)} / ${score(s.attribution.type_accuracy)}`],
    ['clean text, token F1', score(s.clean_text_token_f1)],
    ['sentences, exact-match F1', score(s.sentence.f1)],
    ['language, document / sentence accuracy', `${score(s.language.document_accuracy)} / ${score(s.language.sentence_accuracy)}`],
  ],
)}`;
}

function uses(): string {
  return `## 5. Uses

- **Suited to:** reading how these articles frame Russia–West relations;
  tracing a label back to the words and rules behind it; a starting point
  for hand annotation, where the rule labels and their confidence point at
  sentences worth checking; testing tools on Indonesian news text.
- **Not suited to:** claims about Indonesian media at large, or comparisons
  of outlets (each outlet has a handful of articles at most); training or
  evaluating a classifier as if the labels were human judgements.`;
}

function limits(stats: DatasetStats, knownLimits: string): string {
  const bullets = [
    `The labels are made by rules. They miss irony, reported stance the rules do not know, and any vocabulary outside the lexicons; read \`<label>_rules\` and \`<label>_confidence\` before trusting a label.`,
    `The seed scores above are measured on the same articles the rules were developed on and the model fitted on; the cross-validated real-article figures are what to expect on new articles.`,
    `${stats.published.undated} of ${stats.rows.documents} documents have no publication date, so any plot over time leaves them out.`,
    `${stats.documentsByOutlet.find(([o]) => o === NONE)?.[1] ?? 0} of ${stats.rows.documents} documents name no outlet (\`outlet\` is null).`,
  ];
  const fromReadme = knownLimits.trim();
  return `## 6. Known limits

${bullets.map((b) => `- ${b}`).join('\n')}${fromReadme === '' ? '' : `\n\nFrom the project's README:\n\n${fromReadme}`}`;
}

function distribution(info: ReleaseInfo, stats: DatasetStats): string {
  const outlets = stats.documentsByOutlet.filter(([o]) => o !== NONE).map(([o]) => `\`${o}\``);
  const unnamed = stats.documentsByOutlet.find(([o]) => o === NONE)?.[1] ?? 0;
  const whose = [...outlets, ...(unnamed > 0 ? [`the outlets of the ${unnamed} article(s) that name none`] : [])];
  return `## 7. Distribution and licence

Each table comes as an Arrow IPC file (\`.arrow\`, code columns
dictionary-encoded), a CSV file (\`.csv\`, RFC 4180, UTF-8, lists as JSON
arrays) and a Parquet file (\`.parquet\`, code columns as plain strings), with
the same rows in each. \`datapackage.json\` (Frictionless) and
\`croissant.json\` (MLCommons Croissant) describe them for tools;
\`SHA256SUMS\` lists the SHA-256 of every file (\`sha256sum -c SHA256SUMS\`).

**Licence.**

- **The article texts** (\`documents.raw_text\`, \`documents.clean_text\`,
  \`documents.title\`, \`sentences.text\`, \`removed.text\`,
  \`attributions.content\`) remain the copyright of the outlets that published
  them${whose.length > 0 ? ` (${whose.join(', ')})` : ''}. This project does not license them to
  you. They are included so that every label can be checked against its
  text; whether you may copy, share or mine them depends on the copyright
  law that applies to you.
- **What the project adds**, the pipeline code and the annotations it
  produces (ids, offsets, labels, confidences, rule ids, attribution
  structure, counts), comes under ${
    info.configPath === null
      ? `the project's licence, **${info.license}**
  (\`license\` in package.json). No separate licence has been chosen for the
  annotations.`
      : `**${info.license}**, the licence the release config gives the
  annotations.`
  }`;
}

function maintenance(info: ReleaseInfo): string {
  return `## 8. Maintenance

Versions follow Semantic Versioning, read as a dataset (see CHANGELOG.md):
a major version breaks readers, a minor version adds articles or changes
labels, a patch changes no row. A version, once released, is never rebuilt
with other content. Changes in ${info.version}:

${info.changes}`;
}

/**
 * The text of DATACARD.md.
 *
 * @param input - Release facts, provenance, statistics, gold scores, the README's known limits and the BibTeX entry.
 * @returns The markdown, ending with a newline; charts are made by dataCardCharts.
 * @example
 * const card = dataCard({ info, provenance, stats, evaluation, knownLimits: '', bibtex: bibtex(info, provenance) });
 */
export function dataCard(input: DataCardInput): string {
  const { info, provenance, stats } = input;
  const sections = [
    `# ${info.name} ${info.version}: data card

${info.description}

| | |
| --- | --- |
| version | ${info.version} |
| released | ${info.date} |
| pipeline commit | \`${provenance.pipeline_version}\` |
| codebook SHA-256 | \`${provenance.codebook_sha256}\` |
| input digest | \`${provenance.input_digest}\` |
| licence | ${info.license} for the code and annotations; article texts © their outlets (section 7) |

This card follows *Datasheets for Datasets* (Gebru et al., 2021). It is
generated by \`make release\` from the tables of this release; the scores come
from \`make eval\` on the gold development set. Labels follow CODEBOOK.md.`,
    motivation(info),
    composition(stats),
    collection(stats, provenance),
    labelling(input.evaluation),
    uses(),
    limits(stats, input.knownLimits),
    distribution(info, stats),
    maintenance(info),
    `## 9. How to cite

Cite the version you used. \`CITATION.cff\` holds the same entry for GitHub,
Zenodo and reference managers.

\`\`\`bibtex
${input.bibtex.trimEnd()}
\`\`\``,
  ];
  return `${sections.join('\n\n')}\n`;
}
