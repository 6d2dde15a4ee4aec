/**
 * V8 settings for a build (README "Scaling"; bench/README.md): the cleaning
 * rules' regexes compiled straight to machine code.
 *
 * By default V8 first runs a regex in its bytecode interpreter and compiles it
 * to machine code only when it runs again. The cleaning stage has about a
 * hundred rule regexes, most of them long alternations of lexicon words, and
 * runs every one of them many times per megabyte, so the interpreted first
 * run (with its own compilation) is pure start-up cost: without it each
 * thread's first megabytes clean about 15% faster (bench corpus, one core).
 * What a regex matches does not depend on how it is run.
 *
 * V8 flags belong to the process: set once, before the worker threads start,
 * they hold for every thread of the build.
 */
import { setFlagsFromString } from 'node:v8';

/** The flags, as on the `node` command line. */
export const BUILD_V8_FLAGS = ['--no-regexp-tier-up'] as const;

let applied = false;

/** Apply BUILD_V8_FLAGS to this process (once). */
export function applyBuildV8Flags(): void {
  if (applied) return;
  applied = true;
  for (const flag of BUILD_V8_FLAGS) setFlagsFromString(flag);
}
