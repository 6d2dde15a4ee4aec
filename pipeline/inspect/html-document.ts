/**
 * One document's page of `make inspect`: its metadata; the raw text with every
 * removed piece struck through and labelled with its reason and rule
 * (CODEBOOK.md section 1) and every sentence highlighted by its relation
 * signal or stance (sections 4–5), its labels, confidences and rules on hover;
 * the sentences as a table; the attributions (section 7); and the rows of any
 * other table that names the document. Every sentence and removed piece
 * carries its offsets as data attributes (`data-raw-start`, `data-raw-end`,
 * code points), so the page can be checked against the tables.
 */
import { confidenceText, labelNames, metadataEntries, rawSegments, rowsOf, SHOWN_TABLES, sentenceExtras, sentenceLabels, valueText } from './document-view.js';
import { escapeHtml, page } from './html-common.js';
import type { DocumentBundle, PlainRow, Value } from './read-dataset.js';

const e = escapeHtml;

/** `data-<name>="value"` for a cell. */
function dataAttribute(name: string, value: Value): string {
  return ` data-${name.replace(/[^a-z0-9_-]/gi, '_')}="${e(valueText(value))}"`;
}

/** The hover text of a sentence: each label with its confidence and rules. */
function sentenceTitle(sentence: PlainRow): string {
  const lines = [
    `sentence ${sentence['sentence_index']}: raw ${sentence['raw_start']}–${sentence['raw_end']}, clean ${sentence['char_start']}–${sentence['char_end']}`,
  ];
  for (const label of sentenceLabels(sentence))
    lines.push(
      `${label.name} = ${valueText(label.value)} (${confidenceText(label.confidence)}) ${label.rules.length > 0 ? label.rules.join(', ') : 'default'}`,
    );
  return lines.join('\n');
}

function sentenceOpen(sentence: PlainRow, row: number): string {
  const labels = labelNames(sentence)
    .map((name) => dataAttribute(name, sentence[name] ?? null))
    .join('');
  return `<span class="s" id="s-${row}" data-index="${e(valueText(sentence['sentence_index'] ?? null))}" data-raw-start="${sentence['raw_start']}" data-raw-end="${sentence['raw_end']}" data-char-start="${sentence['char_start']}" data-char-end="${sentence['char_end']}"${labels} title="${e(sentenceTitle(sentence))}">`;
}

/** The raw text as HTML: sentences as spans, removed pieces as `<del>` with a label after their last part. */
function rawTextHtml(raw: string, sentences: readonly PlainRow[], removed: readonly PlainRow[]): string {
  let html = '';
  let openSentence: number | null = null;
  let lastPiece: number | null = null;
  for (const segment of rawSegments(raw, sentences, removed)) {
    if (segment.sentence !== openSentence) {
      if (openSentence !== null) html += '</span>';
      if (segment.sentence !== null) html += sentenceOpen(sentences[segment.sentence]!, segment.sentence);
      openSentence = segment.sentence;
    }
    if (segment.removed === null) {
      html += e(segment.text);
      lastPiece = null;
      continue;
    }
    const piece = removed[segment.removed]!;
    const first = lastPiece !== segment.removed;
    const why = `${valueText(piece['reason'] ?? null)} · ${valueText(piece['rule'] ?? null)}`;
    const attributes = first
      ? ` id="r-${segment.removed}" data-index="${e(valueText(piece['piece_index'] ?? null))}" data-raw-start="${piece['raw_start']}" data-raw-end="${piece['raw_end']}"${dataAttribute('reason', piece['reason'] ?? null)}${dataAttribute('rule', piece['rule'] ?? null)}`
      : ` data-part-of="r-${segment.removed}"`;
    html += `<del class="r"${attributes} title="removed ${e(why)}, raw ${piece['raw_start']}–${piece['raw_end']}">${e(segment.text)}</del>`;
    if (segment.end >= Number(piece['raw_end'])) html += `<sup class="why">${e(why)}</sup>`;
    lastPiece = segment.removed;
  }
  if (openSentence !== null) html += '</span>';
  return html;
}

