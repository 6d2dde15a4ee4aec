/**
 * Sharding: `SHARD=i/N` builds part i of N, and merging the N parts gives the
 * bytes of a single run, every file, manifest.json included.
 *
 * The input mixes the seeds with inputs that exercise every path: JSONL lines
 * (one a duplicate of a `.txt` article, which must land in the same shard as
 * its first copy), markup, empty, binary and unsupported files, a malformed
 * line. It is split in three; part 2 is built through the command line with
 * SHARD in the environment, as `make dataset SHARD=2/3` does, and the merge
 * also runs through the command line, as `make merge` does.
 *
 * Syndicated copies of the seeds (another outlet's lead-in, the last
 * paragraph dropped) have their own doc_ids, so they land in other shards
 * than their originals: the merge must still give them the single run's
 * story columns, which it computes from every part's signatures.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset, type Manifest } from '../../pipeline/run/build-dataset.js';
import { mergeDataset } from '../../pipeline/run/merge-dataset.js';
import { inShard, parseShard, shardOf } from '../../pipeline/run/shard.js';
import { REPO_ROOT } from '../gold.js';
import { mixedInputs } from '../mixed-inputs.js';

const SHARDS = 3;
let workDir: string;
let inDir: string;
let single: string;
let parts: string;
let merged: string;

/** Extra inputs beyond test/mixed-inputs.ts: more JSONL lines, nesting, binary and unsupported files. */
function moreInputs(dir: string): void {
  const seed = (name: string): string => readFileSync(join(dir, name), 'utf8');
  mkdirSync(join(dir, 'a', 'b'), { recursive: true });
  const lines = [
    { id: 1, text: `${seed('002_3259bd0106e97f97.txt')}\n\nMoskow belum menanggapi.` },
    { id: 2, text: seed('003_932b1eeb8b108611.txt') }, // a duplicate of a .txt seed listed before it
    { id: 3, text: `${seed('004_11be465ef42eb892.txt')}\n\nWashington menolak berkomentar.` },
    { id: 4, body: 'no text' },
    { id: 5, text: `${seed('000_bdb6c9550aac35cd.txt')}\n\nNATO menggelar pertemuan darurat.` },
  ];
  writeFileSync(join(dir, 'a', 'b', 'more.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n\n`);
  writeFileSync(join(dir, 'a', 'binary.txt'), Buffer.from([0x00, 0x01, 0x02, 0x50, 0x4b]));
  writeFileSync(join(dir, 'a', 'notes.docx'), 'not an article');
  cpSync(join(dir, '001_52d37d4444d6e944.txt'), join(dir, 'a', 'b', 'zz-copy.txt'));
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
    const paragraphs = seed(name)
      .trim()
      .split(/\n\s*\n/);
    const copy = ['Jakarta (ANTARA) - Kantor berita melaporkan:', ...paragraphs.slice(0, Math.max(1, paragraphs.length - 1))].join('\n\n');
    writeFileSync(join(dir, 'a', `syndicated-${name}`), `${copy}\n\nBaca juga: berita lainnya\n`);
  }
}

/** Every file under `dir`, sorted relative paths. */
function filesOf(dir: string): string[] {
  return readdirSync(dir).sort();
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'shard-'));
  inDir = mixedInputs(workDir);
  moreInputs(inDir);
  single = join(workDir, 'single');
  parts = join(workDir, 'parts');
  merged = join(workDir, 'merged');
  await buildDataset({ inDir, outDir: single, concurrency: 1 });
  for (const index of [1, 3]) await buildDataset({ inDir, outDir: join(parts, String(index)), concurrency: 1, shard: { index, count: SHARDS } });
  const cli = (args: string[], env: Record<string, string> = {}): void => {
    execFileSync(join(REPO_ROOT, 'node_modules/.bin/tsx'), ['pipeline/cli.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, CONCURRENCY: '1', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  };
  cli(['--in', inDir, '--out', join(parts, '2')], { SHARD: `2/${SHARDS}` });
  cli(['--merge', '--in', parts, '--out', merged]);
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('parseShard', () => {
  it.each([
    // intent: the documented form
    ['2/3', { index: 2, count: 3 }],
    // intent: one shard is the whole input
    ['1/1', { index: 1, count: 1 }],
    // intent: spaces around the parts are harmless
    [' 3 / 8 ', { index: 3, count: 8 }],
  ])('parses %j', (text, shard) => {
    expect(parseShard(text)).toEqual(shard);
  });

  it.each([
    // intent: shards count from 1, as Slurm array and Kubernetes indices are mapped in the README
    ['0/3'],
    // intent: i cannot exceed N
    ['4/3'],
    // intent: not the i/N form
    ['2'],
    ['a/b'],
    ['1/0'],
  ])('rejects %j, saying what is expected', (text) => {
    expect(() => parseShard(text)).toThrow(/SHARD must be i\/N/);
  });
});

describe('shard assignment', () => {
  it('is stable: pinned values of the SHA-256 split', () => {
    expect(shardOf('bdb6c9550aac35cd', 1)).toBe(1);
    // Pinned: changing the hash would move documents between shards of runs already made.
    expect([1, 2, 3, 4, 5].map((n) => shardOf(`doc-${n}`, 4))).toEqual([2, 1, 3, 3, 4]);
  });

  it('places an article by doc_id and a rejection without one by source_file', () => {
    const doc = {
      doc_id: 'bdb6c9550aac35cd',
      source_file: 'x.txt',
      raw_text: 'x',
      encoding: 'utf-8',
      given: { id: null, url: null, title: null, published_at: null },
    } as const;
    const rejection = { source_file: 'y.txt', reason: 'empty', detail: '', kept_doc_id: null } as const;
    const shardOfDoc = shardOf(doc.doc_id, 5);
    const shardOfRejection = shardOf(rejection.source_file, 5);
    for (let i = 1; i <= 5; i++) {
      expect(inShard(doc, { index: i, count: 5 })).toBe(i === shardOfDoc);
      expect(inShard(rejection, { index: i, count: 5 })).toBe(i === shardOfRejection);
    }
  });
});

describe(`${SHARDS} shards merged equal one run`, () => {
  it('every part holds some inputs and records its shard and the full input list', () => {
    const manifests = [1, 2, 3].map((i) => JSON.parse(readFileSync(join(parts, String(i), 'manifest.json'), 'utf8')) as Manifest);
    const whole = JSON.parse(readFileSync(join(single, 'manifest.json'), 'utf8')) as Manifest;
    manifests.forEach((m, i) => {
      expect(m.shard).toEqual({ index: i + 1, count: SHARDS });
      expect(m.inputs).toEqual(whole.inputs);
      expect(m.row_counts.documents + m.row_counts.rejected).toBeGreaterThan(0);
    });
    for (const table of ['documents', 'sentences', 'rejected'] as const)
      expect(manifests.reduce((n, m) => n + m.row_counts[table], 0)).toBe(whole.row_counts[table]);
    expect(whole.shard).toBeUndefined();
  });

  it('the input exercises duplicates, rejections and JSONL lines', () => {
    const rejected = readFileSync(join(single, 'rejected.csv'), 'utf8');
    for (const reason of ['duplicate', 'empty', 'markup', 'binary', 'unsupported_type', 'missing_text', 'malformed_jsonl']) expect(rejected).toContain(reason);
    expect(readFileSync(join(single, 'documents.csv'), 'utf8')).toContain('more.jsonl#L5');
  });

  it('has syndicated copies whose story spans shards', () => {
    const documents = parse(readFileSync(join(single, 'documents.csv')), { columns: true }) as Record<string, string>[];
    const stories = new Map<string, Set<number>>();
    for (const { doc_id: docId, story_id: storyId, n_story_copies: copies } of documents) {
      if (Number(copies) < 2) continue;
      if (!stories.has(storyId!)) stories.set(storyId!, new Set());
      stories.get(storyId!)!.add(shardOf(docId!, SHARDS));
    }
    expect(stories.size).toBeGreaterThanOrEqual(5);
    expect([...stories.values()].filter((shards) => shards.size > 1).length).toBeGreaterThan(0);
    // A part holds its signatures for the merge; the single run and the merge do not.
    expect(filesOf(join(parts, '1'))).toContain('story-signatures.bin');
    expect(filesOf(single)).not.toContain('story-signatures.bin');
  });

  it('writes the same files, byte for byte, manifest.json included', () => {
    expect(filesOf(merged)).toEqual(filesOf(single));
    for (const file of filesOf(single)) {
      const expected = readFileSync(join(single, file));
      expect(readFileSync(join(merged, file)).equals(expected), `${file} differs between the merge and the single run`).toBe(true);
    }
  });
});

describe('merge refuses parts that do not make one dataset', () => {
  it('names a missing shard', async () => {
    const incomplete = join(workDir, 'incomplete');
    for (const index of [1, 2]) cpSync(join(parts, String(index)), join(incomplete, String(index)), { recursive: true });
    await expect(mergeDataset({ inDir: incomplete, outDir: join(workDir, 'never') })).rejects.toThrow(/Shard 3 of 3 missing/);
  });

  it('refuses parts built from other inputs', async () => {
    const mixed = join(workDir, 'mixed');
    for (const index of [1, 2, 3]) cpSync(join(parts, String(index)), join(mixed, String(index)), { recursive: true });
    const manifestPath = join(mixed, '3', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, input_digest: '0'.repeat(64) }));
    await expect(mergeDataset({ inDir: mixed, outDir: join(workDir, 'never') })).rejects.toThrow(/differ in input_digest/);
  });

  it('refuses a part whose signatures are damaged', async () => {
    const damaged = join(workDir, 'damaged-signatures');
    for (const index of [1, 2, 3]) cpSync(join(parts, String(index)), join(damaged, String(index)), { recursive: true });
    const file = join(damaged, '3', 'story-signatures.bin');
    writeFileSync(file, readFileSync(file).subarray(0, 50));
    await expect(mergeDataset({ inDir: damaged, outDir: join(workDir, 'never') })).rejects.toThrow(/story-signatures.bin does not match its manifest/);
  });

  it('refuses a part whose signatures are missing', async () => {
    const missing = join(workDir, 'missing-signatures');
    for (const index of [1, 2, 3]) cpSync(join(parts, String(index)), join(missing, String(index)), { recursive: true });
    rmSync(join(missing, '2', 'story-signatures.bin'));
    await expect(mergeDataset({ inDir: missing, outDir: join(workDir, 'never') })).rejects.toThrow(/story-signatures.bin is missing/);
  });

  it('refuses a damaged part', async () => {
    const damaged = join(workDir, 'damaged');
    for (const index of [1, 2, 3]) cpSync(join(parts, String(index)), join(damaged, String(index)), { recursive: true });
    const file = join(damaged, '2', 'sentences.arrow');
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    await expect(mergeDataset({ inDir: damaged, outDir: join(workDir, 'never') })).rejects.toThrow(/does not match its manifest/);
  });
});
