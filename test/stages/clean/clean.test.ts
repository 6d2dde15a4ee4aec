/**
 * Tests of pipeline/stages/clean/clean.ts (CODEBOOK.md section 1). What they cover:
 *
 * - the public API (pinned);
 * - the five gold seeds: exact clean text, token F1, removed pieces and metadata;
 * - hand-written fixtures in test/fixtures/clean/ (outlet styles in Indonesian,
 *   Malay and English, tricky body text, unicode), pinned by file snapshots
 *   (`npx vitest run test/stages/clean/clean.test.ts -u` rewrites them; review the diff);
 * - one table row per boilerplate form the stage must remove, and one per body
 *   line it must keep;
 * - datelines and metadata;
 * - invariants: code-point offsets of pieces and spans, `cleanToRaw`,
 *   `applyRemovals` agreeing with `clean`, idempotence, and fast-check
 *   properties on generated text (astral characters, NBSP, mixed boilerplate);
 * - linear running time on multi-megabyte single-line input.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectLinearGrowth } from '../../growth.js';
import { describe, expect, it } from 'vitest';
import { applyRemovals, clean, cleanToRaw, describeDocument, findBoilerplate, parseDateStamp } from '../../../pipeline/stages/clean/clean.js';
import type { CleanDocument, RawDocument, RemovalReason } from '../../../pipeline/types.js';
import { REMOVAL_REASONS } from '../../../pipeline/types.js';
import { codePointSlice, loadGold, rawDocument, REPO_ROOT, tokenF1 } from '../../gold.js';

const FIXTURE_DIR = join(REPO_ROOT, 'test/fixtures/clean');

/** Whitespace-insensitive text, for comparing piece texts with the gold. */
function squash(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

function withGiven(rawText: string, given: Partial<RawDocument['given']>): RawDocument {
  const doc = rawDocument(rawText);
  return { ...doc, given: { ...doc.given, ...given } };
}

/**
 * Checks every offset invariant of a CleanDocument and returns the problems
 * found (empty when all hold), so a property test can report them.
 */
function offsetProblems(out: CleanDocument): string[] {
  const problems: string[] = [];
  const raw = out.raw_text;
  let previousEnd = 0;
  for (const piece of out.removed) {
    if (codePointSlice(raw, piece.raw_start, piece.raw_end) !== piece.text) problems.push(`piece text != raw slice: ${JSON.stringify(piece)}`);
    if (piece.raw_start < previousEnd) problems.push(`pieces overlap or are out of order at ${piece.raw_start}`);
    if (piece.raw_end <= piece.raw_start) problems.push(`empty piece ${JSON.stringify(piece)}`);
    if (!REMOVAL_REASONS.includes(piece.reason)) problems.push(`unknown reason ${piece.reason}`);
    previousEnd = piece.raw_end;
  }
  const cleanChars = [...out.clean_text];
  const covered = new Array<boolean>(cleanChars.length).fill(false);
  let previousClean = 0;
  let previousRaw = 0;
  for (const span of out.spans) {
    const cleanPart = codePointSlice(out.clean_text, span.clean_start, span.clean_start + span.length);
    if (cleanPart !== codePointSlice(raw, span.raw_start, span.raw_start + span.length)) problems.push(`span does not copy raw text: ${JSON.stringify(span)}`);
    if (span.clean_start < previousClean || span.raw_start < previousRaw || span.length <= 0) problems.push(`spans out of order: ${JSON.stringify(span)}`);
    for (let k = 0; k < span.length; k++) covered[span.clean_start + k] = true;
    for (const k of [0, span.length - 1, span.length]) {
      if (cleanToRaw(out, span.clean_start + k) !== span.raw_start + k) problems.push(`cleanToRaw(${span.clean_start + k}) != ${span.raw_start + k}`);
    }
    previousClean = span.clean_start + span.length;
    previousRaw = span.raw_start + span.length;
  }
  for (const [k, char] of cleanChars.entries()) {
    if (!covered[k] && char !== ' ' && char !== '\n') problems.push(`clean char ${JSON.stringify(char)} at ${k} is neither copied nor inserted whitespace`);
  }
  if (/[^\S \n]|  |\n{3,}|^\s|\s$/u.test(out.clean_text)) problems.push('clean text has unnormalised whitespace');
  return problems;
}

/** A second pass over the clean text must find nothing to remove and change nothing. */
function expectIdempotent(out: CleanDocument): void {
  const again = clean(rawDocument(out.clean_text));
  expect(again.clean_text).toBe(out.clean_text);
  expect(again.removed).toEqual([]);
}

describe('public API', () => {
  it('exports exactly the documented functions', async () => {
    const api = await import('../../../pipeline/stages/clean/clean.js');
    expect(Object.keys(api).sort()).toEqual(['applyRemovals', 'clean', 'cleanToRaw', 'describeDocument', 'findBoilerplate', 'parseDateStamp']);
  });

  it('composes find → apply → describe', () => {
    const doc = rawDocument('WahanaNews.co, Jakarta - Rusia menolak sanksi baru.\nBaca Juga:\nPutin Marah\n[Redaktur: Elsya TA]');
    const removed = findBoilerplate(doc);
    const out = clean(doc);
    expect(out.removed).toEqual(removed);
    expect(applyRemovals(doc.raw_text, removed)).toEqual({ clean_text: out.clean_text, spans: out.spans });
    expect(describeDocument(doc, removed)).toEqual({
      title: out.title,
      outlet: out.outlet,
      outlet_as_written: out.outlet_as_written,
      place: out.place,
      published_at: out.published_at,
      author: out.author,
      editor: out.editor,
      warnings: out.warnings,
    });
    expect(out.clean_text).toBe('Rusia menolak sanksi baru.');
  });
});

describe('gold seeds', () => {
  const gold = loadGold();

  it('has the five seed documents', () => {
    expect(gold).toHaveLength(5);
  });

  describe.each(gold.map(({ gold: g, rawText }) => [g.source_file, g, rawText] as const))('%s', (_, g, rawText) => {
    const out = clean(rawDocument(rawText, g.source_file));

    it('reproduces the gold clean text exactly (token F1 ≥ 0.99 as the floor)', () => {
      expect(tokenF1(out.clean_text, g.clean_text)).toBeGreaterThanOrEqual(0.99);
      expect(out.clean_text).toBe(g.clean_text);
    });

    it('leaves no gold-removed piece in the clean text', () => {
      const paragraphs = out.clean_text.split('\n\n');
      for (const piece of g.removed) {
        const text = squash(piece.text);
        // Count, not presence: a duplicate's first copy is body, and a caption may also open a body sentence (seed 002).
        const count = (haystack: string): number => haystack.split(text).length - 1;
        expect(count(out.clean_text), `${piece.reason}: ${text}`).toBe(count(g.clean_text));
        if (piece.reason !== 'duplicate') expect(paragraphs, `${piece.reason}: ${text}`).not.toContain(text);
      }
    });

    it('removes every gold piece with the gold reason, and nothing else', () => {
      const ours = out.removed.map((piece) => [piece.reason, squash(piece.text)]);
      const theirs = g.removed.map((piece) => [piece.reason, squash(piece.text)]);
      expect(ours).toEqual(theirs);
    });

    it('extracts the gold metadata', () => {
      const { title, outlet, place, published_at, author, editor } = out;
      expect({ title, outlet, place, published_at, author, editor }).toEqual({
        title: g.title,
        outlet: g.outlet,
        place: g.place,
        published_at: g.published_at,
        author: g.author,
        editor: g.editor,
      });
    });

    it('keeps every offset invariant and is idempotent', () => {
      expect(offsetProblems(out)).toEqual([]);
      expectIdempotent(out);
    });
  });
});

describe('fixtures (test/fixtures/clean)', () => {
  const names = readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.txt'))
    .sort();

  it('has the hand-written fixtures', () => {
    expect(names.length).toBeGreaterThanOrEqual(7);
  });

  it.each(names)('%s matches its reviewed expectation', async (name) => {
    const out = clean(rawDocument(readFileSync(join(FIXTURE_DIR, name), 'utf8'), name));
    expect(offsetProblems(out)).toEqual([]);
    expectIdempotent(out);
    const { title, outlet, place, published_at, author, editor } = out;
    const summary = {
      clean_text: out.clean_text.split('\n\n'),
      removed: out.removed.map((piece) => `${piece.reason} ${piece.rule}: ${piece.text}`),
      metadata: { title, outlet, place, published_at, author, editor },
    };
    await expect(`${JSON.stringify(summary, null, 2)}\n`).toMatchFileSnapshot(join(FIXTURE_DIR, name.replace(/\.txt$/, '.expected.json')));
  });

  it('keeps every line of tricky-body.txt (body that only looks like boilerplate)', () => {
    const raw = readFileSync(join(FIXTURE_DIR, 'tricky-body.txt'), 'utf8');
    const out = clean(rawDocument(raw));
    expect(out.removed).toEqual([]);
    expect(out.clean_text).toBe(raw.trim().split('\n').join('\n\n'));
  });
});

/* ---- Boilerplate the stage must remove ---- */

const A = 'Rusia menuduh negara-negara Barat memperpanjang perang di Ukraina dengan terus mengirimkan senjata ke Kiev.';
const B = 'Kremlin menyatakan tetap terbuka untuk perundingan, tetapi menolak syarat yang diajukan Washington dan Brussel.';
const C = 'Para analis menilai hubungan Moskow dengan NATO berada pada titik terendah sejak akhir Perang Dingin.';
const BODY = [A, B, C].join('\n\n');

interface RemovalCase {
  /** Why the case exists. */
  readonly intent: string;
  /** The boilerplate, placed among the body lines A, B, C. */
  readonly lines: string;
  readonly at: 'top' | 'middle' | 'bottom';
  /** Pieces that must be among the removed ones: [reason, exact raw text]. */
  readonly removed: readonly (readonly [RemovalReason, string])[];
  /** Body text of `lines` that must stay (when the boilerplate is glued to a sentence). */
  readonly keeps?: string;
}

function placed(c: RemovalCase): string {
  if (c.at === 'top') return `${c.lines}\n${A}\n${B}\n${C}`;
  if (c.at === 'middle') return `${A}\n${c.lines}\n${B}\n${C}`;
  return `${A}\n${B}\n${C}\n${c.lines}`;
}

/** The clean text a case must produce: the body lines, plus what `lines` keeps, in place. */
function expectedClean(c: RemovalCase): string {
  const kept = c.keeps === undefined ? [] : [c.keeps];
  if (c.at === 'top') return [...kept, A, B, C].join('\n\n');
  if (c.at === 'middle') return [A, ...kept, B, C].join('\n\n');
  return [A, B, C, ...kept].join('\n\n');
}

const REMOVAL_CASES: readonly RemovalCase[] = [
  // cross_link
  {
    intent: 'all-caps marker alone takes the headline on the next line',
    at: 'middle',
    lines: 'BACA JUGA:\nPutin Ancam Balas Sanksi Baru Uni Eropa',
    removed: [['cross_link', 'BACA JUGA:\nPutin Ancam Balas Sanksi Baru Uni Eropa']],
  },
  {
    intent: 'marker alone takes several headlines, blank lines included',
    at: 'middle',
    lines: 'Baca juga:\n\nPutin Ancam Balas Sanksi\nNATO Gelar Latihan di Baltik\nLavrov Kunjungi Jakarta Pekan Depan',
    removed: [['cross_link', 'Baca juga:\n\nPutin Ancam Balas Sanksi\nNATO Gelar Latihan di Baltik\nLavrov Kunjungi Jakarta Pekan Depan']],
  },
  {
    intent: 'marker and headline on one line',
    at: 'middle',
    lines: 'Baca juga: Putin Ancam Balas Sanksi Baru Uni Eropa',
    removed: [['cross_link', 'Baca juga: Putin Ancam Balas Sanksi Baru Uni Eropa']],
  },
  {
    intent: 'Simak juga with a question headline',
    at: 'middle',
    lines: 'Simak juga: Apakah NATO Akan Berperang dengan Rusia?',
    removed: [['cross_link', 'Simak juga: Apakah NATO Akan Berperang dengan Rusia?']],
  },
  {
    intent: 'Lihat juga',
    at: 'middle',
    lines: 'Lihat juga: Video Parade Militer di Lapangan Merah',
    removed: [['cross_link', 'Lihat juga: Video Parade Militer di Lapangan Merah']],
  },
  {
    intent: 'Baca Selengkapnya pointing elsewhere',
    at: 'bottom',
    lines: 'Baca selengkapnya di Kompas.com',
    removed: [['cross_link', 'Baca selengkapnya di Kompas.com']],
  },
  {
    intent: 'marker written with a dash',
    at: 'middle',
    lines: 'SIMAK JUGA - Zelensky Minta Tambahan Sistem Pertahanan Udara',
    removed: [['cross_link', 'SIMAK JUGA - Zelensky Minta Tambahan Sistem Pertahanan Udara']],
  },
  {
    intent: 'marker glued after the last sentence of a paragraph',
    at: 'bottom',
    lines: 'Moskow belum menanggapi. Baca juga: Kremlin Bantah Tuduhan Spionase',
    removed: [['cross_link', 'Baca juga: Kremlin Bantah Tuduhan Spionase']],
    keeps: 'Moskow belum menanggapi.',
  },
  {
    intent: 'English read-also forms',
    at: 'middle',
    lines:
      'Read also: Kremlin says talks constructive\nRelated: EU agrees new sanctions package\nRead more: Russia expels diplomats\nAlso read: NATO boosts Baltic presence',
    removed: [
      ['cross_link', 'Read also: Kremlin says talks constructive'],
      ['cross_link', 'Related: EU agrees new sanctions package'],
      ['cross_link', 'Read more: Russia expels diplomats'],
      ['cross_link', 'Also read: NATO boosts Baltic presence'],
    ],
  },
  {
    intent: 'syndication note links the original article',
    at: 'bottom',
    lines: 'Artikel ini telah tayang di Kompas.com dengan judul "Rusia Tolak Sanksi Baru".',
    removed: [['cross_link', 'Artikel ini telah tayang di Kompas.com dengan judul "Rusia Tolak Sanksi Baru".']],
  },
  // navigation
  {
    intent: 'Berita Terkait then a list of headlines',
    at: 'bottom',
    lines: 'Berita Terkait\nRusia Uji Rudal Hipersonik\nNATO Perkuat Pasukan di Estonia\nUni Eropa Bekukan Aset Bank Rusia',
    removed: [['navigation', 'Berita Terkait\nRusia Uji Rudal Hipersonik\nNATO Perkuat Pasukan di Estonia\nUni Eropa Bekukan Aset Bank Rusia']],
  },
  {
    intent: 'Malay related-news list',
    at: 'bottom',
    lines: 'Berita berkaitan\nPutin adakan pertemuan dengan pemimpin ASEAN',
    removed: [['navigation', 'Berita berkaitan\nPutin adakan pertemuan dengan pemimpin ASEAN']],
  },
  {
    intent: 'English related-articles list',
    at: 'bottom',
    lines: 'Related articles\nKremlin rejects Western claims',
    removed: [['navigation', 'Related articles\nKremlin rejects Western claims']],
  },
  {
    intent: 'Artikel Terkait and Berita Lainnya headers',
    at: 'bottom',
    lines: 'Artikel Terkait\n\nBerita Lainnya',
    removed: [
      ['navigation', 'Artikel Terkait'],
      ['navigation', 'Berita Lainnya'],
    ],
  },
  {
    intent: 'tag blocks: Tags:, Tag:, Topik:, #hashtags',
    at: 'bottom',
    lines: 'Tags:\nRusia\nNATO\nTag: rusia, ukraina\nTopik: Perang Rusia-Ukraina\n#Rusia #NATO #Putin',
    removed: [
      ['navigation', 'Tags:\nRusia\nNATO'],
      ['navigation', 'Tag: rusia, ukraina'],
      ['navigation', 'Topik: Perang Rusia-Ukraina'],
      ['navigation', '#Rusia #NATO #Putin'],
    ],
  },
  {
    intent: 'share and section chrome on their own lines',
    at: 'bottom',
    lines: 'Bagikan\nShare\nKomentar\nTerkini\nTerpopuler',
    removed: [
      ['navigation', 'Bagikan'],
      ['navigation', 'Share'],
      ['navigation', 'Komentar'],
      ['navigation', 'Terkini'],
      ['navigation', 'Terpopuler'],
    ],
  },
  {
    intent: 'share bar of platform names',
    at: 'bottom',
    lines: 'Facebook Twitter WhatsApp Telegram Copy Link',
    removed: [['navigation', 'Facebook Twitter WhatsApp Telegram Copy Link']],
  },
  {
    intent: 'pagination forms',
    at: 'bottom',
    lines: 'Halaman 2/2\nHalaman selanjutnya\n1 2 3 Selanjutnya',
    removed: [
      ['navigation', 'Halaman 2/2'],
      ['navigation', 'Halaman selanjutnya'],
      ['navigation', '1 2 3 Selanjutnya'],
    ],
  },
  {
    intent: 'copyright forms',
    at: 'bottom',
    lines: '© 2025 Warta Nusantara\nCopyright © 2025 PT Media Contoh. All rights reserved.\nHak Cipta © 2025 Harian Contoh',
    removed: [
      ['navigation', '© 2025 Warta Nusantara'],
      ['navigation', 'Copyright © 2025 PT Media Contoh. All rights reserved.'],
      ['navigation', 'Hak Cipta © 2025 Harian Contoh'],
    ],
  },
  {
    intent: 'tag header with alternatives, then a comma list of tags',
    at: 'bottom',
    lines: 'Tags / Keywords:\nRussia , Belarus , Poland , NATO',
    removed: [['navigation', 'Tags / Keywords:\nRussia , Belarus , Poland , NATO']],
  },
  {
    intent: 'feedback widgets written as sentences',
    at: 'bottom',
    lines: 'Report it to us .\nThank you for your report!',
    removed: [
      ['navigation', 'Report it to us .'],
      ['navigation', 'Thank you for your report!'],
    ],
  },
  {
    intent: 'a line naming only the outlet, and a newsroom e-mail',
    at: 'top',
    lines: 'TRIBUNNEWS.COM\nredaksi@contoh-media.com',
    removed: [
      ['navigation', 'TRIBUNNEWS.COM'],
      ['navigation', 'redaksi@contoh-media.com'],
    ],
  },
  {
    intent: 'video links',
    at: 'middle',
    lines: 'Simak Video "Putin Bicara soal Peluang Damai"\n[Gambas:Video 20detik]',
    removed: [
      ['cross_link', 'Simak Video "Putin Bicara soal Peluang Damai"'],
      ['seo_spam', '[Gambas:Video 20detik]'],
    ],
  },
  {
    intent: 'footer links and section menus',
    at: 'bottom',
    lines: 'Tentang Kami | Redaksi | Pedoman Media Siber | Kontak',
    removed: [['navigation', 'Tentang Kami | Redaksi | Pedoman Media Siber | Kontak']],
  },
  {
    intent: 'a kicker above the headline goes as navigation',
    at: 'top',
    lines: 'INTERNASIONAL\nRusia Tolak Sanksi Baru Uni Eropa',
    removed: [
      ['navigation', 'INTERNASIONAL'],
      ['title', 'Rusia Tolak Sanksi Baru Uni Eropa'],
    ],
  },
  // byline
  {
    intent: 'labelled credit lines of every kind',
    at: 'bottom',
    lines: 'Pewarta: Ahmad Fauzi\nPenulis: Dinda Pratiwi\nEditor: Rizal Maulana\nReporter: Sari Dewi\nSumber: Antara\n[Redaktur: Elsya TA]',
    removed: [
      ['byline', 'Pewarta: Ahmad Fauzi'],
      ['byline', 'Penulis: Dinda Pratiwi'],
      ['byline', 'Editor: Rizal Maulana'],
      ['byline', 'Reporter: Sari Dewi'],
      ['byline', 'Sumber: Antara'],
      ['byline', '[Redaktur: Elsya TA]'],
    ],
  },
  {
    intent: 'two labels on one line',
    at: 'top',
    lines: 'Penulis: Dinda Pratiwi | Editor: Rizal Maulana',
    removed: [['byline', 'Penulis: Dinda Pratiwi | Editor: Rizal Maulana']],
  },
  {
    intent: 'reporter codes on their own line',
    at: 'bottom',
    lines: '(ant/dhn)\n(rah/hnr)',
    removed: [
      ['byline', '(ant/dhn)'],
      ['byline', '(rah/hnr)'],
    ],
  },
  {
    intent: 'a trailing [dhn] code at the end of the last paragraph',
    at: 'bottom',
    lines: 'Moskow belum menanggapi tuduhan itu. [dhn]',
    removed: [['byline', '[dhn]']],
    keeps: 'Moskow belum menanggapi tuduhan itu.',
  },
  {
    intent: 'a trailing (ant/dhn) code glued to the last sentence',
    at: 'bottom',
    lines: 'Moskow belum menanggapi tuduhan itu.(ant/dhn)',
    removed: [['byline', '(ant/dhn)']],
    keeps: 'Moskow belum menanggapi tuduhan itu.',
  },
  { intent: 'ANTARA desk codes', at: 'bottom', lines: '(T.M054/R010)', removed: [['byline', '(T.M054/R010)']] },
  {
    intent: 'agency credits standing alone',
    at: 'bottom',
    lines: 'ANTARA\n(AFP)\n-- BERNAMA\nBERNAMA',
    removed: [
      ['byline', 'ANTARA'],
      ['byline', '(AFP)'],
      ['byline', '-- BERNAMA'],
      ['byline', 'BERNAMA'],
    ],
  },
  { intent: 'Malay Oleh: byline', at: 'top', lines: 'Oleh: Nur Aisyah Ahmad', removed: [['byline', 'Oleh: Nur Aisyah Ahmad']] },
  {
    intent: 'a credit label alone, the name on the next line',
    at: 'top',
    lines: 'Penulis\nRahman Asmardika',
    removed: [['byline', 'Penulis\nRahman Asmardika']],
  },
  {
    intent: 'writer credited with the outlet',
    at: 'top',
    lines: 'Zhafran Naufal Hilmy - detikNews',
    removed: [['byline', 'Zhafran Naufal Hilmy - detikNews']],
  },
  {
    intent: 'Republika-style labels without separators',
    at: 'top',
    lines: 'Rep: Fergi Nadira  Red: Ani Nursalikah',
    removed: [['byline', 'Rep: Fergi Nadira  Red: Ani Nursalikah']],
  },
  {
    intent: 'reporter credit after the last sentence: only the credit goes',
    at: 'bottom',
    lines: '"Kami tidak akan berunding di bawah tekanan," ujarnya. (Tribunnews.com/Reynas Abdila)',
    removed: [['byline', '(Tribunnews.com/Reynas Abdila)']],
    keeps: '"Kami tidak akan berunding di bawah tekanan," ujarnya.',
  },
  {
    intent: 'English bylines and Reuters credits',
    at: 'bottom',
    lines: 'By Jane Doe\nReporting by Guy Faulconbridge; Editing by Andrew Osborn',
    removed: [
      ['byline', 'By Jane Doe'],
      ['byline', 'Reporting by Guy Faulconbridge; Editing by Andrew Osborn'],
    ],
  },
  // dateline
  {
    intent: 'Indonesian stamp with day name and WIB',
    at: 'top',
    lines: 'Senin, 12 Mei 2025 10:15 WIB',
    removed: [['dateline', 'Senin, 12 Mei 2025 10:15 WIB']],
  },
  {
    intent: 'stamp with a dash before the time',
    at: 'top',
    lines: 'Selasa, 13 Mei 2025 - 08:00 WIB',
    removed: [['dateline', 'Selasa, 13 Mei 2025 - 08:00 WIB']],
  },
  { intent: 'numeric stamp', at: 'top', lines: '12/05/2025, 10:15 WIB', removed: [['dateline', '12/05/2025, 10:15 WIB']] },
  { intent: 'bare dd/mm/yyyy', at: 'top', lines: '12/05/2025', removed: [['dateline', '12/05/2025']] },
  {
    intent: 'Diterbitkan / Published / Diperbarui',
    at: 'top',
    lines: 'Diterbitkan 12 Mei 2025\nPublished May 12, 2025\nDiperbarui 13 Mei 2025 09:00 WIB',
    removed: [
      ['dateline', 'Diterbitkan 12 Mei 2025'],
      ['dateline', 'Published May 12, 2025'],
      ['dateline', 'Diperbarui 13 Mei 2025 09:00 WIB'],
    ],
  },
  { intent: 'English stamp with AM/PM', at: 'top', lines: 'May 12, 2025 10:15 AM', removed: [['dateline', 'May 12, 2025 10:15 AM']] },
  { intent: 'Malay date', at: 'top', lines: '12 Mei 2025', removed: [['dateline', '12 Mei 2025']] },
  {
    intent: 'stamp with place and outlet',
    at: 'top',
    lines: 'Kompas.com - 12/05/2025, 10:15 WIB',
    removed: [['dateline', 'Kompas.com - 12/05/2025, 10:15 WIB']],
  },
  { intent: 'relative time', at: 'top', lines: '2 jam yang lalu', removed: [['dateline', '2 jam yang lalu']] },
  { intent: 'English ordinal date', at: 'top', lines: '15th May 2025 09:10', removed: [['dateline', '15th May 2025 09:10']] },
  {
    intent: 'place, country and bullet separator',
    at: 'top',
    lines: 'Moscow, Russia ● Wed, May 14, 2025',
    removed: [['dateline', 'Moscow, Russia ● Wed, May 14, 2025']],
  },
  // title
  {
    intent: 'headline repeated at the top',
    at: 'top',
    lines: 'Rusia Tolak Sanksi Baru\nRusia Tolak Sanksi Baru',
    removed: [
      ['title', 'Rusia Tolak Sanksi Baru'],
      ['title', 'Rusia Tolak Sanksi Baru'],
    ],
  },
  {
    intent: 'a Title-Case question headline at the top',
    at: 'top',
    lines: 'Apakah Rusia Akan Menyerang NATO?',
    removed: [['title', 'Apakah Rusia Akan Menyerang NATO?']],
  },
  // caption
  {
    intent: 'short unpunctuated line between paragraphs',
    at: 'middle',
    lines: 'Menteri Luar Negeri Rusia Sergei Lavrov',
    removed: [['caption', 'Menteri Luar Negeri Rusia Sergei Lavrov']],
  },
  {
    intent: 'caption ending in a /Photographer/Agency/ credit',
    at: 'middle',
    lines: 'Presiden Putin di Kremlin, Moskow /Mikhail Metzel/Reuters/',
    removed: [['caption', 'Presiden Putin di Kremlin, Moskow /Mikhail Metzel/Reuters/']],
  },
  {
    intent: 'caption ending in (Foto: ...)',
    at: 'middle',
    lines: 'Presiden Rusia Vladimir Putin. (Foto: Reuters/Maxim Shemetov)',
    removed: [['caption', 'Presiden Rusia Vladimir Putin. (Foto: Reuters/Maxim Shemetov)']],
  },
  {
    intent: 'caption ending in ANTARA FOTO/...',
    at: 'middle',
    lines: 'Lavrov saat konferensi pers di Moskow, Senin (12/5/2025). ANTARA FOTO/Reuters/Maxim Shemetov/aa.',
    removed: [['caption', 'Lavrov saat konferensi pers di Moskow, Senin (12/5/2025). ANTARA FOTO/Reuters/Maxim Shemetov/aa.']],
  },
  {
    intent: 'caption ending in (ANTARA FOTO/...)',
    at: 'middle',
    lines: 'Suasana sidang Dewan Keamanan PBB di New York (ANTARA FOTO/Sigid Kurniawan/nym)',
    removed: [['caption', 'Suasana sidang Dewan Keamanan PBB di New York (ANTARA FOTO/Sigid Kurniawan/nym)']],
  },
  { intent: 'a Foto: credit line', at: 'middle', lines: 'Foto: ANTARA/Hafidz Mubarak', removed: [['caption', 'Foto: ANTARA/Hafidz Mubarak']] },
  {
    intent: 'caption dated in brackets',
    at: 'middle',
    lines: 'Presiden Rusia Vladimir Putin berpidato dalam parade Hari Kemenangan di Lapangan Merah, Moskow, Jumat (9/5/2025)',
    removed: [['caption', 'Presiden Rusia Vladimir Putin berpidato dalam parade Hari Kemenangan di Lapangan Merah, Moskow, Jumat (9/5/2025)']],
  },
  // promo
  {
    intent: 'social and app promos',
    at: 'bottom',
    lines: 'Ikuti kami di Google News\nDownload aplikasi Warta Nusantara di Play Store\nFollow us on Instagram for more updates',
    removed: [
      ['promo', 'Ikuti kami di Google News'],
      ['promo', 'Download aplikasi Warta Nusantara di Play Store'],
      ['promo', 'Follow us on Instagram for more updates'],
    ],
  },
  {
    intent: 'WhatsApp/Telegram channel promo',
    at: 'bottom',
    lines:
      'Dapatkan update berita pilihan dan breaking news setiap hari. Mari bergabung di Grup Telegram "Warta Update", caranya klik link berikut, kemudian join.',
    removed: [
      [
        'promo',
        'Dapatkan update berita pilihan dan breaking news setiap hari. Mari bergabung di Grup Telegram "Warta Update", caranya klik link berikut, kemudian join.',
      ],
    ],
  },
  {
    intent: 'ad slots and scroll prompts',
    at: 'middle',
    lines: 'ADVERTISEMENT\nSCROLL TO CONTINUE WITH CONTENT\nKlik di sini untuk berlangganan',
    removed: [
      ['promo', 'ADVERTISEMENT'],
      ['promo', 'SCROLL TO CONTINUE WITH CONTENT'],
      ['promo', 'Klik di sini untuk berlangganan'],
    ],
  },
  {
    intent: 'promo tail inside the last paragraph (seed 000 shape)',
    at: 'bottom',
    lines: 'Kremlin belum menanggapi. Jangan ketinggalan berita terbaru! Ikuti update berita terkini di warta.id !',
    removed: [['promo', 'Jangan ketinggalan berita terbaru! Ikuti update berita terkini di warta.id !']],
    keeps: 'Kremlin belum menanggapi.',
  },
  // seo_spam
  {
    intent: 'content-site sign-off',
    at: 'bottom',
    lines: 'Demikian informasi yang dapat kami sampaikan, semoga bermanfaat.',
    removed: [['seo_spam', 'Demikian informasi yang dapat kami sampaikan, semoga bermanfaat.']],
  },
  { intent: 'reading-time widget', at: 'top', lines: 'waktu baca 2 menit', removed: [['seo_spam', 'waktu baca 2 menit']] },
  {
    intent: 'view counters and keyword tags',
    at: 'top',
    lines: 'by -14 Views\n[keyword]rusia[/keyword]\ndibaca 1.234 kali',
    removed: [
      ['seo_spam', 'by -14 Views'],
      ['seo_spam', '[keyword]rusia[/keyword]'],
      ['seo_spam', 'dibaca 1.234 kali'],
    ],
  },
  // end_mark
  {
    intent: 'end marks on their own lines',
    at: 'bottom',
    lines: '***\n(*)\n(END)\n--',
    removed: [
      ['end_mark', '***'],
      ['end_mark', '(*)'],
      ['end_mark', '(END)'],
      ['end_mark', '--'],
    ],
  },
  {
    intent: 'end marks glued to the last sentence',
    at: 'bottom',
    lines: 'Moskow belum menanggapi.**',
    removed: [['end_mark', '**']],
    keeps: 'Moskow belum menanggapi.',
  },
  {
    intent: 'promo then *** glued: two pieces',
    at: 'bottom',
    lines: 'Kunjungi situs resmi kami di warta.id untuk berita terbaru lainnya.***',
    removed: [
      ['promo', 'Kunjungi situs resmi kami di warta.id untuk berita terbaru lainnya.'],
      ['end_mark', '***'],
    ],
  },
];

describe('removes each boilerplate form', () => {
  it.each(REMOVAL_CASES.map((c) => [c.intent, c] as const))('%s', (_, c) => {
    const raw = placed(c);
    const out = clean(rawDocument(raw));
    const found = out.removed.map((piece) => [piece.reason, piece.text]);
    for (const expected of c.removed) expect(found).toContainEqual(expected);
    // The body survives verbatim, and nothing of the boilerplate does.
    expect(out.clean_text).toBe(expectedClean(c));
    for (const [, text] of c.removed) expect(out.clean_text).not.toContain(squash(text));
    expect(offsetProblems(out)).toEqual([]);
    expectIdempotent(out);
  });
});

describe('outlet lead-ins: only the prefix goes, the sentence stays', () => {
  // [intent, first line, piece, outlet, place]
  const LEADS = [
    ['agency with place', 'Jakarta (ANTARA) - Rusia menolak sanksi baru.', 'Jakarta (ANTARA) -', 'antaranews.com', 'Jakarta'],
    ['agency without place', '(ANTARA) - Rusia menolak sanksi baru.', '(ANTARA) -', 'antaranews.com', null],
    ['place, then site in capitals', 'JAKARTA, KOMPAS.com - Rusia menolak sanksi baru.', 'JAKARTA, KOMPAS.com -', 'kompas.com', 'Jakarta'],
    ['site, then place', 'Liputan6.com, Jakarta - Rusia menolak sanksi baru.', 'Liputan6.com, Jakarta -', 'liputan6.com', 'Jakarta'],
    [
      'site and place in capitals, double dash',
      'REPUBLIKA.CO.ID, JAKARTA -- Rusia menolak sanksi baru.',
      'REPUBLIKA.CO.ID, JAKARTA --',
      'republika.co.id',
      'Jakarta',
    ],
    [
      'Malay Bernama dateline',
      'KUALA LUMPUR, 12 Mei (Bernama) -- Rusia menolak sekatan baharu.',
      'KUALA LUMPUR, 12 Mei (Bernama) --',
      'bernama.com',
      'Kuala Lumpur',
    ],
    ['English wire dateline', 'MOSCOW (Reuters) - Russia rejected the new sanctions.', 'MOSCOW (Reuters) -', 'reuters.com', 'Moscow'],
    ['site with en dash (seed 000)', 'Anomali.id – Rusia menolak sanksi baru.', 'Anomali.id –', 'anomali.id', null],
    ['outlet in capitals without a site', 'WARTA KOTA – Rusia menolak sanksi baru.', 'WARTA KOTA –', 'wartakota.tribunnews.com', null],
    ['place in capitals only', 'JAKARTA – Rusia menolak sanksi baru.', 'JAKARTA –', null, 'Jakarta'],
    ['place and outlet name', 'Jakarta, CNN Indonesia -- Rusia menolak sanksi baru.', 'Jakarta, CNN Indonesia --', 'cnnindonesia.com', 'Jakarta'],
  ] as const;

  it.each(LEADS)('%s', (_, line, piece, outlet, place) => {
    const out = clean(rawDocument(`${line}\n${B}`));
    expect(out.removed.map((p) => [p.reason, p.text])).toEqual([['outlet_prefix', piece]]);
    expect(out.clean_text).toBe(`${line.slice(piece.length).trim()}\n\n${B}`);
    expect([out.outlet, out.place]).toEqual([outlet, place]);
    expectIdempotent(out);
  });

  it('takes the outlet site from a promo when the lead-in only names it (seed 001)', () => {
    const out = clean(rawDocument(`WARTA KOTA – ${A}\n${B}\nKunjungi situs resmi kami di wartakota.contoh-media.com untuk berita terbaru lainnya.`));
    expect(out.outlet).toBe('wartakota.contoh-media.com');
  });

  it('falls back to the host of the given URL', () => {
    const out = clean(withGiven(BODY, { url: 'https://www.contoh-berita.co.id/internasional/123' }));
    expect(out.outlet).toBe('contoh-berita.co.id');
  });
});

/* ---- Body the stage must keep ---- */

const KEEP_LINES: readonly (readonly [string, string])[] = [
  ['a sentence starting with a place name and a comma', 'Jakarta, kata dia, tetap menjadi mitra penting bagi Moskow.'],
  ['"baca juga" inside a quotation', '"Baca juga dokumen resmi kami sebelum menyimpulkan," ujar Zakharova.'],
  ['"baca" and "editor" in the middle of a sentence', 'Editor senior harian itu meminta pembaca membaca juga laporan sebelumnya.'],
  ['"Oleh karena itu" is not a byline', 'Oleh karena itu, Uni Eropa menunda pembahasan paket sanksi.'],
  ['a date inside a body sentence is not a dateline', 'Pertemuan berikutnya digelar pada Kamis, 27 Juni 2024, di Jenewa.'],
  ['"dilansir Minggu (23/6/2024)" is body (seed 003)', '"Kemitraan ini makin erat," ujar Reid kepada Newsweek, dilansir Minggu (23/6/2024).'],
  ['a short question ending in punctuation', 'Apa artinya bagi Indonesia?'],
  ['a one-word sentence', 'Demikian.'],
  ['a line introducing a list', 'Menurut dia, ada tiga hal yang perlu dicermati:'],
  ['an interview question is not a reporter byline', 'Reporter: Apakah Rusia akan membalas?'],
  ['an interview answer is not a byline', 'Lavrov: Kami akan menanggapi secara proporsional.'],
  ['"Foto" as the subject of a sentence', 'Foto satelit yang dirilis Maxar memperlihatkan kerusakan di pangkalan udara.'],
  ['English "By then" is not a byline', 'By then, Russia had already withdrawn its ambassador.'],
  ['"Follow-up" is not a follow-us promo', 'Follow-up talks are expected in Geneva next week, officials said.'],
  ['"Ikuti" in a sentence about events', 'Ikuti perkembangannya, kata Lavrov, karena situasinya berubah setiap hari.'],
  ['"Copyright" as a body word', 'Copyright atas dokumen itu, menurut pengacara tersebut, dipegang oleh pemerintah.'],
  ['"Sumber" as a body word', 'Sumber di Kremlin menyebut pertemuan itu berlangsung tertutup.'],
  ['a quotation without final punctuation inside the quote marks', '“Kami tidak akan mundur”'],
  [
    'a long sentence that lost its full stop',
    'Rusia dan Belarus menggelar latihan militer gabungan di dekat perbatasan Polandia yang berlangsung selama dua pekan penuh',
  ],
  ['an acronym followed by a dash inside a sentence', 'Dialog AS – Rusia kembali dibuka setelah dua tahun terhenti.'],
  ['a sentence with "(AS/NATO)" at the end', 'Moskow menolak tuntutan Barat (AS/NATO).'],
  ['a sentence that mentions a year and a number', 'Pada 2022, lebih dari 1.000 diplomat diusir dari kedua pihak.'],
];

describe('keeps body lines that resemble boilerplate', () => {
  it.each(KEEP_LINES)('%s', (_, line) => {
    const out = clean(rawDocument(`${A}\n${line}\n${B}`));
    expect(out.removed).toEqual([]);
    expect(out.clean_text).toBe(`${A}\n\n${line}\n\n${B}`);
  });

  it('keeps a list of three or more short lines', () => {
    const list = 'Larangan ekspor teknologi\nPembekuan aset bank sentral\nLarangan penerbangan';
    const out = clean(rawDocument(`${A}\n${list}\n${B}`));
    expect(out.clean_text).toBe([A, ...list.split('\n'), B].join('\n\n'));
  });

  it('keeps bulleted list items', () => {
    const list = '- harga energi dunia\n- pasokan gandum';
    const out = clean(rawDocument(`${A}\n${list}\n${B}`));
    expect(out.clean_text).toBe([A, ...list.split('\n'), B].join('\n\n'));
  });

  it('keeps a first line that is a full sentence, and drops its later copy (seed 002)', () => {
    const out = clean(rawDocument(`${A}\n${B}\n${A}\n${C}`));
    expect(out.clean_text).toBe([A, B, C].join('\n\n'));
    expect(out.removed.map((p) => [p.reason, p.text])).toEqual([['duplicate', A]]);
  });

  it('never changes letters, digits, punctuation or quotes; only whitespace is normalised', () => {
    const out = clean(rawDocument(' \u00a0“Kami\u00a0 menolak,”\tkata Peskov—juru\u2003bicara Kremlin. \n\u00a0\n'));
    expect(out.clean_text).toBe('“Kami menolak,” kata Peskov—juru bicara Kremlin.');
    expect(out.removed).toEqual([]);
  });

  it('handles empty and whitespace-only documents', () => {
    for (const raw of ['', '\n\n', '\u00a0\n \n\t']) {
      const out = clean(rawDocument(raw));
      expect(out.clean_text).toBe('');
      expect(out.removed).toEqual([]);
      expect(out.spans).toEqual([]);
    }
  });
});

/* ---- Datelines and metadata ---- */

describe('parseDateStamp', () => {
  const STAMPS = [
    ['seed 001', '1 Juni 2022, 08:45 WIB', '2022-06-01T08:45:00+07:00'],
    ['seed 002: month first, IANA zone', 'Okt 20, 2021 09:38 Asia/Jakarta', '2021-10-20T09:38:00+07:00'],
    ['day name and dash', 'Selasa, 13 Mei 2025 - 08:00 WIB', '2025-05-13T08:00:00+07:00'],
    ['numeric date, WITA', '12/05/2025, 10:15 WITA', '2025-05-12T10:15:00+08:00'],
    ['Indonesian dotted time', 'Rabu, 20 Oktober 2021 pukul 09.38 WIT', '2021-10-20T09:38:00+09:00'],
    ['English PM without zone', 'Published May 12, 2025 1:05 PM', '2025-05-12T13:05:00'],
    ['Malay date only', '12 Mei 2025', '2025-05-12'],
    ['Malay month spelling', 'Isnin, 4 Ogos 2025', '2025-08-04'],
    ['ISO with offset', '2025-05-12T10:15:00+07:00', '2025-05-12T10:15:00+07:00'],
    ['GMT+7', '12 May 2025 10:15 GMT+7', '2025-05-12T10:15:00+07:00'],
    ['a body sentence is not a stamp', 'Pertemuan digelar pada Kamis, 27 Juni 2024, di Jenewa.', null],
    ['no year, no date', 'Senin (12/5)', null],
    ['impossible day', '31 Februari 2025', null],
  ] as const;

  it.each(STAMPS)('%s', (_, text, iso) => {
    expect(parseDateStamp(text)).toBe(iso);
  });
});

describe('metadata', () => {
  it('prefers the given title and removes a headline repeating it at the top', () => {
    const title = 'Rusia Tolak Sanksi Baru Uni Eropa?';
    const out = clean(withGiven(`${title}\n${BODY}`, { title }));
    expect(out.title).toBe(title);
    expect(out.removed.map((p) => [p.reason, p.rule, p.text])).toEqual([['title', 'title.given', title]]);
    expect(out.clean_text).toBe(BODY);
  });

  it('keeps the given title when the text has none', () => {
    expect(clean(withGiven(BODY, { title: 'Judul dari JSONL' })).title).toBe('Judul dari JSONL');
  });

  it('uses the given published_at only when the text has no dateline', () => {
    expect(clean(withGiven(BODY, { published_at: '2024-06-27' })).published_at).toBe('2024-06-27');
    expect(clean(withGiven(`12 Mei 2025\n${BODY}`, { published_at: '2024-06-27' })).published_at).toBe('2025-05-12');
  });

  it('prefers the publication stamp over an update stamp', () => {
    const out = clean(rawDocument(`Diperbarui 13 Mei 2025 09:00 WIB\nDiterbitkan 12 Mei 2025 10:15 WIB\n${BODY}`));
    expect(out.published_at).toBe('2025-05-12T10:15:00+07:00');
  });

  it('reads author and editor from bylines (Pewarta → author)', () => {
    const out = clean(rawDocument(`${BODY}\nPewarta: Ahmad Fauzi\nEditor: Budi Santoso`));
    expect([out.author, out.editor]).toEqual(['Ahmad Fauzi', 'Budi Santoso']);
    const wire = clean(rawDocument(`${BODY}\nReporting by Guy Faulconbridge in Moscow; Editing by Andrew Osborn`));
    expect([wire.author, wire.editor]).toEqual(['Guy Faulconbridge', 'Andrew Osborn']);
  });

  it('gives no metadata when the text names none', () => {
    const { title, outlet, place, published_at, author, editor } = clean(rawDocument(BODY));
    expect({ title, outlet, place, published_at, author, editor }).toEqual({
      title: null,
      outlet: null,
      place: null,
      published_at: null,
      author: null,
      editor: null,
    });
  });
});

/* ---- Offsets ---- */

describe('offsets count code points', () => {
  it('maps pieces and spans across astral characters and NBSP', () => {
    const raw = '😀 Judul 🇷🇺 Rusia\n\u00a0\n𝐏𝐮𝐭𝐢𝐧\u00a0\u00a0menolak sanksi 💪 dari Barat.\nBaca juga:\n🚀 Berita Lain 𝕏\nEditor: Ana 😀';
    const out = clean(rawDocument(raw));
    expect(out.clean_text).toBe('𝐏𝐮𝐭𝐢𝐧 menolak sanksi 💪 dari Barat.');
    expect(out.removed.map((p) => [p.reason, p.text])).toEqual([
      ['title', '😀 Judul 🇷🇺 Rusia'],
      ['cross_link', 'Baca juga:\n🚀 Berita Lain 𝕏'],
      ['byline', 'Editor: Ana 😀'],
    ]);
    expect(offsetProblems(out)).toEqual([]);
    // 𝐏 is one code point (two UTF-16 units): the sentence starts at code point 24 of the raw text.
    expect(out.spans[0]).toEqual({ clean_start: 0, raw_start: [...'😀 Judul 🇷🇺 Rusia\n\u00a0\n'].length, length: 5 });
    expect(cleanToRaw(out, 6)).toBe(out.spans[1]?.raw_start);
    expect(cleanToRaw(out, [...out.clean_text].length)).toBe([...raw].indexOf('.') + 1);
  });
});

/* ---- Properties on generated text ---- */

const WORDS = [
  'Rusia',
  'NATO',
  'Barat',
  'dan',
  'yang',
  'di',
  'Moskow',
  'menolak',
  'sanksi',
  'Putin',
  'kata',
  'dia',
  'Baca',
  'juga:',
  'Editor:',
  'Foto:',
  '(ant/dhn)',
  '***',
  '-',
  '–',
  '/Reuters/',
  '(12/5/2025)',
  'JAKARTA',
  'Mei',
  '2025',
  '10:15',
  'WIB',
  '“',
  '”',
  '"',
  'by',
  'Views',
  '#tag',
  'Tags',
  'Ikuti',
  'kami',
  'Google',
  'News',
  'KOMPAS.com',
  '(ANTARA)',
  'Halaman',
  '1',
  '2',
  '©',
  '[dhn]',
  '(*)',
  'Oleh',
  'By',
  '😀',
  '𝐏𝐨𝐰𝐞𝐫',
  '🇷🇺',
  '新华社',
  'é',
  'e\u0301',
];
const BOILERPLATE_LINES = [
  'Baca Juga:',
  'BACA JUGA',
  'Editor: Haniv Avivu',
  'Tags',
  'Terkini',
  '1 Juni 2022, 08:45 WIB',
  'by -14 Views',
  '[keyword]bitcoin[/keyword]',
  '***',
  'Berita Terkait',
  'Ikuti kami di Google News',
  'Halaman 2/2',
  '© 2025 Situs',
  'ADVERTISEMENT',
  '#Rusia #NATO',
  'Bendera NATO dan Rusia',
  'Presiden Putin di Moskow /Mikhail Metzel/Reuters/',
  'LINGKAR KEDIRI – Rusia menolak sanksi Barat.',
  'Jakarta (ANTARA) - Rusia menolak.',
  'Rusia menolak. Jangan ketinggalan berita terbaru!',
  'Rusia menolak. [dhn]',
  '(ant/dhn)',
  'Putin Marah',
  'INTERNASIONAL',
  '- butir daftar',
  'Apakah Rusia Akan Menyerang?',
  'Reporter: Apakah Rusia akan membalas?',
  A,
  A,
  B,
  'Harga energi dunia',
  'Pasokan gandum',
];
const SPACE = fc.constantFrom(' ', ' ', ' ', '  ', '\u00a0', '\t', '\u3000', ' \u00a0 ');
const GENERATED_LINE = fc.oneof(
  fc
    .tuple(
      fc.array(
        fc.tuple(
          fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }) }),
          SPACE,
        ),
        { minLength: 1, maxLength: 30 },
      ),
      fc.constantFrom('', '.', '?', '.***', '. (ant/dhn)', '"', ':'),
    )
    .map(
      ([words, end]) =>
        words
          .map(([word, space]) => word + space)
          .join('')
          .trim() + end,
    ),
  fc.constantFrom(...BOILERPLATE_LINES),
  fc.string({ unit: 'binary', maxLength: 30 }),
);
const GENERATED_DOC = fc
  .array(fc.tuple(GENERATED_LINE, fc.constantFrom('\n', '\n\n', '\n\u00a0\n', '\n \n\n')), { minLength: 1, maxLength: 14 })
  .map((lines) => lines.map(([line, separator]) => line + separator).join(''));
