/**
 * Stage `clean`, find step 3 (CODEBOOK.md section 1: `title`, `navigation`,
 * `caption`, `outlet_prefix` and `duplicate`): title, kicker, captions,
 * trailing chrome and the lead-in decided by where lines stand relative to the
 * body, and repeated paragraphs.
 */
import {
  CAPS_PREFIX_MIN_LETTERS,
  DUPLICATE_MIN_WORDS,
  HEADLINE_MAX_WORDS,
  LEAD_PREFIX_RULES,
  LIST_MIN_LINES,
  MAX_PEEL_STEPS,
  ENGLISH_FUNCTION_WORDS,
  INDONESIAN_MALAY_FUNCTION_WORDS,
  PAGE_CHROME_CUE,
  PLACE_NAMES,
  STRUCTURAL_RULE,
} from './rules.js';

/** A line of at most this many words holding a chrome cue is chrome. */
const CHROME_CUE_MAX_WORDS = 10;
import { isWhitespace, normaliseSpaces } from './lines.js';
import { countWords, isAllCaps, isNameLike, lineShape, ONE_SENTENCE } from './line-shape.js';
import type { LineShape } from './line-shape.js';
import { addFinding, hasRemainder, peelLine, peelPrefix, remainder, shapeOf } from './peel.js';
import { removeDoubledLines } from './doubled-text.js';
import { removeDatedCaptionsAboveCredits } from './credit-captions.js';
import type { LineState } from './peel.js';
import type { CompiledRule } from './rules.js';
import type { RemovalReason } from '../../types.js';

/* ========================================================================== */
/* Find, step 3: title, captions and chrome by position                       */
/* ========================================================================== */

/** Compares headline texts loosely: case, spacing and final punctuation do not matter. */
export function headlineKey(text: string): string {
  return remainderKey(normaliseSpaces(text));
}

/** Punctuation a headline key ignores at the end (whitespace too). */
const HEADLINE_END_PUNCTUATION: ReadonlySet<number> = new Set([...'.!?…:;,"\'”’“‘'].map((c) => c.charCodeAt(0)));

/**
 * {@link headlineKey} of text that is already normalised, such as a line's
 * remainder (normalising it again would change nothing).
 */
function remainderKey(text: string): string {
  const lower = text.toLowerCase();
  let end = lower.length;
  while (end > 0 && (isWhitespace(lower.charCodeAt(end - 1)) || HEADLINE_END_PUNCTUATION.has(lower.charCodeAt(end - 1)))) end--;
  return end === lower.length ? lower : lower.slice(0, end);
}

/** Removes the whole remainder of a line as one piece. */
function removeRemainder(state: LineState, reason: RemovalReason, rule: string): void {
  addFinding(state, state.keepStart, state.keepEnd, reason, rule);
  state.keepStart = state.keepEnd;
}

/**
 * Which header line is the headline. Lines that cannot be one are passed
 * over: site chrome (`Skip to main content`, `Langganan BisnisPro`), counters
 * and tickers (`• IDX 6.438 38,22 0,60%`, `26°C`), and lines holding a full
 * stop mid-line (a promo or a caption). Among the others, a line the header
 * repeats (or that opens another header line: the image alt glued to its
 * caption, the headline with ` - Outlet` appended) is the headline; else the
 * first that is not kicker-shaped; if all are, the longest of two or more words
 * (`Putin Marah`); -1 when the header holds only one-word labels.
 */
function chooseTitle(header: readonly LineState[], words: readonly number[]): number {
  const texts = header.map(remainder);
  const eligible = texts.map((text, k) => (words[k] ?? 0) >= 2 && !cannotBeTitle(text, words[k] ?? 0));
  // Counted only once a line may be the headline (a header of one-word labels needs none).
  let openings: Map<string, number> | null = null;
  for (let k = 0; k < header.length; k++) {
    if (!eligible[k] || isKickerShaped(texts[k] ?? '', words[k] ?? 0)) continue;
    openings ??= countOpenings(texts.map(remainderKey), HEADLINE_MAX_WORDS);
    if ((openings.get(remainderKey(texts[k] ?? '')) ?? 0) > 1) return k;
  }
  const first = header.findIndex((_, k) => eligible[k] === true && !isKickerShaped(texts[k] ?? '', words[k] ?? 0));
  if (first !== -1) return first;
  let longest = -1;
  for (const [k, count] of words.entries()) if (eligible[k] === true && count > (words[longest] ?? 0)) longest = k;
  return longest;
}

