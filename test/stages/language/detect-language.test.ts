/**
 * detectLanguage (CODEBOOK.md section 2). Covers: the public API; the five
 * gold seeds (all `ind` at document level, sentence accuracy ≥ 0.99, seed 003
 * included although franc alone calls it Malay); golden fixtures in
 * test/fixtures/language, written for this project (Malaysian Malay → zlm,
 * English → eng, Indonesian with an English or a Malay quote, English with an
 * Indonesian quote, German → und, too short → und; UPDATE_FIXTURES=1 rewrites
 * the `.expected.json` files, then review the diff); a table of sentence
 * rules; the word counting; confidences and rule ids; purity; and, when
 * ../shared/corpus is present, the share of IndoSum articles called `ind`
 * and the stage's throughput.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { franc } from 'franc';
import { expectLinearGrowth } from '../../growth.js';
import { describe, expect, it } from 'vitest';
import { detectLanguage, LANGUAGE_RULE_IDS, languageEvidence } from '../../../pipeline/stages/language/detect-language.js';
import { segmentSentences } from '../../../pipeline/stages/segment/segment-sentences.js';
import { LANGUAGE_CODES } from '../../../pipeline/types.js';
import type { LanguageDocument, SegmentedDocument, Sentence } from '../../../pipeline/types.js';
import { deepFreeze } from '../../deep-freeze.js';
import { cleanDocument, type GoldDocument, loadGold, REPO_ROOT } from '../../gold.js';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/language');
const CORPUS = join(REPO_ROOT, '..', 'shared', 'corpus');
const INDOSUM_FOLDS = ['01', '02', '03', '04', '05'].map((fold) => join(CORPUS, `indosum_dev.${fold}.jsonl`));
/** Measured 1.0 (3,463 of 3,463 unique articles); the bar from the brief. */
const INDOSUM_IND_FLOOR = 0.99;

/** Segment and detect, as the pipeline does. */
function detect(text: string): LanguageDocument {
  return detectLanguage(segmentSentences(cleanDocument(text)));
}

/** A SegmentedDocument whose sentences are exactly the gold ones, so the language stage is scored on its own. */
function segmentedFromGold(gold: GoldDocument): SegmentedDocument {
  let from = 0;
  const sentences: Sentence[] = gold.sentences.map((sentence, index) => {
    const unitStart = gold.clean_text.indexOf(sentence.text, from);
    if (unitStart < 0) throw new Error(`gold sentence ${index} of ${gold.source_file} is not in its clean_text`);
    from = unitStart + sentence.text.length;
    const char_start = [...gold.clean_text.slice(0, unitStart)].length;
    const char_end = char_start + [...sentence.text].length;
    return { index, text: sentence.text, char_start, char_end, raw_start: char_start, raw_end: char_end, boundary_rule: 'gold' };
  });
  return { ...cleanDocument(gold.clean_text), sentences };
}

/** Every decision a document carries: its own and its sentences'. */
function decisions(doc: LanguageDocument): { language: string; language_confidence: number; language_rule: string }[] {
  return [doc, ...doc.sentences];
}

const RULE_IDS = new Set<string>(Object.values(LANGUAGE_RULE_IDS));

describe('detect-language API', () => {
  it('exports exactly the documented names', async () => {
    expect(Object.keys(await import('../../../pipeline/stages/language/detect-language.js')).sort()).toEqual([
      'LANGUAGE_RULE_IDS',
      'detectLanguage',
      'languageEvidence',
    ]);
  });
});