const PROPERTY_RUNS = { numRuns: 400, seed: 20240627 };

describe('properties on generated text', () => {
  it('cleaning is idempotent: a second pass removes nothing and changes nothing', () => {
    fc.assert(
      fc.property(GENERATED_DOC, (raw) => {
        const out = clean(rawDocument(raw));
        const again = clean(rawDocument(out.clean_text));
        return again.clean_text === out.clean_text && again.removed.length === 0;
      }),
      PROPERTY_RUNS,
    );
  });

  it('pieces and spans keep every offset invariant; only whitespace is inserted', () => {
    fc.assert(
      fc.property(GENERATED_DOC, (raw) => offsetProblems(clean(rawDocument(raw))).length === 0),
      PROPERTY_RUNS,
    );
  });

  it('applyRemovals rebuilds exactly the clean text and spans of clean', () => {
    fc.assert(
      fc.property(GENERATED_DOC, (raw) => {
        const out = clean(rawDocument(raw));
        const applied = applyRemovals(raw, out.removed);
        return applied.clean_text === out.clean_text && JSON.stringify(applied.spans) === JSON.stringify(out.spans);
      }),
      PROPERTY_RUNS,
    );
  });

  it('clean text holds no character that is not in the raw text, apart from inserted spaces and newlines', () => {
    fc.assert(
      fc.property(GENERATED_DOC, (raw) => {
        const rawChars = new Set(raw);
        return [...clean(rawDocument(raw)).clean_text].every((char) => rawChars.has(char) || char === ' ' || char === '\n');
      }),
      PROPERTY_RUNS,
    );
  });
});

