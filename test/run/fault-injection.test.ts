/**
 * Fault injection for the build and merge (issue #14): OUT is ours alone,
 * a build killed or failing at any step leaves the previous dataset
 * recoverable, one input never stops the build, IN and OUT are checked,
 * every I/O error names its path, and the exit codes mean one thing each.
 *
 * node:fs is wrapped so a test can make one call fail (a full disk, a crash
 * between the two renames of the swap) or return other bytes (a file
 * rewritten between its digest and its read); every other call goes through.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as realFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT, SEEDS_DIR } from '../gold.js';

/** The next matching call of a node:fs function fails or is replaced; null passes every call through. */
const fault: { fn: string | null; when: (args: unknown[]) => boolean; act: (args: unknown[], real: (...a: unknown[]) => unknown) => unknown } = {
  fn: null,
  when: () => true,
  act: () => undefined,
};

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const wrap = (name: 'renameSync' | 'writevSync' | 'readFileSync') => {
    const real = actual[name] as (...a: unknown[]) => unknown;
    return (...args: unknown[]) => {
      if (fault.fn === name && fault.when(args)) {
        fault.fn = null;
        return fault.act(args, real);
      }
      return real(...args);
    };
  };
  const mocked = { ...actual, renameSync: wrap('renameSync'), writevSync: wrap('writevSync'), readFileSync: wrap('readFileSync') };
  return { ...mocked, default: mocked };
});

const { buildDataset } = await import('../../pipeline/run/build-dataset.js');
const { mergeDataset } = await import('../../pipeline/run/merge-dataset.js');
const { recoverInterruptedSwap, STAGING_MARKER } = await import('../../pipeline/run/out-dir.js');
const { processBatch } = await import('../../pipeline/run/process-batch.js');
const { documentId } = await import('../../pipeline/stages/ingest/ingest.js');

const { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = realFs;
const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
const CLI = join(REPO_ROOT, 'pipeline/cli.ts');
const SEED_NAMES = readdirSync(SEEDS_DIR).sort();
const seedText = (i: number): string => readFileSync(join(SEEDS_DIR, SEED_NAMES[i]!), 'utf8');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'fault-injection-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(() => {
  fault.fn = null;
  fault.when = () => true;
});

function fresh(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A small input directory of `n` seed articles. */
function smallInput(name: string, n = 2, first = 0): string {
  const dir = fresh(name);
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `a${i}.txt`), seedText(first + i));
  return dir;
}

function bytesOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((n) => realFs.statSync(join(dir, n)).isFile())
      .sort()
      .map((n) => [n, readFileSync(join(dir, n)).toString('base64')]),
  );
}

function rows(dir: string, table: string): Record<string, unknown>[] {
  return tableFromIPC(readFileSync(join(dir, `${table}.arrow`)))
    .toArray()
    .map((r) => r.toJSON() as Record<string, unknown>);
}

/** A process id that is certainly not running: a child that has exited. */
function deadPid(): number {
  const child = spawnSync('true');
  return child.pid!;
}

