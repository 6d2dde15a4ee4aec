/**
 * Stage `clean` on the shapes real pages take (CODEBOOK.md section 1): the
 * structural rules and lexicons added for issue #12, each on a hand-written
 * page (no text here comes from ../shared/real), plus the outlet registry and
 * the reading of a JSONL `published_at`.
 */
import { describe, expect, it } from 'vitest';
import { clean } from '../../../pipeline/stages/clean/clean.js';
import { readGivenDate } from '../../../pipeline/stages/clean/given-date.js';
import { canonicalOutlet, REGISTERED_OUTLETS, urlHost } from '../../../pipeline/stages/clean/outlets.js';
import type { CleanDocument, RawDocument } from '../../../pipeline/types.js';
import { rawDocument } from '../../gold.js';

const A = 'Rusia menuduh negara-negara Barat memperpanjang perang di Ukraina dengan terus mengirimkan senjata ke Kiev.';
const B = 'Kremlin menyatakan tetap terbuka untuk perundingan, tetapi menolak syarat yang diajukan Washington dan Brussel.';
const C = 'Para analis menilai hubungan Moskow dengan NATO berada pada titik terendah sejak akhir Perang Dingin.';
const D = 'Sejumlah diplomat Eropa mengatakan sanksi baru akan dibahas dalam pertemuan para menteri pekan depan.';

function cleaned(lines: readonly string[], given: Partial<RawDocument['given']> = {}): CleanDocument {
  const doc = rawDocument(lines.join('\n\n'));
  return clean({ ...doc, given: { ...doc.given, ...given } });
}

function expectIdempotent(out: CleanDocument): void {
  expect(clean(rawDocument(out.clean_text)).clean_text).toBe(out.clean_text);
}

const pieces = (out: CleanDocument): string[] => out.removed.map((piece) => `${piece.rule}: ${piece.text}`);

describe('the headline among site chrome', () => {
  it('passes over skip links, subscription prompts and tickers', () => {
    const out = cleaned(['Skip to main content', 'Langganan Premium Tanpa Iklan', '• IHSG 7.123 12,5 0,18%', 'Moskow Tolak Syarat Baru dari Washington', A, B]);
    expect(out.title).toBe('Moskow Tolak Syarat Baru dari Washington');
    expect(out.clean_text).toBe(`${A}\n\n${B}`);
    expectIdempotent(out);
  });

  it('prefers the headline the header repeats, and reads the outlet the page appends to it', () => {
    const out = cleaned(['Moskow Tolak Syarat Baru dari Washington - Warta Contoh', 'Berita Dunia', 'Moskow Tolak Syarat Baru dari Washington', A, B]);
    expect(out.title).toBe('Moskow Tolak Syarat Baru dari Washington');
    expect(out.outlet).toBe('warta contoh');
    expect(out.outlet_as_written).toBe('Warta Contoh');
  });

  it('treats a short label ending in a colon as chrome, not as the first paragraph', () => {
    const out = cleaned(['Moskow Tolak Syarat Baru dari Washington', 'Waktu baca:', `JAKARTA: ${A}`, B]);
    expect(out.title).toBe('Moskow Tolak Syarat Baru dari Washington');
    expect(out.place).toBe('Jakarta');
    expect(out.clean_text).toBe(`${A}\n\n${B}`);
  });
});

