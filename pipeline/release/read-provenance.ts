/**
 * The provenance of a built dataset, as its manifest.json records it (and
 * every Arrow file's schema metadata repeats it): which dataset and version,
 * which pipeline commit, which codebook and which inputs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provenance as DatasetProvenance } from '../run/build-dataset.js';

/** The dataset's provenance (build-dataset.ts), and how many inputs its manifest lists. */
export interface Provenance extends DatasetProvenance {
  readonly n_inputs: number;
}

const KEYS = ['dataset', 'dataset_version', 'pipeline_version', 'codebook_sha256', 'input_digest'] as const;

/**
 * Read the provenance of the dataset in `dir`.
 *
 * @param dir - A directory written by buildDataset (holds manifest.json).
 * @returns The provenance fields.
 * @throws Error naming the file when manifest.json is missing or lacks a field.
 * @example
 * readProvenance('output').pipeline_version; // '4c9b431…'
 */
export function readProvenance(dir: string): Provenance {
  const path = join(dir, 'manifest.json');
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Cannot read ${path} (${(error as Error).message}): build the dataset first (make dataset).`);
  }
  for (const key of KEYS) {
    if (typeof manifest[key] !== 'string') throw new Error(`${path} has no "${key}": rebuild the dataset with this pipeline.`);
  }
  const inputs = manifest['inputs'];
  return {
    dataset: manifest['dataset'] as string,
    dataset_version: manifest['dataset_version'] as string,
    pipeline_version: manifest['pipeline_version'] as string,
    codebook_sha256: manifest['codebook_sha256'] as string,
    input_digest: manifest['input_digest'] as string,
    n_inputs: Array.isArray(inputs) ? inputs.length : 0,
  };
}
