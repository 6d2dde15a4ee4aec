/**
 * The compiled pipeline (scripts/bundle.ts, what `make dataset` runs) writes
 * the same bytes as the TypeScript sources: the bundles are built into a
 * scratch folder, then one mixed input is built
 *   A. from the sources in this process, on two threads: the main thread and a
 *      worker loading worker.ts through tsx;
 *   B. from the bundled build-dataset module in plain Node, on the main thread
 *      and a worker started from the compiled worker.js (small batches, so both work);
 *   C. through the bundled command line, on the main thread, with the
 *      pipeline version left to git, as `make dataset` runs it.
 * C's manifest must carry the version the sources compute: the paths the
 * bundle reads at run time (schemas, package.json, CODEBOOK.md, git) resolve
 * to this checkout.
 */
import { execFileSync } from 'node:child_process';
import type { Dirent } from 'node:fs';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, pipelineVersion } from '../../pipeline/run/build-dataset.js';
import { BUNDLE_ENTRIES, bundle } from '../../scripts/bundle.js';
import { mixedInputs } from '../mixed-inputs.js';

let workDir: string;
let bundleDir: string;
let inDir: string;
const out = { a: '', b: '', c: '' };
let batchesOfB = { main: 0, workers: 0 };

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'bundle-'));
  bundleDir = join(workDir, 'build');
  // The module build-dataset as a bundle of its own, so the test can set the batch size.
  await bundle(bundleDir, { ...BUNDLE_ENTRIES, 'build-dataset': 'pipeline/run/build-dataset.ts' });
  inDir = mixedInputs(workDir);
  out.a = join(workDir, 'a');
  out.b = join(workDir, 'b');
  out.c = join(workDir, 'c');
  const fixedVersion = { ...process.env, PIPELINE_VERSION: 'fixed' };

  process.env['PIPELINE_VERSION'] = 'fixed';
  try {
    await buildDataset({ inDir, outDir: out.a, concurrency: 2, batchBytes: 4096 });
  } finally {
    delete process.env['PIPELINE_VERSION'];
  }

  const script = `const { buildDataset } = await import(${JSON.stringify(join(bundleDir, 'build-dataset.js'))});
const { stats } = await buildDataset({ inDir: ${JSON.stringify(inDir)}, outDir: ${JSON.stringify(out.b)}, concurrency: 2, batchBytes: 4096 });
process.stdout.write(JSON.stringify(stats.batches));`;
  batchesOfB = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: workDir, env: fixedVersion, encoding: 'utf8' }));

  const { PIPELINE_VERSION: _unset, ...gitVersion } = process.env;
  execFileSync(process.execPath, [join(bundleDir, 'cli.js'), '--in', inDir, '--out', out.c, '--concurrency', '1'], {
    cwd: workDir,
    env: gitVersion,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Every file under `dir`, relative paths, sorted. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('the compiled pipeline', () => {
  it('bundles one JavaScript file per entry point, with no tsx in the worker', () => {
    for (const name of Object.keys(BUNDLE_ENTRIES)) expect(existsSync(join(bundleDir, `${name}.js`)), `${name}.js`).toBe(true);
    expect(readFileSync(join(bundleDir, 'worker.js'), 'utf8')).not.toContain('tsImport');
  });

  it('build B shared its batches between the main thread and the compiled worker', () => {
    expect(batchesOfB.workers).toBeGreaterThan(0);
    expect(batchesOfB.main).toBeGreaterThan(0);
  });

  it('writes the same bytes as the sources, file by file', () => {
    const files = filesUnder(out.a);
    expect(files).toContain('sentences.csv');
    expect(filesUnder(out.b)).toEqual(files);
    for (const file of files) expect(readFileSync(join(out.b, file)).equals(readFileSync(join(out.a, file))), `${file} differs`).toBe(true);
  });

  it('the command line reads schemas, codebook and version from this checkout', () => {
    const manifestA = JSON.parse(readFileSync(join(out.a, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const manifestC = JSON.parse(readFileSync(join(out.c, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(manifestC['pipeline_version']).toBe(pipelineVersion());
    expect(manifestC['pipeline_version']).not.toBe('unknown');
    // The Arrow files carry the version in their metadata, so only their digests may differ.
    const withoutVersion = ({ pipeline_version: _, files: __, ...rest }: Record<string, unknown>): Record<string, unknown> => rest;
    expect(withoutVersion(manifestC)).toEqual(withoutVersion(manifestA));
    expect(manifestA['codebook_sha256']).toMatch(/^[0-9a-f]{64}$/);
    for (const table of ['documents', 'sentences', 'removed', 'attributions', 'rejected'])
      expect(readFileSync(join(out.c, `${table}.csv`)).equals(readFileSync(join(out.a, `${table}.csv`))), `${table}.csv`).toBe(true);
  });
});
