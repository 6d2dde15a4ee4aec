/**
 * V8 settings for a build (README "Scaling"; bench/README.md): the cleaning
 * rules' regexes compiled straight to machine code, no allocation-site
 * pretenuring, and half the default inlining budget.
 *
 * By default V8 first runs a regex in its bytecode interpreter and compiles it
 * to machine code only when it runs again. The cleaning stage has about a
 * hundred rule regexes, most of them long alternations of lexicon words, and
 * runs every one of them many times per megabyte, so the interpreted first
 * run (with its own compilation) is pure start-up cost: without it each
 * thread's first megabytes clean about 15% faster (bench corpus, one core).
 * What a regex matches does not depend on how it is run.
 *
 * Pretenuring: when many objects made at one place in the code outlive a
 * young-generation collection, V8 starts making that place's objects in the
 * old generation directly. A build keeps each batch's documents until they are
 * encoded, so the places that make tokens, rows and chunks see bursts of
 * survivors; once pretenured, their short-lived objects (most of them) fill the
 * old generation and make every young collection slow (measured on a warm loop
 * of the tokenizer: 9 ms/MB, or 30 ms/MB in the processes where V8 had
 * pretenured it). Without it the build took 3–8% less time on the 32 MB bench
 * corpus on one core and with two workers (the writer's and the stories'
 * steps most). Where objects are made does not change what they hold.
 *
 * Inlining: V8's optimising compiler runs beside the thread it compiles for,
 * and every worker compiles the stages afresh: about 2.4 s of CPU per thread
 * for a build (the V8 threads' time, measured on the bench corpus), on the
 * same cores as the build. With half the default budget of bytecode inlined
 * into one function (920 → 460), each compile is cheaper and the compiled
 * stages are as fast: on one core 10.9–11.1 s for the 32 MB corpus and
 * 36.3–37.0 s for 128 MB, against 11.3–11.5 s and 37.3–37.7 s; with two
 * workers 7.8–7.9 s and 24.1 s against 8.5 s and 24.9 s (smaller and larger
 * budgets, 200 and 300, gained less). What code computes does not depend on
 * what is inlined.
 *
 * V8 flags belong to the process: the CLI (pipeline/cli.ts) sets them once,
 * before the worker threads start, and they hold for every thread of the
 * build. buildDataset does not set them: a program that calls it (the tests,
 * under a coverage tool that a changed flag upsets) keeps its own.
 *
 * The young generation's size is the exception: V8 lays out a thread's heap
 * when the thread starts, so a flag set later does not reach the main thread.
 * The worker threads are given it when they are made (worker-pool.ts); the
 * main thread, which processes batches too (everything with CONCURRENCY=1), gets it from
 * NODE_START_FLAGS on node's command line (the Makefile's PIPELINE_NODE, the
 * bench). The CLI run without them gives the same bytes, more slowly.
 */
import { setFlagsFromString } from 'node:v8';

/** The flags, as on the `node` command line. */
export const BUILD_V8_FLAGS = ['--no-regexp-tier-up', '--no-allocation-site-pretenuring', '--max-inlined-bytecode-size-cumulative=460'] as const;

/**
 * Each semi-space of a thread's young generation, in MB: four times V8's
 * default. A batch's documents live until the batch is encoded (and a
 * document's tokens until it is labelled), so with the default they survive
 * several scavenges and are copied each time; with this room most die young.
 * Measured on the bench corpus, 128 MB on one core (main thread): 37.2–37.6 s
 * against 39.3–40.4 s with the default (labelling the largest share), peak
 * RSS about 70 MB higher (394 → 464 MiB).
 */
export const SEMI_SPACE_MB = 64;

/** Flags node must be started with (see above): the Makefile's PIPELINE_NODE passes them, test/run/v8-flags.test.ts keeps the two the same. */
export const NODE_START_FLAGS = [`--max-semi-space-size=${SEMI_SPACE_MB}`] as const;

let applied = false;

/** Apply BUILD_V8_FLAGS to this process (once). */
export function applyBuildV8Flags(): void {
  if (applied) return;
  applied = true;
  for (const flag of BUILD_V8_FLAGS) setFlagsFromString(flag);
}
