/**
 * Growth tests: run a function on an input of size n and of size 4n inside
 * this process and compare the CPU time each took. Linear work grows about
 * 4×, quadratic about 16×; the bound (10× by default) leaves generous slack
 * for noise and still fails a quadratic path. CPU time of this process
 * (process.cpuUsage), never a wall-clock bound. Each size is run once before
 * timing (the first runs of a size compile its paths, and a cold small run
 * made the ratio swing from 1.3 to 7.6 on a linear path), then a few times,
 * and the fastest run counts, so neither a pause of the machine nor a
 * garbage collection falling in one run decides it (with three runs, one
 * run in thirteen of test/run failed a linear path at 10.2×).
 */
import { expect } from 'vitest';

/** Timed runs per size. */
const REPEATS = 5;

/** CPU microseconds (user + system) of one call of `run`. */
function cpuMicros(run: () => unknown): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return used.user + used.system;
}

export interface GrowthOptions {
  /** Largest accepted ratio of the work at 4n to the work at n. @default 10 */
  readonly maxRatio?: number;
  /** Runs per size; the fastest counts. @default REPEATS */
  readonly repeats?: number;
}

/**
 * The ratio of the CPU time of `run(make(4n))` to that of `run(make(n))`.
 * Inputs are made before timing, so only `run` is measured.
 */
export function growthRatio<T>(make: (n: number) => T, run: (input: T) => unknown, n: number, repeats = REPEATS): number {
  const small = make(n);
  const large = make(4 * n);
  // Warm up: compile the code paths of both sizes before timing them.
  run(small);
  run(large);
  let smallMicros = Number.POSITIVE_INFINITY;
  let largeMicros = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    smallMicros = Math.min(
      smallMicros,
      cpuMicros(() => run(small)),
    );
    largeMicros = Math.min(
      largeMicros,
      cpuMicros(() => run(large)),
    );
  }
  return largeMicros / Math.max(smallMicros, 1);
}

/** Assert that `run` does about linear work: at 4n, at most `maxRatio` times the work at n. */
export function expectLinearGrowth<T>(make: (n: number) => T, run: (input: T) => unknown, n: number, options: GrowthOptions = {}): void {
  const ratio = growthRatio(make, run, n, options.repeats ?? REPEATS);
  expect(ratio, `work at 4n is ${ratio.toFixed(1)}× the work at n`).toBeLessThan(options.maxRatio ?? 10);
}

/** The same for an async function: CPU time over the whole await, fastest of `repeats`. */
export async function growthRatioAsync<T>(make: (n: number) => T, run: (input: T) => Promise<unknown>, n: number, repeats = REPEATS): Promise<number> {
  const small = make(n);
  const large = make(4 * n);
  await run(small);
  await run(large);
  const time = async (input: T): Promise<number> => {
    const before = process.cpuUsage();
    await run(input);
    const used = process.cpuUsage(before);
    return used.user + used.system;
  };
  let smallMicros = Number.POSITIVE_INFINITY;
  let largeMicros = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    smallMicros = Math.min(smallMicros, await time(small));
    largeMicros = Math.min(largeMicros, await time(large));
  }
  return largeMicros / Math.max(smallMicros, 1);
}
