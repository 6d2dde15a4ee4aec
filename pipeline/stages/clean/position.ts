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
  PLACE_NAMES,
  STRUCTURAL_RULE,
} from './rules.js';
import { isWhitespace, normaliseSpaces } from './lines.js';
import { countWords, isAllCaps, isNameLike, lineShape } from './line-shape.js';
import type { LineShape } from './line-shape.js';
import { addFinding, hasRemainder, peelLine, peelPrefix, remainder, shapeOf } from './peel.js';
import type { LineState } from './peel.js';
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
 * Which header line is the headline: the first that is not kicker-shaped; if
 * all are, the longest of two or more words (`Putin Marah`); -1 when the header
 * holds only one-word labels (`NEWS`, `Verified`, `0`).
 */
function chooseTitle(header: readonly LineState[], words: readonly number[]): number {
  const first = header.findIndex((state, k) => !isKickerShaped(remainder(state), words[k] ?? 0));
  if (first !== -1) return first;
  let longest = -1;
  for (const [k, count] of words.entries()) if (count >= 2 && count > (words[longest] ?? 0)) longest = k;
  return longest;
}

/** A kicker is a short label above the headline: all capitals, or one or two words. */
function isKickerShaped(text: string, words: number): boolean {
  return words <= 2 || (isAllCaps(text) && words <= 4);
}

/**
 * Lines before the first body line form the header: the title, kicker lines
 * above it, and captions or repeats below it. All of them go, so a second pass
 * starts straight at a body line (idempotence).
 */
function removeHeader(header: readonly LineState[], givenTitle: string | null): void {
  if (header.length === 0) return;
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
function peelLeadPrefix(state: LineState): void {
  for (let step = 0; step < MAX_PEEL_STEPS; step++) {
    const trial: LineState = { line: state.line, keepStart: state.keepStart, keepEnd: state.keepEnd, findings: [], lineRule: null };
    const rule = peelPrefix(trial, LEAD_PREFIX_RULES);
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
  const kept = states.filter(hasRemainder);
  // A headline repeating the JSONL-given title at the top is the title, whatever it ends with.
  let top = 0;
  for (const state of kept) {
    if (givenTitle === null || remainderKey(remainder(state)) !== givenTitle) break;
    removeRemainder(state, 'title', STRUCTURAL_RULE.titleGiven);
    top++;
  }
  const rest = kept.slice(top);
  const shapes = rest.map(shapeOf);
  const firstBody = shapes.findIndex(opensBody);
  if (firstBody === -1) return; // no body line at all: nothing to anchor a header or a caption on
  removeHeader(rest.slice(0, firstBody), givenTitle);
  const lead = rest[firstBody];
  if (lead !== undefined) peelLeadPrefix(lead);
  let lastBody = firstBody;
  for (const [k, shape] of shapes.entries()) if (shape.body) lastBody = k;
  for (let k = firstBody + 1; k < rest.length; ) {
    // A run of headline-like lines between body lines: one or two are captions (or chrome after the body), more are a list.
    let end = k;
    while (end < rest.length && shapes[end]?.body === false) end++;
    if (!isBulletlessList(rest.slice(k, end))) {
      for (let m = k; m < end; m++) {
        const state = rest[m];
        if (state === undefined || shapes[m]?.listItem === true) continue;
        if (m < lastBody) removeRemainder(state, 'caption', STRUCTURAL_RULE.shortCaption);
        else removeRemainder(state, 'navigation', STRUCTURAL_RULE.trailingChrome);
      }
    }
    k = Math.max(end, k + 1);
  }
}

function isBulletlessList(run: readonly LineState[]): boolean {
  if (run.length < LIST_MIN_LINES) return false;
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