describe('the lead-in below a standfirst or a summary', () => {
  it('removes a one-sentence standfirst under the headline as title and peels the lead-in of the next paragraph', () => {
    const out = cleaned(['Moskow Tolak Syarat Baru dari Washington', 'Kremlin menganggap syarat itu tidak bisa diterima.', `JENEWA - ${A}`, B]);
    expect(pieces(out)).toContain('title.standfirst: Kremlin menganggap syarat itu tidak bisa diterima.');
    expect(out.place).toBe('Jenewa');
    expect(out.clean_text).toBe(`${A}\n\n${B}`);
    expectIdempotent(out);
  });

  it('removes the lead photo line that opens with the headline (its alt text glued to the caption)', () => {
    const caption = 'Moskow Tolak Syarat Baru dari Washington Para diplomat tiba di gedung pertemuan. REUTERS';
    const out = cleaned(['Moskow Tolak Syarat Baru dari Washington', caption, `ISTANBUL - ${A}`, B]);
    expect(pieces(out)).toContain(`caption.header_line: ${caption}`);
    expect(out.clean_text).toBe(`${A}\n\n${B}`);
  });

  it('reads a place written with its district after a comma', () => {
    const out = cleaned([`WASHINGTON, DC – ${A}`, B]);
    expect(out.place).toBe('Washington, DC');
  });

  it('keeps a summary paragraph when no headline stands above it', () => {
    const summary = 'Kremlin menganggap syarat itu tidak bisa diterima. Perundingan akan berlanjut.';
    const out = cleaned([summary, `JENEWA - ${A}`, B]);
    expect(out.clean_text).toBe(`${summary}\n\n${A}\n\n${B}`);
    expectIdempotent(out);
  });

  it.each([
    ['a place and the outlet name in any case', `Brussel, Kabarcontoh- ${A}`, 'kabarcontoh', 'Brussel'],
    ['a place, a bar and a site', `Washington | CONTOH.co – ${A}`, 'contoh.co', 'Washington'],
    ['an outlet name in Title Case', `Warta Contoh – ${A}`, 'warta contoh', null],
    ['a full name with its acronym', `Kantor Berita Contoh Raya (KBCR): ${A}`, 'kbcr', null],
    ['wire agencies in brackets name no outlet', `Moskow (AFP/dpa) – ${A}`, null, 'Moskow'],
    ['the site name cut off before the comma', `, Brussel - ${A}`, null, 'Brussel'],
  ])('%s', (_, line, outlet, place) => {
    const out = cleaned([line, B]);
    expect(out.removed.map((piece) => piece.reason)).toEqual(['outlet_prefix']);
    expect([out.outlet, out.place]).toEqual([outlet, place]);
    expect(out.clean_text).toBe(`${A}\n\n${B}`);
    expectIdempotent(out);
  });

  it('reads a place lead-in standing on a line of its own', () => {
    const out = cleaned(['Washington -', A, B]);
    expect(pieces(out)).toEqual(['outlet_prefix.place_alone: Washington -']);
    expect(out.place).toBe('Washington');
  });
});

describe('short lines between paragraphs: crossheads, captions, related links', () => {
  it('keeps a crosshead (a subheading) as body', () => {
    const out = cleaned([A, 'Tekanan dari sekutu Barat', B, C]);
    expect(out.clean_text).toBe(`${A}\n\nTekanan dari sekutu Barat\n\n${B}\n\n${C}`);
    expectIdempotent(out);
  });

  it('removes a short name as a photo caption', () => {
    const out = cleaned([A, 'Gedung Kremlin', B, C]);
    expect(pieces(out)).toEqual(['caption.short_line: Gedung Kremlin']);
  });

  it('removes a caption the page prints twice, and one that opens a paragraph', () => {
    const twice = cleaned([A, 'Perundingan di meja bundar', 'Perundingan di meja bundar', B, C]);
    expect(twice.removed.map((piece) => piece.reason)).toEqual(['caption', 'caption']);
    const opening = cleaned([A, 'Menteri Luar Negeri Sergei Lavrov', `Menteri Luar Negeri Sergei Lavrov ${B.charAt(0).toLowerCase()}${B.slice(1)}`, C]);
    expect(pieces(opening)).toEqual(['caption.short_line: Menteri Luar Negeri Sergei Lavrov']);
  });

  it('keeps several crossheads of one article even when they are short names', () => {
    const out = cleaned([A, 'Latar Belakang Krisis', B, 'Sikap Negara Tetangga', C, 'Langkah Berikutnya Moskow', D]);
    expect(out.removed).toEqual([]);
  });

  it('removes a related headline in Title Case between paragraphs', () => {
    const out = cleaned([A, 'Ribuan Warga Eropa Kesulitan Mendapat Pasokan Gas Akibat Sanksi Baru', B, C]);
    expect(out.removed.map((piece) => piece.reason)).toEqual(['caption']);
  });

  it('removes bulleted related headlines after the article', () => {
    const out = cleaned([
      A,
      B,
      '- Menteri Pertahanan Tinjau Kesiapan Pasukan di Perbatasan Timur',
      '- Harga Minyak Dunia Naik Tajam Setelah Pengumuman Sanksi Terbaru',
    ]);
    expect(out.clean_text).toBe(`${A}\n\n${B}`);
  });

  it('keeps the fragment a crawler cut the page into as the last line', () => {
    const out = cleaned([A, B, 'Para menteri luar negeri akan bertemu kembali untuk memba']);
    expect(out.clean_text.endsWith('untuk memba')).toBe(true);
    expectIdempotent(out);
  });
});