/** A full stop, `!` or `?` followed by a capital inside the line: two sentences, not a headline. */
const SENTENCE_INSIDE = /[.!?]\s[\p{Lu}(]/u;

/** Site chrome, a counter or ticker line, or two sentences: never the title. */
function cannotBeTitle(text: string, words: number): boolean {
  if (words <= CHROME_CUE_MAX_WORDS && PAGE_CHROME_CUE.test(text)) return true;
  if (isCounterLike(text) || (text.match(BAR_SEPARATOR)?.length ?? 0) >= 2) return true;
  return SENTENCE_INSIDE.test(text) && !/[?!]\s\p{Lu}/u.test(text);
}

/** Mostly digits, signs and symbols (`• USD/IDR 16.830 0,00 0,00%`, `| : WIB | INDIKATOR |`, `26°C`): a ticker or widget. */
export function isCounterLike(text: string): boolean {
  let letters = 0;
  let digits = 0;
  let spaces = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20) spaces++;
    else if (code >= 0x30 && code <= 0x39) digits++;
    else if (code === 0xb0)
      return true; // ° of a weather widget
    else if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) letters++;
    else if (code >= 0xc0 && LETTER_CHAR.test(text[i] ?? '')) letters++;
  }
  const alnum = letters + digits;
  return letters * 2 < text.length - spaces && (alnum === 0 || letters < alnum * 0.7 || /^[|•·]|[|]$/u.test(text));
}

const LETTER_CHAR = /\p{L}/u;

/** A kicker is a short label above the headline: all capitals, or one or two words. */
function isKickerShaped(text: string, words: number): boolean {
  return words <= 2 || (isAllCaps(text) && words <= 4);
}

/**
 * Lines before the first body line form the header: the title, kicker lines
 * above it, and captions or repeats below it. All of them go, so a second pass
 * starts straight at a body line (idempotence).
 */
/** Removes the header; returns the headline's key (null when there is none). */
function removeHeader(header: readonly LineState[], givenTitle: string | null): string | null {
  if (header.length === 0) return null;
  const words = header.map((state) => countWords(remainder(state), HEADLINE_MAX_WORDS));
  const titleIndex = chooseTitle(header, words);
  const titleLine = header[titleIndex];
  const titleKey = titleLine === undefined ? null : remainderKey(remainder(titleLine));
  for (const [k, state] of header.entries()) {
    const key = remainderKey(remainder(state));
    if (givenTitle !== null && key === givenTitle) removeRemainder(state, 'title', STRUCTURAL_RULE.titleGiven);
    else if (k === titleIndex) removeRemainder(state, 'title', STRUCTURAL_RULE.titleHeadline);
    else if (k < titleIndex) removeRemainder(state, 'navigation', STRUCTURAL_RULE.kicker);
    else if (key === titleKey) removeRemainder(state, 'title', STRUCTURAL_RULE.titleRepeat);
    else removeRemainder(state, 'caption', STRUCTURAL_RULE.headerCaption);
  }
  if (titleKey !== null) return titleKey;
  return givenTitle !== null && header.some((state) => state.findings.some((f) => f.rule === STRUCTURAL_RULE.titleGiven)) ? givenTitle : null;
}

/** Chrome cues, all of them (a browser banner holds several). */
const PAGE_CHROME_CUES = new RegExp(PAGE_CHROME_CUE.source, 'giu');
/** Items of a ticker or a link bar: ` | ` between them. */
const BAR_SEPARATOR = / \| /g;

/** A body-shaped line that is site chrome: two or more chrome cues (`Your browser is out of date, and may not be compatible`), a chrome phrase in a short line, or three or more ` | `-separated items. */
function isLeadingChrome(text: string): boolean {
  const cues = text.match(PAGE_CHROME_CUES) ?? [];
  // One cue of several words (`download page`, `your browser`) is enough in a short line; a single word (`iklan`) may be the news.
  const phraseCue = cues.some((cue) => cue.includes(' ')) && countWords(text, LEADING_CHROME_MAX_WORDS + 1) <= LEADING_CHROME_MAX_WORDS;
  return cues.length >= 2 || phraseCue || (text.match(BAR_SEPARATOR)?.length ?? 0) >= 2;
}