describe('gold seeds (test/fixtures/gold)', () => {
  const gold = loadGold().map(({ gold: g }) => g);
  const detected = gold.map((g) => detectLanguage(segmentedFromGold(g)));

  it.each(gold.map((g, i) => [g.source_file, g, detected[i] as LanguageDocument] as const))('%s is ind at document level', (_name, g, doc) => {
    expect(g.language).toBe('ind');
    expect(doc.language).toBe('ind');
    expect(doc.language_rule).toBe(LANGUAGE_RULE_IDS.lexiconIndZlm);
  });

  it('gives gold sentence languages with accuracy ≥ 0.99', () => {
    let right = 0;
    let total = 0;
    gold.forEach((g, d) => {
      g.sentences.forEach((sentence, s) => {
        total++;
        if (detected[d]?.sentences[s]?.language === sentence.lang) right++;
      });
    });
    expect(total).toBe(86);
    expect(right / total).toBeGreaterThanOrEqual(0.99);
  });

  it('calls seed 003 ind although franc alone calls it Malay (the pitfall the word lists fix)', () => {
    const seed = gold.find((g) => g.source_file.startsWith('003_')) as GoldDocument;
    expect(franc(seed.clean_text)).toBe('zlm');
    expect(detectLanguage(segmentedFromGold(seed)).language).toBe('ind');
  });
});

describe('golden fixtures (test/fixtures/language)', () => {
  const cases = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => name.slice(0, -'.txt'.length));
  const run = (name: string): LanguageDocument => detect(readFileSync(join(FIXTURES, `${name}.txt`), 'utf8').replace(/\n+$/, ''));

  it.each(cases)('%s matches its .expected.json', (name) => {
    const doc = run(name);
    // Confidences are left out of the goldens: they move with every weight in the word lists.
    const actual = {
      language: doc.language,
      language_rule: doc.language_rule,
      sentences: doc.sentences.map((s) => ({ text: s.text, language: s.language, language_rule: s.language_rule })),
    };
    const expectedPath = join(FIXTURES, `${name}.expected.json`);
    if (process.env['UPDATE_FIXTURES'] === '1') writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  });

  it.each([
    // [file prefix, document language every such fixture must get]
    ['zlm-', 'zlm'],
    ['eng-', 'eng'],
    ['ind-', 'ind'],
    ['deu-', 'und'],
    ['und-', 'und'],
  ] as const)('every %s fixture is %s at document level', (prefix, language) => {
    const named = cases.filter((name) => name.startsWith(prefix));
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(run(name).language, name).toBe(language);
  });

  it('has several Malaysian Malay articles, every sentence of them zlm', () => {
    const malay = cases.filter((name) => name.startsWith('zlm-'));
    expect(malay.length).toBeGreaterThanOrEqual(4);
    for (const name of malay) for (const s of run(name).sentences) expect(s.language, `${name}: ${s.text}`).toBe('zlm');
  });

  it('marks the English quote inside an Indonesian article eng, and the Malay quote zlm', () => {
    const english = run('ind-english-quote').sentences.filter((s) => s.language === 'eng');
    expect(english.map((s) => s.text)).toEqual([
      '"We will not allow any nation to redraw borders by force, and we will stand with our allies for as long as it takes."',
    ]);
    const malay = run('ind-malay-quote').sentences.filter((s) => s.language === 'zlm');
    expect(malay).toHaveLength(1);
    expect(malay[0]?.text).toMatch(/^"Kerajaan Malaysia tidak akan menyertai/);
  });

  it('marks the Indonesian quote inside an English article ind', () => {
    const indonesian = run('eng-indonesian-quote').sentences.filter((s) => s.language === 'ind');
    expect(indonesian.map((s) => s.language_rule)).toEqual([LANGUAGE_RULE_IDS.sentenceFamilyWords]);
  });
});

describe('too little text', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '  \n\n '],
    ['one short sentence', 'Rusia menolak.'],
    ['a name', 'Sergei Lavrov'],
    ['digits and marks', '2024 — 12.500 (3/5)'],
  ])('%s → und (too_short), confidence 0', (_intent, text) => {
    const doc = detect(text);
    expect(doc).toMatchObject({ language: 'und', language_confidence: 0, language_rule: LANGUAGE_RULE_IDS.tooShort });
    for (const s of doc.sentences) expect(s.language).toBe('und');
  });
});

