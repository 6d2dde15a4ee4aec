/**
 * One document as terminal text for `make show`: its metadata, the raw text
 * with every removed piece marked with its reason and rule (CODEBOOK.md
 * section 1), each sentence with its labels, confidences and rules (sections
 * 4–6), its attributions (section 7), and the rows of any other table that
 * names it. With colour (ANSI) on a terminal, plain brackets in a pipe, so
 * the plain text can be grepped and diffed.
 */
import {
  confidenceText,
  metadataEntries,
  rawSegments,
  rowsOf,
  SHOWN_TABLES,
  sentenceExtras,
  sentenceLabels,
  valueText,
  type SentenceLabel,
} from './document-view.js';
import type { DocumentBundle, PlainRow } from './read-dataset.js';

/** How to mark things: ANSI escapes, or nothing. */
interface Style {
  readonly heading: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly removed: (s: string) => string;
  readonly label: (name: string, value: string) => string;
}

const ESC = '\u001b[';
const ansi =
  (code: string) =>
  (s: string): string =>
    `${ESC}${code}m${s}${ESC}0m`;

/** Colours of the label values: red for against/deteriorating, green for favor/improving, blue for check-worthy claims. */
const VALUE_COLOUR: Readonly<Record<string, string>> = {
  against: '31',
  deteriorating: '31',
  favor: '32',
  improving: '32',
  cfs: '34',
  ufs: '36',
};

const COLOUR: Style = {
  heading: ansi('1'),
  dim: ansi('2'),
  removed: ansi('9;2;31'),
  label: (_name, value) => (VALUE_COLOUR[value] ? ansi(`1;${VALUE_COLOUR[value]}`)(value) : value),
};
const PLAIN: Style = { heading: (s) => s, dim: (s) => s, removed: (s) => s, label: (_n, v) => v };

function labelLine(label: SentenceLabel, style: Style): string {
  const value = valueText(label.value);
  const rules = label.rules.length > 0 ? ` [${label.rules.join(', ')}]` : ' [default]';
  return `${label.name}=${style.label(label.name, value)} ${confidenceText(label.confidence)}${style.dim(rules)}`;
}

/** A row's columns but those listed, as `name=value` pairs. */
function otherColumns(row: PlainRow, skip: readonly string[]): string {
  return Object.entries(row)
    .filter(([c]) => !skip.includes(c))
    .map(([c, v]) => `${c}=${valueText(v)}`)
    .join('  ');
}

/**
 * The terminal text of one document.
 *
 * @param bundle - The document and its rows (read-dataset.ts).
 * @param colour - ANSI colour (for a terminal) or plain text (for a pipe or a file).
 * @returns The text, ending with a newline.
 */
export function documentText(bundle: DocumentBundle, colour: boolean): string {
  const style = colour ? COLOUR : PLAIN;
  const { document } = bundle;
  const sentences = rowsOf(bundle, 'sentences');
  const removed = rowsOf(bundle, 'removed');
  const attributions = rowsOf(bundle, 'attributions');
  const out: string[] = [];
  out.push(style.heading(`Document ${valueText(document['doc_id'] ?? null)}`));
  const entries = metadataEntries(document).filter(([c]) => c !== 'doc_id');
  const width = Math.max(...entries.map(([c]) => c.length));
  for (const [column, value] of entries) out.push(`  ${column.padEnd(width)}  ${value === null ? style.dim('—') : valueText(value)}`);

  out.push('', style.heading(`Raw text, removed pieces marked [-…-]{reason rule raw offsets} (${removed.length})`));
  const raw = typeof document['raw_text'] === 'string' ? document['raw_text'] : '';
  let text = '';
  let open: number | null = null;
  for (const segment of rawSegments(raw, sentences, removed)) {
    if (segment.removed === null) {
      text += segment.text;
      open = null;
      continue;
    }
    const piece = removed[segment.removed]!;
    const starts = open !== segment.removed;
    const ends = segment.end >= Number(piece['raw_end']);
    text += `${starts ? style.dim('[-') : ''}${style.removed(segment.text)}${
      ends ? style.dim(`-]{${valueText(piece['reason'] ?? null)} ${valueText(piece['rule'] ?? null)} ${piece['raw_start']}–${piece['raw_end']}}`) : ''
    }`;
    open = segment.removed;
  }
  out.push(text.replace(/\r\n?/g, '\n'));

  out.push('', style.heading(`Sentences (${sentences.length}): clean-text offsets, raw offsets, labels with confidence [rules]`));
  for (const sentence of sentences) {
    out.push(
      `${style.heading(`[${sentence['sentence_index']}]`)} ${style.dim(`clean ${sentence['char_start']}–${sentence['char_end']}, raw ${sentence['raw_start']}–${sentence['raw_end']}`)}`,
    );
    out.push(`    ${valueText(sentence['text'] ?? null)}`);
    for (const label of sentenceLabels(sentence)) out.push(`    ${labelLine(label, style)}`);
    const extras = sentenceExtras(sentence);
    if (extras.length > 0) out.push(style.dim(`    ${extras.map(([c, v]) => `${c}=${valueText(v)}`).join('  ')}`));
  }

  out.push('', style.heading(`Attributions (${attributions.length})`));
  for (const a of attributions) {
    const known = ['attribution_id', 'doc_id', 'source', 'cue', 'type', 'content', 'sentence_indices', 'char_start', 'char_end'];
    out.push(
      `${style.heading(valueText(a['attribution_id'] ?? null))} ${valueText(a['source'] ?? null)} —${valueText(a['cue'] ?? null)}→ (${valueText(a['type'] ?? null)}, sentences ${valueText(a['sentence_indices'] ?? null)}, clean ${a['char_start']}–${a['char_end']})`,
    );
    out.push(`    ${valueText(a['content'] ?? null)}`);
    const rest = otherColumns(a, known);
    if (rest !== '') out.push(style.dim(`    ${rest}`));
  }

  for (const [table, rows] of bundle.tables) {
    if (SHOWN_TABLES.has(table) || rows.length === 0) continue;
    out.push('', style.heading(`${table} (${rows.length})`));
    for (const row of rows) out.push(`  ${otherColumns(row, ['doc_id'])}`);
  }
  return `${out.join('\n')}\n`;
}
