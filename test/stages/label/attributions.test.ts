/**
 * Attributions (CODEBOOK.md section 7), round 2 of issue #13: the source
 * phrase boundaries, cues outside the plain verb-with-clause pattern, nested
 * and coordinated cues, and the content limits that keep a run of cues linear.
 * Every sentence here is written for the test (no text of ../shared/real).
 */
import { describe, expect, it } from 'vitest';
import { extractAttributions } from '../../../pipeline/stages/label/attributions/extract-attributions.js';
import { languageDocumentFromSentences } from '../../label-fixtures.js';

/** [source, cue] of each attribution of a one-or-more-sentence document. */
function sourcesAndCues(...sentences: string[]): [string, string][] {
  return extractAttributions(languageDocumentFromSentences(sentences)).map((a) => [a.source, a.cue]);
}

describe('attributions: source phrase boundaries', () => {
  it('reads across a bracketed date, an aside, an appositive and an addressee to the speaker', () => {
    expect(sourcesAndCues('Kremlin, hari Kamis (14/3) membantah laporan itu.')).toEqual([['Kremlin', 'membantah']]);
    expect(sourcesAndCues('Anna Lindh, dalam wawancara dengan televisi Swedia, mengatakan sanksi akan diperpanjang.')).toEqual([['Anna Lindh', 'mengatakan']]);
    expect(sourcesAndCues('Dmitry Peskov selaku juru bicara Kremlin menegaskan bahwa Moskow tidak akan mundur.')).toEqual([['Dmitry Peskov', 'menegaskan']]);
    expect(sourcesAndCues('Seorang diplomat senior kepada wartawan mengatakan perundingan akan dilanjutkan.')).toEqual([
      ['Seorang diplomat senior', 'mengatakan'],
    ]);
  });

  it('separates an office from the name after it, and keeps an office of an acronym whole', () => {
    expect(sourcesAndCues('Sekretaris Jenderal SPD Lars Klingbeil menegaskan bahwa partainya menolak usulan itu.')).toEqual([['Lars Klingbeil', 'menegaskan']]);
    expect(sourcesAndCues('Direktur CIA mengatakan ancaman itu nyata.')).toEqual([['Direktur CIA', 'mengatakan']]);
    expect(sourcesAndCues('"Kami tidak akan diam," kata Juru Bicara Kementerian Luar Negeri Rusia, Maria Zakharova, Senin.')).toEqual([
      ['Maria Zakharova', 'kata'],
    ]);
  });

  it('reads a group before a list of its members, and a list of unnamed professions', () => {
    const [group] = extractAttributions(
      languageDocumentFromSentences(['Pejabat Ukraina termasuk Menteri Luar Negeri Andrii Sybiha mengatakan serangan itu disengaja.']),
    );
    expect(group).toMatchObject({ source: 'Pejabat Ukraina', cue: 'mengatakan' });
    expect(sourcesAndCues('Para analis, diplomat dan pakar mengatakan perang dagang akan berlanjut.')).toEqual([
      ['Para analis, diplomat dan pakar', 'mengatakan'],
    ]);
  });

  it('keeps the demonstrative or article of a source taken up again, and the place of an unnamed one', () => {
    expect(sourcesAndCues('"Rencana itu sudah final," kata sumber tersebut.')).toEqual([['sumber tersebut', 'kata']]);
    expect(sourcesAndCues('The talks will resume next week, the official said.')).toEqual([['the official', 'said']]);
    expect(sourcesAndCues('Para diplomat di Wina, mengatakan kesepakatan hampir tercapai.')).toEqual([['Para diplomat di Wina', 'mengatakan']]);
  });
});

