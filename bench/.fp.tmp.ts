import { readInputs } from '../pipeline/ingest.js';
import { processDocument } from '../pipeline/index.js';
import { documentRows } from '../pipeline/tables.js';
for await (const item of readInputs('seeds')) if ('raw_text' in item) { const r = documentRows(processDocument(item)); for (const [k, v] of Object.entries(r)) if (v[0]) console.log(k, (globalThis as any).eval('%HasFastProperties(v[0])'), Object.keys(v[0]).length); break; }
