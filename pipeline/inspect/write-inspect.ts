/**
 * `make inspect`: a static, self-contained HTML view of a dataset: index.html
 * lists the documents (outlet, date, language, relevance when the table has
 * it, label counts), sortable by a click on a column and filterable by typing,
 * with a few lines of plain JavaScript; docs/<doc_id>.html shows each document
 * (html-document.ts). No network, no server: open index.html from disk.
 *
 * Large datasets: at most `limit` documents get pages (default
 * DEFAULT_INSPECT_LIMIT), the first in doc_id order. doc_id is a hash of the
 * text, so these are a stable pseudo-random sample that a rebuild does not
 * change; the index says how many of how many it shows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labelNames, valueText } from './document-view.js';
import { documentPage } from './html-document.js';
import { documentPageName, escapeHtml as e, page } from './html-common.js';
import { readArrowRows, readDocumentBundles, type DocumentBundle, type PlainRow } from './read-dataset.js';

/** Documents with a page, at most, unless told otherwise. */
export const DEFAULT_INSPECT_LIMIT = 2000;

export interface InspectOptions {
  /** The most documents to give pages. @default DEFAULT_INSPECT_LIMIT */
  readonly limit?: number;
  /** Shown in every heading, e.g. `rusia-barat-id 0.1.1`. @default the directory */
  readonly label?: string;
}

export interface InspectResult {
  readonly shown: number;
  readonly total: number;
  /** Paths written, relative to the output directory, sorted. */
  readonly files: readonly string[];
}

/** Label values counted in the index, per label, in this order. */
const COUNTED: Readonly<Record<string, readonly string[]>> = {
  stance_russia: ['against', 'favor'],
  stance_west: ['against', 'favor'],
  relation_signal: ['deteriorating', 'improving'],
  claim_class: ['cfs', 'ufs'],
};

/** Index columns from the document row, when the table has them. */
const DOCUMENT_COLUMNS = ['outlet', 'published_at', 'language', 'relevance', 'story_id'];

/** Sorting by a click on a header, filtering by typing: plain JavaScript, no library. */
const SCRIPT = `<script>
const rows = [...document.querySelectorAll('#docs tbody tr')];
document.getElementById('filter').addEventListener('input', (ev) => {
  const q = ev.target.value.toLowerCase();
  let n = 0;
  for (const r of rows) { const hit = r.textContent.toLowerCase().includes(q); r.hidden = !hit; if (hit) n++; }
  document.getElementById('count').textContent = n;
});
document.querySelectorAll('#docs th').forEach((th, i) => th.addEventListener('click', () => {
  const dir = th.dataset.dir === 'asc' ? -1 : 1; th.dataset.dir = dir === 1 ? 'asc' : 'desc';
  const key = (r) => { const c = r.children[i]; const v = c.dataset.v ?? c.textContent; return c.classList.contains('n') ? Number(v) : v; };
  rows.sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : 0));
  const body = document.querySelector('#docs tbody'); for (const r of rows) body.appendChild(r);
}));
</script>`;

function indexRow(bundle: DocumentBundle, labels: readonly string[]): string {
  const d = bundle.document;
  const sentences = bundle.tables.get('sentences') ?? [];
  const title = valueText(d['title'] ?? null) || valueText(d['source_file'] ?? null);
  const cells = [
    `<td><a href="docs/${documentPageName(String(d['doc_id']))}">${e(title)}</a><div class="rules">${e(valueText(d['doc_id'] ?? null))}</div></td>`,
    ...DOCUMENT_COLUMNS.filter((c) => c in d).map((c) => `<td${typeof d[c] === 'number' ? ' class="n"' : ''}>${e(valueText(d[c] ?? null))}</td>`),
    `<td class="n">${sentences.length}</td>`,
    ...labels.flatMap((label) => (COUNTED[label] ?? []).map((value) => `<td class="n">${sentences.filter((s) => s[label] === value).length}</td>`)),
    `<td class="n">${(bundle.tables.get('removed') ?? []).length}</td>`,
    `<td class="n">${(bundle.tables.get('attributions') ?? []).length}</td>`,
  ];
  return `<tr>${cells.join('')}</tr>`;
}

function indexPage(bundles: readonly DocumentBundle[], total: number, label: string, limit: number): string {
  const first = bundles[0];
  const labels = first === undefined ? [] : labelNames((first.tables.get('sentences') ?? [])[0] ?? {}).filter((l) => l in COUNTED);
  const docColumns = first === undefined ? [] : DOCUMENT_COLUMNS.filter((c) => c in first.document);
  const short: Readonly<Record<string, string>> = { stance_russia: 'Russia', stance_west: 'West', relation_signal: '', claim_class: '' };
  const head = [
    'document',
    ...docColumns,
    'sentences',
    ...labels.flatMap((l) => (COUNTED[l] ?? []).map((v) => `${v}${short[l] ? ` ${short[l]}` : ''}`)),
    'removed',
    'attributions',
  ];
  const sample =
    bundles.length < total
      ? `Showing ${bundles.length} of ${total} documents: the first ${limit} in doc_id order (a stable pseudo-random sample; LIMIT= changes the number).`
      : `All ${total} documents.`;
  const body = `<h1>${e(label)}: documents</h1>
<p class="note">${e(sample)} Click a column to sort; type to filter (<span id="count">${bundles.length}</span> shown).</p>
<p><input id="filter" type="search" placeholder="filter: outlet, date, title, doc_id…" size="40"></p>
<table id="docs">
<thead><tr>${head.map((h) => `<th data-sort>${e(h)}</th>`).join('')}</tr></thead>
<tbody>
${bundles.map((b) => indexRow(b, labels)).join('\n')}
</tbody>
</table>
${SCRIPT}`;
  return page(`${label}: documents`, body);
}

/**
 * Write the HTML view of a dataset.
 *
 * @param datasetDir - A dataset directory (make dataset's OUT, or a release directory).
 * @param outDir - Where index.html and docs/ go (created).
 * @param options - How many documents at most, and the heading.
 * @returns How many documents have pages, of how many, and the files written.
 */
export async function writeInspect(datasetDir: string, outDir: string, options: InspectOptions = {}): Promise<InspectResult> {
  const limit = options.limit ?? DEFAULT_INSPECT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`LIMIT must be a whole number of documents, 1 or more; got ${limit}.`);
  // A first pass keeps only the ids, so the cap bounds memory too.
  const ids: string[] = [];
  await readArrowRows(join(datasetDir, 'documents.arrow'), (d: PlainRow) => {
    ids.push(String(d['doc_id']));
    return false;
  });
  const chosen = new Set([...ids].sort().slice(0, limit));
  const bundles = await readDocumentBundles(datasetDir, (d) => chosen.has(String(d['doc_id'])));
  const label = options.label ?? datasetDir;
  mkdirSync(join(outDir, 'docs'), { recursive: true });
  const files = ['index.html'];
  writeFileSync(join(outDir, 'index.html'), indexPage(bundles, ids.length, label, limit));
  for (const bundle of bundles) {
    const name = `docs/${documentPageName(String(bundle.document['doc_id']))}`;
    writeFileSync(join(outDir, name), documentPage(bundle, label));
    files.push(name);
  }
  return { shown: bundles.length, total: ids.length, files: files.sort() };
}
