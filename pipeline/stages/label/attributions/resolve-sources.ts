/**
 * Attributions (CODEBOOK.md section 7): resolving sources. The name runs of
 * an article, read as far as a question needs, give source_norm its full
 * names, acronym expansions and pronoun antecedents; and the code-point
 * helpers that turn UTF-16 offsets into the offsets the stage writes.
 */
import { LEXICONS } from '../lexicons.js';
import type { SentenceFeatures } from '../sentence-features.js';
import { isSpaceUnit, wordHash, type Token } from '../../../text/tokenize.js';
import { cueHits } from './cues.js';
import { ALL_CAPS_ACRONYM, classifyRun } from './source-phrase.js';

/** The last word of a name of several (the text after its last space), or null for a one-word name. A name is a slice from a token's start to a token's end, so it neither starts nor ends with a space. */
function lastWordOf(name: string): string | null {
  for (let i = name.length - 1; i >= 0; i--) if (isSpaceUnit(name.charCodeAt(i))) return name.slice(i + 1);
  return null;
}

/** The token indices where a reporting cue starts in a sentence. */
function cueStarts(features: SentenceFeatures): ReadonlySet<number> {
  const starts = new Set<number>();
  for (const hit of cueHits(features)) starts.add(hit.start);
  return starts;
}

/** A name run of a sentence (title stripped): a source's full name, antecedent or acronym expansion. */
interface NameRun {
  /** Token index just past the run. */
  readonly end: number;
  readonly name: string;
  readonly person: boolean;
  /** The name's last word, lower-cased, when it has several; else null. */
  readonly lastWord: string | null;
  /** The acronym given after it in brackets (Institute for the Study of War (ISW)), or null. */
  readonly acronym: string | null;
}

/** A lower-case word with its wordHash, to find tokens of that form. */
interface WordKey {
  readonly word: string;
  readonly hash: number;
}

/** Is some token of [start, end) of this lower-case form? */
function spellsWordIn(tokens: readonly Token[], start: number, end: number, key: WordKey): boolean {
  for (let k = start; k < end; k++) {
    const t = tokens[k] as Token;
    if (t.lowerHash === key.hash && t.lower === key.word) return true;
  }
  return false;
}

/**
 * The name runs of one sentence, in token order; with `withWord`, only those
 * with a token of that form (the others are left out, not classified).
 */
function nameRunsOf(features: SentenceFeatures, withWord: WordKey | null = null): NameRun[] {
  const { tokens } = features;
  const runs: NameRun[] = [];
  // The cue starts, found on the first capitalised word that needs them (not once per such word).
  let cues: ReadonlySet<number> | null = null;
  let k = 0;
  while (k < tokens.length) {
    // Names are runs of capitalised words (with connectors: Institute for the Study of War); lower-case titles do not matter here.
    if (!(tokens[k] as Token).capitalised) {
      k++;
      continue;
    }
    // A cue opening the sentence (Dilansir AFP, Dikutip Gridhot) is not part of the name after it.
    if (
      LEXICONS.sentenceAdverbs.has((tokens[k] as Token).lower) ||
      LEXICONS.skipAdverbs.has((tokens[k] as Token).lower) ||
      (cues ??= cueStarts(features)).has(k)
    ) {
      k++;
      continue;
    }
    let end = k;
    while (
      end < tokens.length &&
      ((tokens[end] as Token).capitalised || (LEXICONS.nameConnectors.has((tokens[end] as Token).lower) && tokens[end + 1]?.capitalised === true))
    )
      end++;
    // One capitalised word opening a sentence or a quotation is as likely a common word (Tinggal, Jadi) as a name.
    const opensSentence = k === 0 || !(tokens[k - 1] as Token).isWord;
    if (opensSentence && end - k === 1 && features.mentions.every((m) => m.start !== k)) {
      k = end;
      continue;
    }
    if (withWord !== null && !spellsWordIn(tokens, k, end, withWord)) {
      k = end;
      continue;
    }
    const phrase = classifyRun(features, k, end, false);
    if (phrase !== null && phrase.kind === 'name') {
      const lastWord = lastWordOf(phrase.text);
      let acronym: string | null = null;
      // "Institute for the Study of War (ISW)"
      if (tokens[end]?.text === '(' && tokens[end + 2]?.text === ')' && lastWord !== null) {
        const candidate = (tokens[end + 1] as Token).text;
        if (ALL_CAPS_ACRONYM.test(candidate)) acronym = candidate;
      }
      runs.push({ end, name: phrase.text, person: phrase.type === 'person', lastWord: lastWord === null ? null : lastWord.toLowerCase(), acronym });
    }
    k = end;
  }
  return runs;
}

