/**
 * The labelling stage (CODEBOOK.md sections 4–7): the record it returns, its
 * purity, the floors of issue 3 on the seed gold, attribution details, the
 * label model, and hand-written unseen-style sentences that show the lexicons
 * are not keyed to the seeds.
 */
import { type FittedLabelModel, SHIPPED_MODEL, VOTES_ONLY_MODEL } from '../../../pipeline/stages/label/fitted-model.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../pipeline/quality/evaluate.js';
import { attributionType, extractAttributions } from '../../../pipeline/stages/label/attributions/extract-attributions.js';
import { LABELING_FUNCTIONS, label, labelingFunctionVotes, sentenceContexts } from '../../../pipeline/stages/label/label.js';
import { combineVotes, functionWeight } from '../../../pipeline/stages/label/label-model.js';
import { UNLISTED_CATEGORIES } from '../../../pipeline/stages/label/lexicons.js';
import LABEL_MODEL from '../../../pipeline/stages/label/rules/label-model.json' with { type: 'json' };
import { CLAIM_CLASSES, RELATION_SIGNALS, STANCE_VALUES, type LabeledDocument } from '../../../pipeline/types.js';
import { codePointSlice, GOLD_DIR, readGoldDocuments, REPO_ROOT } from '../../gold.js';
import { languageDocumentFromGold, languageDocumentFromSentences } from '../../label-fixtures.js';

const gold = readGoldDocuments(GOLD_DIR);
const labelledGold: LabeledDocument[] = gold.map((g, i) => label(languageDocumentFromGold(g, `00000000000000${String(i).padStart(2, '0')}`)));

describe('label: the record', () => {
  it('keeps every sentence and gives each task a valid label, a confidence in [0, 1] and known rule ids', () => {
    const ids = new Set(LABELING_FUNCTIONS.map((lf) => lf.id));
    // The fitted model's own rule: its weights decided a label the functions did not vote.
    const MODEL_RULES = new Set(['stance_russia', 'stance_west', 'relation', 'claim'].map((task) => `${task}.label_model`));
    for (const doc of labelledGold) {
      for (const s of doc.sentences) {
        for (const [decision, labels] of [
          [s.stance_russia, STANCE_VALUES],
          [s.stance_west, STANCE_VALUES],
          [s.relation_signal, RELATION_SIGNALS],
          [s.claim_class, CLAIM_CLASSES],
        ] as const) {
          expect(labels as readonly string[]).toContain(decision.label);
          expect(decision.confidence).toBeGreaterThanOrEqual(0);
          expect(decision.confidence).toBeLessThanOrEqual(1);
          for (const rule of decision.rules) expect(ids.has(rule) || MODEL_RULES.has(rule) || rule.startsWith('relevance.')).toBe(true);
        }
      }
    }
    expect(labelledGold.map((d) => d.sentences.length)).toEqual(gold.map((g) => g.sentences.length));
  });

  it('is pure: the same input gives the same output and is not changed', () => {
    const input = languageDocumentFromGold(gold[2] as (typeof gold)[number]);
    const before = JSON.stringify(input);
    expect(JSON.stringify(label(input))).toBe(JSON.stringify(label(input)));
    expect(JSON.stringify(input)).toBe(before);
  });

  it('labels an empty document without failing', () => {
    const empty = { ...languageDocumentFromSentences([]), sentences: [], clean_text: '' };
    const out = label(empty);
    expect(out.sentences).toEqual([]);
    expect(out.attributions).toEqual([]);
  });

  it('gives attributions ids in text order and content that is the clean_text slice at its code-point offsets', () => {
    for (const doc of labelledGold) {
      doc.attributions.forEach((a, n) => {
        expect(a.attribution_id).toBe(`${doc.doc_id}-a${n}`);
        expect(codePointSlice(doc.clean_text, a.char_start, a.char_end)).toBe(a.content);
        expect([...a.sentence_indices].sort((x, y) => x - y)).toEqual(a.sentence_indices);
        expect(a.rules.length).toBeGreaterThan(0);
      });
    }
  });

  it('names its labelling functions <task>.<name>, uniquely, and weights only functions that exist', () => {
    const ids = LABELING_FUNCTIONS.map((lf) => lf.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const lf of LABELING_FUNCTIONS)
      expect(lf.id.startsWith(lf.task === 'relation_signal' ? 'relation.' : lf.task === 'claim_class' ? 'claim.' : `${lf.task}.`)).toBe(true);
    for (const id of Object.keys(LABEL_MODEL.accuracy)) expect(ids).toContain(id);
  });

  it('exposes every vote, not only the winners', () => {
    const { contexts } = sentenceContexts(
      languageDocumentFromSentences(['Rusia menuduh NATO memprovokasi konflik, namun Kremlin tetap terbuka untuk dialog dengan Washington.']),
    );
    const votes = labelingFunctionVotes(contexts[0] as (typeof contexts)[number]);
    expect(votes.map((v) => v.lf)).toEqual(
      expect.arrayContaining(['stance_west.accused_by_active_verb', 'relation.hostility_with_both_sides', 'relation.conciliation_with_both_sides']),
    );
  });
});

