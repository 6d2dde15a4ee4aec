/**
 * Ingest at the edges (issue #14): every odd entry under IN becomes one
 * rejected row naming its path, never an aborted build; nothing is read
 * silently wrong (ids, line endings, encodings, file names).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeText,
  InputChangedError,
  isRejection,
  listInputFiles,
  readInputFile,
  readInputs,
  readTextFile,
  type InputFile,
} from '../../../pipeline/stages/ingest/ingest.js';
import { rawNumberOfKey } from '../../../pipeline/stages/ingest/jsonl-lines.js';
import type { RawDocument, Rejection } from '../../../pipeline/types.js';

const ARTICLE = 'Rusia dan NATO kembali bersitegang.\n\nMoskow mengusir dua diplomat Barat pada Senin.';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ingest-faults-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fresh directory under the work directory. */
function freshDir(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function readAll(dir: string): Promise<(RawDocument | Rejection)[]> {
  const out: (RawDocument | Rejection)[] = [];
  for await (const item of readInputs(dir)) out.push(item);
  return out;
}

const bySource = (items: readonly (RawDocument | Rejection)[]) => new Map(items.map((i) => [i.source_file, i]));

describe('entries that are not plain files inside IN', () => {
  it('become one rejected row each, naming the problem, and the good file still reads', async () => {
    const dir = freshDir('odd');
    const outside = freshDir('outside');
    writeFileSync(join(outside, 'secret.txt'), ARTICLE);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub/real.txt'), ARTICLE);
    writeFileSync(join(dir, 'good.txt'), `${ARTICLE}\nSatu lagi.`);
    symlinkSync(join(dir, 'sub'), join(dir, 'to-dir.txt')); // a link to a directory (was: EISDIR aborts the build)
    symlinkSync(join(dir, 'loop-b.txt'), join(dir, 'loop-a.txt')); // a loop (was: ELOOP)
    symlinkSync(join(dir, 'loop-a.txt'), join(dir, 'loop-b.txt'));
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'dangling.txt')); // dangling (was: ENOENT)
    symlinkSync('/dev/zero', join(dir, 'zero.txt')); // was: memory without bound
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'outside.txt'));
    symlinkSync(join(dir, 'sub/real.txt'), join(dir, 'inside-link.txt')); // followed: inside IN
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]); // was: skipped with no row
    symlinkSync(join(dir, 'pipe.txt'), join(dir, 'to-pipe.txt')); // was: hangs
    const items = bySource(await readAll(dir));
    const reason = (name: string) => (items.get(name) as Rejection | undefined)?.reason;
    expect(reason('to-dir.txt')).toBe('not_a_file');
    expect(reason('loop-a.txt')).toBe('unreadable');
    expect(reason('loop-b.txt')).toBe('unreadable');
    expect((items.get('loop-a.txt') as Rejection).detail).toMatch(/loop/);
    expect(reason('dangling.txt')).toBe('unreadable');
    expect((items.get('dangling.txt') as Rejection).detail).toMatch(/dangling/);
    expect(reason('zero.txt')).toBe('outside_input');
    expect(reason('outside.txt')).toBe('outside_input');
    expect(reason('pipe.txt')).toBe('not_a_file');
    expect(reason('to-pipe.txt')).toBe('not_a_file');
    expect(isRejection(items.get('inside-link.txt')!)).toBe(false);
    expect(isRejection(items.get('good.txt')!)).toBe(false);
    expect(items.size).toBe(11);
  });

  it('a name that is not valid UTF-8 is a bad_file_name row, not an aborted build', async () => {
    const dir = freshDir('bad-name');
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0x66, 0xff, 0x2e, 0x74, 0x78, 0x74])]), ARTICLE);
    writeFileSync(join(dir, 'ok.txt'), ARTICLE);
    const items = await readAll(dir);
    expect(items.map((i) => ('reason' in i ? i.reason : 'document')).sort()).toEqual(['bad_file_name', 'document']);
  });

  it('a file deleted after listing is an unreadable row naming the path', async () => {
    const dir = freshDir('vanish');
    writeFileSync(join(dir, 'a.txt'), ARTICLE);
    writeFileSync(join(dir, 'b.jsonl'), JSON.stringify({ text: ARTICLE }));
    const files = listInputFiles(dir);
    unlinkSync(join(dir, 'a.txt'));
    unlinkSync(join(dir, 'b.jsonl'));
    const items: (RawDocument | Rejection)[] = [];
    for (const file of files) for await (const item of readInputFile(file)) items.push(item);
    expect(items.map((i) => (i as Rejection).reason)).toEqual(['unreadable', 'unreadable']);
    expect((items[0] as Rejection).detail).toContain(join(dir, 'a.txt'));
    expect((items[1] as Rejection).detail).toContain(join(dir, 'b.jsonl'));
  });

  it('enforces the size limit on the bytes read, not on the size the file reported', () => {
    const dir = freshDir('lying-size');
    writeFileSync(join(dir, 'big.txt'), 'Rusia. '.repeat(1000));
    const file: InputFile = { path: 'big.txt', absolutePath: join(dir, 'big.txt'), bytes: 0 };
    const result = readTextFile(file, { maxArticleBytes: 100 }) as Rejection;
    expect(result.reason).toBe('too_large');
  });
});