describe('attributions: after an inverted cue', () => {
  it('closes a quotation written with two apostrophes or an opening mark after a comma, and reads a lower-case title to the name', () => {
    expect(sourcesAndCues("''Kami akan membalas,'' kata juru bicara kementerian luar negeri Rusia Maria Zakharova.")).toEqual([['Maria Zakharova', 'kata']]);
    expect(sourcesAndCues('Sanksi itu tidak berguna, “kata kementerian itu dalam pernyataannya.')).toEqual([['kementerian itu', 'kata']]);
    expect(sourcesAndCues('"Pintu dialog tetap terbuka," kata juru bicara Departemen Luar Negeri.')).toEqual([['juru bicara Departemen Luar Negeri', 'kata']]);
    expect(sourcesAndCues('Setelah memeriksa puing-puing, penyidik mengatakan bahwa pesawat itu ditembak jatuh.')).toEqual([['penyidik', 'mengatakan']]);
  });
});

describe('attributions: English passives', () => {
  it('takes the agent after "by" as the source and what stands before the cue as the content', () => {
    const [condemned, criticised] = extractAttributions(
      languageDocumentFromSentences([
        'The referendum was roundly condemned by Western governments.',
        'The decision, criticised by Kremlin spokesman Dmitry Peskov, takes effect today.',
      ]),
    );
    expect(condemned).toMatchObject({ source: 'Western governments', cue: 'condemned', content: 'The referendum' });
    expect(criticised).toMatchObject({ source: 'Dmitry Peskov', cue: 'criticised', content: 'The decision' });
  });
});

describe('attributions: bodies and descriptions', () => {
  it('keeps a bracketed acronym inside a body name, before or after the cue', () => {
    expect(sourcesAndCues('Pejabat Kawalan Eksport (BIS) Jabatan Perdagangan AS mengumumkan bahawa senarai itu dikemas kini.')).toEqual([
      ['Pejabat Kawalan Eksport (BIS) Jabatan Perdagangan AS', 'mengumumkan'],
    ]);
    expect(sourcesAndCues('"Aturan itu berlaku segera," terang Kantor Urusan Eropa (OEA) Departemen Luar Negeri dalam rilisnya.')).toEqual([
      ['Kantor Urusan Eropa (OEA) Departemen Luar Negeri', 'terang'],
    ]);
  });

  it('reads a title after "the", a document taken up again and a Malay "sebelum ini" as what they are', () => {
    const [, president] = extractAttributions(
      languageDocumentFromSentences(['President Emmanuel Macron said France would stay firm.', '"We will not give in," the President said.']),
    );
    expect(president).toMatchObject({ source: 'the President', source_norm: 'Emmanuel Macron', cue: 'said' });
    expect(sourcesAndCues('Laporan tahunan itu menyebutkan bahwa ekspor turun.')).toEqual([['Laporan tahunan itu', 'menyebutkan']]);
    expect(sourcesAndCues('Perdana Menteri Anwar Ibrahim sebelum ini memberi amaran tentang kesan sekatan itu.')).toEqual([
      ['Anwar Ibrahim', 'memberi amaran'],
    ]);
  });
});