describe('label: floors on the seed gold (issue 3)', () => {
  const scores = evaluate(gold, labelledGold);
  it.each([
    ['stance F_avg, Russia', scores.stance_russia.f_avg, 0.7],
    ['stance F_avg, West', scores.stance_west.f_avg, 0.7],
    ['relation-signal macro-F1', scores.relation_signal.macro_f1, 0.8],
    ['claim-class macro-F1', scores.claim_class.macro_f1, 0.7],
    ['attribution F1', scores.attribution.f1, 0.85],
  ])('%s ≥ floor', (_name, value, floor) => {
    expect(value).toBeGreaterThanOrEqual(floor);
  });
});

describe('extractAttributions', () => {
  it('resolves pronouns and short names to the canonical full name the article gives', () => {
    const doc = languageDocumentFromSentences([
      'Menteri Luar Negeri Rusia Sergei Lavrov mengatakan bahwa Moskow siap berunding.',
      'Ia juga menegaskan bahwa sanksi tidak akan mengubah sikap Rusia.',
      '"Kami tidak takut," kata Lavrov.',
      'Menurutnya, Barat harus mengubah pendekatannya.',
    ]);
    const found = extractAttributions(doc).map((a) => [a.source, a.source_norm, a.cue, a.type, a.sentence_indices]);
    expect(found).toEqual([
      ['Sergei Lavrov', 'Sergei Lavrov', 'mengatakan', 'indirect', [0]],
      ['Ia', 'Sergei Lavrov', 'menegaskan', 'indirect', [1]],
      ['Lavrov', 'Sergei Lavrov', 'kata', 'direct', [2]],
      ['-nya', 'Sergei Lavrov', 'Menurut', 'indirect', [3]],
    ]);
  });

  it('points "Hal ini diungkapkan oleh X" back at the previous sentence and expands an acronym', () => {
    const doc = languageDocumentFromSentences([
      'Rusia memperkuat pasukannya di perbatasan.',
      'Hal ini diungkapkan oleh Center for Strategic and International Studies (CSIS) dalam laporannya.',
      'CSIS menambahkan bahwa latihan itu akan berlanjut.',
    ]);
    const [first, second] = extractAttributions(doc);
    expect(first).toMatchObject({
      source: 'Center for Strategic and International Studies',
      cue: 'diungkapkan',
      source_type: 'organisation',
      sentence_indices: [0, 1],
      content: 'Rusia memperkuat pasukannya di perbatasan',
    });
    expect(second).toMatchObject({ source: 'CSIS', source_norm: 'Center for Strategic and International Studies', cue: 'menambahkan' });
  });

  it('follows a quotation across sentences to the inverted cue', () => {
    const doc = languageDocumentFromSentences(['"Kami siap bicara. Tetapi syaratnya jelas," ujar Peskov.']);
    const sentences = ['"Kami siap bicara.', 'Tetapi syaratnya jelas," ujar Peskov.'];
    const twoSentences = {
      ...doc,
      sentences: [
        { ...(doc.sentences[0] as (typeof doc.sentences)[number]), index: 0, text: sentences[0] as string, char_end: 18 },
        { ...(doc.sentences[0] as (typeof doc.sentences)[number]), index: 1, text: sentences[1] as string, char_start: 19 },
      ],
    };
    const [a] = extractAttributions(twoSentences);
    expect(a).toMatchObject({ source: 'Peskov', cue: 'ujar', type: 'direct', sentence_indices: [0, 1] });
  });

  it('types unnamed sources anonymous and finds no source where the verb has none', () => {
    expect(extractAttributions(languageDocumentFromSentences(['Seorang pejabat AS mengatakan bahwa pertemuan itu ditunda.']))[0]).toMatchObject({
      source: 'Seorang pejabat AS',
      source_type: 'anonymous',
    });
    expect(extractAttributions(languageDocumentFromSentences(['China tidak memberikan kecaman ataupun menyebut tindakan itu sebagai invasi.']))).toEqual([]);
    expect(extractAttributions(languageDocumentFromSentences(['Moskow mengumumkan pemutusan hubungan dengan aliansi itu.']))).toEqual([]);
  });

  it("strips Malay honorifics and titles from the source (Datuk Seri, Tan Sri, Tun Dr, Dato' Sri)", () => {
    const doc = languageDocumentFromSentences([
      'Menteri Luar Negeri Datuk Seri Mohamad Hasan berkata Malaysia tidak akan menyertai sekatan unilateral.',
      'Tan Sri Muhyiddin Yassin pula berkata kerajaan perlu berhati-hati.',
      'Tun Dr Mahathir Mohamad berkata Barat bersikap hipokrit.',
      "Dato' Sri Tengku Zafrul Aziz berkata Malaysia akan terus berdagang dengan semua negara.",
    ]);
    expect(extractAttributions(doc).map((a) => a.source)).toEqual(['Mohamad Hasan', 'Muhyiddin Yassin', 'Mahathir Mohamad', 'Tengku Zafrul Aziz']);
  });

  it('points "Beliau berkata demikian ..." back at the previous sentence and resolves Beliau', () => {
    const doc = languageDocumentFromSentences([
      'Malaysia tidak akan menyertai sekatan terhadap Rusia, kata Menteri Luar Negeri Datuk Seri Mohamad Hasan.',
      'Beliau berkata demikian ketika ditemui pemberita di Putrajaya hari ini.',
    ]);
    const [first, second] = extractAttributions(doc);
    expect(first).toMatchObject({ source: 'Mohamad Hasan', cue: 'kata', sentence_indices: [0] });
    expect(second).toMatchObject({
      source: 'Beliau',
      source_norm: 'Mohamad Hasan',
      cue: 'berkata',
      sentence_indices: [0, 1],
      content: 'Malaysia tidak akan menyertai sekatan terhadap Rusia, kata Menteri Luar Negeri Datuk Seri Mohamad Hasan',
    });
    expect(label(doc).sentences[1]?.claim_class.label).toBe('ufs');
  });

  it('gives a reporting verb coordinated with an earlier verb the subject of the sentence, but only a known one', () => {
    // Both verbs report (a denial on its object, a statement); the first content ends where the second cue starts.
    expect(
      extractAttributions(languageDocumentFromSentences(['Kremlin bagaimanapun menafikan dakwaan itu dan berkata ia hanyalah propaganda Barat.'])).map((a) => [
        a.source,
        a.cue,
        a.content,
      ]),
    ).toEqual([
      ['Kremlin', 'menafikan', 'dakwaan itu'],
      ['Kremlin', 'berkata', 'ia hanyalah propaganda Barat'],
    ]);
    expect(
      extractAttributions(languageDocumentFromSentences(["Russia's foreign ministry called the measures unlawful and said Moscow would respond."]))[0],
    ).toMatchObject({ source: "Russia's foreign ministry", source_type: 'organisation', cue: 'said' });
    expect(extractAttributions(languageDocumentFromSentences(['Kedatangan rombongan itu disambut meriah dan mengakui bahwa acara berjalan lancar.']))).toEqual(
      [],
    );
  });

  it('finds Malay and English source phrases: menurut laporan X, a parenthetical katanya, a bare title of office, an English head-last body', () => {
    expect(
      extractAttributions(languageDocumentFromSentences(['Menurut laporan agensi berita TASS, Moscow akan mengusir empat diplomat Britain.']))[0],
    ).toMatchObject({ source: 'TASS', source_type: 'media', cue: 'Menurut' });
    expect(
      extractAttributions(languageDocumentFromSentences(['Bagaimanapun, katanya, Barat perlu berhenti mencampuri urusan dalaman Rusia.']))[0],
    ).toMatchObject({ source: '-nya', cue: 'kata', content: 'Barat perlu berhenti mencampuri urusan dalaman Rusia' });
    expect(
      extractAttributions(
        languageDocumentFromSentences(['Jerman mengusir dua diplomat Rusia, kata juru bicara Kementerian Luar Negeri Jerman di Berlin, Rabu.']),
      )[0],
    ).toMatchObject({ source: 'juru bicara Kementerian Luar Negeri Jerman', cue: 'kata' });
    expect(
      extractAttributions(languageDocumentFromSentences(['China and Russia held joint drills, the Chinese defence ministry said on Sunday.']))[0],
    ).toMatchObject({ source: 'Chinese defence ministry', source_type: 'organisation' });
    expect(extractAttributions(languageDocumentFromSentences(['According to the Kremlin, the two leaders spoke by telephone.']))[0]).toMatchObject({
      source: 'Kremlin',
      cue: 'According to',
    });
    // A title with no state or body in it, before a name the run did not reach, is no source.
    expect(extractAttributions(languageDocumentFromSentences(['"Kami siap," ujar Manajer tim itu.']))).toEqual([]);
  });

  it('slices multi-sentence content at code-point offsets when the text has characters outside the BMP', () => {
    const doc = languageDocumentFromSentences(['"Kami siap berunding 😀.', 'Tetapi syaratnya jelas," ujar Peskov.']);
    const [a] = label(doc).attributions;
    if (a === undefined) throw new Error('no attribution found');
    expect(a).toMatchObject({ source: 'Peskov', type: 'direct', sentence_indices: [0, 1] });
    expect(codePointSlice(doc.clean_text, a.char_start, a.char_end)).toBe(a.content);
  });

  it.each([
    ['"Kami siap berunding,"', 'direct'],
    ['Barat mendukung “ketakutan terhadap Rusia” sejak lama', 'mixed'],
    ['Moskow siap berunding', 'indirect'],
  ])('attributionType(%j) = %s', (content, expected) => {
    expect(attributionType(content)).toBe(expected);
  });
});

