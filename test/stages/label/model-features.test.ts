/**
 * The model features of a sentence (pipeline/stages/label/model-features.ts)
 * are distinct and in the order first made, also for a sentence of hundreds
 * of words, where the list gives way to a Set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentEvidence } from '../../../pipeline/stages/label/label.js';
import { languageDocumentFromSentences } from '../../label-fixtures.js';

/** The `w:` features a sentence's words give, each once, in first-occurrence order (as a Set of them would list them). */
function expectedWordFeatures(words: readonly string[]): string[] {
  return [...new Set(words.filter((w) => w.length >= 3).map((w) => `w:${w}`))];
}

describe('modelFeatures', () => {
  it('lists each feature once, in the order first made, in short sentences and very long ones', () => {
    const vocabulary = ['sanksi', 'ekonomi', 'pasar', 'harga', 'minyak', 'gandum', 'pupuk', 'impor', 'ekspor', 'bank', 'kota', 'desa'];
    // Random words ending in -nya are left out: such a word's feature is its stem, without the -nya.
    const word = fc.oneof(
      fc.constantFrom(...vocabulary),
      fc.stringMatching(/^[a-z]{3,8}$/).filter((w) => !w.endsWith('nya')),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 400 }), (words) => {
        const [evidence] = documentEvidence(languageDocumentFromSentences([`${words.join(' ')}.`]));
        const features = evidence?.features ?? [];
        expect(new Set(features).size).toBe(features.length);
        expect(features.filter((f) => f.startsWith('w:'))).toEqual(expectedWordFeatures(words));
      }),
      { numRuns: 60 },
    );
  });
});
