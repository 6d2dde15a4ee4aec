/**
 * Word lists that the labelling stage asks of a whole sentence ("does some
 * word of the sentence belong to this list?"): relevance's off-topic and
 * Ukraine terms (rules/relevance.json), and the two first-person lists that
 * tell a speaker's own side. sentenceFeatures answers all of them in one pass
 * over the tokens (SentenceFeatures.wordLists); asked list by list, each asker
 * read every token again, and the stance functions ask about the speaker's
 * own side several times per sentence.
 *
 * A token is in a list when its lower-case form (Token.lower, -nya kept) is
 * one of the list's words.
 */
import RELEVANCE from './rules/relevance.json' with { type: 'json' };
import { type Token, WordTable } from '../../text/tokenize.js';

/** Each list's bit in SentenceFeatures.wordLists. */
export const WORD_LIST = {
  /** Words of sport, entertainment, technology and lifestyle reporting (rules/relevance.json off_topic_terms; one-word terms). */
  offTopic: 1,
  /** Words naming Ukraine (rules/relevance.json ukraine_terms). */
  ukraine: 2,
  /** First-person pronouns (model-features.ts): in a quote, the speaker's own side (kami = we, exclusive). */
  firstPersonPronoun: 4,
  /** First-person words (stance-context.ts): in a quote, or a 'pihaknya' of indirect speech, the speaker's own side. */
  speakerOwnSide: 8,
} as const;

/** Each list's words, lower-case. */
export const WORD_LIST_WORDS: Readonly<Record<keyof typeof WORD_LIST, readonly string[]>> = {
  offTopic: RELEVANCE.off_topic_terms.filter((t) => !t.includes(' ')),
  ukraine: RELEVANCE.ukraine_terms,
  firstPersonPronoun: ['kami', 'kita', 'we', 'our', 'us', 'saya', 'aku'],
  speakerOwnSide: ['kami', 'kita', 'we', 'our', 'us', 'ours', 'pihaknya', 'negaranya'],
};

/** Word → the bits of the lists that hold it. */
const LISTS_OF_WORD: WordTable<number> = (() => {
  const bits = new Map<string, number>();
  for (const [list, words] of Object.entries(WORD_LIST_WORDS) as [keyof typeof WORD_LIST, readonly string[]][])
    for (const word of words) bits.set(word, (bits.get(word) ?? 0) | WORD_LIST[list]);
  return new WordTable(bits);
})();

/** Every list's bit. */
const ALL_LISTS = Object.values(WORD_LIST).reduce((all, bit) => all | bit, 0);

/**
 * Which lists some token of a sentence is in.
 *
 * @param tokens - A sentence's tokens.
 * @returns The WORD_LIST bits of those lists.
 * @example
 * wordListsOf(tokenize('Kami menolak.')) & WORD_LIST.firstPersonPronoun // 4
 */
export function wordListsOf(tokens: readonly Token[]): number {
  let found = 0;
  for (let i = 0; i < tokens.length && found !== ALL_LISTS; i++) {
    const token = tokens[i] as Token;
    found |= LISTS_OF_WORD.get(token.lower, token.lowerHash) ?? 0;
  }
  return found;
}
