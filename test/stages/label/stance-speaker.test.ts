/**
 * Speaker-aware stance functions (CODEBOOK.md section 4): who speaks, and for
 * which side, decides many stance labels. Hand-written sentences in the style
 * of Indonesian and English news, none from a gold page, each checked against
 * the votes of the functions of pipeline/stages/label/stance.ts.
 */
import { describe, expect, it } from 'vitest';
import { labelingFunctionVotes, sentenceContexts } from '../../../pipeline/stages/label/label.js';
import { languageDocumentFromSentences } from '../../label-fixtures.js';

/** The stance votes (`<task>.<function>=<label>`) on each sentence of a document. */
function stanceVotes(sentences: string[]): [string[], ...string[][]] {
  const { contexts } = sentenceContexts(languageDocumentFromSentences(sentences));
  const votes = contexts.map((c) =>
    labelingFunctionVotes(c)
      .filter((v) => v.task === 'stance_russia' || v.task === 'stance_west')
      .map((v) => `${v.lf}=${v.label}`),
  );
  const [first = [], ...rest] = votes;
  return [first, ...rest];
}

describe('speaker-aware stance functions', () => {
  it("a side's speaker affirming its own side favors it and says nothing of the other", () => {
    const [votes] = stanceVotes(['"Kami tidak menginginkan perang dingin baru," kata Sekretaris Jenderal NATO Jens Stoltenberg.']);
    expect(votes).toContain('stance_west.speaker_affirms_own_side=favor');
    expect(votes).toContain('stance_russia.speaks_only_for_other_side=none');
  });

  it("a side's speaker rejecting the other side's act is against that side", () => {
    const [votes] = stanceVotes(['Juru bicara Kremlin Dmitry Peskov mengatakan sanksi baru Amerika Serikat itu tidak dapat diterima.']);
    expect(votes).toContain('stance_west.speaker_rejects_other_side=against');
  });

  it("a side's speaker presenting its own measures favors its side and is against the side they hit", () => {
    const [votes] = stanceVotes(['"Sanksi kami adalah tanggapan atas agresi Rusia," kata Presiden Amerika Serikat Joe Biden.']);
    expect(votes).toContain('stance_west.speaker_defends_own_measure=favor');
    expect(votes).toContain('stance_russia.measures_against_it_by_speaker=against');
  });

  it('a side that only accuses the other is none for itself', () => {
    const [votes] = stanceVotes(['Rusia menuduh Amerika Serikat mengobarkan perang dagang.']);
    expect(votes).toContain('stance_west.accused_by_active_verb=against');
    expect(votes).toContain('stance_russia.only_attacks_other_side=none');
  });

  it('a response to a side’s act blames that side', () => {
    const [votes] = stanceVotes(['Rusia mengatakan pengusiran itu sebagai tanggapan atas tindakan Washington terhadap diplomatnya.']);
    expect(votes).toContain('stance_west.blamed_by_response=against');
  });

  it('wariness aimed at a side is against it, not against the wary one', () => {
    const [votes] = stanceVotes(['Negara-negara Baltik semakin waspada terhadap Rusia.']);
    expect(votes).toContain('stance_russia.regarded_warily=against');
    expect(votes.some((v) => v.startsWith('stance_west.') && v.endsWith('=against'))).toBe(false);
  });

  it("heeding a side's concerns favors it", () => {
    const [votes] = stanceVotes(['Pengamat itu menilai Barat harus mendengar kekhawatiran Rusia soal perluasan aliansi.']);
    expect(votes).toContain('stance_russia.concerns_heeded=favor');
  });

  it('being held responsible is against the agent, unless hedged', () => {
    const [plain, hedged] = stanceVotes([
      'Menurut Moskow, NATO bertanggung jawab atas eskalasi di kawasan itu.',
      'Belum dipastikan apakah NATO bertanggung jawab atas insiden itu.',
    ]);
    expect(plain).toContain('stance_west.held_responsible=against');
    expect(hedged).not.toContain('stance_west.held_responsible=against');
  });

  it('a harm verb’s object is its victim: "X yang mengancam Rusia" is not against Russia', () => {
    const [votes] = stanceVotes(['Kehadiran militer yang mengancam Rusia terus bertambah di perbatasan.']);
    expect(votes).not.toContain('stance_russia.portrayed_as_threat=against');
  });

  it('a question without hostile words takes no stance', () => {
    const [votes] = stanceVotes(['Seberapa kuat daya tahan ekonomi Rusia menghadapi sanksi?']);
    expect(votes).toContain('stance_russia.only_asks=none');
  });

  it('ridicule and negative evaluation are against their target', () => {
    const [votes] = stanceVotes(['Menurut analis itu, invasi tersebut adalah kesalahan strategis Rusia.']);
    expect(votes).toContain('stance_russia.portrayed_negatively=against');
  });

  it('a warning by the other side is against the side warned', () => {
    const [votes] = stanceVotes(['Presiden Amerika Serikat Joe Biden memperingatkan Kremlin soal serangan siber.']);
    expect(votes).toContain('stance_russia.warned_by_other_side=against');
  });

  it('a threat "from" a side portrays that side', () => {
    const [votes] = stanceVotes(['Aliansi itu memperkuat pertahanan di sayap timur karena ancaman dari Rusia.']);
    expect(votes).toContain('stance_russia.portrayed_as_threat=against');
  });
});