describe('OUT is ours alone', () => {
  it('refuses an OUT whose manifest.json is not this pipeline’s, naming the files; notes.md survives', async () => {
    const out = fresh('w');
    writeFileSync(join(out, 'manifest.json'), '{}');
    writeFileSync(join(out, 'notes.md'), 'keep');
    await expect(buildDataset({ inDir: smallInput('w-in'), outDir: out })).rejects.toThrow(/notes\.md.*OUT=/);
    expect(readFileSync(join(out, 'notes.md'), 'utf8')).toBe('keep');
  });

  it('refuses to rebuild a dataset that holds a file the user added at its top level, naming it', async () => {
    const inDir = smallInput('user-file-in');
    const out = join(work, 'user-file-out');
    await buildDataset({ inDir, outDir: out });
    writeFileSync(join(out, 'analysis.ipynb'), '{"cells": []}');
    await expect(buildDataset({ inDir, outDir: out })).rejects.toThrow(/did not write: analysis\.ipynb.*move them out/);
    expect(readFileSync(join(out, 'analysis.ipynb'), 'utf8')).toBe('{"cells": []}');
    // Its subdirectories are carried over, never deleted.
    rmSync(join(out, 'analysis.ipynb'));
    mkdirSync(join(out, 'mine'));
    writeFileSync(join(out, 'mine/kept.txt'), 'kept');
    await buildDataset({ inDir, outDir: out });
    expect(readFileSync(join(out, 'mine/kept.txt'), 'utf8')).toBe('kept');
  });

  it('never deletes a sibling it did not create (OUT.tmp-backup)', async () => {
    const parent = fresh('siblings');
    mkdirSync(join(parent, 'data.tmp-backup'));
    writeFileSync(join(parent, 'data.tmp-backup/precious.txt'), 'precious');
    mkdirSync(join(parent, 'data.tmp-999999'));
    writeFileSync(join(parent, 'data.tmp-999999/thesis.tex'), 'also precious');
    await buildDataset({ inDir: smallInput('siblings-in'), outDir: join(parent, 'data') });
    expect(readFileSync(join(parent, 'data.tmp-backup/precious.txt'), 'utf8')).toBe('precious');
    expect(readFileSync(join(parent, 'data.tmp-999999/thesis.tex'), 'utf8')).toBe('also precious');
  });

  it('removes the staging directory a stopped build left, spill segments and all, but not one holding a file it did not write', async () => {
    const parent = fresh('stopped');
    const stopped = join(parent, 'data.tmp-999998');
    mkdirSync(stopped);
    writeFileSync(join(stopped, STAGING_MARKER), `${deadPid()}\n`);
    for (const name of ['sentences.arrow', 'sentences.csv', 'documents.spill.000000', 'documents.spill.000001']) writeFileSync(join(stopped, name), 'x');
    const mixed = join(parent, 'data.tmp-999997');
    mkdirSync(mixed);
    writeFileSync(join(mixed, STAGING_MARKER), `${deadPid()}\n`);
    writeFileSync(join(mixed, 'documents.spill.000000'), 'x');
    writeFileSync(join(mixed, 'documents.spill.notes'), 'mine');
    await buildDataset({ inDir: smallInput('stopped-in'), outDir: join(parent, 'data') });
    expect(existsSync(stopped)).toBe(false);
    expect(readFileSync(join(mixed, 'documents.spill.notes'), 'utf8')).toBe('mine');
  });

  it('a second build into the same OUT fails at once while the first holds the lock; a stale lock is taken over', async () => {
    const inDir = smallInput('lock-in');
    const out = join(work, 'lock-out');
    const sleeper = spawn('sleep', ['30']);
    try {
      writeFileSync(`${out}.lock`, `${sleeper.pid}\n`);
      await expect(buildDataset({ inDir, outDir: out })).rejects.toThrow(new RegExp(`Another build \\(process ${sleeper.pid}\\) is writing .*lock-out`));
      expect(existsSync(`${out}.lock`)).toBe(true); // not ours to remove
    } finally {
      sleeper.kill();
    }
    writeFileSync(`${out}.lock`, `${deadPid()}\n`);
    await buildDataset({ inDir, outDir: out });
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    expect(existsSync(`${out}.lock`)).toBe(false);
  });

  it('a lock naming no process is left for the user to remove, never taken over, and taking a lock leaves no draft beside it', async () => {
    const inDir = smallInput('lock-empty-in');
    const out = join(work, 'lock-empty-out');
    // An empty lock is what a build caught between creating and filling it would look like.
    writeFileSync(`${out}.lock`, '');
    await expect(buildDataset({ inDir, outDir: out })).rejects.toThrow(/lock-empty-out\.lock names no process: .*delete/);
    expect(readFileSync(`${out}.lock`, 'utf8')).toBe('');
    rmSync(`${out}.lock`);
    await buildDataset({ inDir, outDir: out });
    expect(readdirSync(work).filter((name) => name.startsWith('lock-empty-out.lock'))).toEqual([]);
  });

  it('two real builds at once into one OUT: one fails with the lock message, the other completes intact', async () => {
    const inDir = fresh('race-in');
    const lines = Array.from({ length: 400 }, (_, i) => JSON.stringify({ text: `${seedText(i % 5)}\n\nCatatan ${i}.` }));
    writeFileSync(join(inDir, 'many.jsonl'), lines.join('\n'));
    const out = join(work, 'race-out');
    const run = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(TSX, [CLI, '--in', inDir, '--out', out, '--concurrency', '1'], { env: { ...process.env, PIPELINE_VERSION: 'fixed' } });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('exit', (code) => resolve({ code, stderr }));
      });
    const results = await Promise.all([run(), run()]);
    const codes = results.map((r) => r.code).sort();
    // Either they did not overlap (both 0) or one found the other's lock: never an ENOENT half-way.
    for (const r of results) if (r.code !== 0) expect(r.stderr).toMatch(/Another build/);
    expect(codes[0]).toBe(0);
    expect(rows(out, 'documents')).toHaveLength(400);
  });

  it('a crash between the two renames of the swap leaves the previous dataset recoverable, and the next start recovers it', async () => {
    const out = join(work, 'swap-out');
    await buildDataset({ inDir: smallInput('swap-a', 1, 0), outDir: out });
    const before = bytesOf(out);
    // The second rename (staging → OUT) fails: the state a kill at that instant leaves.
    let renames = 0;
    fault.fn = 'renameSync';
    fault.when = () => ++renames === 1;
    fault.act = (args, real) => {
      real(...args); // OUT → OUT.previous happens
      fault.fn = 'renameSync';
      fault.when = () => true;
      fault.act = () => {
        throw Object.assign(new Error('killed'), { code: 'EINTR' });
      };
      return undefined;
    };
    await expect(buildDataset({ inDir: smallInput('swap-b', 1, 1), outDir: out })).rejects.toThrow(/killed/);
    expect(existsSync(out)).toBe(false);
    expect(bytesOf(`${out}.previous`)).toEqual(before);
    recoverInterruptedSwap(out);
    expect(bytesOf(out)).toEqual(before);
    // And a build after such a crash starts from the recovered dataset (previously: it deleted the copy).
    renameSync(out, `${out}.previous`);
    await buildDataset({ inDir: smallInput('swap-c', 1, 2), outDir: out });
    expect(existsSync(`${out}.previous`)).toBe(false);
    expect(rows(out, 'documents')).toHaveLength(1);
  });

  it('a lock is released when the build fails', async () => {
    const out = join(work, 'release-out');
    fault.fn = 'writevSync';
    fault.act = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    await expect(buildDataset({ inDir: smallInput('release-in'), outDir: out })).rejects.toThrow(/release-out\.tmp-\d+\/\w+\.(arrow|csv).*disk is full/);
    expect(existsSync(`${out}.lock`)).toBe(false);
    expect(readdirSync(work).filter((n) => n.startsWith('release-out.tmp-'))).toEqual([]);
  });
});

