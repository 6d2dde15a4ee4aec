/**
 * A fixed pool of worker threads running pipeline/run/worker.ts: `run(items)`
 * sends a batch to the worker with the fewest batches outstanding and
 * resolves with its result; a worker takes its batches in the order they
 * were sent. The caller bounds how many batches are in flight (build-dataset.ts
 * uses p-limit) and, with `leastOutstanding`, how many wait at each worker.
 *
 * Workers run the same code as the thread that starts them. From the bundle
 * (`make dataset` runs build/cli.js, see scripts/bundle.ts) they start from
 * the compiled build/worker.js beside it: plain JavaScript, no transpiling.
 * From the sources (vitest, tsx) there is no worker.js beside this module,
 * and each worker starts from a two-line bootstrap that loads worker.ts
 * through tsx's scoped `tsImport`. Workers start with empty `execArgv` so
 * they never inherit a second loader.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BatchItem, BatchResult } from './process-batch.js';
import { SEMI_SPACE_MB } from './v8-flags.js';
import type { WorkerRequest, WorkerResponse } from './worker.js';

const WORKER_MODULE = new URL('./worker.ts', import.meta.url).href;
/** The compiled worker: beside this module only when this module runs from the bundle. */
const BUILT_WORKER = new URL('./worker.js', import.meta.url);

/** The URL of tsx's ESM API (`tsx/esm/api`, import condition), resolved from this package. */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('tsx/package.json');
  const exports = (JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
  const entry = exports['./esm/api']?.import.default;
  if (entry === undefined) throw new Error('tsx has no ./esm/api export: run `npm ci` to install the locked tsx version.');
  return pathToFileURL(join(dirname(packageJson), entry)).href;
}

/** The bootstrap each worker evaluates: load worker.ts through tsx. */
function bootstrap(): string {
  return [
    `import(${JSON.stringify(tsxApiUrl())})`,
    `.then(({ tsImport }) => tsImport(${JSON.stringify(WORKER_MODULE)}, ${JSON.stringify(import.meta.url)}))`,
    `.catch((error) => { console.error(error); process.exit(70); });`,
  ].join('');
}

/** Each worker's young generation, in MB: V8 makes a third of it each semi-space, SEMI_SPACE_MB as on the main thread (v8-flags.ts). */
export const WORKER_YOUNG_GENERATION_MB = 3 * SEMI_SPACE_MB;

/** A batch sent and not yet answered: who waits for it, and the worker it was sent to (its index in the pool). */
interface Pending {
  readonly resolve: (result: BatchResult) => void;
  readonly reject: (error: Error) => void;
  readonly worker: number;
}

/** Worker threads that process batches (see worker.ts). */
export class WorkerPool {
  private readonly pending = new Map<number, Pending>();
  private readonly workers: Worker[] = [];
  /** Batches sent to each worker (by index) and not yet answered; a worker takes them in the order they were sent. */
  private readonly outstanding: number[] = [];
  private nextId = 0;
  private failure: Error | null = null;

  /** @param size - number of worker threads (at least 1) */
  constructor(readonly size: number) {
    const built = existsSync(fileURLToPath(BUILT_WORKER));
    const code = built ? null : bootstrap();
    for (let i = 0; i < size; i++) {
      const options = { execArgv: [], stderr: false, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } };
      const worker = code === null ? new Worker(BUILT_WORKER, options) : new Worker(code, { ...options, eval: true });
      worker.on('message', (response: WorkerResponse) => this.settle(response));
      worker.on('error', (error: Error) => this.fail(new Error(`A worker thread failed: ${error.message}`)));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`A worker thread exited with code ${code}.`));
      });
      this.workers.push(worker);
      this.outstanding.push(0);
    }
  }

  /** The index of the worker with the fewest batches outstanding (the first such). */
  private leastBusy(): number {
    let least = 0;
    for (let i = 1; i < this.outstanding.length; i++) if (this.outstanding[i]! < this.outstanding[least]!) least = i;
    return least;
  }

  /** The fewest batches any worker has waiting or in hand. */
  leastOutstanding(): number {
    return this.outstanding[this.leastBusy()]!;
  }

  /** Process a batch on the worker with the fewest batches outstanding (it waits there behind them). */
  async run(items: readonly BatchItem[]): Promise<BatchResult> {
    if (this.failure) throw this.failure;
    const worker = this.leastBusy();
    this.outstanding[worker]!++;
    const id = this.nextId++;
    const request: WorkerRequest = { id, items };
    return new Promise<BatchResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker });
      this.workers[worker]!.postMessage(request);
    });
  }

  private settle(response: WorkerResponse): void {
    const pending = this.pending.get(response.id);
    this.pending.delete(response.id);
    if (pending === undefined) return;
    this.outstanding[pending.worker]!--;
    if ('error' in response) pending.reject(new Error(`Processing a batch failed in a worker thread: ${response.error}`));
    else pending.resolve(response.result);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    this.failure ??= new Error('The worker pool is closed.');
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