describe('labelling functions on general constructions', () => {
  const labels = (sentences: string[]): [string, string, string, string][] =>
    label(languageDocumentFromSentences(sentences), VOTES_ONLY_MODEL).sentences.map((s) => [
      s.stance_russia.label,
      s.stance_west.label,
      s.relation_signal.label,
      s.claim_class.label,
    ]);

  it.each([
    // a dismissed claim: against its holder, for the accused named in it
    ['Rusia menyebut tuduhan Barat soal keterlibatan Moskow dalam serangan siber itu tidak berdasar.', 'favor', 'against'],
    // a charge denied: for the side it is about
    ['Rutte menegaskan bahwa NATO bukan ancaman bagi Rusia.', 'none', 'favor'],
    // hostile words in an accusation's content portray the accused, not the other side it names
    ['Presiden Rusia Vladimir Putin menuduh negara-negara Barat berupaya memecah belah Rusia melalui sanksi dan propaganda.', 'none', 'against'],
    // the possessor after a portrayal noun (hegemoni AS) is its target
    ['Beijing dan Moskow sepakat memperkuat koordinasi untuk melawan hegemoni Amerika Serikat.', 'none', 'against'],
    // English possessive: Russia's
    ["The European Union condemned Russia's annexation of four regions as illegal.", 'against', 'none'],
  ])('%s → russia %s, west %s', (text, russia, west) => {
    const [s] = labels([text]);
    expect(s?.slice(0, 2)).toEqual([russia, west]);
  });

  it("reads a speaker's hostile words about an unnamed action as against the other side of the article", () => {
    const [, second] = labels([
      'Uni Eropa mengadopsi paket sanksi baru terhadap Rusia.',
      'Kementerian Luar Negeri Rusia menyebut langkah tersebut ilegal dan provokatif.',
    ]);
    expect(second?.slice(0, 2)).toEqual(['none', 'against']);
  });

  it('reads reversed, lifted and readiness signals of the relation', () => {
    expect(labels(['Rusia menuduh Washington merusak perjanjian pengendalian senjata.'])[0]?.[2]).toBe('deteriorating');
    expect(labels(['Washington mempertimbangkan pelonggaran sanksi terhadap bank-bank Rusia.'])[0]?.[2]).toBe('improving');
    expect(labels(['Presiden Rusia Vladimir Putin berkata Moscow sedia berunding dengan Washington tanpa prasyarat.'])[0]?.slice(0, 3)).toEqual([
      'favor',
      'none',
      'improving',
    ]);
    // readiness to talk with a third party is no conciliation with the West
    expect(labels(['Putin menyatakan bahwa Moskow siap membahas masalah keamanan dengan China.'])[0]?.slice(0, 3)).toEqual(['none', 'none', 'none']);
    // "tidak hanya" is not a negation
    expect(labels(['Barat tidak hanya menjatuhkan sanksi kepada Rusia.'])[0]?.[2]).toBe('deteriorating');
  });

  it('reads recommendations as non-factual but "harus" of what someone had to do as factual', () => {
    expect(labels(['Menurut dia, Indonesia sebaiknya tetap menjaga politik luar negeri bebas aktif.'])[0]?.[3]).toBe('nfs');
    expect(labels(['Akibat cedera itu, petenis berusia 24 tahun tersebut harus menepi selama 11 bulan.'])[0]?.[3]).toBe('cfs');
  });
});