const LEADING_CHROME_MAX_WORDS = 12;

/**
 * Headline, standfirst, then the byline or the date, then the article: a
 * one-sentence first paragraph that a byline or dateline line follows before
 * the next paragraph is the standfirst (removed as `title`, as above the lead-in).
 */
function removeStandfirstAboveByline(states: readonly LineState[], first: LineState | undefined): void {
  if (first === undefined || first.findings.length > 0 || !ONE_SENTENCE.test(remainder(first))) return;
  let bylineBetween = false;
  for (let k = states.indexOf(first) + 1; k < states.length; k++) {
    const state = states[k] as LineState;
    if (state.findings.some((f) => f.reason === 'byline' || f.reason === 'dateline')) bylineBetween = true;
    if (hasRemainder(state) && shapeOf(state).body) {
      // Only with the article's paragraphs after the byline: a lone paragraph above an end byline is the article.
      if (bylineBetween) removeRemainder(first, 'title', STRUCTURAL_RULE.standfirst);
      return;
    }
  }
}

/**
 * Lines between the first body line and a lead-in that opens a later one: a
 * standfirst under the headline (one sentence: removed as `title`, the gold's
 * call), captions, or, when the page had no headline above, the headline
 * itself. Body paragraphs there with no headline above (a summary) stay.
 */
function removeAboveLead(lines: readonly LineState[], shapes: readonly LineShape[], titleKey: string | null, givenTitle: string | null): void {
  const titled = titleKey !== null;
  const headlineLike = lines.filter((state, k) => hasRemainder(state) && shapes[k]?.body === false);
  if (!titled) removeHeader(headlineLike, givenTitle);
  else for (const state of headlineLike) removeRemainder(state, 'caption', STRUCTURAL_RULE.headerCaption);
  if (!titled) return;
  for (const [k, state] of lines.entries()) {
    if (!hasRemainder(state) || shapes[k]?.body !== true) continue;
    // A line that ends in a photo agency's credit (`... Navalny. - AFP`) is the lead photo's caption.
    if (state.findings.some((f) => f.rule === 'byline.agency_suffix')) {
      removeRemainder(state, 'caption', STRUCTURAL_RULE.headerCaption);
      continue;
    }
    if (state.findings.length > 0) continue;
    const text = remainder(state);
    // The lead photo's alt text (the headline) glued to its caption.
    if (titleKey.length > 0 && remainderKey(text).startsWith(`${titleKey} `)) {
      removeRemainder(state, 'caption', STRUCTURAL_RULE.headerCaption);
      continue;
    }
    if (ONE_SENTENCE.test(text) && countWords(text, HEADLINE_MAX_WORDS + 1) <= HEADLINE_MAX_WORDS) removeRemainder(state, 'title', STRUCTURAL_RULE.standfirst);
  }
}

/** The first line with this shape ends the header (a short Title-Case question above it is still a headline). */
function opensBody(shape: LineShape): boolean {
  return shape.body && !shape.questionHeadline;
}

/**
 * Peels an outlet/place lead-in that is only recognisable on the first body
 * line (`LINGKAR KEDIRI –`, `Jakarta -`, `KUALA LUMPUR:`), provided what is
 * left still reads as body, so a second pass keeps it as the first body line.
 */
function peelLeadPrefix(state: LineState, rules: readonly CompiledRule[] = LEAD_PREFIX_RULES): void {
  for (let step = 0; step < MAX_PEEL_STEPS; step++) {
    const trial: LineState = { line: state.line, keepStart: state.keepStart, keepEnd: state.keepEnd, findings: [], lineRule: null };
    const rule = peelPrefix(trial, rules);
    if (rule === null) return;
    const found = trial.findings[0];
    if (found === undefined) return;
    if (rule.id === 'outlet_prefix.caps_name' && !capsLeadIsPlausible(state.line.text.slice(state.keepStart, trial.keepStart))) return;
    peelLine(trial);
    if (!hasRemainder(trial) || trial.lineRule !== null || !opensBody(lineShape(remainder(trial)))) return;
    state.findings.push(...trial.findings);
    state.keepStart = trial.keepStart;
    state.keepEnd = trial.keepEnd;
  }
}

