/**
 * `make bench`: how fast and how lean the pipeline is on real-looking news.
 *
 * 1. Generates two corpora deterministically in a scratch directory (see
 *    make-corpus.ts): 1× (BENCH_MB, default 32 MB) and 4× that.
 * 2. Measures the reading floor over each: readFileSync + UTF-8 decoding of
 *    every `.txt`, readline + JSON.parse of every JSONL line, on one thread.
 * 3. Runs the real CLI (`make dataset`'s command: the compiled build/cli.js,
 *    which `make bench` rebuilds first, under node with NODE_START_FLAGS) as a child process on each
 *    corpus twice: on one core (CONCURRENCY=1, pinned with taskset) and on
 *    two threads (CONCURRENCY=2: the main thread and one worker); each run
 *    reports its time per step, its CPU time and its peak RSS
 *    (process.resourceUsage().maxRSS, worker threads included) through
 *    `--stats`. The marginal rate (extra MB over extra seconds from 1× to
 *    4×) separates the steady rate from the fixed start-up and JIT warm-up.
 * 4. Measures the fixed start-up: the CLI on the five seeds (smaller than one
 *    batch), the fastest of three runs, wall time from spawn to exit.
 * 5. Prints MB/s, docs/s, peak RSS, the floor, each step's cost in ms per MB
 *    and the ratios against the targets of issue 17, and writes them into
 *    bench/README.md between the `bench:results` markers, with the machine
 *    they came from.
 *
 * The outputs of the 1-worker and the 2-worker runs must be byte-identical
 * (their manifests list every file's SHA-256); the bench fails if not.
 * Take figures on a quiet machine: other processes skew the 2-worker runs
 * most (the 1-core run has its core to itself).
 * Speed is checked here and only here, never by a timed unit test.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { listInputFiles } from '../pipeline/stages/ingest/ingest.js';
import { NODE_START_FLAGS } from '../pipeline/run/v8-flags.js';
import { makeBenchCorpus, type BenchCorpus } from './make-corpus.js';

const REPO = join(import.meta.dirname, '..');
const SCRATCH = process.env['BENCH_DIR'] || join(tmpdir(), 'rusia-barat-id-bench');
/** Size of the 1× corpus in MB (10^6 bytes). */
const BENCH_MB = Number(process.env['BENCH_MB'] || 32);
const SCALE = 4;
/** Runs of each configuration; the fastest is kept (other processes on the machine only ever slow a run down). */
const REPEAT = Number(process.env['BENCH_REPEAT'] || 1);
const README = join(import.meta.dirname, 'README.md');
const MARK_START = '<!-- bench:results:start -->';
const MARK_END = '<!-- bench:results:end -->';

/** The issue's targets. */
const TARGET = { marginalOneCore: 4, marginalTwoWorkers: 7, startupSeconds: 1.5, maxRssBytes: 1024 ** 3, rssFlat: 0.2, timeRatio: [3.5, 4.5] as const };

interface RunStats {
  readonly seconds: number;
  readonly inputBytes: number;
  readonly inputFiles: number;
  readonly concurrency: number;
  readonly stepMs: Record<string, number>;
  readonly rows: Record<string, number>;
  readonly maxRssBytes: number;
  readonly outputBytes?: number;
  /** The whole process's CPU time (every thread), in seconds. */
  readonly cpuSeconds: { readonly user: number; readonly system: number };
}

interface Run {
  readonly label: string;
  readonly corpus: BenchCorpus;
  readonly workers: number;
  readonly pinned: boolean;
  readonly floorMBs: number;
  readonly stats: RunStats;
  readonly wallSeconds: number;
  /** Every output file with its SHA-256, from the run's manifest. */
  readonly digests: string;
}

const mb = (bytes: number): number => bytes / 1e6;
const fixed = (x: number, digits = 1): string => x.toFixed(digits);

/** The reading floor: every input read and parsed, nothing else, on this thread. */
async function readingFloor(dir: string): Promise<{ seconds: number; bytes: number }> {
  const start = performance.now();
  let bytes = 0;
  let sink = 0;
  for (const file of listInputFiles(dir)) {
    bytes += file.bytes;
    if (file.path.endsWith('.jsonl')) {
      const lines = createInterface({ input: createReadStream(file.absolutePath, { encoding: 'utf8' }), crlfDelay: Infinity });
      for await (const line of lines) {
        if (line.trim() === '') continue;
        try {
          sink += (JSON.parse(line) as { text?: string }).text?.length ?? 0;
        } catch {
          sink++;
        }
      }
    } else {
      sink += readFileSync(file.absolutePath).toString('utf8').length;
    }
  }
  if (sink < 0) throw new Error('unreachable');
  return { seconds: (performance.now() - start) / 1000, bytes };
}

