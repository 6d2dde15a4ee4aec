/**
 * `make dataset` and `make merge` land here: parse the options, build (or
 * merge shards), print a one-screen summary on stderr. Exit codes: 0 built,
 * 1 could not build (the message names the path and the fix), 2 built but
 * STRICT=1 and some input was rejected.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { buildDataset, type BuildStats } from './run/build-dataset.js';
import { DEFAULT_MAX_ARTICLE_BYTES } from './stages/ingest/ingest.js';
import { mergeDataset } from './run/merge-dataset.js';
import { parseShard } from './run/shard.js';
import type { TableName } from './output/tables.js';

const USAGE = `usage: tsx pipeline/cli.ts --in <dir> --out <dir> [--strict] [--max-article-bytes N] [--concurrency N] [--shard i/N]
       tsx pipeline/cli.ts --merge --in <parts> --out <dir>
  --in                 input directory: *.txt (one article each) and *.jsonl (one article per line), recursively
  --out                output directory (replaced atomically when the build completes)
  --strict             exit 2 when any input was rejected (also STRICT=1)
  --max-article-bytes  reject larger articles as too_large (default ${DEFAULT_MAX_ARTICLE_BYTES}; also MAX_ARTICLE_BYTES)
  --concurrency        worker threads (default: the number of cores, ${availableParallelism()} here; also CONCURRENCY); 1 runs on the main thread
  --shard              process only shard i of N (1 ≤ i ≤ N; also SHARD); join the parts with --merge
  --merge              combine the part directories under --in (built with --shard) into the dataset one run would write
  --stats              also write the run's figures (time per step, peak memory) as JSON to this file (make bench uses it)`;

/** A positive whole number from an option, or an error naming the option. */
function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number, got ${text}.`);
  return value;
}

/** Where the time went: each step's share, and the end-to-end rate. */
function timingLines(stats: BuildStats): string[] {
  const mbPerSecond = stats.inputBytes / 1e6 / stats.seconds;
  const steps = Object.entries(stats.stepMs).filter(([, ms]) => ms > 0);
  const total = steps.reduce((n, [, ms]) => n + ms, 0);
  const shares = steps.map(([step, ms]) => `${step} ${Math.round((100 * ms) / total)}%`);
  return [
    `  ${stats.seconds.toFixed(1)} s for ${(stats.inputBytes / 1e6).toFixed(1)} MB of input (${mbPerSecond.toFixed(1)} MB/s, ${stats.concurrency === 1 ? 'on the main thread' : `${stats.concurrency} worker threads`})`,
    `  time by step: ${shares.join(', ')}`,
  ];
}

function rowLines(rows: Record<TableName, number>): string[] {
  return Object.entries(rows).map(([table, n]) => `  ${table.padEnd(13)} ${n} rows`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      in: { type: 'string', default: 'seeds' },
      out: { type: 'string', default: 'output' },
      strict: { type: 'boolean', default: process.env['STRICT'] === '1' },
      'max-article-bytes': { type: 'string', default: process.env['MAX_ARTICLE_BYTES'] ?? String(DEFAULT_MAX_ARTICLE_BYTES) },
      concurrency: { type: 'string', default: process.env['CONCURRENCY'] || String(availableParallelism()) },
      shard: { type: 'string', default: process.env['SHARD'] ?? '' },
      merge: { type: 'boolean', default: false },
      stats: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  if (values.merge) {
    const summary = await mergeDataset({ inDir: values.in, outDir: values.out });
    process.stderr.write(`${[`merged ${summary.parts} parts into ${summary.outDir}`, ...rowLines(summary.rows)].join('\n')}\n`);
    return 0;
  }
  const maxArticleBytes = positiveInteger('max-article-bytes', values['max-article-bytes']);
  const concurrency = positiveInteger('concurrency', values.concurrency);
  const shard = values.shard.trim() === '' ? null : parseShard(values.shard);
  const summary = await buildDataset({ inDir: values.in, outDir: values.out, maxArticleBytes, concurrency, shard, progress: true });
  const rejected = Object.entries(summary.rejectedByReason);
  const lines = [
    `dataset written to ${summary.outDir}${shard ? ` (shard ${shard.index} of ${shard.count}: join the parts with make merge)` : ''}`,
    ...rowLines(summary.rows),
    rejected.length === 0 ? '  every input became a document' : `  rejected inputs by reason (see rejected.csv):`,
    ...rejected.map(([reason, n]) => `    ${reason.padEnd(20)} ${n}`),
    ...Object.entries(summary.unusedFields).map(
      ([file, fields]) =>
        `  ${file}: JSONL fields not used: ${Object.entries(fields)
          .map(([field, n]) => `${field} (${n} ${n === 1 ? 'line' : 'lines'})`)
          .join(', ')}`,
    ),
    ...timingLines(summary.stats),
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  if (values.stats !== '') {
    const figures = { ...summary.stats, rows: summary.rows, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
    writeFileSync(values.stats, `${JSON.stringify(figures, null, 2)}\n`);
  }
  return values.strict && rejected.length > 0 ? 2 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
