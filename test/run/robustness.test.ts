/**
 * Bad input never crashes a build or loses an article, and a crash never
 * leaves a half-written dataset (issue: robustness).
 *
 * - a messy input directory: every file and non-blank JSONL line ends as
 *   exactly one row of documents or rejected, and the good articles come out
 *   exactly as they do on their own;
 * - the command line: STRICT=1, a missing IN, an unwritable OUT;
 * - killing a build mid-way leaves the previous OUT intact;
 * - the output does not depend on the order files were created in.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataset } from '../../pipeline/run/build-dataset.js';
import { processDocument } from '../../pipeline/index.js';
import { rawDocument } from '../gold.js';
import { REPO_ROOT, SEEDS_DIR } from '../gold.js';

const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
const CLI = join(REPO_ROOT, 'pipeline/cli.ts');
const SEED_NAMES = readdirSync(SEEDS_DIR).sort();
const seedText = (i: number): string => readFileSync(join(SEEDS_DIR, SEED_NAMES[i]!), 'utf8');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'robustness-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function rows(outDir: string, table: string): Record<string, unknown>[] {
  return tableFromIPC(readFileSync(join(outDir, `${table}.arrow`)))
    .toArray()
    .map((row) => row.toJSON() as Record<string, unknown>);
}

function outputBytes(outDir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(outDir)
      .sort()
      .map((name) => [name, readFileSync(join(outDir, name)).toString('base64')]),
  );
}

/** Build a messy input directory; returns the input ids (files and non-blank JSONL lines) it holds. */
function writeMessyInput(dir: string): string[] {
  mkdirSync(join(dir, 'good/sub'), { recursive: true });
  writeFileSync(join(dir, 'good/a.txt'), seedText(0));
  writeFileSync(join(dir, 'good/sub/b.txt'), `\uFEFF${seedText(1).replace(/\n/g, '\r\n')}`);
  writeFileSync(join(dir, 'copy-of-a.txt'), `${seedText(0)}\n\n`);
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'blank.txt'), ' \n\u00A0\n\t');
  writeFileSync(join(dir, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  writeFileSync(
    join(dir, 'cp1252.txt'),
    Buffer.from('Moskow menolak tuduhan \x93mata-mata\x94 dari NATO pada Senin. Kremlin menyebutnya provokasi.', 'latin1'),
  );
  writeFileSync(join(dir, 'page.txt'), '<html><head><title>x</title></head><body><p>Rusia</p><div>NATO</div></body></html>');
  writeFileSync(join(dir, 'only-boilerplate.txt'), 'Baca Juga: Lima Hal Soal Rusia\n\nEditor: Budi Santoso\n\nTags\n\nTerpopuler\n');
  writeFileSync(join(dir, 'huge.txt'), `${'Rusia dan NATO kembali bersitegang di perbatasan timur Eropa. '.repeat(2000)}`);
  writeFileSync(join(dir, 'notes.pdf'), '%PDF-1.4');
  const jsonl = [
    JSON.stringify({ id: 'x1', text: seedText(2), url: 'https://example.test/x1' }),
    '',
    '{"text": "unterminated',
    JSON.stringify({ title: 'no text' }),
    JSON.stringify({ text: 42 }),
    JSON.stringify({ text: seedText(1) }),
  ].join('\n');
  const latin1Line = Buffer.from(
    `\n${JSON.stringify({ text: 'Uni Eropa menjatuhkan sanksi baru terhadap Rusia \u0093kemarin\u0094 sore.' }).replace(/\\u009[34]/g, (m) => (m.endsWith('3') ? '\x93' : '\x94'))}\n`,
    'latin1',
  );
  writeFileSync(join(dir, 'batch.jsonl'), Buffer.concat([Buffer.from(jsonl, 'utf8'), latin1Line]));
  return [
    'batch.jsonl#L1',
    'batch.jsonl#L3',
    'batch.jsonl#L4',
    'batch.jsonl#L5',
    'batch.jsonl#L6',
    'batch.jsonl#L7',
    'blank.txt',
    'copy-of-a.txt',
    'cp1252.txt',
    'empty.txt',
    'good/a.txt',
    'good/sub/b.txt',
    'huge.txt',
    'image.txt',
    'notes.pdf',
    'only-boilerplate.txt',
    'page.txt',
  ];
}

describe('a messy input directory', () => {
  let outDir: string;
  let inputs: string[];
  beforeAll(async () => {
    const inDir = join(work, 'messy');
    inputs = writeMessyInput(inDir);
    outDir = join(work, 'messy-out');
    await buildDataset({ inDir, outDir, maxArticleBytes: 64 * 1024 });
  });

  it('accounts for every input exactly once, in documents or rejected', () => {
    const seen = [...rows(outDir, 'documents'), ...rows(outDir, 'rejected')].map((r) => r['source_file'] as string);
    expect([...seen].sort()).toEqual(inputs);
  });

  it('rejects each bad input with the right reason', () => {
    const reasons = Object.fromEntries(rows(outDir, 'rejected').map((r) => [r['source_file'], r['reason']]));
    expect(reasons).toEqual({
      'batch.jsonl#L3': 'malformed_jsonl',
      'batch.jsonl#L4': 'missing_text',
      'batch.jsonl#L5': 'missing_text',
      'blank.txt': 'empty',
      'empty.txt': 'empty',
      // Input order is sorted path order, so the first copies are batch.jsonl#L6 and copy-of-a.txt.
      'good/a.txt': 'duplicate',
      'good/sub/b.txt': 'duplicate',
      'huge.txt': 'too_large',
      'image.txt': 'binary',
      'notes.pdf': 'unsupported_type',
      'only-boilerplate.txt': 'empty_after_cleaning',
      'page.txt': 'markup',
    });
  });

  it('names the kept copy for a duplicate', () => {
    const documents = rows(outDir, 'documents');
    const byFile = new Map(documents.map((d) => [d['source_file'], d['doc_id']]));
    const duplicates = rows(outDir, 'rejected').filter((r) => r['reason'] === 'duplicate');
    expect(duplicates.map((r) => r['kept_doc_id'])).toEqual([byFile.get('copy-of-a.txt'), byFile.get('batch.jsonl#L6')]);
    expect(duplicates.every((r) => typeof r['kept_doc_id'] === 'string')).toBe(true);
  });

  it('records the fallback decoding and keeps the characters', () => {
    const documents = rows(outDir, 'documents');
    const cp1252 = documents.filter((d) => d['encoding'] === 'windows-1252').map((d) => d['source_file']);
    expect(cp1252).toEqual(['batch.jsonl#L7', 'cp1252.txt']);
    expect(documents.find((d) => d['source_file'] === 'cp1252.txt')!['clean_text']).toContain('“mata-mata”');
  });

  it('leaves the good articles exactly as a clean build of them gives', async () => {
    const cleanIn = join(work, 'clean-in');
    mkdirSync(cleanIn);
    writeFileSync(join(cleanIn, 'a.txt'), seedText(0));
    writeFileSync(join(cleanIn, 'b.txt'), seedText(1));
    const cleanOut = join(work, 'clean-out');
    await buildDataset({ inDir: cleanIn, outDir: cleanOut });
    const texts = (dir: string): Map<unknown, unknown> => new Map(rows(dir, 'documents').map((d) => [d['doc_id'], d['clean_text']]));
    const messy = texts(outDir);
    for (const [docId, text] of texts(cleanOut)) expect(messy.get(docId)).toBe(text);
  });
});

describe('the command line', () => {
  const run = (args: string[], env: Record<string, string> = {}): { status: number | null; stderr: string } => {
    const result = spawnSync(TSX, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    return { status: result.status, stderr: result.stderr };
  };

  it('exits 0 with a summary by reason, and 2 under STRICT=1 when something was rejected', () => {
    const inDir = join(work, 'cli-in');
    mkdirSync(inDir);
    writeFileSync(join(inDir, 'a.txt'), seedText(3));
    writeFileSync(join(inDir, 'b.txt'), '');
    const relaxed = run(['--in', inDir, '--out', join(work, 'cli-out')]);
    expect(relaxed.status).toBe(0);
    expect(relaxed.stderr).toMatch(/documents\s+1 rows/);
    expect(relaxed.stderr).toMatch(/empty\s+1/);
    const strict = run(['--in', inDir, '--out', join(work, 'cli-out')], { STRICT: '1' });
    expect(strict.status).toBe(2);
  });

  it('fails at once, naming the path, when IN is missing', () => {
    const missing = join(work, 'no-such-dir');
    const result = run(['--in', missing, '--out', join(work, 'x')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(missing);
    expect(result.stderr).toMatch(/IN=/);
  });

  it('fails at once, naming the path, when OUT cannot be written', () => {
    const blocker = join(work, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const result = run(['--in', SEEDS_DIR, '--out', join(blocker, 'out')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(blocker);
    expect(result.stderr).toMatch(/OUT=/);
  });
});

describe('a killed build', () => {
  it('leaves the previous OUT intact, and the next build cleans up after it', async () => {
    const inDir = join(work, 'kill-in');
    mkdirSync(inDir);
    // Enough distinct articles that the build runs for a few seconds.
    const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ text: `${seedText(i % 5)}\n\nCatatan ${i}.` }));
    writeFileSync(join(inDir, 'many.jsonl'), lines.join('\n'));
    writeFileSync(join(inDir, 'first.txt'), seedText(4));
    const outDir = join(work, 'kill-out');
    const previousIn = join(work, 'kill-previous-in');
    mkdirSync(previousIn);
    writeFileSync(join(previousIn, 'one.txt'), seedText(2));
    await buildDataset({ inDir: previousIn, outDir });
    const before = outputBytes(outDir);

    const child = spawn(TSX, [CLI, '--in', inDir, '--out', outDir], { stdio: 'ignore', detached: true });
    const staging = (): string[] => readdirSync(work).filter((n) => n.startsWith('kill-out.tmp-'));
    const deadline = Date.now() + 60_000;
    while (staging().length === 0 || !existsSync(join(work, staging()[0]!, 'documents.csv'))) {
      if (Date.now() > deadline) throw new Error('the build never started writing');
      await new Promise((r) => setTimeout(r, 20));
    }
    process.kill(-child.pid!, 'SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // tsx runs the build in a child node process; the group was killed, but that child may take a moment to be gone.
    const lockPid = Number(readFileSync(join(work, 'kill-out.lock'), 'utf8').trim());
    const running = (pid: number): boolean => {
      try {
        return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
      } catch {
        return false;
      }
    };
    while (Date.now() < deadline && running(lockPid)) {
      await new Promise((r) => setTimeout(r, 20));
    }

    expect(outputBytes(outDir)).toEqual(before);
    await buildDataset({ inDir: previousIn, outDir });
    expect(staging()).toEqual([]);
    expect(outputBytes(outDir)).toEqual(before);
  });
});

describe('input order', () => {
  it('gives the same bytes whatever order the files were created in', async () => {
    const names = ['b.txt', 'a.txt', 'sub/c.txt', 'z.jsonl', 'sub/a.txt'];
    const content = (name: string, i: number): string =>
      name.endsWith('.jsonl') ? `${JSON.stringify({ text: seedText(4) })}\n${JSON.stringify({ text: seedText(0) })}` : seedText(i % 4);
    const build = async (order: readonly string[], tag: string): Promise<Record<string, string>> => {
      const inDir = join(work, `order-${tag}`);
      for (const name of order) {
        mkdirSync(join(inDir, name, '..'), { recursive: true });
        writeFileSync(join(inDir, name), content(name, names.indexOf(name)));
      }
      await buildDataset({ inDir, outDir: join(work, `order-${tag}-out`) });
      return outputBytes(join(work, `order-${tag}-out`));
    };
    const reference = await build(names, 'reference');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(names, { minLength: names.length }), async (order) => {
        expect(await build(order, String(run++))).toEqual(reference);
      }),
      { numRuns: 4, seed: 42 },
    );
  });
});

describe('a very large article', () => {
  /** Fastest of two runs, in ms: the least disturbed by other work on the machine. */
  const fastest = (text: string): number => {
    let best = Infinity;
    for (let i = 0; i < 2; i++) {
      const start = performance.now();
      processDocument(rawDocument(text));
      best = Math.min(best, performance.now() - start);
    }
    return best;
  };

  it('takes time roughly linear in its size (4x the text, well under 16x the time)', () => {
    // One paragraph, no newline: the shape that exposes regexes scanning to the end of the line.
    const body = `${seedText(3).replace(/\s+/g, ' ')} `;
    const article = (bytes: number): string => body.repeat(Math.ceil(bytes / body.length));
    fastest(article(64 * 1024)); // warm up the JIT
    const small = fastest(article(512 * 1024));
    const large = fastest(article(2048 * 1024));
    // Linear is 4x; quadratic would be 16x. The budget leaves room for noise, not for a quadratic rule.
    expect(large / small).toBeLessThan(9);
  });
});

describe('replacing OUT', () => {
  it('keeps subdirectories of the previous OUT (release/, eval/) and refuses a directory of other files', async () => {
    const outDir = join(work, 'replace-out');
    await buildDataset({ inDir: SEEDS_DIR, outDir });
    mkdirSync(join(outDir, 'release/x'), { recursive: true });
    writeFileSync(join(outDir, 'release/x/kept.txt'), 'a release');
    await buildDataset({ inDir: SEEDS_DIR, outDir });
    expect(readFileSync(join(outDir, 'release/x/kept.txt'), 'utf8')).toBe('a release');
    expect(existsSync(join(outDir, 'manifest.json'))).toBe(true);

    const notADataset = join(work, 'home-like');
    mkdirSync(notADataset);
    writeFileSync(join(notADataset, 'thesis.tex'), 'precious');
    await expect(buildDataset({ inDir: SEEDS_DIR, outDir: notADataset })).rejects.toThrow(/home-like holds files that are not a dataset.*OUT=/);
    expect(readFileSync(join(notADataset, 'thesis.tex'), 'utf8')).toBe('precious');
  });
});
