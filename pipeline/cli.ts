/**
 * `make dataset` lands here: parse the options, build, print a one-screen
 * summary on stderr. Exit codes: 0 built, 1 could not build (the message
 * names the path and the fix), 2 built but STRICT=1 and some input was rejected.
 */
import { parseArgs } from 'node:util';
import { buildDataset } from './build-dataset.js';
import { DEFAULT_MAX_ARTICLE_BYTES } from './ingest.js';

const USAGE = `usage: tsx pipeline/cli.ts --in <dir> --out <dir> [--strict] [--max-article-bytes N]
  --in                 input directory: *.txt (one article each) and *.jsonl (one article per line), recursively
  --out                output directory (replaced atomically when the build completes)
  --strict             exit 2 when any input was rejected (also STRICT=1)
  --max-article-bytes  reject larger articles as too_large (default ${DEFAULT_MAX_ARTICLE_BYTES}; also MAX_ARTICLE_BYTES)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      in: { type: 'string', default: 'seeds' },
      out: { type: 'string', default: 'output' },
      strict: { type: 'boolean', default: process.env['STRICT'] === '1' },
      'max-article-bytes': { type: 'string', default: process.env['MAX_ARTICLE_BYTES'] ?? String(DEFAULT_MAX_ARTICLE_BYTES) },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const maxArticleBytes = Number(values['max-article-bytes']);
  if (!Number.isInteger(maxArticleBytes) || maxArticleBytes <= 0) {
    process.stderr.write(`--max-article-bytes must be a positive whole number of bytes, got ${values['max-article-bytes']}.\n`);
    return 1;
  }
  const summary = await buildDataset({ inDir: values.in, outDir: values.out, maxArticleBytes });
  const rejected = Object.entries(summary.rejectedByReason);
  const lines = [
    `dataset written to ${summary.outDir}`,
    ...Object.entries(summary.rows).map(([table, n]) => `  ${table.padEnd(13)} ${n} rows`),
    rejected.length === 0 ? '  every input became a document' : `  rejected inputs by reason (see rejected.csv):`,
    ...rejected.map(([reason, n]) => `    ${reason.padEnd(20)} ${n}`),
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  return values.strict && rejected.length > 0 ? 2 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