describe('combineVotes (label model)', () => {
  it('gives the default label, its prior confidence and no rules when every function abstains', () => {
    expect(combineVotes('stance', STANCE_VALUES, [])).toEqual({ label: 'none', confidence: LABEL_MODEL.abstain.stance.confidence, rules: [] });
    expect(combineVotes('claim', CLAIM_CLASSES, [])).toMatchObject({ label: 'cfs', rules: [] });
  });

  it('weighs votes by the log-odds of their accuracy and names the deciding functions', () => {
    const decision = combineVotes('relation', RELATION_SIGNALS, [
      { lf: 'relation.hostility_with_both_sides', label: 'deteriorating' },
      { lf: 'relation.sanction_or_expulsion_on_one_side', label: 'deteriorating' },
      { lf: 'relation.conciliation_with_both_sides', label: 'improving' },
    ]);
    expect(decision.label).toBe('deteriorating');
    expect(decision.rules).toEqual(['relation.hostility_with_both_sides', 'relation.sanction_or_expulsion_on_one_side']);
    const d = functionWeight('relation.hostility_with_both_sides') + functionWeight('relation.sanction_or_expulsion_on_one_side');
    const i = functionWeight('relation.conciliation_with_both_sides');
    expect(decision.confidence).toBeCloseTo(Math.exp(d) / (Math.exp(d) + Math.exp(i) + 1), 3);
  });

  it('treats a tie as no evidence: the default label', () => {
    const decision = combineVotes('stance', STANCE_VALUES, [
      { lf: 'stance_west.blamed', label: 'against' },
      { lf: 'stance_russia.blamed', label: 'favor' },
    ]);
    expect(decision.label).toBe('none');
  });
});