describe('one input cannot stop the build', () => {
  it('a document of 150,000 one-line sentences is processed (push(...rows) overflowed the stack)', () => {
    const text = 'Rusia.\n'.repeat(150_000);
    const result = processBatch([
      { doc_id: documentId(text), source_file: 'x.txt', raw_text: text, encoding: 'utf-8', given: { id: null, url: null, title: null, published_at: null } },
    ]);
    expect(result.chunks.documents.rows).toBe(1);
    expect(result.chunks.sentences.rows).toBe(150_000);
  });

  it('a file rewritten between its digest and its read: a .txt is rejected, a JSONL makes the build start again', async () => {
    const inDir = fresh('changed-in');
    writeFileSync(join(inDir, 'a.txt'), seedText(0));
    writeFileSync(join(inDir, 'b.jsonl'), JSON.stringify({ text: seedText(1) }));
    // The digest of a.txt reads other bytes than the ingest will: as if the file was rewritten in between.
    fault.fn = 'readFileSync';
    fault.when = (args) => String(args[0]).endsWith('a.txt');
    fault.act = () => Buffer.from('the old text');
    const out = join(work, 'changed-out');
    await buildDataset({ inDir, outDir: out });
    expect(rows(out, 'rejected').map((r) => [r['source_file'], r['reason']])).toEqual([['a.txt', 'changed_during_build']]);

    fault.fn = 'readFileSync';
    fault.when = (args) => String(args[0]).endsWith('b.jsonl');
    fault.act = () => Buffer.from('the old text');
    await buildDataset({ inDir, outDir: out });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(rows(out, 'rejected')).toEqual([]);
    const digest = (name: string) =>
      createHash('sha256')
        .update(readFileSync(join(inDir, name)))
        .digest('hex');
    expect(manifest.inputs.map((i: { sha256: string }) => i.sha256)).toEqual([digest('a.txt'), digest('b.jsonl')]);
  });

  it('records UTF-8 replacements in the manifest, by source_file', async () => {
    const inDir = fresh('replaced-in');
    writeFileSync(join(inDir, 'a.txt'), Buffer.concat([Buffer.from(seedText(0)), Buffer.from([0xff, 0xfe])]));
    const out = join(work, 'replaced-out');
    await buildDataset({ inDir, outDir: out });
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).decoding_replacements).toEqual({ 'a.txt': 2 });
  });
});