/** The compiled CLI. */
const CLI = join(REPO, 'build/cli.js');
/** node's arguments up to the CLI's own, as `make dataset` starts it (the Makefile's PIPELINE_NODE). */
const NODE_ARGS = [...NODE_START_FLAGS, CLI];

/** One pipeline run through the CLI, as `make dataset` runs it. */
async function run(label: string, corpus: BenchCorpus, workers: number, pin: boolean): Promise<Run> {
  const floor = await readingFloor(corpus.dir);
  const outDir = join(SCRATCH, `out-${label}-${workers}`);
  const statsFile = join(SCRATCH, `stats-${label}-${workers}.json`);
  rmSync(outDir, { recursive: true, force: true });
  const cli = [process.execPath, ...NODE_ARGS, '--in', corpus.dir, '--out', outDir, '--concurrency', String(workers), '--stats', statsFile];
  const pinned = pin && existsSync('/usr/bin/taskset');
  const [command, ...args] = pinned ? ['/usr/bin/taskset', '-c', '0', ...cli] : cli;
  process.stderr.write(`\n== ${label}: ${fixed(mb(corpus.bytes))} MB, CONCURRENCY=${workers}${pinned ? ' on one core' : ''}\n`);
  const start = performance.now();
  const child = spawnSync(command!, args, { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, CONCURRENCY: '' } });
  const wallSeconds = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`${label}: the pipeline exited with status ${child.status}.`);
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; bytes: number }[] };
  const stats = { ...(JSON.parse(readFileSync(statsFile, 'utf8')) as RunStats), outputBytes: manifest.files.reduce((n, f) => n + f.bytes, 0) };
  const digests = manifest.files.map((f) => `${f.path}:${f.sha256}`).join('\n');
  rmSync(outDir, { recursive: true, force: true });
  return { label, corpus, workers, pinned, floorMBs: mb(floor.bytes) / floor.seconds, stats, wallSeconds, digests };
}

/** The fixed start-up: wall seconds of the CLI on the seeds (smaller than one batch), the fastest of `times` runs. */
function startupSeconds(times = 3): number {
  const outDir = join(SCRATCH, 'out-startup');
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    const child = spawnSync(process.execPath, [...NODE_ARGS, '--in', join(REPO, 'seeds'), '--out', outDir], {
      cwd: REPO,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, CONCURRENCY: '' },
    });
    best = Math.min(best, (performance.now() - start) / 1000);
    if (child.status !== 0) throw new Error(`start-up run: the pipeline exited with status ${child.status}: ${child.stderr}`);
  }
  rmSync(outDir, { recursive: true, force: true });
  return best;
}

