/**
 * The sentence word lists (pipeline/stages/label/word-lists.ts): one pass over
 * a sentence's tokens says which lists some token is in, as asking each list
 * of every token would.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentenceFeatures } from '../../../pipeline/stages/label/sentence-features.js';
import { WORD_LIST, WORD_LIST_WORDS, wordListsOf } from '../../../pipeline/stages/label/word-lists.js';
import { tokenize } from '../../../pipeline/text/tokenize.js';

/** The lists some token is in, each list asked of every token. */
function listsByEachList(text: string): number {
  const tokens = tokenize(text);
  let bits = 0;
  for (const [list, words] of Object.entries(WORD_LIST_WORDS) as [keyof typeof WORD_LIST, readonly string[]][])
    if (tokens.some((t) => words.includes(t.lower))) bits |= WORD_LIST[list];
  return bits;
}

describe('wordListsOf', () => {
  it('tells the first-person words of a quote and the terms of relevance', () => {
    expect(wordListsOf(tokenize('"Kami tidak akan mundur," kata Lavrov.'))).toBe(WORD_LIST.firstPersonPronoun | WORD_LIST.speakerOwnSide);
    // pihaknya: the speaker's side in indirect speech, not a first-person pronoun.
    expect(wordListsOf(tokenize('Menurut dia, pihaknya menolak sanksi.'))).toBe(WORD_LIST.speakerOwnSide);
    expect(wordListsOf(tokenize('Rusia mengecam NATO.'))).toBe(0);
    expect(wordListsOf([])).toBe(0);
  });

  it('equals asking every list of every token, on sentences of list words and other words in any case', () => {
    const listWords = Object.values(WORD_LIST_WORDS).flat();
    const word = fc.oneof(
      fc.constantFrom(...listWords),
      fc.constantFrom(...listWords).map((w) => w.toUpperCase()),
      fc.constantFrom('Rusia', 'menolak', 'sanksi', 'kamis', 'usaha', 'pihak', 'negara', '2024', 'the'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (words) => {
        const text = words.join(' ');
        expect(wordListsOf(tokenize(text))).toBe(listsByEachList(text));
        expect(sentenceFeatures(text).wordLists).toBe(listsByEachList(text));
      }),
      { numRuns: 300 },
    );
  });
});
