/**
 * Word tokens for the labelling stage (CODEBOOK.md sections 4–7). Every
 * labelling function and the attribution finder read the same tokens, made
 * once per sentence, so the lexicons are matched by set look-ups rather than
 * by hundreds of regexes.
 */
import { FNV_OFFSET, fnvOf, fnvStep, hashTableSize } from './word-hash.js';

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
  /** wordHash(lower), made while scanning, and wordHash(stem): lexicon tables (WordTable) are keyed by them, so that looking a token up does not hash its string again. */
  readonly lowerHash: number;
  readonly stemHash: number;
}

/**
 * Words keep inner hyphens, apostrophes and dots (negara-negara, jum'at, 2.500);
 * anything else that is not a space is one token. This is the regex
 * `/[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*|\S/gu`, run by hand over character
 * classes below: the regex was the stage's largest single cost.
 */
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const NUMBER_CHAR = /^\p{N}$/u;
const SPACE_CHAR = /^\s$/u;
const UPPER_CHAR = /^\p{Lu}$/u;

/** Character class bits of a code point: [\p{L}\p{N}], \p{N}, \s, \p{Lu}. */
const WORD = 1;
const NUMBER = 2;
const SPACE = 4;
const UPPER = 8;
/** Set on every classified code point, so that 0 means "not classified yet". */
const CLASSIFIED = 16;
/** ASCII that lower-casing leaves as it is (not A–Z): a token made only of such characters is its own lower-case form. */
const KEEPS_CASE = 32;
/** ASCII, whose lower-casing does not depend on the characters around it. */
const ASCII = 64;
/**
 * For an ASCII letter, (bits & UPPER) << LOWER_CASE_SHIFT is the bit that
 * lower-cases it (0x20, `a` - `A`) and 0 for any other character: scan hashes
 * the lower-case form of ASCII tokens as it reads them, without a branch.
 */
const LOWER_CASE_SHIFT = 2;
if (UPPER << LOWER_CASE_SHIFT !== 0x61 - 0x41) throw new Error('tokenize: UPPER << LOWER_CASE_SHIFT must be the ASCII case bit.');

/** The class bits of BMP code points, filled in as they are met (ASCII up front); those of astral ones in a map. */
const BMP_CLASS = new Uint8Array(0x10000);
const ASTRAL_CLASS = new Map<number, number>();

/** The class bits of one code point, from the Unicode regexes themselves (so the classes are exactly theirs). */
function classify(codePoint: number): number {
  const char = String.fromCodePoint(codePoint);
  // A lone surrogate is one code point of no class, as the 'u' regexes see it.
  return (
    (WORD_CHAR.test(char) ? WORD : 0) |
    (NUMBER_CHAR.test(char) ? NUMBER : 0) |
    (SPACE_CHAR.test(char) ? SPACE : 0) |
    (UPPER_CHAR.test(char) ? UPPER : 0) |
    CLASSIFIED
  );
}

/** The class bits of one code point, cached. */
function classOf(codePoint: number): number {
  if (codePoint < 0x10000) {
    let bits = BMP_CLASS[codePoint] as number;
    if (bits === 0) BMP_CLASS[codePoint] = bits = classify(codePoint);
    return bits;
  }
  let bits = ASTRAL_CLASS.get(codePoint);
  if (bits === undefined) ASTRAL_CLASS.set(codePoint, (bits = classify(codePoint)));
  return bits;
}
for (let c = 0; c < 128; c++) BMP_CLASS[c] = classify(c) | ASCII | (c >= 65 && c <= 90 ? 0 : KEEPS_CASE);

/**
 * Is this UTF-16 code unit, read alone, a letter or digit ([\p{L}\p{N}])? A
 * surrogate alone is not (as a 'u' regex tests a one-unit string).
 *
 * @param code - A UTF-16 code unit.
 * @returns True for a letter or digit.
 */
export function isWordUnit(code: number): boolean {
  return (classOf(code) & WORD) !== 0;
}