/** A hand-written case of test/fixtures/label/unseen-style.id.json. */
interface UnseenCase {
  readonly split: 'development' | 'held_out';
  readonly text: string;
  readonly context?: readonly string[];
  readonly stance_russia?: string;
  readonly stance_west?: string;
  readonly relation?: string;
  readonly claim?: string;
  readonly attribution?: { readonly source: string; readonly source_norm?: string; readonly cue: string; readonly type?: string } | null;
}

/** The checks of one case that fail, as readable strings. */
function failedChecks(c: UnseenCase, model: FittedLabelModel = VOTES_ONLY_MODEL): { checks: number; failures: string[] } {
  const doc = label(languageDocumentFromSentences([...(c.context ?? []), c.text]), model);
  const index = doc.sentences.length - 1;
  const s = doc.sentences[index] as LabeledDocument['sentences'][number];
  const failures: string[] = [];
  let checks = 0;
  const check = (name: string, expected: string | undefined, got: string): void => {
    if (expected === undefined) return;
    checks++;
    if (expected !== got) failures.push(`${name}: expected ${expected}, got ${got}`);
  };
  check('stance_russia', c.stance_russia, s.stance_russia.label);
  check('stance_west', c.stance_west, s.stance_west.label);
  check('relation_signal', c.relation, s.relation_signal.label);
  check('claim_class', c.claim, s.claim_class.label);
  if (c.attribution !== undefined) {
    checks++;
    const here = doc.attributions.filter((a) => a.sentence_indices.includes(index));
    const expected = c.attribution;
    if (expected === null) {
      if (here.length > 0) failures.push(`attribution: expected none, got ${here.map((a) => a.source).join(', ')}`);
    } else {
      const a = here.find((x) => x.source === expected.source);
      const ok =
        a !== undefined &&
        a.cue === expected.cue &&
        (expected.type === undefined || a.type === expected.type) &&
        (expected.source_norm === undefined || a.source_norm === expected.source_norm);
      if (!ok)
        failures.push(`attribution: expected ${JSON.stringify(expected)}, got ${JSON.stringify(here.map((x) => [x.source, x.source_norm, x.cue, x.type]))}`);
    }
  }
  return { checks, failures };
}

