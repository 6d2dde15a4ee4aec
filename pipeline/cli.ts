/**
 * `make dataset` and `make merge` land here: parse the options, build (or
 * merge shards), print a one-screen summary on stderr. Exit codes (README
 * "Running it on other articles"): 0 built, 1 could not build (the message
 * names the path and the fix), 2 built but STRICT is on (1, true or yes) and
 * some input was rejected, 64 usage (a bad option or value, an empty IN, OUT
 * inside IN; EX_USAGE of sysexits.h).
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { buildDataset, type BuildStats } from './run/build-dataset.js';
import { DEFAULT_MAX_ARTICLE_BYTES } from './stages/ingest/ingest.js';
import { mergeDataset } from './run/merge-dataset.js';
import { parseShard } from './run/shard.js';
import { UsageError } from './run/in-out-paths.js';
import { applyBuildV8Flags } from './run/v8-flags.js';
import { storyThreshold } from './run/stories.js';
import type { TableName } from './output/tables.js';

const USAGE = `usage: tsx pipeline/cli.ts --in <dir> --out <dir> [--strict] [--max-article-bytes N] [--concurrency N] [--shard i/N]
       tsx pipeline/cli.ts --merge --in <parts> --out <dir>
  --in                 input directory: *.txt (one article each) and *.jsonl (one article per line), recursively
  --out                output directory (replaced atomically when the build completes)
  --strict             exit 2 when any input was rejected (also STRICT=1, true or yes)
  --max-article-bytes  reject larger articles as too_large (default ${DEFAULT_MAX_ARTICLE_BYTES}; also MAX_ARTICLE_BYTES)
  --concurrency        threads processing batches: the main thread and N-1 workers (default: the number of cores, ${availableParallelism()} here; also CONCURRENCY)
  --shard              process only shard i of N (1 ≤ i ≤ N; also SHARD); join the parts with --merge
  --story-threshold    containment of the shorter text in the longer at or above which two articles are copies of one story
                       (default 0.5; also STORY_THRESHOLD; give --merge the value the shards had)
  --merge              combine the part directories under --in (built with --shard) into the dataset one run would write
  --stats              also write the run's figures (time per step, peak memory) as JSON to this file (make bench uses it)`;

/** The exit codes, documented in README "Running it on other articles". */
const EXIT = { ok: 0, failed: 1, strictRejections: 2, usage: 64 } as const;

/** A positive whole number from an option, or a usage error naming the option. */
function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0)
    throw new UsageError(`${name === 'concurrency' ? 'CONCURRENCY= (--concurrency)' : `--${name}`} must be a positive whole number, got ${text}.`);
  return value;
}

/** STRICT from the environment: 1, true or yes (any case) turn it on; 0, false, no or nothing leave it off; anything else is a usage error. */
function strictFromEnvironment(value: string | undefined): boolean {
  const text = (value ?? '').trim().toLowerCase();
  if (['1', 'true', 'yes'].includes(text)) return true;
  if (['', '0', 'false', 'no'].includes(text)) return false;
  throw new UsageError(`STRICT must be 1, true or yes (or 0, false, no), got ${JSON.stringify(value)}.`);
}

/** The command line's options, or a UsageError. */
function parseOptions() {
  try {
    return parseArgs({
      options: {
        in: { type: 'string', default: 'seeds' },
        out: { type: 'string', default: 'output' },
        strict: { type: 'boolean', default: strictFromEnvironment(process.env['STRICT']) },
        'max-article-bytes': { type: 'string', default: process.env['MAX_ARTICLE_BYTES'] || String(DEFAULT_MAX_ARTICLE_BYTES) },
        concurrency: { type: 'string', default: process.env['CONCURRENCY'] || String(availableParallelism()) },
        shard: { type: 'string', default: process.env['SHARD'] ?? '' },
        merge: { type: 'boolean', default: false },
        stats: { type: 'string', default: '' },
        'story-threshold': { type: 'string', default: '' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

/** Where the time went: each step's share, and the end-to-end rate. */
function timingLines(stats: BuildStats): string[] {
  const mbPerSecond = stats.inputBytes / 1e6 / stats.seconds;
  const steps = Object.entries(stats.stepMs).filter(([, ms]) => ms > 0);
  const total = steps.reduce((n, [, ms]) => n + ms, 0);
  const shares = steps.map(([step, ms]) => `${step} ${Math.round((100 * ms) / total)}%`);
  return [
    `  ${stats.seconds.toFixed(1)} s for ${(stats.inputBytes / 1e6).toFixed(1)} MB of input (${mbPerSecond.toFixed(1)} MB/s, ${stats.concurrency === 1 ? 'on the main thread' : `on the main thread and ${stats.concurrency - 1} worker thread${stats.concurrency === 2 ? '' : 's'}`})`,
    `  time by step: ${shares.join(', ')}`,
  ];
}

function rowLines(rows: Record<TableName, number>): string[] {
  return Object.entries(rows).map(([table, n]) => `  ${table.padEnd(13)} ${n} rows`);
}

async function main(): Promise<number> {
  const values = parseOptions();
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  // Read where the stories are clustered (run/stories.ts); checked here, before any work.
  if (values['story-threshold'] !== '') process.env['STORY_THRESHOLD'] = values['story-threshold'];
  try {
    storyThreshold();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.merge) {
    const summary = await mergeDataset({ inDir: values.in, outDir: values.out });
    process.stderr.write(`${[`merged ${summary.parts} parts into ${summary.outDir}`, ...rowLines(summary.rows)].join('\n')}\n`);
    return EXIT.ok;
  }
  const maxArticleBytes = positiveInteger('max-article-bytes', values['max-article-bytes']);
  const concurrency = positiveInteger('concurrency', values.concurrency);
  let shard = null;
  try {
    shard = values.shard.trim() === '' ? null : parseShard(values.shard);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // The build's V8 flags (run/v8-flags.ts) hold for the whole process: set here, by the command, before any worker starts.
  applyBuildV8Flags();
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
  return values.strict && rejected.length > 0 ? EXIT.strictRejections : EXIT.ok;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(error instanceof UsageError ? EXIT.usage : EXIT.failed);
  },
);
