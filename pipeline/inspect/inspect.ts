/**
 * `make inspect [OUT=<dataset dir>] [LIMIT=n]`: write the static HTML view of
 * a dataset (write-inspect.ts) into <dataset dir>/inspect/ and print where
 * index.html is. Exit codes: 0 written, 1 no dataset or a bad LIMIT.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_INSPECT_LIMIT, writeInspect } from './write-inspect.js';

const USAGE = `usage: tsx pipeline/inspect/inspect.ts [--dataset <dir>] [--out <dir>] [--limit <n>]
  --dataset  the dataset directory (default output)
  --out      where index.html and docs/ go (default <dataset>/inspect)
  --limit    the most documents to give pages, the first in doc_id order (default ${DEFAULT_INSPECT_LIMIT})`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { dataset: { type: 'string', default: 'output' }, out: { type: 'string' }, limit: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const limit = values.limit === undefined || values.limit === '' ? DEFAULT_INSPECT_LIMIT : Number(values.limit);
  const out = values.out ?? join(values.dataset, 'inspect');
  const result = await writeInspect(values.dataset, out, { limit });
  process.stderr.write(`inspect: ${result.shown} of ${result.total} documents; open ${resolve(out, 'index.html')}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
