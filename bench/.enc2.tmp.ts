import { readInputs } from '../pipeline/ingest.js';
import { processDocument } from '../pipeline/index.js';
import { documentRows, tableSpec, type Row } from '../pipeline/tables.js';
import { encodeRows } from '../pipeline/encode-rows.js';
import type { LabeledDocument } from '../pipeline/types.js';
const docs: LabeledDocument[] = [];
for await (const item of readInputs('/tmp/benchtest/a')) if ('raw_text' in item) docs.push(processDocument(item));
const { Session } = await import('node:inspector/promises');
const session = new Session(); session.connect();

const rows: Record<string, Row[]> = { documents: [], sentences: [], removed: [], attributions: [] };
for (const d of docs) { const r = documentRows(d); for (const k of Object.keys(r)) rows[k]!.push(...(r as any)[k]); }
await session.post('Profiler.enable'); await session.post('Profiler.start');
for (let rep = 0; rep < 5; rep++) {
  for (const name of ['sentences'] as const) {
    const spec = tableSpec(name);
    for (let i = 0; i < rows[name]!.length; i += 2000) encodeRows(spec, rows[name]!.slice(i, i + 2000));
  }
}
const { profile } = await session.post('Profiler.stop');
// self time per function
const self = new Map<string, number>();
const dt = profile.timeDeltas!; const samples = profile.samples!;
const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>(); for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id);
samples.forEach((id: number, i: number) => { const n: any = byId.get(id); let k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; if (n.callFrame.functionName === 'dispatch') { const p: any = byId.get(parent.get(id)!); k += ' <- ' + p.callFrame.functionName + ':' + p.callFrame.lineNumber; } self.set(k, (self.get(k) ?? 0) + (dt[i] ?? 0)); });
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(0).padStart(6)} ms ${k}`).join('\n'));