/**
 * The names of an article, for resolving sources: read sentence by sentence,
 * and only as far as a question needs (a pronoun needs its own sentence, a
 * last name the article's first full name with it): most sources are full
 * names and need none of it.
 */
export class ArticleNames {
  private readonly runs: (NameRun[] | undefined)[] = [];
  /** The answers of fullName so far (undefined: the article has no such full name). */
  private readonly fullNameByLastWord = new Map<string, string | undefined>();
  /** Last expansion per acronym, over the whole article; made on first need. */
  private expansionByAcronym: Map<string, string> | null = null;

  constructor(private readonly all: readonly SentenceFeatures[]) {}

  /** The name runs of sentence s. */
  runsOf(s: number): readonly NameRun[] {
    let runs = this.runs[s];
    if (runs === undefined) this.runs[s] = runs = nameRunsOf(this.all[s] as SentenceFeatures);
    return runs;
  }

  /**
   * The first name of several words in the article whose last word is this one (lower-case), if any.
   *
   * A run's words are word tokens, which only spaces separate, so its last
   * word is a token's text lower-cased: where the word tokens are ASCII, only
   * runs with a token of that lower-case form can end with it, and only they
   * are classified (the costly part); other sentences are read whole, since
   * lower-casing a word alone can differ there from its token's form (final sigma).
   */
  fullName(lastWord: string): string | undefined {
    if (this.fullNameByLastWord.has(lastWord)) return this.fullNameByLastWord.get(lastWord);
    let full: string | undefined;
    const key: WordKey = { word: lastWord, hash: wordHash(lastWord) };
    for (let s = 0; s < this.all.length && full === undefined; s++) {
      const features = this.all[s] as SentenceFeatures;
      let runs: readonly NameRun[] | undefined = this.runs[s];
      if (runs === undefined) {
        if (!features.wordsAscii) runs = this.runsOf(s);
        else if (!spellsWordIn(features.tokens, 0, features.tokens.length, key)) continue;
        else runs = nameRunsOf(features, key);
      }
      for (const run of runs) {
        if (run.lastWord === lastWord) {
          full = run.name;
          break;
        }
      }
    }
    this.fullNameByLastWord.set(lastWord, full);
    return full;
  }

  /** The expansion of an acronym, the last one given in the article, if any. */
  expansion(text: string): string | undefined {
    // Only an all-capitals word is ever an acronym: anything else needs no reading.
    if (!ALL_CAPS_ACRONYM.test(text)) return undefined;
    if (this.expansionByAcronym === null) {
      this.expansionByAcronym = new Map<string, string>();
      // An acronym is given in brackets after its name: a sentence without '(' gives none.
      for (let s = 0; s < this.all.length; s++) {
        if (!(this.all[s] as SentenceFeatures).text.includes('(')) continue;
        for (const run of this.runsOf(s)) if (run.acronym !== null) this.expansionByAcronym.set(run.acronym, run.name);
      }
    }
    return this.expansionByAcronym.get(text);
  }
}

/** A surrogate code unit (half of a character outside the BMP); no 'u' flag, so that single units match. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** Does the text hold a surrogate? Where it holds none, UTF-16 offsets are code-point offsets and need no counting. */
export function astralIn(text: string): boolean {
  return SURROGATE.test(text);
}

/** Code-point length of the first `end` UTF-16 units of a string (offsets leave the stage in code points); counted in place, not on a slice. */
export function codePointLength(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}