describe('what the tables hold', () => {
  it('keeps a CSV cell starting with =, +, - or @ verbatim, equal to the Arrow value (README: the spreadsheet risk)', async () => {
    const inDir = fresh('formula-in');
    const text =
      '=HYPERLINK("http://x.example")\n\n+Rusia menolak tuduhan NATO pada Senin.\n\n-Kremlin menyebutnya provokasi.\n\n@kremlin menulis hal yang sama.';
    writeFileSync(join(inDir, 'a.jsonl'), `${JSON.stringify({ text, title: '=1+1' })}\n`);
    const out = join(work, 'formula-out');
    await buildDataset({ inDir, outDir: out });
    const [document] = rows(out, 'documents');
    expect(document!['raw_text']).toBe(text);
    expect(document!['title']).toBe('=1+1');
    const csv = readFileSync(join(out, 'documents.csv'), 'utf8');
    expect(csv).toContain(',=1+1,');
    expect(csv).toContain('"=HYPERLINK(""http://x.example"")');
  });

  it('a sharded build with replaced bytes still equals one run byte for byte', async () => {
    const inDir = fresh('shard-replaced-in');
    for (let i = 0; i < 4; i++) writeFileSync(join(inDir, `a${i}.txt`), Buffer.concat([Buffer.from(`“${seedText(i)}”`), Buffer.from([0xff])]));
    const whole = join(work, 'shard-replaced-whole');
    await buildDataset({ inDir, outDir: whole });
    const parts = fresh('shard-replaced-parts');
    for (const i of [1, 2, 3]) await buildDataset({ inDir, outDir: join(parts, String(i)), shard: { index: i, count: 3 } });
    const merged = join(work, 'shard-replaced-merged');
    await mergeDataset({ inDir: parts, outDir: merged });
    expect(bytesOf(merged)).toEqual(bytesOf(whole));
    expect(Object.keys(JSON.parse(readFileSync(join(whole, 'manifest.json'), 'utf8')).decoding_replacements)).toHaveLength(4);
  });
});

describe('IN and OUT themselves', () => {
  it('an empty IN is a usage error (it built from the repository root)', async () => {
    await expect(buildDataset({ inDir: '', outDir: join(work, 'x') })).rejects.toThrow(/IN is empty/);
  });

  it('OUT inside IN is a usage error (the next run read its own output)', async () => {
    const inDir = smallInput('nest-in');
    await expect(buildDataset({ inDir, outDir: join(inDir, 'out') })).rejects.toThrow(/inside IN/);
    await expect(buildDataset({ inDir, outDir: inDir })).rejects.toThrow(/inside IN/);
  });
});