/** A generic table of rows: the given columns first, then any other. */
function rowsTable(rows: readonly PlainRow[], first: readonly string[], skip: readonly string[] = ['doc_id']): string {
  if (rows.length === 0) return '<p class="note">None.</p>';
  const columns = [...first.filter((c) => c in rows[0]!), ...Object.keys(rows[0]!).filter((c) => !first.includes(c) && !skip.includes(c))];
  const head = columns.map((c) => `<th>${e(c)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${columns.map((c) => `<td${typeof row[c] === 'number' ? ' class="n"' : ''}>${e(valueText(row[c] ?? null))}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table>\n<tr>${head}</tr>\n${body}\n</table>`;
}

function sentencesTable(sentences: readonly PlainRow[]): string {
  if (sentences.length === 0) return '<p class="note">None.</p>';
  const names = labelNames(sentences[0]!);
  const head = ['#', 'raw', 'text', ...names, 'other'].map((c) => `<th>${e(c)}</th>`).join('');
  const rows = sentences.map((s, row) => {
    const labels = sentenceLabels(s).map(
      (l) =>
        `<td><span class="k ${e(valueText(l.value))}">${e(valueText(l.value))}</span> ${confidenceText(l.confidence)}<div class="rules">${e(l.rules.join(' ') || 'default')}</div></td>`,
    );
    const extras = sentenceExtras(s)
      .map(([c, v]) => `${c}=${valueText(v)}`)
      .join(' ');
    return `<tr><td class="n"><a href="#s-${row}">${e(valueText(s['sentence_index'] ?? null))}</a></td><td class="n">${s['raw_start']}–${s['raw_end']}</td><td class="text">${e(valueText(s['text'] ?? null))}</td>${labels.join('')}<td class="rules">${e(extras)}</td></tr>`;
  });
  return `<table>\n<tr>${head}</tr>\n${rows.join('\n')}\n</table>`;
}

/** The choice of what colours the sentences (plain JavaScript: a class on the body). */
const COLOUR_BY = `<p class="note">Colour sentences by <select id="by" onchange="document.body.className = 'by-' + this.value">
<option value="relation_signal">relation signal (red deteriorating, blue improving)</option>
<option value="stance_russia">stance towards Russia (red against, green favor)</option>
<option value="stance_west">stance towards the West (red against, green favor)</option>
<option value="claim_class">claim class (blue cfs, light blue ufs)</option>
</select>; hover over a sentence for its labels, confidences and rules. Struck-through text was removed as boilerplate.</p>`;

/**
 * The HTML page of one document.
 *
 * @param bundle - The document and its rows.
 * @param datasetLabel - What the dataset is (shown in the heading), e.g. its name and version.
 * @returns A complete, self-contained HTML page.
 */
export function documentPage(bundle: DocumentBundle, datasetLabel: string): string {
  const { document } = bundle;
  const sentences = rowsOf(bundle, 'sentences');
  const removed = rowsOf(bundle, 'removed');
  const title = valueText(document['title'] ?? null) || valueText(document['source_file'] ?? null);
  const meta = metadataEntries(document)
    .map(([c, v]) => `<tr><td>${e(c)}</td><td>${v === null ? '<span class="note">—</span>' : e(valueText(v))}</td></tr>`)
    .join('\n');
  const raw = typeof document['raw_text'] === 'string' ? document['raw_text'] : '';
  const others = [...bundle.tables]
    .filter(([table, rows]) => !SHOWN_TABLES.has(table) && rows.length > 0)
    .map(([table, rows]) => `<h2>${e(table)} (${rows.length})</h2>\n${rowsTable(rows, [])}`);
  const body = [
    `<nav><a href="../index.html">← all documents</a><span class="note">${e(datasetLabel)}</span></nav>`,
    `<h1>${e(title)}</h1>`,
    `<table class="meta">\n${meta}\n</table>`,
    `<h2>Raw text (${removed.length} removed pieces, ${sentences.length} sentences)</h2>`,
    COLOUR_BY,
    `<div class="raw">${rawTextHtml(raw, sentences, removed)}</div>`,
    `<h2>Sentences (${sentences.length})</h2>`,
    sentencesTable(sentences),
    `<h2>Removed pieces (${removed.length})</h2>`,
    rowsTable(removed, ['piece_index', 'reason', 'rule', 'raw_start', 'raw_end', 'text']),
    `<h2>Attributions (${rowsOf(bundle, 'attributions').length})</h2>`,
    rowsTable(rowsOf(bundle, 'attributions'), [
      'attribution_id',
      'source',
      'source_norm',
      'source_type',
      'cue',
      'type',
      'sentence_indices',
      'content',
      'char_start',
      'char_end',
    ]),
    ...others,
  ];
  return page(`${title} · ${datasetLabel}`, body.join('\n'), 'by-relation_signal');
}
