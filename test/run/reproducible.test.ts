/**
 * The same input gives the same bytes: every Arrow, CSV and JSON file of a
 * build is identical whatever the concurrency, the order the file system
 * lists the input in, the output path, the time zone and the clock.
 *
 * Three builds of one mixed input (seeds, a JSONL file, rejected inputs):
 *   A. in process, two threads (the main thread and a worker), small batches (so both share the work);
 *   B. in process, on the main thread, directories listed in reverse, the
 *      clock set to 2001 and another time zone;
 *   C. through the command line (`make dataset`'s command), CONCURRENCY=1,
 *      another time zone, SOURCE_DATE_EPOCH set.
 */
import { execFileSync } from 'node:child_process';
import type * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildDataset, type BuildStats } from '../../pipeline/run/build-dataset.js';
import { REPO_ROOT } from '../gold.js';
import { mixedInputs } from '../mixed-inputs.js';

/** Set by the test: list every directory in reverse order, as another file system might. */
const listing = vi.hoisted(() => ({ reversed: false }));

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const readdirSync = ((...args: Parameters<typeof real.readdirSync>) => {
    const entries = real.readdirSync(...args) as unknown[];
    return listing.reversed ? [...entries].reverse() : entries;
  }) as typeof real.readdirSync;
  return { ...real, readdirSync, default: { ...real, readdirSync } };
});

let workDir: string;
let inDir: string;
const builds = { a: '', b: '', c: '' };
let statsOfA: BuildStats | undefined;

/** Every file under `dir`, relative paths, sorted. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'reproducible-'));
  inDir = mixedInputs(workDir);
  builds.a = join(workDir, 'a', 'out');
  builds.b = join(workDir, 'b', 'elsewhere');
  builds.c = join(workDir, 'c', 'out');

  statsOfA = (await buildDataset({ inDir, outDir: builds.a, concurrency: 2, batchBytes: 4096 })).stats;

  const timeZone = process.env['TZ'];
  listing.reversed = true;
  process.env['TZ'] = 'Asia/Jakarta';
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2001-02-03T04:05:06Z') });
  try {
    await buildDataset({ inDir, outDir: builds.b, concurrency: 1 });
  } finally {
    vi.useRealTimers();
    listing.reversed = false;
    process.env['TZ'] = timeZone;
  }

  execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['pipeline/cli.ts', '--in', inDir, '--out', builds.c], {
    cwd: REPO_ROOT,
    env: { ...process.env, CONCURRENCY: '1', TZ: 'America/Los_Angeles', SOURCE_DATE_EPOCH: '1234567890', LC_ALL: 'C' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('a build is reproducible byte for byte', () => {
  it('build a really shared its batches between the main thread and a worker', () => {
    expect(statsOfA?.concurrency).toBe(2);
    expect(statsOfA?.batches.workers).toBeGreaterThan(0);
    expect(statsOfA?.batches.main).toBeGreaterThan(0);
  });

  it('the reversed listing really reversed what the file system returned', () => {
    listing.reversed = true;
    const reversed = readdirSync(inDir);
    listing.reversed = false;
    expect(reversed).toEqual([...readdirSync(inDir)].reverse());
  });

  it('every build writes the same files: tables in both formats and the manifest', () => {
    const files = filesUnder(builds.a);
    for (const expected of ['manifest.json', 'documents.arrow', 'documents.csv', 'sentences.arrow', 'rejected.csv']) expect(files).toContain(expected);
    expect(filesUnder(builds.b)).toEqual(files);
    expect(filesUnder(builds.c)).toEqual(files);
  });

  it.each(['b', 'c'] as const)('build %s has the same bytes as build a, file by file', (other) => {
    for (const file of filesUnder(builds.a)) {
      const a = readFileSync(join(builds.a, file));
      const b = readFileSync(join(builds[other], file));
      expect(b.equals(a), `${file} differs between build a and build ${other}`).toBe(true);
    }
  });

  it('no output records the output path or today’s date', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const file of filesUnder(builds.a)) {
      const text = readFileSync(join(builds.a, file)).toString('latin1');
      expect(text.includes(builds.a), `${file} names its output path`).toBe(false);
      expect(text.includes(workDir), `${file} names the scratch path`).toBe(false);
      expect(text.includes(today), `${file} holds today's date`).toBe(false);
    }
  });
});
