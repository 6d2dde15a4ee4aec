/**
 * Word tokens for the labelling stage (CODEBOOK.md sections 4–7). Every
 * labelling function and the attribution finder read the same tokens, made
 * once per sentence, so the lexicons are matched by set look-ups rather than
 * by hundreds of regexes.
 */

/** One token of a sentence: a word (letters/digits, inner hyphens and apostrophes kept) or one punctuation character. */
export interface Token {
  /** As written. */
  readonly text: string;
  /** Lower-cased. */
  readonly lower: string;
  /** Lower-cased without the enclitic -nya (keputusannya → keputusan) or the English possessive 's (Russia's → russia), for lexicon look-up; equals `lower` otherwise. */
  readonly stem: string;
  /** UTF-16 offsets into the sentence text (JS string indices); converted to code points only where offsets leave the stage. */
  readonly start: number;
  readonly end: number;
  readonly isWord: boolean;
  /** Starts with an upper-case letter (names, titles, sentence starts). */
  readonly capitalised: boolean;
}

/** Words keep inner hyphens, apostrophes and dots (negara-negara, jum'at, 2.500); anything else that is not a space is one token. */
const TOKEN_PATTERN = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*|\S/gu;
const UPPER_START = /^\p{Lu}/u;
const WORD_START = /^[\p{L}\p{N}]/u;
/** The enclitic -nya is stripped only from words long enough that what remains is still a word (menurutnya, keputusannya; not "nya"). */
const NYA_MIN_LENGTH = 6;
/** The English possessive ('s, ’s) is stripped from words of at least this length (Russia's → russia; not "it's"). */
const POSSESSIVE_MIN_LENGTH = 4;

/**
 * Does the token end in the enclitic -nya that its stem drops (katanya, menurutnya: the pronoun source of a cue)?
 *
 * @param token - A token.
 * @returns True for -nya, false otherwise (also for the English possessive).
 */
export function hasNya(token: Token): boolean {
  return token.stem !== token.lower && token.lower.endsWith('nya');
}

/**
 * Split a sentence into tokens.
 *
 * @param text - One sentence.
 * @returns Its tokens in order.
 * @example
 * tokenize('Menurutnya, NATO salah.').map((t) => t.stem) // ['menurut', ',', 'nato', 'salah', '.']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Lower-case once; per token only when lower-casing changed the length (İ → i̇), which would shift the slices.
  const lowerText = text.toLowerCase();
  const sameLength = lowerText.length === text.length;
  TOKEN_PATTERN.lastIndex = 0;
  for (let match = TOKEN_PATTERN.exec(text); match !== null; match = TOKEN_PATTERN.exec(text)) {
    const tokenText = match[0];
    const start = match.index;
    const end = start + tokenText.length;
    const lower = sameLength ? lowerText.slice(start, end) : tokenText.toLowerCase();
    const first = tokenText.charCodeAt(0);
    // ASCII fast paths; the Unicode regexes only for other scripts and accented letters.
    const isWord = first < 128 ? (first >= 48 && first <= 57) || (first >= 65 && first <= 90) || (first >= 97 && first <= 122) : WORD_START.test(tokenText);
    const capitalised = first < 128 ? first >= 65 && first <= 90 : UPPER_START.test(tokenText);
    const length = lower.length;
    let stem = lower;
    // Only words ending in a or s can carry -nya or 's: one charCodeAt for most tokens.
    const last = length >= NYA_MIN_LENGTH ? lower.charCodeAt(length - 1) : 0;
    if (last === 97 && isWord && lower.endsWith('nya')) stem = lower.slice(0, -3);
    else if (last === 115 && isWord && length >= POSSESSIVE_MIN_LENGTH + 2) {
      const apostrophe = lower.charCodeAt(length - 2);
      if (apostrophe === 39 || apostrophe === 0x2019) stem = lower.slice(0, -2);
    }
    tokens.push({ text: tokenText, lower, stem, start, end, isWord, capitalised });
  }
  return tokens;
}