describe('unseen-style sentences (the lexicons are not keyed to the seeds)', () => {
  const cases = (JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/label/unseen-style.id.json'), 'utf8')) as { cases: UnseenCase[] }).cases;

  it('has at least 20 cases across the four tasks and attributions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const field of ['stance_russia', 'stance_west', 'relation', 'claim', 'attribution'] as const)
      expect(cases.some((c) => c[field] !== undefined)).toBe(true);
  });

  it.each(cases.filter((c) => c.split === 'development').map((c) => [c.text, c] as const))('%s', (_text, c) => {
    expect(failedChecks(c).failures).toEqual([]);
  });

  const heldOutShare = (split: 'development' | 'held_out', model: FittedLabelModel): { checks: number; share: number } => {
    let checks = 0;
    let failed = 0;
    for (const c of cases.filter((x) => x.split === split)) {
      const result = failedChecks(c, model);
      checks += result.checks;
      failed += result.failures.length;
    }
    return { checks, share: (checks - failed) / checks };
  };

  it('gets at least 80% of the held-out checks right (labelling functions alone)', () => {
    const { checks, share } = heldOutShare('held_out', VOTES_ONLY_MODEL);
    expect(checks).toBeGreaterThanOrEqual(40);
    expect(share).toBeGreaterThanOrEqual(0.8);
  });

  // The fitted model (rules/fitted-label-model.json) is fitted on real articles and trades some agreement with these
  // hand-written sentences for recall on real text (README "Quality, measured"); pinned a little under its measured share.
  it.each([
    ['development', 0.93],
    ['held_out', 0.9],
  ] as const)('with the fitted model gets at least the pinned share of the %s checks right', (split, floor) => {
    const { share } = heldOutShare(split, SHIPPED_MODEL);
    expect(share).toBeGreaterThanOrEqual(floor);
  });
});

describe('categories that give no hits', () => {
  // lexicons.ts keeps a few categories in the phrase index for longest match only (UNLISTED_CATEGORIES);
  // a labelling function that asked for their hits would silently find none.
  it('are never asked for by name in the labelling modules', () => {
    const labelDir = join(REPO_ROOT, 'pipeline/stages/label');
    const modules = readdirSync(labelDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && file !== 'lexicons.ts'); // lexicons.ts declares them
    const named = modules.flatMap((file) =>
      [...readFileSync(join(labelDir, file), 'utf8').matchAll(/['"`]((?:stance|relation|claim|cue)\.[a-z_]+)['"`]/g)].map((m) => m[1]!),
    );
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((key) => UNLISTED_CATEGORIES.has(key))).toEqual([]);
  });
});