function mbPerSecond(r: Run): number {
  return mb(r.stats.inputBytes) / r.stats.seconds;
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${fixed(totalmem() / 1024 ** 3, 0)} GiB RAM, Linux ${release()}, Node ${process.version}`;
}

/** The MB of input the 4× corpus has beyond the 1×. */
function extraMb(small: Run, large: Run): number {
  return mb(large.stats.inputBytes) - mb(small.stats.inputBytes);
}

/** MB/s from the extra time the 4× corpus took over the 1×: the rate once threads are started and warm. */
function marginal(small: Run, large: Run): number {
  return extraMb(small, large) / (large.stats.seconds - small.stats.seconds);
}

/** A run's name in the tables: its corpus and its threads (`1x, 1 core`, `4x, 2 threads`). */
function runName(r: Run): string {
  return `${r.label}, ${r.workers === 1 ? '1 core' : `${r.workers} threads`}`;
}

/** A run's CPU time (user + system, every thread), in seconds. */
function cpuSeconds(r: Run): number {
  return r.stats.cpuSeconds.user + r.stats.cpuSeconds.system;
}

/** CPU milliseconds per MB of the extra input of the 4× corpus over the 1×. */
function marginalCpu(small: Run, large: Run): number {
  return (1000 * (cpuSeconds(large) - cpuSeconds(small))) / extraMb(small, large);
}

function report(runs: Run[], loadBefore: number[], startup: number): string {
  const [one1, two1, one4, two4] = runs as [Run, Run, Run, Run];
  const lines: string[] = [];
  const rounds = REPEAT > 1 ? `, fastest of ${REPEAT} rounds` : '';
  lines.push(
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; load average before the runs ${loadBefore.map((x) => fixed(x, 2)).join(' ')}${rounds}.`,
  );
  lines.push('');
  lines.push('| run | input | documents | time | CPU time | MB/s | docs/s | reading floor | ratio to floor | peak RSS |');
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of runs) {
    const docs = r.stats.rows['documents'] ?? 0;
    lines.push(
      `| ${runName(r)} | ${fixed(mb(r.stats.inputBytes))} MB, ${r.stats.inputFiles} files | ${docs} | ${fixed(r.stats.seconds)} s | ${fixed(cpuSeconds(r))} s | ${fixed(mbPerSecond(r), 2)} | ${Math.round(docs / r.stats.seconds)} | ${fixed(r.floorMBs, 0)} MB/s | ${fixed(mbPerSecond(r) / r.floorMBs, 3)} | ${Math.round(r.stats.maxRssBytes / 2 ** 20)} MiB |`,
    );
  }
  const speedup = (a: Run, b: Run): number => mbPerSecond(b) / mbPerSecond(a);
  const rss = (a: Run, b: Run): number => b.stats.maxRssBytes / a.stats.maxRssBytes;
  const time = (a: Run, b: Run): number => b.stats.seconds / a.stats.seconds;
  const check = (ok: boolean): string => (ok ? 'met' : '**not met**');
  const flat = (x: number): boolean => Math.abs(x - 1) <= TARGET.rssFlat;
  const linear = (x: number): boolean => x >= TARGET.timeRatio[0] && x <= TARGET.timeRatio[1];
  lines.push('');
  lines.push(
    `Marginal rate (the extra ${fixed(extraMb(one1, one4), 0)} MB of the ${SCALE}× corpus over the extra time it took, i.e. without start-up and warm-up): ${fixed(marginal(one1, one4), 2)} MB/s on one core, ${fixed(marginal(two1, two4), 2)} MB/s on two threads (${fixed(marginal(two1, two4) / marginal(one1, one4), 2)}×). CPU time per extra MB: ${fixed(marginalCpu(one1, one4), 0)} ms on one core, ${fixed(marginalCpu(two1, two4), 0)} ms on two threads.`,
  );
  lines.push('');
  lines.push('| target (issue 17) | measured | |');
  lines.push('| --- | --- | --- |');
  const oneMarginal = marginal(one1, one4);
  const twoMarginal = marginal(two1, two4);
  lines.push(
    `| marginal rate ≥ ${TARGET.marginalOneCore} MB/s on one core | ${fixed(oneMarginal, 2)} MB/s (${fixed(mbPerSecond(one4), 2)} end to end at ${SCALE}×) | ${check(oneMarginal >= TARGET.marginalOneCore)} |`,
  );
  lines.push(
    `| marginal rate ≥ ${TARGET.marginalTwoWorkers} MB/s with 2 workers (two threads) | ${fixed(twoMarginal, 2)} MB/s (${fixed(mbPerSecond(two4), 2)} end to end at ${SCALE}×; ${fixed(speedup(one4, two4), 2)}× one core) | ${check(twoMarginal >= TARGET.marginalTwoWorkers)} |`,
  );
  lines.push(`| start-up < ${TARGET.startupSeconds} s (the CLI on the 5 seeds) | ${fixed(startup, 2)} s | ${check(startup < TARGET.startupSeconds)} |`);
  lines.push(
    `| peak RSS ≤ 1 GiB | ${Math.round(Math.max(...runs.map((r) => r.stats.maxRssBytes)) / 2 ** 20)} MiB at most | ${check(runs.every((r) => r.stats.maxRssBytes <= TARGET.maxRssBytes))} |`,
  );
  lines.push(
    `| peak RSS flat (±20%) at ${SCALE}× | ${fixed(rss(one1, one4), 2)}× on one core, ${fixed(rss(two1, two4), 2)}× on two threads | ${check(flat(rss(one1, one4)) && flat(rss(two1, two4)))} |`,
  );
  lines.push(
    `| ${SCALE}× corpus in ${TARGET.timeRatio[0]}–${TARGET.timeRatio[1]}× time | ${fixed(time(one1, one4), 2)}× on one core, ${fixed(time(two1, two4), 2)}× on two threads | ${check(linear(time(one1, one4)) && linear(time(two1, two4)))} |`,
  );
  lines.push('');
  lines.push(
    'Time by step, in ms per MB of input: wall time on the thread that ran the step, so on two threads the steps add up to more than the wall time, and a step also counts the time its thread waited for a core; "alone" is the rate the step would allow by itself on one core at 4×. CPU time is the whole process\'s (user + system, every thread, V8\'s own included):',
  );
  lines.push('');
  lines.push(`| step | ${runs.map(runName).join(' | ')} | share (${SCALE}×, 1 core) | MB/s alone |`);
  lines.push(`| --- | ${runs.map(() => '---').join(' | ')} | --- | --- |`);
  const steps = Object.keys(one4.stats.stepMs).filter((step) => runs.some((r) => (r.stats.stepMs[step] ?? 0) > 0));
  const total = steps.reduce((n, step) => n + (one4.stats.stepMs[step] ?? 0), 0);
  const perMB = (r: Run, step: string): number => (r.stats.stepMs[step] ?? 0) / mb(r.stats.inputBytes);
  for (const step of steps)
    lines.push(
      `| ${step} | ${runs.map((r) => fixed(perMB(r, step), 0)).join(' | ')} | ${Math.round((100 * (one4.stats.stepMs[step] ?? 0)) / total)}% | ${fixed(1000 / perMB(one4, step), 1)} |`,
    );
  lines.push(
    `| all steps | ${runs
      .map((r) =>
        fixed(
          steps.reduce((n, step) => n + perMB(r, step), 0),
          0,
        ),
      )
      .join(' | ')} | 100% | |`,
  );
  lines.push(`| wall time | ${runs.map((r) => fixed((1000 * r.stats.seconds) / mb(r.stats.inputBytes), 0)).join(' | ')} | | |`);
  lines.push(`| CPU time | ${runs.map((r) => fixed((1000 * cpuSeconds(r)) / mb(r.stats.inputBytes), 0)).join(' | ')} | | |`);
  const out = one4.stats.outputBytes;
  if (out !== undefined) lines.push('', `Output: ${fixed(out / one4.stats.inputBytes, 1)} bytes written (Arrow and CSV) per byte of input.`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  if (!Number.isFinite(BENCH_MB) || BENCH_MB <= 0) throw new Error(`BENCH_MB must be a positive number of MB, got ${process.env['BENCH_MB']}.`);
  if (!Number.isInteger(REPEAT) || REPEAT < 1) throw new Error(`BENCH_REPEAT must be a whole number ≥ 1, got ${process.env['BENCH_REPEAT']}.`);
  if (!existsSync(CLI)) throw new Error('build/cli.js is missing: run the bench through `make bench`, which compiles the pipeline first.');
  const loadBefore = loadavg();
  process.stderr.write(`bench: corpora in ${SCRATCH} (IndoSum, CC BY-SA 4.0: benchmark input only, never copied into the repository)\n`);
  let t = performance.now();
  const small = makeBenchCorpus(join(SCRATCH, 'corpus-1x'), BENCH_MB * 1e6);
  const large = makeBenchCorpus(join(SCRATCH, `corpus-${SCALE}x`), SCALE * BENCH_MB * 1e6);
  process.stderr.write(`bench: generated ${fixed(mb(small.bytes))} MB and ${fixed(mb(large.bytes))} MB in ${fixed((performance.now() - t) / 1000)} s\n`);

  t = performance.now();
  // Rounds: every configuration once per round, the fastest of each kept, so
  // that a burst of other work on the machine spoils one attempt, not all.
  const configs = [
    { label: '1x', corpus: small, workers: 1 },
    { label: '1x', corpus: small, workers: 2 },
    { label: `${SCALE}x`, corpus: large, workers: 1 },
    { label: `${SCALE}x`, corpus: large, workers: 2 },
  ];
  const runs: (Run | null)[] = configs.map(() => null);
  for (let round = 0; round < REPEAT; round++) {
    for (const [i, c] of configs.entries()) {
      const r = await run(c.label, c.corpus, c.workers, c.workers === 1);
      const best = runs[i];
      if (best && best.digests !== r.digests) throw new Error(`${c.label}: two runs wrote different bytes.`);
      if (!best || r.stats.seconds < best.stats.seconds) runs[i] = r;
    }
  }
  const [one1, two1, one4, two4] = runs as [Run, Run, Run, Run];
  for (const [one, two] of [
    [one1, two1],
    [one4, two4],
  ] as const)
    if (one.digests !== two.digests) throw new Error(`${one.label}: the 1-worker and 2-worker outputs differ: the output must not depend on the concurrency.`);
  const startup = startupSeconds();
  const text = report([one1, two1, one4, two4], loadBefore, startup);
  process.stdout.write(`\n${text}\n\n(1-worker and 2-worker outputs identical at both sizes; the runs took ${fixed((performance.now() - t) / 1000, 0)} s)\n`);

  const readme = readFileSync(README, 'utf8');
  const from = readme.indexOf(MARK_START);
  const to = readme.indexOf(MARK_END);
  if (from < 0 || to < from) throw new Error(`${README} lacks the ${MARK_START} … ${MARK_END} markers.`);
  writeFileSync(README, `${readme.slice(0, from + MARK_START.length)}\n${text}\n${readme.slice(to)}`);
  process.stderr.write(`bench: figures written to bench/README.md\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exit(1);
});
