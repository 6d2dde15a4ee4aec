/**
 * The actor gazetteer (rules/actors.json, actors.ts), the `actors` table's
 * tally (output/actors.ts) and topic relevance (relevance.ts): issue 13.
 */
import { describe, expect, it } from 'vitest';
import { ActorTally } from '../../../pipeline/output/actors.js';
import { ACTOR_LIST, ACTOR_SIDES, resolveActor, sourceIdentity } from '../../../pipeline/stages/label/actors.js';
import { label } from '../../../pipeline/stages/label/label.js';
import { documentRelevance } from '../../../pipeline/stages/label/relevance.js';
import { sentenceFeatures } from '../../../pipeline/stages/label/sentence-features.js';
import { languageDocumentFromSentences } from '../../label-fixtures.js';

describe('actor gazetteer', () => {
  it('holds several hundred actors of every side and type, each alias once, QIDs well-formed or empty', () => {
    expect(ACTOR_LIST.length).toBeGreaterThanOrEqual(300);
    for (const side of ACTOR_SIDES) expect(ACTOR_LIST.some((a) => a.side === side)).toBe(true);
    for (const type of ['person', 'organisation', 'media']) expect(ACTOR_LIST.some((a) => a.type === type)).toBe(true);
    const aliases = ACTOR_LIST.flatMap((a) => a.aliases);
    expect(new Set(aliases).size).toBe(aliases.length);
    for (const a of ACTOR_LIST) expect(a.qid).toMatch(/^(Q[0-9]+)?$/);
  });

  it('resolves a name inside a title, prefers the person to the body of the title, and knows certain QIDs only', () => {
    expect(resolveActor('Juru bicara Kremlin Dmitry Peskov')?.name).toBe('Dmitry Peskov');
    expect(resolveActor('Menteri Luar Negeri Rusia Sergei Lavrov')?.side).toBe('russia');
    expect(resolveActor('Kementerian Luar Negeri China')?.side).toBe('china');
    expect(sourceIdentity('Vladimir Putin', null)).toEqual({ side: 'russia', qid: 'Q7747' });
    expect(sourceIdentity('pejabat Ukraina', 'other')).toEqual({ side: 'ukraine', qid: null });
    expect(sourceIdentity('seorang analis', null)).toEqual({ side: null, qid: null });
  });

  it('gives attributions source_side and source_qid', () => {
    const doc = label(languageDocumentFromSentences(['Presiden Rusia Vladimir Putin mengatakan bahwa Moskow siap berunding dengan Washington.']));
    expect(doc.attributions[0]).toMatchObject({ source_norm: 'Vladimir Putin', source_side: 'russia', source_qid: 'Q7747' });
  });
});

describe('ActorTally', () => {
  const row = (doc: string, norm: string, side: string | null, type = 'person') => ({
    doc_id: doc,
    source_norm: norm,
    source_side: side,
    source_qid: null,
    source_type: type,
  });
  const rows = [
    row('d1', 'Sergei Lavrov', 'russia'),
    row('d1', 'Sergei Lavrov', 'russia'),
    row('d2', 'Sergei Lavrov', null),
    row('d2', 'NATO', 'west', 'organisation'),
  ];

  it('counts attributions and documents per actor, in actor order', () => {
    const tally = new ActorTally();
    for (const r of rows) tally.add(r);
    expect(tally.rows()).toEqual([
      { actor: 'NATO', source_side: 'west', source_qid: null, source_type: 'organisation', n_attributions: 1, n_documents: 1 },
      { actor: 'Sergei Lavrov', source_side: 'russia', source_qid: null, source_type: 'person', n_attributions: 3, n_documents: 2 },
    ]);
  });

  it('gives the same rows from batch partials as from the rows one by one (sharded builds equal one run)', () => {
    const whole = new ActorTally();
    for (const r of rows) whole.add(r);
    const [a, b] = [new ActorTally(), new ActorTally()];
    for (const r of rows.slice(0, 2)) a.add(r);
    for (const r of rows.slice(2)) b.add(r);
    const merged = new ActorTally();
    merged.addPartial(a.partial());
    merged.addPartial(b.partial());
    expect(merged.rows()).toEqual(whole.rows());
  });
});

describe('topic relevance', () => {
  const relevanceOf = (sentences: string[]) => documentRelevance(sentences.map(sentenceFeatures), 0);

  it('marks a document naming both sides russia_west, and a short one on Russia alone russia_only', () => {
    expect(relevanceOf(['NATO menuduh Rusia melanggar perjanjian.']).label).toBe('russia_west');
    expect(relevanceOf(['Rusia menggelar pemilihan umum.']).label).toBe('russia_only');
  });

  it('marks general news unrelated: sport, or a stray mention in a long article', () => {
    const sport = [
      'Pebalap asal Spanyol tampil cemerlang pada balapan di sirkuit Le Mans.',
      'Pebalap Rusia itu finis di posisi kedua dalam balapan tersebut.',
      'Tim asal Inggris itu memimpin klasemen musim ini.',
      'Pelatih tim memuji para pemain setelah pertandingan.',
    ];
    expect(relevanceOf(sport)).toMatchObject({ label: 'unrelated', rules: ['relevance.unrelated.off_topic_domain'] });
    const stray = ['Harga cabai naik di pasar.', 'Pedagang mengeluh.', 'Pembeli berkurang.', 'Seorang turis dari Eropa ikut berbelanja.'];
    expect(relevanceOf(stray).label).toBe('unrelated');
  });

  it('gives the sentences of an unrelated document none stance and relation, by the relevance rule', () => {
    const doc = label(
      languageDocumentFromSentences(['Harga cabai naik di pasar.', 'Pedagang mengeluh.', 'Pembeli berkurang.', 'Eropa mengecam keras kebijakan itu.']),
    );
    expect(doc.relevance.label).toBe('unrelated');
    for (const s of doc.sentences) {
      expect([s.stance_russia.label, s.stance_west.label, s.relation_signal.label]).toEqual(['none', 'none', 'none']);
      expect(s.stance_west.rules).toEqual(doc.relevance.rules);
    }
  });
});