/**
 * Is this UTF-16 code unit white space (\s)? Every white-space character is in the BMP.
 *
 * @param code - A UTF-16 code unit.
 * @returns True for white space.
 */
export function isSpaceUnit(code: number): boolean {
  return (classOf(code) & SPACE) !== 0;
}

/** The code point at UTF-16 index i (a surrogate pair read whole). */
function codePointAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  // Only a high surrogate can open a pair: any other unit is its own code point, read with one charCodeAt.
  return code >= 0xd800 && code <= 0xdbff ? (text.codePointAt(i) as number) : code;
}

/**
 * The hash lexicon tables key a word by (Token.lowerHash, Token.stemHash):
 * FNV-1a of its code units (word-hash.ts), which scan also computes as it
 * reads a word.
 *
 * @param word - A word, lower-cased as a token's `lower` is.
 * @returns A 32-bit hash of its code units.
 */
export const wordHash: (word: string) => number = fnvOf;

/**
 * A map from lexicon words to values, looked up with a token's precomputed
 * hash: a Map would hash every token's (new) string, and most tokens are not
 * in the lexicon, which a hash alone tells here with one read.
 */
export class WordTable<V> {
  private readonly hashes: Int32Array;
  private readonly words: (string | undefined)[];
  private readonly values: (V | undefined)[];
  private readonly mask: number;

  /** @param entries - Word (lower-case, as tokens' `lower`) → value; a word given twice keeps its last value. */
  constructor(entries: Iterable<readonly [string, V]>) {
    const list = [...entries];
    const capacity = hashTableSize(list.length);
    this.hashes = new Int32Array(capacity);
    this.words = new Array<string | undefined>(capacity).fill(undefined);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.mask = capacity - 1;
    for (const [word, value] of list) {
      const hash = wordHash(word);
      let slot = hash & this.mask;
      while (this.words[slot] !== undefined && this.words[slot] !== word) slot = (slot + 1) & this.mask;
      this.hashes[slot] = hash;
      this.words[slot] = word;
      this.values[slot] = value;
    }
  }

  /**
   * The value of a word.
   *
   * @param word - The word (a token's lower or stem).
   * @param hash - Its wordHash (the token's lowerHash or stemHash).
   * @returns Its value, or undefined when it is no lexicon word.
   */
  get(word: string, hash: number): V | undefined {
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const candidate = this.words[slot];
      if (candidate === undefined) return undefined;
      if (this.hashes[slot] === hash && candidate === word) return this.values[slot];
    }
  }
}

/** Inner joiners of a word: - ' ’ . */
function isJoiner(code: number): boolean {
  return code === 45 || code === 39 || code === 0x2019 || code === 46;
}

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

/** ScannedToken.flags bits. */
const IS_WORD_FLAG = 1;
const CAPITALISED_FLAG = 2;

/**
 * A Token as scan makes it. Tokens are the stage's largest allocation (one
 * per word, kept for the whole document), so only what cannot be derived is
 * stored: `end` follows from `text`, the booleans share one field, and the
 * stem's hash is computed when asked (only a stem unlike `lower`, -nya or 's, needs its own).
 */
class ScannedToken implements Token {
  constructor(
    readonly text: string,
    readonly lower: string,
    readonly stem: string,
    readonly start: number,
    readonly lowerHash: number,
    private readonly flags: number,
  ) {}

  get end(): number {
    return this.start + this.text.length;
  }

  get isWord(): boolean {
    return (this.flags & IS_WORD_FLAG) !== 0;
  }

  get capitalised(): boolean {
    return (this.flags & CAPITALISED_FLAG) !== 0;
  }

  get stemHash(): number {
    return this.stem === this.lower ? this.lowerHash : wordHash(this.stem);
  }
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
  return scan(text).tokens;
}

/**
 * Tokenise a sentence and say whether it holds a digit (any \p{N}) and
 * whether its word tokens are all ASCII on the way, so that the features need
 * not scan it again.
 *
 * @param text - One sentence.
 * @returns Its tokens in order, whether a digit occurs, and whether every word token is ASCII.
 */
