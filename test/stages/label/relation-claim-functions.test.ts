/**
 * The relation-signal and claim-class labelling functions one by one
 * (CODEBOOK.md sections 5–6): each hand-written sentence (none taken from the
 * seeds or the real pages) names the function that must vote on it, and a
 * near twin the function must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { labelingFunctionVotes, sentenceContexts } from '../../../pipeline/stages/label/label.js';
import { languageDocumentFromSentences } from '../../label-fixtures.js';

/** The votes on the last sentence, after the context sentences of the same article, as `<lf>=<label>`. */
function votesOn(sentences: readonly string[]): string[] {
  const { contexts } = sentenceContexts(languageDocumentFromSentences(sentences));
  const last = contexts[contexts.length - 1];
  if (last === undefined) throw new Error('no sentence');
  return labelingFunctionVotes(last).map((v) => `${v.lf}=${v.label}`);
}

/** An opening sentence that names both Russia and the West, so that the article is about them. */
const RUSSIA_WEST = 'Rusia dan Amerika Serikat kembali berselisih pekan ini.';

describe('relation signal functions', () => {
  it('reads a sanction lifted after its noun as relief, not as a new sanction', () => {
    const votes = votesOn([RUSSIA_WEST, 'Washington menyusun daftar sanksi terhadap Rusia yang dapat dilonggarkan.']);
    expect(votes).toContain('relation.sanction_relief_on_one_side=improving');
    expect(votes).not.toContain('relation.sanction_or_expulsion_on_one_side=deteriorating');
    const imposed = votesOn([RUSSIA_WEST, 'Washington menyusun daftar sanksi baru terhadap Rusia.']);
    expect(imposed).toContain('relation.sanction_or_expulsion_on_one_side=deteriorating');
  });

  it('reads a relief phrase (penghapusan sanksi, sanctions relief) as improving', () => {
    expect(votesOn([RUSSIA_WEST, 'Moskwa menuntut penghapusan sanksi atas bank-bank Rusia.'])).toContain('relation.sanction_relief_on_one_side=improving');
    expect(votesOn([RUSSIA_WEST, 'The Kremlin asked Washington for sanctions relief.'])).toContain('relation.sanction_relief_on_one_side=improving');
  });

  it('reads a postponed or fruitless meeting of the two sides as deteriorating', () => {
    const postponed = votesOn(['Pertemuan antara Presiden AS dan Presiden Rusia yang direncanakan bulan depan ditunda tanpa batas waktu.']);
    expect(postponed).toContain('relation.conciliation_reversed=deteriorating');
    expect(postponed).not.toContain('relation.conciliation_with_both_sides=improving');
    const held = votesOn(['Pertemuan antara Presiden AS dan Presiden Rusia digelar di Jenewa.']);
    expect(held).toContain('relation.conciliation_with_both_sides=improving');
  });

  it('leaves a third party distancing itself from sanctions out of the signal', () => {
    const votes = votesOn([RUSSIA_WEST, 'Indonesia tidak mengikuti sanksi sepihak terhadap Rusia dan tetap berdagang.']);
    expect(votes).toContain('relation.third_party_on_sanctions=none');
    expect(votes).not.toContain('relation.sanction_or_expulsion_on_one_side=deteriorating');
  });

  it('does not read a sports event named after a country (AS Terbuka) as the West', () => {
    const votes = votesOn(['Petenis Rusia itu bertemu rivalnya di final AS Terbuka.']);
    expect(votes).not.toContain('relation.conciliation_with_both_sides=improving');
    expect(votes).not.toContain('relation.hostility_with_both_sides=deteriorating');
  });

  it('reads a meeting of the West with a third party, Russia unnamed, as none', () => {
    expect(votesOn([RUSSIA_WEST, 'Kanselir Jerman bertemu Perdana Menteri Jepang di Berlin.'])).toContain('relation.conciliation_without_russia=none');
  });

  it('reads a vow not to yield as a signal, not as a negated one', () => {
    expect(votesOn(['Kremlin menegaskan Rusia tidak akan tinggal diam menghadapi langkah NATO.'])).toContain(
      'relation.hostility_with_both_sides=deteriorating',
    );
  });

  it('tells arms reaching Ukraine from Ukraine asking for them', () => {
    const delivered = votesOn([RUSSIA_WEST, 'Beberapa rudal jarak jauh akan diterima Ukraina bulan depan.']);
    expect(delivered).toContain('relation.arms_reach_ukraine_in_russia_west_article=deteriorating');
    const asked = votesOn([RUSSIA_WEST, 'Kyiv kembali meminta rudal jarak jauh dari Amerika Serikat.']);
    expect(asked).toContain('relation.ukraine_asks_for_arms=none');
    expect(asked).not.toContain('relation.west_arms_ukraine=deteriorating');
  });
});

describe('claim class functions', () => {
  it('reads a scheduled event as ufs', () => {
    expect(votesOn(['KTT para pemimpin G7 dijadwalkan berlangsung di Kanada pada Juni.'])).toContain('claim.ufs_scheduled=ufs');
    expect(votesOn(['The summit is scheduled to open in Geneva on Monday.'])).toContain('claim.ufs_scheduled=ufs');
  });

  it('reads the absence of detail as ufs', () => {
    expect(votesOn(['Rincian paket bantuan itu masih belum jelas.'])).toContain('claim.ufs_detail_unknown=ufs');
  });

  it('reads a short line without a closing mark as a heading, but not a numbered item or a cut-off quote', () => {
    expect(votesOn(['Dampak sanksi bagi ekonomi Rusia'])).toContain('claim.ufs_heading_or_fragment=ufs');
    expect(votesOn(['1. Finlandia menutup perbatasan dengan Rusia'])).not.toContain('claim.ufs_heading_or_fragment=ufs');
    expect(votesOn(['"Kami tidak akan'])).not.toContain('claim.ufs_heading_or_fragment=ufs');
    expect(votesOn(['Dampak sanksi bagi ekonomi Rusia terasa sejak awal tahun.'])).not.toContain('claim.ufs_heading_or_fragment=ufs');
  });

  it('reads history dated by a bare year as ufs, a dated event not', () => {
    expect(votesOn(['Pada 2008, Georgia berperang dengan Rusia.'])).toContain('claim.ufs_bare_year_history=ufs');
    expect(votesOn(['Pada 8 Agustus 2008, Rusia menyerang Georgia.'])).not.toContain('claim.ufs_bare_year_history=ufs');
  });

  it('reads a named actor announcing a plan as cfs, a prediction not', () => {
    expect(votesOn(['Inggris akan mengirim tank ke Ukraina pada akhir tahun ini.'])).toContain('claim.cfs_announced_plan=cfs');
    expect(votesOn(['Harga minyak akan naik tajam tahun depan.'])).not.toContain('claim.cfs_announced_plan=cfs');
    expect(votesOn(['Inggris mungkin akan mengirim tank ke Ukraina.'])).not.toContain('claim.cfs_announced_plan=cfs');
  });

  it('reads a viewpoint opener as nfs', () => {
    expect(votesOn(['Menurutnya, sanksi itu tidak akan mengubah sikap Moskow.'])).toContain('claim.nfs_viewpoint_opener=nfs');
    expect(votesOn(['Bagi Kremlin, perluasan NATO adalah ancaman.'])).toContain('claim.nfs_viewpoint_opener=nfs');
    expect(votesOn(['Sanksi itu berlaku bagi bank-bank Rusia.'])).not.toContain('claim.nfs_viewpoint_opener=nfs');
  });
});
