/**
 * The features a sentence takes from its neighbours and its document
 * (pipeline/stages/label/context-features.ts), and the hyphenated compounds
 * of the gazetteer (sentence-features.ts), on sentences written for the test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTEXT_FEATURE, withContextFeatures } from '../../../pipeline/stages/label/context-features.js';
import { documentEvidence } from '../../../pipeline/stages/label/label.js';
import { sentenceFeatures } from '../../../pipeline/stages/label/sentence-features.js';
import { languageDocumentFromSentences } from '../../label-fixtures.js';

describe('withContextFeatures', () => {
  const own = [
    ['vote:relation_signal=improving', 'cat:relation.improving', 'w:ktt', 'vote:claim_class=nfs'],
    ['w:pembicaraan', 'cat:stance.hostile'],
    ['vote:relation_signal=improving', 'w:tahanan'],
  ];

  it('carries the relation evidence of the sentence before and after, and of the first sentence', () => {
    const out = withContextFeatures(own);
    expect(out[1]).toEqual(
      expect.arrayContaining([
        'prev:vote:relation_signal=improving',
        'prev:cat:relation.improving',
        'next:vote:relation_signal=improving',
        'title:vote:relation_signal=improving',
      ]),
    );
    // Words, other tasks' votes and stance categories stay with their own sentence.
    expect(out[1]?.some((f) => /^(prev|next|title):(w:|cat:stance|vote:claim)/.test(f))).toBe(false);
    // The first sentence has no sentence before it and is not its own title.
    expect(out[0]?.some((f) => f.startsWith('prev:') || f.startsWith('title:'))).toBe(false);
  });

  it('marks votes that recur in the document by count and share', () => {
    const out = withContextFeatures(own);
    expect(out[1]).toEqual(expect.arrayContaining(['doc2:vote:relation_signal=improving', 'docshare:vote:relation_signal=improving']));
    expect(out[1]).not.toContain('doc4:vote:relation_signal=improving');
    expect(out[1]).not.toContain('doc2:vote:claim_class=nfs');
  });

  it('keeps every own feature first and adds only prefixed ones (property)', () => {
    const feature = fc.constantFrom(
      'vote:relation_signal=deteriorating',
      'cat:relation.sanction_expulsion',
      'w:sanksi',
      'vote:stance_west=against',
      'spk:russia',
    );
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(feature, { maxLength: 4 }), { maxLength: 8 }), (sentences) => {
        const out = withContextFeatures(sentences);
        expect(out).toHaveLength(sentences.length);
        out.forEach((features, i) => {
          const mine = sentences[i] as string[];
          expect(features.slice(0, mine.length)).toEqual(mine);
          expect(features.slice(mine.length).every((f) => CONTEXT_FEATURE.test(f))).toBe(true);
        });
      }),
    );
  });

  it('is what documentEvidence gives the fit', () => {
    const doc = languageDocumentFromSentences(['Kedua presiden menggelar pembicaraan di Jenewa.', 'Pertemuan itu berlangsung empat jam.']);
    const evidence = documentEvidence(doc);
    const own = evidence.map((e) => e.features.filter((f) => !CONTEXT_FEATURE.test(f)));
    expect(evidence.map((e) => e.features)).toEqual(withContextFeatures(own));
  });
});

describe('hyphenated compounds name every side of their parts', () => {
  it.each([
    ['Dewan NATO-Rusia bersidang lagi.', { russia: true, west: true }],
    ['Hubungan Rusia-AS kian dingin.', { russia: true, west: true }],
    ['Perbatasan Rusia-Belarusia dijaga ketat.', { russia: true, west: false }],
    ['Sentimen anti-Barat menguat.', { russia: false, west: true }],
  ])('%s', (text, sides) => {
    const { names } = sentenceFeatures(text);
    expect({ russia: names.russia, west: names.west }).toEqual(sides);
  });
});