describe('captions and chrome of many formats', () => {
  it.each([
    ['a slash credit after the full stop', 'Para menteri berfoto bersama di Brussel, Kamis (12/5/2025)./Reuters'],
    ['a slash credit after a year', 'Tiga pemimpin bertemu di Teheran pada 2019/net'],
    ['a path of names in brackets', 'Rudal jelajah dipamerkan di pangkalan udara (picture alliance/dpa/Bundeswehr)'],
    ['a site and a user in brackets', 'Lambang aliansi di markas besar (unsplash.com/fotografer)'],
    ['an English pic credit', 'The minister arrives at the summit venue in Brussels, May 12, 2025. — Reuters pic'],
    ['a photo box label', 'Image caption Para pengunjuk rasa berkumpul di depan kedutaan'],
    ['an image file name', '_12345678_987654321'],
    ['a credit opening the caption', 'Nama Fotografer/Getty Images Para pemimpin berjalan di depan bendera Uni Eropa'],
  ])('%s', (_, line) => {
    const out = cleaned([A, line, B]);
    expect(out.removed.map((piece) => piece.reason)).toEqual(['caption']);
    expect(out.clean_text).toBe(`${A}\n\n${B}`);
  });

  it.each([
    ['a next-article teaser', 'Next Article Rusia Siapkan Balasan atas Sanksi Terbaru dari Ua..'],
    ['a truncated related teaser', 'KAIRO, CONTOH.COM-Para pejabat mengatakan kedua kelompok hampir m...'],
    ['a headline printed twice, glued', 'Markets rally as talks resumeMarkets rally as talks resume'],
    ['a copy-guard alert', 'error: Copyright reserved!'],
    ['a marker with a comma', 'Baca juga, Moskow Siapkan Balasan atas Sanksi Baru'],
  ])('%s', (_, line) => {
    const out = cleaned([A, B, line, C]);
    expect(out.clean_text).toBe(`${A}\n\n${B}\n\n${C}`);
  });

  it('removes a caption printed twice and glued to the lead-in: two caption pieces, then the lead-in', () => {
    const caption = 'The minister arrives at the summit venue in Brussels, May 12, 2025. — Reuters pic';
    const lead = 'Rusia menolak syarat yang diajukan Washington dan Brussel dalam perundingan terbaru.';
    const out = cleaned(['Moskow Tolak Syarat Baru dari Washington', `${caption}${caption}JAKARTA, 12 Mei — ${lead}`, B]);
    expect(pieces(out).slice(1)).toEqual([
      `caption.doubled_opening: ${caption}`,
      `caption.doubled_opening: ${caption}`,
      'outlet_prefix.place: JAKARTA, 12 Mei —',
    ]);
    expect(out.clean_text).toBe(`${lead}\n\n${B}`);
    expectIdempotent(out);
  });

  it('removes a one-sentence wire caption dated with its weekday above a credit standing alone, and keeps a paragraph above a credit', () => {
    const caption = 'Polisi berjaga di depan gedung parlemen di Brussel, Selasa, 23 September 2025, setelah pertemuan darurat para menteri.';
    const out = cleaned([A, caption, '(Nama Fotografer/Kantor Berita melalui AP)', B, C]);
    expect(pieces(out)).toContain(`caption.dated_above_credit: ${caption}`);
    expect(out.clean_text).toBe(`${A}\n\n${B}\n\n${C}`);
    expectIdempotent(out);
    const kept = cleaned([A, B, '(Nama Fotografer/Kantor Berita melalui AP)', C]);
    expect(kept.clean_text).toBe(`${A}\n\n${B}\n\n${C}`);
  });

  it('keeps a line whose opening words merely recur later in it', () => {
    const line = 'Presiden Rusia mengatakan bahwa Presiden Rusia mengatakan hal serupa tahun lalu kepada para wartawan di Moskow.';
    expect(cleaned([A, line, B]).removed).toEqual([]);
  });

  it('removes a browser banner and a ticker standing above the article', () => {
    const out = cleaned([
      'Please update your browser to view this site properly.',
      'TERKINI Satu | Dua berita lain | Tiga berita lain',
      'Moskow Tolak Syarat Baru dari Washington',
      A,
      B,
    ]);
    expect(out.title).toBe('Moskow Tolak Syarat Baru dari Washington');
    expect(out.clean_text).toBe(`${A}\n\n${B}`);
  });

  it('removes an English caption beside a photo credit in an Indonesian page, but keeps an English quotation elsewhere', () => {
    const caption = 'The minister arrives at the building ahead of talks in Brussels.';
    const more = [
      'Pemerintah di Moskow mengatakan bahwa pihaknya tidak akan mundur dari tuntutan itu.',
      'Menurut para pejabat, pertemuan tersebut juga akan membahas pertukaran tahanan.',
      'Namun sejumlah negara anggota masih ragu terhadap rencana yang diajukan oleh Brussel.',
    ];
    const out = cleaned([A, caption, 'ilustrasi (Foto: AP/Nama Fotografer)', B, C, D, ...more]);
    expect(pieces(out)).toContain(`caption.other_language: ${caption}`);
    const quoted = cleaned([A, B, 'The talks will go on as planned at the end of the week.', C, D, ...more]);
    expect(quoted.removed).toEqual([]);
  });
});