const EVERY_LETTER = /\p{L}/gu;

function capsLeadIsPlausible(prefix: string): boolean {
  const name = prefix.replace(/\s?[-–—]+$/u, '').split(',')[0] ?? '';
  return PLACE_NAMES.has(name.trim().toLowerCase()) || (name.match(EVERY_LETTER)?.length ?? 0) >= CAPS_PREFIX_MIN_LETTERS;
}

/**
 * Decides title, kicker, captions, trailing chrome and the lead-in by where
 * lines stand relative to the body: header before the first body line;
 * captions between body lines; chrome after the last one.
 */
export function removeByPosition(states: readonly LineState[], givenTitle: string | null): void {
  // A headline repeating the JSONL-given title at the top is the title, whatever it ends with.
  for (const state of states.filter(hasRemainder)) {
    if (givenTitle === null || remainderKey(remainder(state)) !== givenTitle) break;
    removeRemainder(state, 'title', STRUCTURAL_RULE.titleGiven);
  }
  removeDoubledLines(states);
  removeDatedCaptionsAboveCredits(states);
  // Then the lines that still keep text (the given title's lines no longer do).
  const rest = removeOtherLanguageLines(states);
  const shapes = rest.map(shapeOf);
  let firstBody = shapes.findIndex(opensBody);
  // Body-shaped chrome before the article (a browser banner, a ticker of `|`-separated headlines) is not its first line.
  while (firstBody !== -1 && isLeadingChrome(remainder(rest[firstBody] as LineState))) {
    removeRemainder(rest[firstBody] as LineState, 'navigation', STRUCTURAL_RULE.chromeLine);
    let next = firstBody + 1;
    while (next < shapes.length && !opensBody(shapes[next] as LineShape)) next++;
    firstBody = next < shapes.length ? next : -1;
  }
  if (firstBody === -1) return; // no body line at all: nothing to anchor a header or a caption on
  const titleKey = removeHeader(rest.slice(0, firstBody).filter(hasRemainder), givenTitle);
  if (titleKey !== null) removeStandfirstAboveByline(states, rest[firstBody]);
  const leadLine = peelFirstLead(rest, shapes, firstBody);
  if (leadLine > firstBody) removeAboveLead(rest.slice(firstBody, leadLine), shapes.slice(firstBody, leadLine), titleKey, givenTitle);
  let lastBody = firstBody;
  for (const [k, shape] of shapes.entries()) if (shape.body) lastBody = k;
  const finalLine = keepTruncatedEnd(rest, shapes, lastBody);
  // Counted only when a headline-like line stands between paragraphs (most articles have none).
  let lineCounts: Map<string, number> | null = null;
  // Only the keys of headline-like lines between the first and the last body line are looked up.
  const crossheadKeys = (): Set<string> => {
    const keys = new Set<string>();
    for (let k = firstBody + 1; k < lastBody; k++) if (shapes[k]?.body === false) keys.add(remainderKey((rest[k] as LineState).line.text));
    return keys;
  };
  let crossheadCandidates = 0;
  for (let k = firstBody + 1; k < lastBody; k++)
    if (shapes[k]?.body === false && mayBeCrosshead(rest, k, (lineCounts ??= countLines(states, crossheadKeys())))) crossheadCandidates++;
  for (let k = firstBody + 1; k < rest.length; ) {
    // A run of headline-like lines between body lines: one or two are captions, crossheads (or chrome after the body), more are a list.
    let end = k;
    while (end < rest.length && shapes[end]?.body === false) end++;
    if (!isBulletlessList(rest.slice(k, end))) {
      for (let m = k; m < end; m++) {
        const state = rest[m];
        if (state === undefined || !hasRemainder(state) || m === finalLine) continue;
        // A list item is body, except a headline in a list of related links after the article (`- Judul Berita Lain`).
        if (shapes[m]?.listItem === true && !(m > lastBody && isLinkedHeadline(remainder(state)))) continue;
        if (m < lastBody) {
          // A crosshead stands alone between two paragraphs; two or more headline-like lines in a row are captions or links.
          if (
            !(
              end - k === 1 &&
              mayBeCrosshead(rest, m, (lineCounts ??= countLines(states, crossheadKeys()))) &&
              isCrosshead(remainder(state), crossheadCandidates)
            )
          )
            removeRemainder(state, 'caption', STRUCTURAL_RULE.shortCaption);
        } else removeRemainder(state, 'navigation', STRUCTURAL_RULE.trailingChrome);
      }
    }
    k = Math.max(end, k + 1);
  }
}

