const { readInputs } = await import('../pipeline/ingest.ts');
const { processDocument } = await import('../pipeline/index.ts');
const { documentRows } = await import('../pipeline/tables.ts');
const fast = new Function('o', 'return %HasFastProperties(o)');
for await (const item of readInputs('seeds')) if ('raw_text' in item) { const r = documentRows(processDocument(item)); for (const [k, v] of Object.entries(r)) if (v[0]) console.log(k, fast(v[0]), Object.keys(v[0]).length); break; }