/* ---- Linear time ---- */

function repeatTo(unit: string, chars: number): string {
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
}

const MB = 1_000_000;

describe('running time grows linearly with the size of the input', () => {
  // Units repeated into one multi-megabyte line; each stresses a different family of rules.
  const UNITS = [
    ['ordinary body sentences', `${A} ${B} ${C} `],
    ['promo and cross-link phrases everywhere', 'Rusia menolak. Jangan ketinggalan berita terbaru! Baca juga: Putin Marah. '],
    ['credits, codes and end marks', 'Moskow /Mikhail Metzel/Reuters/ (Foto: ANTARA) (ant/dhn) [dhn] *** (*) -- '],
    ['one long word', 'a'],
    ['brackets and slashes', '( [ / ( / '],
    ['whitespace of every kind', ' \u00a0\t\u3000x'],
    ['dates and numbers', '12 Mei 2025 10:15 WIB 12/05/2025 1 2 3 '],
    ['capitalised words with dashes', 'LINGKAR KEDIRI – JAKARTA, KOMPAS.com - '],
  ] as const;

  // CPU time of this process (test/growth.ts): linear is ×4, quadratic ×16; the bound is ×10.
  it.each(UNITS)('%s: 4 MB takes well under 16× (quadratic) the work of 1 MB', (_, unit) => {
    expectLinearGrowth(
      (chars) => repeatTo(unit, chars),
      (text) => clean(rawDocument(text)),
      MB,
    );
  });

  it('applyRemovals copes with one line of a million whitespace gaps', () => {
    const raw = repeatTo(' \u00a0\t\u3000x', MB);
    const out = clean(rawDocument(raw));
    expect(applyRemovals(raw, out.removed)).toEqual({ clean_text: out.clean_text, spans: out.spans });
  });

  it('many short lines: 4 MB takes well under 16× the work of 1 MB', () => {
    const unit = `${A}\nBaca juga:\nPutin Marah\nEditor: Ana\n${B}\n\u00a0\nTags\n`;
    expectLinearGrowth(
      (chars) => repeatTo(unit, chars),
      (text) => clean(rawDocument(text)),
      MB,
    );
  });
});