describe('sentence rules', () => {
  const INDONESIAN_CONTEXT =
    'Pemerintah Indonesia menyatakan bahwa hubungan dengan Rusia tetap baik. Menteri Luar Negeri mengatakan kerja sama ekonomi akan terus berjalan karena kedua negara saling membutuhkan. ';

  it.each([
    // [intent, the sentence appended to an Indonesian article, its expected language and rule]
    ['a short sentence takes the document code', 'Ya, benar.', 'ind', LANGUAGE_RULE_IDS.inheritShort],
    ['a short English sentence too', 'No comment.', 'ind', LANGUAGE_RULE_IDS.inheritShort],
    ['a caption-like name takes the document code', 'Menteri Luar Negeri Rusia Sergei Lavrov', 'ind', LANGUAGE_RULE_IDS.inheritName],
    [
      'an English name inside an Indonesian sentence does not make it English',
      'Hal ini diungkapkan oleh Institute for the Study of War di Washington.',
      'ind',
      LANGUAGE_RULE_IDS.inheritDocument,
    ],
    ['an English quote is eng', '"We will respond to any threat in a way that is proportionate," he said.', 'eng', LANGUAGE_RULE_IDS.sentenceEnglishWords],
    ['one Malay-leaning word does not flip a sentence', 'Beliau boleh hadir pada pertemuan itu minggu depan.', 'ind', LANGUAGE_RULE_IDS.inheritDocument],
    [
      'a Malay quote is zlm',
      '"Kerajaan tidak akan menyertai sebarang sekatan kerana kami percaya bahawa rundingan ialah jalan terbaik."',
      'zlm',
      LANGUAGE_RULE_IDS.sentenceLexiconIndZlm,
    ],
  ] as const)('%s', (_intent, sentence, language, rule) => {
    const doc = detect(INDONESIAN_CONTEXT + sentence);
    expect(doc.language).toBe('ind');
    const last = doc.sentences[doc.sentences.length - 1];
    expect(last?.text).toBe(sentence);
    expect(last?.language).toBe(language);
    expect(last?.language_rule).toBe(rule);
  });

  it('gives a Malay article an Indonesian sentence only on strong evidence', () => {
    const malay =
      'Kerajaan Malaysia berkata bahawa rundingan dengan Rusia akan diteruskan kerana kedua-dua negara mahu mengukuhkan hubungan dua hala. Menteri berkata keputusan itu dibuat selepas mesyuarat kabinet semalam. ';
    const indonesianQuote = '"Pemerintah Indonesia yakin bahwa kesepakatan itu bisa tercapai karena kedua pihak sudah berkomitmen," kata juru bicara itu.';
    const doc = detect(malay + indonesianQuote);
    expect(doc.language).toBe('zlm');
    expect(doc.sentences.map((s) => s.language)).toEqual(['zlm', 'zlm', 'ind']);
  });
});

describe('languageEvidence', () => {
  it.each([
    // [intent, text, expected counts (subset)]
    ['Indonesian spelling pairs', 'karena uang kantor', { indonesianWeight: 9, malayWeight: 0 }],
    ['Malay spelling pairs', 'kerana wang pejabat', { indonesianWeight: 0, malayWeight: 5 }],
    ['multi-word entries', 'di rumah sakit dan lapangan terbang', { indonesianWeight: 3, malayWeight: 3 }],
    ['case matters for Wang (surname) and Anda', 'Wang Yi bertemu Anda', { indonesianWeight: 2, malayWeight: 0 }],
    ['ALL-CAPS AS is not English "as"', 'AS dan Rusia as', { englishWords: 1, familyWords: 1 }],
    ['hyphenated words are one word', 'negara-negara kanak-kanak', { words: 2, malayWeight: 3 }],
    ['letters outside ASCII', 'Ünal berkata café', { words: 3, capitalisedWords: 1 }],
    ['no words', '2024 — 12.500', { words: 0, letters: 0 }],
  ] as const)('%s', (_intent, text, expected) => {
    expect(languageEvidence(text)).toMatchObject(expected);
  });
});

