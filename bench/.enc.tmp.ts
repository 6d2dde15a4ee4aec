import { readInputs } from '../pipeline/ingest.js';
import { processDocument } from '../pipeline/index.js';
import { documentRows, tableSpec, TABLE_NAMES, type Row } from '../pipeline/tables.js';
import { encodeRows, csvRecords } from '../pipeline/encode-rows.js';
import type { LabeledDocument } from '../pipeline/types.js';
const docs: LabeledDocument[] = [];
let bytes = 0;
for await (const item of readInputs('/tmp/benchtest/a')) if ('raw_text' in item) { docs.push(processDocument(item)); bytes += Buffer.byteLength(item.raw_text); }
console.log('docs', docs.length, 'MB', bytes / 1e6);
for (let rep = 0; rep < 3; rep++) {
  let t = performance.now(); const cpu0 = process.cpuUsage();
  const rows: Record<string, Row[]> = { documents: [], sentences: [], removed: [], attributions: [] };
  for (const d of docs) { const r = documentRows(d); for (const k of Object.keys(r)) rows[k]!.push(...(r as any)[k]); }
  const tRows = performance.now() - t;
  const times: Record<string, number> = {};
  for (const name of ['documents', 'sentences', 'removed', 'attributions'] as const) {
    const spec = tableSpec(name);
    let c = process.cpuUsage();
    for (let i = 0; i < rows[name]!.length; i += 2000) encodeRows(spec, rows[name]!.slice(i, i + 2000));
    c = process.cpuUsage(c); times[name] = (c.user + c.system) / 1000;

  }
  console.log('rows', tRows.toFixed(0), JSON.stringify(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(v)]))));
}