describe('headline, standfirst, byline, date', () => {
  it('removes a one-sentence standfirst that a byline or date separates from the article', () => {
    const out = cleaned([
      'Moskow Tolak Syarat Baru dari Washington',
      'Kremlin menganggap syarat itu tidak bisa diterima.',
      'Kamis, 08 Des 2022 20:49 WIB',
      A,
      B,
    ]);
    expect(pieces(out)).toContain('title.standfirst: Kremlin menganggap syarat itu tidak bisa diterima.');
    expect(out.clean_text).toBe(`${A}\n\n${B}`);
    expectIdempotent(out);
  });

  it('keeps a lone paragraph above an end byline: it is the article', () => {
    const out = cleaned(['Moskow Tolak Syarat Baru dari Washington', 'Kremlin menganggap syarat itu tidak bisa diterima.', 'Editor: Nama Editor']);
    expect(out.clean_text).toBe('Kremlin menganggap syarat itu tidak bisa diterima.');
  });

  it("takes the date under the headline, not the site's clock above it", () => {
    const out = cleaned(['Senin, 10 Maret 2025', 'Moskow Tolak Syarat Baru dari Washington', 'Nama Penulis', '13 Mei 2022 19:22 WIB', A, B]);
    expect(out.published_at).toBe('2022-05-13T19:22:00+07:00');
    expect(out.author).toBe('Nama Penulis');
  });

  it('does not read a posting account as the author', () => {
    expect(cleaned(['Moskow Tolak Syarat Baru dari Washington', 'Admin Berita', '13 Mei 2022 19:22 WIB', A, B]).author).toBeNull();
  });

  it('does not take a credited source site as the outlet', () => {
    expect(cleaned([A, B, 'Sumber: contoh-lain.com']).outlet).toBeNull();
  });

  it('removes a short chrome phrase line above the article', () => {
    const out = cleaned(['Just click on the icons to get to the download page.', 'Moskow Tolak Syarat Baru dari Washington', A, B]);
    expect(out.clean_text).toBe(`${A}\n\n${B}`);
  });
});

describe('author and editor', () => {
  it('reads the name a dateline carries before its date', () => {
    expect(cleaned(['Moskow Tolak Syarat Baru', 'Nama Penulis | Kamis, 27/02/2025 23:05 WIB', A, B]).author).toBe('Nama Penulis');
    expect(cleaned(['Moskow Tolak Syarat Baru', 'Nama Penulis • 18 February 2025 23:19', A, B]).author).toBe('Nama Penulis');
  });

  it('reads the outlet line in the byline slot as the author, and a byline with a bracketed short name', () => {
    expect(cleaned(['Moskow Tolak Syarat Baru', 'CNN Indonesia', 'Kamis, 08 Des 2022 20:49 WIB', A, B]).author).toBe('CNN Indonesia');
    const out = cleaned(['Moskow Tolak Syarat Baru', 'Deutsche Welle (DW) - detikNews', A, B]);
    expect([out.author, out.outlet]).toEqual(['Deutsche Welle (DW)', 'detik.com']);
  });

  it('drops a footnote star after a name and reads combined labels', () => {
    expect(cleaned([A, B, 'Oleh : Nama Penulis*']).author).toBe('Nama Penulis');
    expect(cleaned([A, B, 'Redaktur & Reporter : Tim Redaksi']).editor).toBe('Tim Redaksi');
  });
});