describe('decisions', () => {
  const texts = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.txt'))
    .map((name) => readFileSync(join(FIXTURES, name), 'utf8'));
  const all = [...texts, ...loadGold().map(({ gold: g }) => g.clean_text), '', 'Rusia.'].flatMap((text) => decisions(detect(text)));

  it('use only the codebook codes, confidences in [0, 1] and documented rule ids', () => {
    for (const d of all) {
      expect(LANGUAGE_CODES).toContain(d.language);
      expect(d.language_confidence).toBeGreaterThanOrEqual(0);
      expect(d.language_confidence).toBeLessThanOrEqual(1);
      expect(RULE_IDS.has(d.language_rule), d.language_rule).toBe(true);
    }
  });

  it('are more confident for a clearly Malay article than for a narrowly decided one', () => {
    const clear = detect(readFileSync(join(FIXTURES, 'zlm-wisma-putra.txt'), 'utf8'));
    const narrow = detect(readFileSync(join(FIXTURES, 'ind-malay-quote.txt'), 'utf8'));
    expect(clear.language_confidence).toBeGreaterThan(0.9);
    expect(narrow.language_confidence).toBeLessThan(clear.language_confidence);
  });

  it('do not change the document they are given', () => {
    const doc = deepFreeze(segmentSentences(cleanDocument('Rusia menolak sanksi Barat karena dianggap tidak adil. "We will respond," he said.')));
    const before = JSON.stringify(doc);
    const result = detectLanguage(doc);
    expect(JSON.stringify(doc)).toBe(before);
    expect(result.sentences.map((s) => s.text)).toEqual(doc.sentences.map((s) => s.text));
  });
});

/** One IndoSum article: paragraphs of sentences of tokens. */
interface IndoSumArticle {
  readonly id: string;
  readonly paragraphs: readonly (readonly (readonly string[])[])[];
}

/** IndoSum tokens back to running text (the corpus README's recipe): join by spaces, no space before `.,!?;:%)` or after `(`. */
function detokenise(article: IndoSumArticle): string {
  return article.paragraphs
    .map((paragraph) =>
      paragraph
        .map((sentence) =>
          sentence
            .map((t) => t.trim())
            .filter((t) => t !== '')
            .join(' '),
        )
        .join(' ')
        .replace(/ ([.,!?;:%)])/g, '$1')
        .replace(/\( /g, '('),
    )
    .join('\n\n');
}

describe.skipIf(!INDOSUM_FOLDS.every((path) => existsSync(path)))('IndoSum (../shared/corpus, CC BY-SA: read for measurement only)', () => {
  const articles = new Map<string, string>();
  if (INDOSUM_FOLDS.every((path) => existsSync(path))) {
    for (const path of INDOSUM_FOLDS) {
      for (const line of readFileSync(path, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const article = JSON.parse(line) as IndoSumArticle;
        if (!articles.has(article.id)) articles.set(article.id, detokenise(article));
      }
    }
  }
  const segmented = [...articles.values()].map((text) => segmentSentences(cleanDocument(text)));

  it(`calls ≥ ${INDOSUM_IND_FLOOR * 100}% of the unique (all Indonesian) articles ind`, () => {
    expect(segmented.length).toBeGreaterThan(3000);
    const ind = segmented.filter((doc) => detectLanguage(doc).language === 'ind').length;
    expect(ind / segmented.length).toBeGreaterThanOrEqual(INDOSUM_IND_FLOOR);
  });

  // Speed is measured by make bench, never by a timed unit test; this checks only that the work grows linearly.
  it('does work linear in the number of documents (n and 4n, CPU time)', () => {
    expectLinearGrowth(
      (n) => segmented.slice(0, n),
      (docs) => {
        for (const doc of docs) detectLanguage(doc);
      },
      Math.floor(segmented.length / 8),
    );
  });
});
