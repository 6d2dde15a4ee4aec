import { readInputs } from '../pipeline/ingest.js';
import { processDocument } from '../pipeline/index.js';
import { documentRows } from '../pipeline/tables.js';
const strs: string[] = []; const short: string[] = [];
for await (const item of readInputs('/tmp/benchtest/a')) if ('raw_text' in item) { const d = processDocument(item); strs.push(d.raw_text, d.clean_text); for (const s of d.sentences) { strs.push(s.text); short.push(s.language_rule, s.boundary_rule, d.doc_id); } }
const total = strs.reduce((n, s) => n + s.length, 0);
console.log('strings', strs.length, 'chars', total, 'short', short.length);
const enc = new TextEncoder();
function a(values: string[]) { // encodeInto per string
  let scratch = new Uint8Array(values.reduce((n, s) => n + s.length, 0) * 3); const off = new Int32Array(values.length + 1); let p = 0;
  for (let i = 0; i < values.length; i++) { p += enc.encodeInto(values[i]!, scratch.subarray(p)).written; off[i + 1] = p; } return scratch.slice(0, p);
}
function b(values: string[]) { // byteLength + one Buffer.from(join)
  const off = new Int32Array(values.length + 1); let p = 0;
  for (let i = 0; i < values.length; i++) { p += Buffer.byteLength(values[i]!, 'utf8'); off[i + 1] = p; }
  return Buffer.from(values.join(''), 'utf8');
}
function c(values: string[]) { // buffer.write per string into a big buffer
  let bound = 0; for (const s of values) bound += s.length; const buf = Buffer.allocUnsafe(bound * 3); const off = new Int32Array(values.length + 1); let p = 0;
  for (let i = 0; i < values.length; i++) { p += buf.utf8Write(values[i]!, p); off[i + 1] = p; } return buf.subarray(0, p);
}
function d(values: string[]) { // ascii loop else encodeInto
  let bound = 0; for (const s of values) bound += s.length; const out = new Uint8Array(bound * 3); const off = new Int32Array(values.length + 1); let p = 0;
  for (let i = 0; i < values.length; i++) { const s = values[i]!; let j = 0; const n = s.length;
    for (; j < n; j++) { const c = s.charCodeAt(j); if (c > 127) break; out[p + j] = c; }
    if (j === n) p += n; else { p += j; p += enc.encodeInto(s.slice(j), out.subarray(p)).written; }
    off[i + 1] = p; } return out.slice(0, p);
}
for (const [name, f] of [['a', a], ['b', b], ['c', c], ['d', d]] as const) {
  for (const [label, v] of [['long', strs], ['short', short]] as const) {
    const t = performance.now(); for (let r = 0; r < 3; r++) f(v); console.log(name, label, ((performance.now() - t) / 3).toFixed(1), 'ms');
  }
}