describe('attributions: cues', () => {
  it('takes a speech act on its object after a named subject, but not an announcement of an act', () => {
    expect(sourcesAndCues('Moskow mengecam NATO karena latihan militer di dekat perbatasannya.')).toEqual([['Moskow', 'mengecam']]);
    expect(sourcesAndCues('Kerajaan Malaysia membidas tindakan itu sebagai tidak berperikemanusiaan.')).toEqual([['Kerajaan Malaysia', 'membidas']]);
    expect(sourcesAndCues('Uni Eropa mengumumkan sanksi baru terhadap Rusia.')).toEqual([]);
    // A relative clause describes; it does not report.
    expect(sourcesAndCues('Ini langkah Washington yang mengancam Rusia.')).toEqual([]);
  });

  it('steps over passive reporting words between the speaker and the verb (dipetik sebagai berkata)', () => {
    expect(sourcesAndCues('Anwar dipetik sebagai berkata bahawa Malaysia kekal berkecuali.')).toEqual([['Anwar', 'berkata']]);
    expect(sourcesAndCues('Menteri itu dilaporkan berkata rundingan akan diteruskan.')).toEqual([['Menteri itu', 'berkata']]);
  });

  it('finds a that-clause after a short object or time phrase', () => {
    expect(sourcesAndCues('Menteri Luar Negeri Antony Blinken mengumumkan pada pertemuan di Brussel bahwa bantuan akan ditambah.')).toEqual([
      ['Antony Blinken', 'mengumumkan'],
    ]);
  });

  it('reads menurut with a document, a sentence-opening Katanya and an outlet after an inverted cue', () => {
    expect(sourcesAndCues('Menurut data resmi, cadangan devisa turun tajam.')).toEqual([['data resmi', 'Menurut']]);
    const [parenthetical] = extractAttributions(languageDocumentFromSentences(['Lavrov tiba di Ankara.', 'Katanya, pertemuan itu penting bagi kawasan.']));
    expect(parenthetical).toMatchObject({ source: '-nya', cue: 'Kata', content: 'pertemuan itu penting bagi kawasan' });
    const [reported] = extractAttributions(languageDocumentFromSentences(['Rusia menolak tuduhan itu, lapor agensi berita Interfax.']));
    expect(reported).toMatchObject({ source: 'Interfax', cue: 'lapor' });
  });
});

describe('attributions: nested and coordinated cues', () => {
  it('does not report a verb inside a quotation or inside the content of an earlier cue', () => {
    expect(sourcesAndCues('"Kami berharap perundingan berlanjut," kata Lavrov.')).toEqual([['Lavrov', 'kata']]);
    expect(sourcesAndCues('Ia mengatakan bahwa dia berharap hubungan kedua negara membaik.')).toEqual([['Ia', 'mengatakan']]);
    expect(sourcesAndCues('Analis itu mengatakan Putin ingin Barat mengakui bahwa Ukraina netral.')).toEqual([['Analis itu', 'mengatakan']]);
  });

  it('reports a new speaker after a contrastive clause, and a verb after a comma or coordinator with the previous speaker', () => {
    expect(sourcesAndCues('Moskow menyatakan siap berunding, sementara Kyiv menilai tawaran itu tidak tulus.')).toEqual([
      ['Moskow', 'menyatakan'],
      ['Kyiv', 'menilai'],
    ]);
    const attributions = extractAttributions(
      languageDocumentFromSentences(['"Dialog tetap terbuka," ucap Lavrov kepada wartawan, seraya menambahkan bahwa Moskow menunggu jawaban Washington.']),
    );
    expect(attributions.map((a) => [a.source, a.cue])).toEqual([
      ['Lavrov', 'ucap'],
      ['Lavrov', 'menambahkan'],
    ]);
    // A promise is not a statement: no attribution for 'berjanji akan'.
    expect(sourcesAndCues('Kementerian Luar Negeri Rusia menyebut langkah itu ilegal dan berjanji akan membalas.')).toEqual([
      ['Kementerian Luar Negeri Rusia', 'menyebut'],
    ]);
  });

  it('ends a content before the next cue of its sentence', () => {
    const [first, second] = extractAttributions(
      languageDocumentFromSentences(['Beijing menilai sanksi itu sepihak, sementara Tokyo menyatakan akan mengikutinya.']),
    );
    expect(first?.content).toBe('sanksi itu sepihak');
    expect(second?.content).toBe('akan mengikutinya');
  });

  it('keeps the contents of a long run of cues linear in total', () => {
    const totalContent = (n: number): number =>
      extractAttributions(
        languageDocumentFromSentences([`"Kami siap," ${'katanya, '.repeat(n)}lalu Lavrov mengatakan ${'dan menambahkan '.repeat(n)}perang.`]),
      ).reduce((sum, a) => sum + a.content.length, 0);
    expect(totalContent(400)).toBeLessThanOrEqual(4 * totalContent(100) + 100);
  });
});