describe('the outlet registry (rules/outlets.json)', () => {
  it('is broad: many dozens of outlets', () => {
    expect(REGISTERED_OUTLETS).toBeGreaterThanOrEqual(150);
  });

  it.each([
    ['ANTARA', 'antaranews.com'],
    ['Antara News', 'antaranews.com'],
    ['antaranews.com', 'antaranews.com'],
    ['www.antaranews.com', 'antaranews.com'],
    ['CNBC Indonesia', 'cnbcindonesia.com'],
    ['detikNews', 'detik.com'],
    ['news.detik.com', 'detik.com'],
    ['Bernama', 'bernama.com'],
    ['The Straits Times', 'straitstimes.com'],
    ['lingkarkediri.pikiran-rakyat.com', 'lingkarkediri.pikiran-rakyat.com'],
    ['Warta Contoh', 'warta contoh'],
    ['Contoh-Berita.co.id', 'contoh-berita.co.id'],
  ])('%s → %s', (written, canonical) => {
    expect(canonicalOutlet(written)).toBe(canonical);
  });

  it('maps a JSONL url host through the same registry', () => {
    const out = cleaned([A, B], { url: 'https://m.antaranews.com/berita/123' });
    expect(urlHost('https://m.antaranews.com/berita/123')).toBe('antaranews.com');
    expect([out.outlet, out.outlet_as_written]).toEqual(['antaranews.com', 'antaranews.com']);
  });
});

describe('a JSONL published_at', () => {
  it.each([
    ['2022-06-01', '2022-06-01'],
    ['2022-06-01T08:45:00+07:00', '2022-06-01T08:45:00+07:00'],
    ['2022-06-01T01:45:00Z', '2022-06-01T01:45:00+00:00'],
    ['2022-06-01 08:45', '2022-06-01T08:45:00'],
    ['1 Juni 2022, 08:45 WIB', '2022-06-01T08:45:00+07:00'],
    ['2022-11', '2022-11'],
    ['2022', '2022'],
  ])('%s reads as %s', (text, iso) => {
    expect(readGivenDate(text)).toEqual({ iso, warning: null });
  });

  it.each(['kemarin', '2022-13-01', '2022-02-30', '2022-13', ''])('"%s" becomes null with a warning that quotes it', (text) => {
    const reading = readGivenDate(text);
    expect(reading.iso).toBeNull();
    expect(reading.warning).toMatch(/^published_at: /);
    if (text.length > 0) expect(reading.warning).toContain(JSON.stringify(text));
  });

  it('reaches the document: null published_at and the warning kept, never silently', () => {
    const out = cleaned([A, B], { published_at: 'minggu lalu' });
    expect(out.published_at).toBeNull();
    expect(out.warnings).toEqual(['published_at: "minggu lalu" is neither ISO 8601 nor a date stamp; left null']);
  });

  it('a month without a day is read at month precision; a full date in the text or a given date in that month says more', () => {
    const inline = cleaned([`date 2022-11 JAKARTA - ${A}`, B]);
    expect([inline.published_at, inline.clean_text]).toEqual(['2022-11', `${A}\n\n${B}`]);
    expect(pieces(cleaned(['Moskow Tolak Syarat Baru', 'Diterbitkan: November 2022', A, B]))).toContain('dateline.stamp: Diterbitkan: November 2022');
    expect(cleaned(['Moskow Tolak Syarat Baru', 'Diterbitkan: November 2022', A, B]).published_at).toBe('2022-11');
    // Unlabelled, a month and a year is no stamp (a crosshead, a caption).
    expect(cleaned(['Moskow Tolak Syarat Baru', 'November 2022', A, B]).published_at).toBeNull();
    expect(cleaned(['date 2022-11', 'Rabu, 16 November 2022 10:15 WIB', A, B]).published_at).toBe('2022-11-16T10:15:00+07:00');
    expect(cleaned(['date 2022-11', A, B], { published_at: '2022-11-16' }).published_at).toBe('2022-11-16');
    expect(cleaned(['date 2022-11', A, B], { published_at: '2021-03-01' }).published_at).toBe('2022-11');
  });

  it('a date in the text wins over the given one, which then is not read', () => {
    const out = cleaned(['Kamis, 08 Des 2022 20:49 WIB', A, B], { published_at: 'bukan tanggal' });
    expect([out.published_at, out.warnings]).toEqual(['2022-12-08T20:49:00+07:00', []]);
  });
});