describe('names, ids and line endings', () => {
  it('escapes # (and %) in file names, so a file named a.jsonl#L2 never collides with line 2 of a.jsonl', async () => {
    const dir = freshDir('hash-name');
    writeFileSync(join(dir, 'a.jsonl'), `${JSON.stringify({ text: 'Artikel satu.' })}\n${JSON.stringify({ text: 'Artikel dua.' })}`);
    writeFileSync(join(dir, 'a.jsonl#L2'), 'Artikel tiga tentang Rusia.');
    writeFileSync(join(dir, '100%.txt'), 'Artikel empat tentang NATO.');
    const sources = (await readAll(dir)).map((i) => i.source_file);
    expect(sources).toEqual(['100%25.txt', 'a.jsonl#L1', 'a.jsonl#L2', 'a.jsonl%23L2']);
    expect(new Set(sources).size).toBe(sources.length);
  });

  it('keeps numeric JSONL ids as written: long ones no longer collide', async () => {
    const dir = freshDir('ids');
    writeFileSync(
      join(dir, 'ids.jsonl'),
      [
        '{"id": 1234567890123456789, "text": "Artikel satu."}',
        '{"id":1234567890123456790,"text":"Artikel dua."}',
        '{"id": 1.50, "text": "Artikel tiga."}',
        '{"id": "s-1", "text": "Artikel empat."}',
      ].join('\n'),
    );
    const ids = (await readAll(dir)).map((i) => (i as RawDocument).given.id);
    expect(ids).toEqual(['1234567890123456789', '1234567890123456790', '1.50', 's-1']);
  });

  it('finds the top-level id only, the last one when repeated, past nested objects and escaped quotes', () => {
    expect(rawNumberOfKey('{"meta": {"id": 5}, "t": "a \\"id\\": 3", "id": 12, "id": 13}', 'id')).toBe('13');
    expect(rawNumberOfKey('{"meta": {"id": 5}, "text": "x"}', 'id')).toBeNull();
    expect(rawNumberOfKey('{"id": -2e5}', 'id')).toBe('-2e5');
  });

  it('reads a CR-only JSONL file as lines (it was one malformed row for all records)', async () => {
    const dir = freshDir('cr');
    writeFileSync(join(dir, 'mac.jsonl'), ['Satu.', 'Dua.', 'Tiga.'].map((t) => JSON.stringify({ text: `Artikel ${t}` })).join('\r'));
    writeFileSync(
      join(dir, 'mixed.jsonl'),
      `${JSON.stringify({ text: 'Artikel A.' })}\r\n${JSON.stringify({ text: 'Artikel B.' })}\r${JSON.stringify({ text: 'Artikel C.' })}\n`,
    );
    const items = await readAll(dir);
    expect(items.map((i) => i.source_file)).toEqual(['mac.jsonl#L1', 'mac.jsonl#L2', 'mac.jsonl#L3', 'mixed.jsonl#L1', 'mixed.jsonl#L2', 'mixed.jsonl#L3']);
    expect(items.every((i) => !isRejection(i))).toBe(true);
  });

  it('a JSONL line over the limit is too_large, counted on the bytes read, and the next line still reads', async () => {
    const dir = freshDir('long-line');
    writeFileSync(join(dir, 'l.jsonl'), `${JSON.stringify({ text: 'x'.repeat(5000) })}\n${JSON.stringify({ text: 'Artikel pendek.' })}`);
    const items: (RawDocument | Rejection)[] = [];
    for await (const item of readInputs(dir, { maxArticleBytes: 1000 })) items.push(item);
    expect((items[0] as Rejection).reason).toBe('too_large');
    expect((items[0] as Rejection).detail).toMatch(/^5011 bytes/);
    expect(isRejection(items[1]!)).toBe(false);
  });
});