describe('make merge names the path', () => {
  it('a truncated part manifest', async () => {
    const inDir = smallInput('merge-in', 2);
    const parts = fresh('merge-parts');
    for (const i of [1, 2]) await buildDataset({ inDir, outDir: join(parts, String(i)), shard: { index: i, count: 2 } });
    const manifest = join(parts, '1', 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').slice(0, 100));
    await expect(mergeDataset({ inDir: parts, outDir: join(work, 'merged') })).rejects.toThrow(
      new RegExp(`${manifest.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} cannot be read as JSON`),
    );
  });

  it('a full disk while the documents table is written at the end: the error names it, and no staging directory or spill segment is left', async () => {
    const inDir = smallInput('end-full-in', 2);
    const out = join(work, 'end-full-out');
    // A small build writes nothing with writev before its end pass, where documents.csv is the first file closed.
    fault.fn = 'writevSync';
    fault.act = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    await expect(buildDataset({ inDir, outDir: out })).rejects.toThrow(/end-full-out\.tmp-\d+\/documents\.csv \(ENOSPC.*disk is full/);
    expect(readdirSync(work).filter((name) => name.startsWith('end-full-out'))).toEqual([]);
  });

  it('a full disk while writing', async () => {
    const inDir = smallInput('merge-full-in', 2);
    const parts = fresh('merge-full-parts');
    for (const i of [1, 2]) await buildDataset({ inDir, outDir: join(parts, String(i)), shard: { index: i, count: 2 } });
    fault.fn = 'writevSync';
    fault.act = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    await expect(mergeDataset({ inDir: parts, outDir: join(work, 'merged-full') })).rejects.toThrow(/merged-full\.tmp-\d+\/\w+\.(arrow|csv) \(ENOSPC/);
  });
});

describe('exit codes', () => {
  const cli = (args: string[], env: Record<string, string> = {}) => spawnSync(TSX, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

  it('0 ok, 1 failed, 2 STRICT (1, true or yes) with rejections, 64 usage', () => {
    const inDir = fresh('exit-in');
    writeFileSync(join(inDir, 'a.txt'), seedText(0));
    writeFileSync(join(inDir, 'b.txt'), '');
    const out = join(work, 'exit-out');
    expect(cli(['--in', inDir, '--out', out]).status).toBe(0);
    for (const strict of ['true', 'yes']) expect(cli(['--in', inDir, '--out', out], { STRICT: strict }).status).toBe(2);
    expect(cli(['--in', join(work, 'missing'), '--out', out]).status).toBe(1);
    expect(cli(['--in', '', '--out', out]).status).toBe(64);
    expect(cli(['--in', inDir, '--out', out, '--concurrency', 'zero']).status).toBe(64);
    expect(cli(['--in', inDir, '--out', out], { STRICT: 'maybe' }).status).toBe(64);
  });

  it('make says which: a failure and STRICT rejections no longer read the same', () => {
    const inDir = fresh('make-in');
    writeFileSync(join(inDir, 'b.txt'), '');
    const make = (vars: string[]) => spawnSync('make', ['--no-print-directory', '-C', REPO_ROOT, 'dataset', ...vars], { encoding: 'utf8' });
    const strict = make([`IN=${inDir}`, `OUT=${join(work, 'make-out')}`, 'STRICT=yes']);
    expect(strict.stderr).toMatch(/exit 2: built, but STRICT/);
    expect(strict.stderr).toMatch(/Error 2/);
    const failed = make([`IN=${join(work, 'missing')}`, `OUT=${join(work, 'make-out')}`]);
    expect(failed.stderr).toMatch(/exit 1: the build failed/);
    expect(failed.stderr).toMatch(/Error 1/);
  });
});