export function scan(text: string): { tokens: Token[]; hasDigit: boolean; wordsAscii: boolean } {
  const tokens: Token[] = [];
  let hasDigit = false;
  let wordsAscii = true;
  // Tokens with other characters are lower-cased in their sentence (as a whole, on first need), since some lower-casing
  // depends on the letters around (final sigma); per token only when that changed the length (İ → i̇), which would shift the slices.
  let lowerText: string | null = null;
  let sameLength = true;
  const length = text.length;
  let i = 0;
  while (i < length) {
    let code = codePointAt(text, i);
    let bits = code < 128 ? (BMP_CLASS[code] as number) : classOf(code);
    if ((bits & SPACE) !== 0) {
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    const isWord = (bits & WORD) !== 0;
    const capitalised = (bits & UPPER) !== 0;
    // The class bits every character of the token has (KEEPS_CASE and ASCII are the ones read).
    let common = bits;
    // wordHash of the lower-case form, valid when the token is all ASCII (where only A–Z, the UPPER ones, change: by 32).
    let hash = fnvStep(FNV_OFFSET, code | ((bits & UPPER) << LOWER_CASE_SHIFT));
    i += code > 0xffff ? 2 : 1;
    if (isWord) {
      if ((bits & NUMBER) !== 0) hasDigit = true;
      // Letters and digits, then (joiner, letters and digits) as long as a word character follows the joiner.
      for (;;) {
        while (i < length) {
          code = codePointAt(text, i);
          bits = code < 128 ? (BMP_CLASS[code] as number) : classOf(code);
          if ((bits & WORD) === 0) break;
          if ((bits & NUMBER) !== 0) hasDigit = true;
          common &= bits;
          hash = fnvStep(hash, code | ((bits & UPPER) << LOWER_CASE_SHIFT));
          i += code > 0xffff ? 2 : 1;
        }
        const joiner = text.charCodeAt(i);
        if (i + 1 >= length || !isJoiner(joiner)) break;
        const next = codePointAt(text, i + 1);
        if (((next < 128 ? (BMP_CLASS[next] as number) : classOf(next)) & WORD) === 0) break;
        common &= classOf(joiner);
        hash = fnvStep(hash, joiner);
        i++;
      }
    }
    const end = i;
    const tokenText = text.slice(start, end);
    let lower: string;
    // Most tokens are lower-case ASCII already: one string serves as both (no second slice to allocate);
    // other ASCII tokens (capitalised words) are lower-cased alone.
    if ((common & KEEPS_CASE) !== 0) lower = tokenText;
    else if ((common & ASCII) !== 0) lower = tokenText.toLowerCase();
    else {
      if (lowerText === null) {
        lowerText = text.toLowerCase();
        sameLength = lowerText.length === length;
      }
      lower = sameLength ? lowerText.slice(start, end) : tokenText.toLowerCase();
    }
    const lowerLength = lower.length;
    let stem = lower;
    // Only words ending in a or s can carry -nya or 's: one charCodeAt for most tokens.
    const last = lowerLength >= NYA_MIN_LENGTH ? lower.charCodeAt(lowerLength - 1) : 0;
    if (last === 97 && isWord && lower.endsWith('nya')) stem = lower.slice(0, -3);
    else if (last === 115 && isWord && lowerLength >= POSSESSIVE_MIN_LENGTH + 2) {
      const apostrophe = lower.charCodeAt(lowerLength - 2);
      if (apostrophe === 39 || apostrophe === 0x2019) stem = lower.slice(0, -2);
    }
    const lowerHash = (common & ASCII) !== 0 ? hash : wordHash(lower);
    if (isWord && (common & ASCII) === 0) wordsAscii = false;
    tokens.push(new ScannedToken(tokenText, lower, stem, start, lowerHash, (isWord ? IS_WORD_FLAG : 0) | (capitalised ? CAPITALISED_FLAG : 0)));
  }
  return { tokens, hasDigit, wordsAscii };
}