/** How many body lines after the first the lead-in may open: a summary paragraph or a photo line may stand above it. */
const LEAD_SEARCH_LINES = 3;

/** Lead-ins recognised below the first body line: a known place, or a place with the outlet's name, or a name with its acronym (never a bare name before a dash). */
const LATER_LEAD_RULES = LEAD_PREFIX_RULES.filter((rule) => rule.id !== 'outlet_prefix.title_name' && rule.id !== 'outlet_prefix.caps_name');

/**
 * Peels the outlet/place lead-in off each of the first few body lines (a
 * summary paragraph or a photo line may stand above the lead), the first with
 * every lead rule, the others with the safer ones; every one of them is tried,
 * so that a second pass finds nothing more. Returns the index of the first
 * line that holds a lead-in (peeled here or by a data rule), or -1.
 */
function peelFirstLead(rest: readonly LineState[], shapes: readonly LineShape[], firstBody: number): number {
  let seen = 0;
  let leadLine = -1;
  for (let k = firstBody; k < rest.length && seen < LEAD_SEARCH_LINES; k++) {
    const state = rest[k];
    if (state === undefined || shapes[k]?.body !== true || !hasRemainder(state)) continue;
    seen++;
    if (!state.findings.some((f) => f.reason === 'outlet_prefix')) peelLeadPrefix(state, seen === 1 ? LEAD_PREFIX_RULES : LATER_LEAD_RULES);
    if (leadLine === -1 && state.findings.some((f) => f.reason === 'outlet_prefix')) leadLine = k;
  }
  return leadLine;
}

/** Lines open with at most this many words that a caption may repeat. */
const OPENING_MAX_WORDS = 8;

/**
 * How many lines open with each run of their first 1–8 words (case folded):
 * pages print a photo's caption twice (alt text and caption), or a caption
 * repeats the start of a paragraph (`Menteri Luar Negeri Rusia Sergei Lavrov`);
 * a crosshead does neither.
 */
function countLines(states: readonly LineState[], wanted: ReadonlySet<string>): Map<string, number> {
  return countOpenings(
    states.map((state) => remainderKey(state.line.text)),
    OPENING_MAX_WORDS,
    wanted,
  );
}

/** Punctuation an opening ignores at its end (`Judul -` opens `Judul - Outlet` and equals `Judul`). */
const OPENING_END: ReadonlySet<number> = new Set([...' .,:;!?…-–—|'].map((c) => c.charCodeAt(0)));

/**
 * How many of the keys open with each run of their first 1…maxWords words
 * (trailing punctuation of a run ignored; a key longer than that counts whole
 * too). Linear in the text. With `wanted`, only those openings are counted
 * (the others are never asked for): their counts are the same, and most
 * openings are then never cut out of their key.
 */
