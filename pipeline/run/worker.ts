/**
 * A worker thread's entry (started by worker-pool.ts): process the batches
 * it is sent (process-batch.ts) and send back the encoded chunks, their
 * buffers transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { chunkBuffers } from '../output/encode-rows.js';
import { processBatch, type BatchItem } from './process-batch.js';

/** A request from the pool: a batch to process. */
export interface WorkerRequest {
  readonly id: number;
  readonly items: readonly BatchItem[];
}

/** The answer: the batch's result, or the message of the error that stopped it. */
export type WorkerResponse = { readonly id: number; readonly result: ReturnType<typeof processBatch> } | { readonly id: number; readonly error: string };

const port = parentPort;
if (port === null) throw new Error('pipeline/run/worker.ts runs as a worker thread: start it through WorkerPool (worker-pool.ts).');

port.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    const result = processBatch(request.items);
    transfer = Object.values(result.chunks).flatMap(chunkBuffers);
    response = { id: request.id, result };
  } catch (error) {
    response = { id: request.id, error: (error as Error).stack ?? String(error) };
  }
  port.postMessage(response, transfer);
});