describe('decoding', () => {
  it('one invalid byte in UTF-8 replaces only that byte, and is counted (it made the whole file Windows-1252)', async () => {
    const dir = freshDir('one-bad-byte');
    writeFileSync(join(dir, 'a.txt'), Buffer.concat([Buffer.from('Kremlin “menolak” tuduhan café '), Buffer.from([0xff]), Buffer.from(' itu.')]));
    const counted: [string, number][] = [];
    const items: (RawDocument | Rejection)[] = [];
    for await (const item of readInputs(dir, { onReplacements: (s, n) => counted.push([s, n]) })) items.push(item);
    const doc = items[0] as RawDocument;
    expect(doc.encoding).toBe('utf-8');
    expect(doc.raw_text).toBe('Kremlin “menolak” tuduhan café \uFFFD itu.');
    expect(counted).toEqual([['a.txt', 1]]);
  });

  it('a U+FFFD written in the file is not counted as a replacement', () => {
    expect(decodeText(Buffer.concat([Buffer.from('a \uFFFD b '), Buffer.from([0xc3])])).replaced).toBe(1);
  });

  it('decodes UTF-16 with a byte-order mark (it was called binary)', async () => {
    const dir = freshDir('utf16');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARTICLE, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    writeFileSync(join(dir, 'le.txt'), le);
    writeFileSync(join(dir, 'be.txt'), be);
    const items = bySource(await readAll(dir));
    expect(items.get('le.txt')).toMatchObject({ raw_text: ARTICLE, encoding: 'utf-16le' });
    expect(items.get('be.txt')).toMatchObject({ raw_text: ARTICLE, encoding: 'utf-16be' });
  });

  it('a UTF-16 JSONL file is one undecodable row with the fix', async () => {
    const dir = freshDir('utf16-jsonl');
    writeFileSync(join(dir, 'a.jsonl'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${JSON.stringify({ text: ARTICLE })}\n`, 'utf16le')]));
    const items = await readAll(dir);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ source_file: 'a.jsonl', reason: 'undecodable' });
  });
});

describe('a file changed during the build', () => {
  it('a .txt whose bytes differ from its digest is changed_during_build', async () => {
    const dir = freshDir('changed-txt');
    writeFileSync(join(dir, 'a.txt'), ARTICLE);
    const [file] = listInputFiles(dir);
    const digested = { ...file!, sha256: createHash('sha256').update(ARTICLE).digest('hex') };
    writeFileSync(join(dir, 'a.txt'), `${ARTICLE} Diubah.`);
    expect((readTextFile(digested) as Rejection).reason).toBe('changed_during_build');
  });

  it('a JSONL file whose bytes differ from its digest throws InputChangedError naming it', async () => {
    const dir = freshDir('changed-jsonl');
    writeFileSync(join(dir, 'a.jsonl'), JSON.stringify({ text: ARTICLE }));
    const [file] = listInputFiles(dir);
    const digested = { ...file!, sha256: createHash('sha256').update('other bytes').digest('hex') };
    const read = async () => {
      for await (const _ of readInputFile(digested));
    };
    await expect(read()).rejects.toThrow(InputChangedError);
    await expect(read()).rejects.toThrow(/a\.jsonl changed while/);
  });
});