function countOpenings(keys: readonly string[], maxWords: number, wanted: ReadonlySet<string> | null = null): Map<string, number> {
  const counts = new Map<string, number>();
  const wantedLengths = wanted === null ? null : new Set([...wanted].map((opening) => opening.length));
  const count = (key: string, end: number): void => {
    let trimmed = end;
    while (trimmed > 0 && OPENING_END.has(key.charCodeAt(trimmed - 1))) trimmed--;
    if (wantedLengths !== null && !wantedLengths.has(trimmed)) return;
    const opening = trimmed === key.length ? key : key.slice(0, trimmed);
    if (wanted !== null && !wanted.has(opening)) return;
    counts.set(opening, (counts.get(opening) ?? 0) + 1);
  };
  for (const key of keys) {
    if (key.length === 0) continue;
    let end = -1;
    for (let n = 0; n < maxWords; n++) {
      end = key.indexOf(' ', end + 1);
      count(key, end === -1 ? key.length : end);
      if (end === -1) break;
    }
    if (end !== -1 && (wanted === null || wanted.has(key))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** At least this many headline-like lines inside the body make them the article's crossheads, not photo captions. */
const CROSSHEADS_MIN = 3;
/** A name-like line of at most this many content words is a caption (`Peta Ukraina`, `Gedung Putih`). */
const CAPTION_NAME_MAX_WORDS = 3;

/**
 * A short headline-like line between body paragraphs may be a crosshead (a
 * subheading, kept as body: the gold's call, README "Known limits") unless it
 * reads as a photo caption or chrome: the page repeats it, it stands beside a
 * photo credit, it is one word or all capitals, a counter, or holds a chrome cue.
 */
function mayBeCrosshead(rest: readonly LineState[], m: number, lineCounts: ReadonlyMap<string, number>): boolean {
  const state = rest[m];
  if (state === undefined || state.findings.length > 0) return false;
  const text = remainder(state);
  const words = countWords(text, HEADLINE_MAX_WORDS);
  if ((lineCounts.get(remainderKey(state.line.text)) ?? 0) > 1) return false;
  if (words < 2 || isAllCaps(text) || isCounterLike(text) || (words <= CHROME_CUE_MAX_WORDS && PAGE_CHROME_CUE.test(text))) return false;
  for (const neighbour of [rest[m - 1], rest[m + 1]]) if (neighbour?.findings.some((f) => f.reason === 'caption') === true) return false;
  return true;
}

/** Crossheads are short: a sentence-case one up to this many words, a Title-Case one (else a related headline) up to CROSSHEAD_TITLE_CASE_MAX_WORDS. */
const CROSSHEAD_MAX_WORDS = 10;
const CROSSHEAD_TITLE_CASE_MAX_WORDS = 5;

/** A possible crosshead is one unless it is long (a related headline) or a short name (`Peta Ukraina`) in an article with few such lines. */
function isCrosshead(text: string, candidates: number): boolean {
  const words = countWords(text, CROSSHEAD_MAX_WORDS);
  if (words > CROSSHEAD_MAX_WORDS || (words > CROSSHEAD_TITLE_CASE_MAX_WORDS && isNameLike(text))) return false;
  return candidates >= CROSSHEADS_MIN || !(isNameLike(text) && contentWords(text) <= CAPTION_NAME_MAX_WORDS);
}

function contentWords(text: string): number {
  return text.split(' ').filter((word) => /^[\p{Lu}\p{N}]/u.test(word)).length;
}

/**
 * A crawler that cuts a page at a byte limit leaves the last line a fragment
 * of body (`... pembicaraan akan difokus`), which the gold keeps. The last line
 * of the text, when no rule removed it and it reads as running text (sentence
 * case, or a single word), is kept; returns its index, or -1.
 */
function keepTruncatedEnd(rest: readonly LineState[], shapes: readonly LineShape[], lastBody: number): number {
  const k = rest.length - 1;
  const state = rest[k];
  if (state === undefined || k <= lastBody || shapes[k]?.body !== false || state.findings.length > 0) return -1;
  const text = remainder(state);
  const words = countWords(text, HEADLINE_MAX_WORDS);
  if (isCounterLike(text) || isAllCaps(text) || PAGE_CHROME_CUE.test(text) || /[.!?…:;,)\]]$|[?(]/u.test(text)) return -1;
  if (words === 1) return /^\p{Lu}\p{Ll}+$/u.test(text) ? k : -1;
  return isNameLike(text) ? -1 : k;
}

/** Non-letters at either end of a word. */
const EDGE_NON_LETTERS = /^[^\p{L}]+|[^\p{L}]+$/gu;

function isAsciiLowerLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** Counts of English and of Indonesian/Malay function words in a line. */
function functionWords(text: string): { readonly english: number; readonly indonesianMalay: number; readonly words: number } {
  let english = 0;
  let indonesianMalay = 0;
  let words = 0;
  for (const raw of text.split(' ')) {
    const lower = raw.toLowerCase();
    // Most words begin and end with a letter a–z: then there is nothing to strip.
    const word =
      isAsciiLowerLetter(lower.charCodeAt(0)) && isAsciiLowerLetter(lower.charCodeAt(lower.length - 1)) ? lower : lower.replace(EDGE_NON_LETTERS, '');
    if (word.length === 0) continue;
    words++;
    if (ENGLISH_FUNCTION_WORDS.has(word)) english++;
    else if (INDONESIAN_MALAY_FUNCTION_WORDS.has(word)) indonesianMalay++;
  }
  return { english, indonesianMalay, words };
}

/** An English line: several English function words, a fifth of its words or more, and no Indonesian or Malay one. Quoted lines are speech, not chrome. */
const ENGLISH_LINE_MIN_WORDS = 6;
function isEnglishLine(text: string): boolean {
  if (/["“”«»]/u.test(text)) return false;
  const counts = functionWords(text);
  return counts.words >= ENGLISH_LINE_MIN_WORDS && counts.indonesianMalay === 0 && counts.english >= 3 && counts.english * 5 >= counts.words;
}

/**
 * In an Indonesian or Malay page (its function words outnumber English ones
 * three to one), an untouched, unquoted English line beside a photo's caption
 * or credit is the wire photo's caption left in English (CODEBOOK.md section
 * 1, `caption`). Returns the lines that keep text.
 */
function removeOtherLanguageLines(lines: readonly LineState[]): LineState[] {
  const captionBeside = (k: number, step: number): boolean => {
    let m = k + step;
    while (lines[m]?.line.text.length === 0) m += step;
    return lines[m]?.findings.some((f) => f.reason === 'caption') === true;
  };
  // Beside a photo's caption or credit: an English sentence elsewhere may be a quotation left untranslated.
  const candidates: LineState[] = [];
  for (const [k, state] of lines.entries()) {
    if (hasRemainder(state) && state.findings.length === 0 && (captionBeside(k, -1) || captionBeside(k, 1)) && isEnglishLine(remainder(state)))
      candidates.push(state);
  }
  if (candidates.length > 0) {
    let english = 0;
    let indonesianMalay = 0;
    for (const state of lines) {
      if (!hasRemainder(state)) continue;
      const counts = functionWords(remainder(state));
      english += counts.english;
      indonesianMalay += counts.indonesianMalay;
    }
    if (indonesianMalay >= 3 * english && indonesianMalay >= 10)
      for (const state of candidates) removeRemainder(state, 'caption', STRUCTURAL_RULE.otherLanguage);
  }
  return lines.filter(hasRemainder);
}

/** A related-story link: a headline of several words with every content word capitalised. */
const LINKED_HEADLINE_MIN_WORDS = 5;
function isLinkedHeadline(text: string): boolean {
  return countWords(text, LINKED_HEADLINE_MIN_WORDS) >= LINKED_HEADLINE_MIN_WORDS && isNameLike(text);
}

function isBulletlessList(run: readonly LineState[]): boolean {
  if (run.length < LIST_MIN_LINES) return false;
  // Paywall and subscription prompts one under another are chrome, not a list.
  if (run.some((state) => countWords(remainder(state), CHROME_CUE_MAX_WORDS + 1) <= CHROME_CUE_MAX_WORDS && PAGE_CHROME_CUE.test(remainder(state))))
    return false;
  const names = run.filter((state) => isNameLike(remainder(state))).length;
  return names * 2 < run.length;
}

/**
 * A paragraph repeated verbatim later in the article: the later copy goes.
 * Only body-shaped paragraphs count: removing a headline-like line here could
 * split a list run and change what a second pass keeps.
 */
export function removeDuplicates(states: readonly LineState[]): void {
  // Paragraphs seen so far, by length: texts of different lengths cannot be equal, so most
  // paragraphs are compared with none (cheaper than hashing every paragraph into a Set).
  const seenByLength = new Map<number, string[]>();
  for (const state of states) {
    if (!hasRemainder(state)) continue;
    const text = remainder(state);
    if (countWords(text, DUPLICATE_MIN_WORDS) < DUPLICATE_MIN_WORDS || !shapeOf(state).body) continue;
    const sameLength = seenByLength.get(text.length);
    if (sameLength === undefined) seenByLength.set(text.length, [text]);
    else if (sameLength.includes(text)) removeRemainder(state, 'duplicate', STRUCTURAL_RULE.duplicate);
    else sameLength.push(text);
  }
}
