/**
 * Stage `clean`, find steps 1 and 2 (CODEBOOK.md section 1, "Cleaning: what is
 * boilerplate"): the per-line state, peeling each line with the data rules
 * (end marks, whole lines, suffixes, prefixes, promo tails), and the markers
 * (`Baca juga:`, `Berita Terkait`, `Tags`) that pull in the lines after them.
 */
import {
  BLOCK_MAX_LINES,
  END_MARK_RULES,
  HEADLINE_MAX_WORDS,
  lineRulesFor,
  MAX_PEEL_STEPS,
  MAX_TAIL_CHARS,
  PREFIX_RULES,
  PREFIX_SEPARATOR,
  PREFIX_WINDOW_CHARS,
  SUFFIX_RULES,
  TAG_MAX_WORDS,
  TAIL_RULES,
} from './rules.js';
import type { BlockKind, CompiledRule } from './rules.js';
import { rawOffset } from './lines.js';
import type { Line } from './lines.js';
import { countWords, isNameLike, lineShape } from './line-shape.js';
import type { LineShape } from './line-shape.js';
import { BYLINE_VALUE_MAX_WORDS } from './byline.js';
import { detectorAccepts, detectorMayAccept } from './detectors.js';
import type { RemovalReason } from '../../types.js';

/* ========================================================================== */
/* Find, step 1: peel each line                                               */
/* ========================================================================== */

/** A removed piece while finding: raw UTF-16 offsets. */
export interface Finding {
  readonly reason: RemovalReason;
  readonly rule: string;
  readonly start: number;
  end: number;
}

/** What is left of a line after its rules ran: normalised offsets [keepStart, keepEnd). */
export interface LineState {
  readonly line: Line;
  keepStart: number;
  keepEnd: number;
  readonly findings: Finding[];
  /** The whole-line rule that removed the (rest of the) line, if any. */
  lineRule: CompiledRule | null;
  /** lineShape of the remainder, cached with the bounds it was computed for. */
  shapeCache?: { readonly start: number; readonly end: number; readonly shape: LineShape };
}

/** The shape of what a line keeps, computed once per remainder. */
export function shapeOf(state: LineState): LineShape {
  const cache = state.shapeCache;
  if (cache !== undefined && cache.start === state.keepStart && cache.end === state.keepEnd) return cache.shape;
  const shape = lineShape(remainder(state));
  state.shapeCache = { start: state.keepStart, end: state.keepEnd, shape };
  return shape;
}

export function remainder(state: LineState): string {
  return state.line.text.slice(state.keepStart, state.keepEnd);
}

export function hasRemainder(state: LineState): boolean {
  return state.keepStart < state.keepEnd;
}

/** Adds a finding over normalised [from, to) of the line (both at non-space characters). */
export function addFinding(state: LineState, from: number, to: number, reason: RemovalReason, rule: string): void {
  state.findings.push({ reason, rule, start: rawOffset(state.line, from), end: rawOffset(state.line, to) });
}

/** Moves keepStart/keepEnd inwards past the single spaces normalisation left. */
function trimKeep(state: LineState): void {
  const text = state.line.text;
  while (state.keepStart < state.keepEnd && text.charCodeAt(state.keepStart) === 0x20) state.keepStart++;
  while (state.keepEnd > state.keepStart && text.charCodeAt(state.keepEnd - 1) === 0x20) state.keepEnd--;
}

/** Tries end-anchored rules on the last characters of the remainder; removes the first match. */
function peelSuffix(state: LineState, rules: readonly CompiledRule[]): boolean {
  const text = state.line.text;
  const lastChar = text.charCodeAt(state.keepEnd - 1);
  for (const rule of rules) {
    if (!rule.closes.allows(lastChar)) continue;
    if (rule.guard !== null && !rule.guard.test(text.slice(Math.max(state.keepStart, state.keepEnd - rule.guardChars), state.keepEnd))) continue;
    const windowStart = Math.max(state.keepStart, state.keepEnd - rule.windowChars);
    const window = text.slice(windowStart, state.keepEnd);
    const match = rule.regex.exec(window);
    if (match === null || match[0].length === 0) continue;
    // In a cut window, a match at its very start may be an artefact of the cut (`^`, lookbehind): skip it.
    if (match.index === 0 && windowStart > state.keepStart) continue;
    let from = windowStart + match.index;
    while (text.charCodeAt(from) === 0x20) from++;
    if (!detectorAccepts(rule, text.slice(from, state.keepEnd))) continue;
    if (rule.wholeLineMaxChars > 0 && state.keepEnd - state.keepStart <= rule.wholeLineMaxChars) from = state.keepStart;
    addFinding(state, from, state.keepEnd, rule.reason, rule.id);
    state.keepEnd = from;
    trimKeep(state);
    return true;
  }
  return false;
}

/** Tries start-anchored rules on the first characters of the remainder; removes the first match. */
export function peelPrefix(state: LineState, rules: readonly CompiledRule[]): CompiledRule | null {
  const windowEnd = Math.min(state.keepEnd, state.keepStart + PREFIX_WINDOW_CHARS);
  const window = state.line.text.slice(state.keepStart, windowEnd);
  // Every lead-in ends in a dash, colon or bar before a space: most body lines fail this cheap test.
  if (!PREFIX_SEPARATOR.test(window)) return null;
  const firstChar = window.charCodeAt(0);
  for (const rule of rules) {
    if (!rule.opens.allows(firstChar) || (rule.requires !== null && !rule.requires.test(window))) continue;
    const match = rule.regex.exec(window);
    if (match === null || match[0].length === 0) continue;
    if (match.index + match[0].length === window.length && windowEnd < state.keepEnd) continue;
    const from = state.keepStart;
    let to = from + match[0].length;
    while (to > from && state.line.text.charCodeAt(to - 1) === 0x20) to--;
    addFinding(state, from, to, rule.reason, rule.id);
    state.keepStart = to;
    trimKeep(state);
    return rule;
  }
  return null;
}

/** Where a sentence starts inside a line: after `.!?…` (and closing quotes) and a space. Tail rules are tried there. */
const SENTENCE_BREAK = /[.!?…]["”’)\]]{0,3} (?=\S)/gu;

/** The first sentence start after a break found at or after `from`, or -1. */
function nextSentenceStart(text: string, from: number): number {
  SENTENCE_BREAK.lastIndex = from;
  const match = SENTENCE_BREAK.exec(text);
  return match === null ? -1 : match.index + match[0].length;
}

/**
 * Tries the tail rules at each sentence start near the end of the remainder;
 * removes from the earliest sentence start where one matches to the end.
 */
function peelTail(state: LineState): boolean {
  const text = state.line.text;
  const windowStart = Math.max(state.keepStart, state.keepEnd - MAX_TAIL_CHARS);
  const window = text.slice(windowStart, state.keepEnd);
  // Sentence starts in the window, in order; the window start counts only when it is the start of the remainder.
  const firstStart = windowStart === state.keepStart ? 0 : nextSentenceStart(window, 0);
  for (let start = firstStart; start !== -1; start = nextSentenceStart(window, start)) {
    const from = windowStart + start;
    const firstChar = window.charCodeAt(start);
    for (const rule of TAIL_RULES) {
      if (state.keepEnd - from > rule.maxTailChars) continue;
      if (!rule.matchesEmpty && !rule.opens.allows(firstChar)) continue;
      rule.regex.lastIndex = start;
      if (!rule.regex.test(window)) continue;
      if (countWords(window.slice(start), rule.maxTailWords) > rule.maxTailWords) continue;
      addFinding(state, from, state.keepEnd, rule.reason, rule.id);
      state.keepEnd = from;
      trimKeep(state);
      return true;
    }
  }
  return false;
}

/** Tries the whole-line rules; on a match the rest of the line is one piece. */
function matchWholeLine(state: LineState): boolean {
  const length = state.keepEnd - state.keepStart;
  let text: string | null = null;
  for (const rule of lineRulesFor(state.line.text, state.keepStart, state.keepEnd)) {
    if (length > rule.maxChars) continue;
    text ??= remainder(state);
    if (rule.guard !== null && !rule.guard.test(text.slice(-rule.guardChars))) continue;
    if ((rule.requires !== null && !rule.requires.test(text)) || !detectorMayAccept(rule, text)) continue;
    if (!rule.regex.test(text) || !detectorAccepts(rule, text)) continue;
    addFinding(state, state.keepStart, state.keepEnd, rule.reason, rule.id);
    state.keepStart = state.keepEnd;
    state.lineRule = rule;
    return true;
  }
  return false;
}

/**
 * Runs the line rules until none applies, so that what is left would pass
 * through them untouched a second time (idempotence). Order of each round:
 * end marks (`***` glued to a promo is its own piece), whole-line rules,
 * other suffixes (codes, credits), prefixes (outlet lead-ins), promo tails.
 */
export function peelLine(state: LineState): void {
  for (let step = 0; step < MAX_PEEL_STEPS && hasRemainder(state); step++) {
    if (peelSuffix(state, END_MARK_RULES)) continue;
    if (matchWholeLine(state)) return;
    if (peelSuffix(state, SUFFIX_RULES)) continue;
    if (peelPrefix(state, PREFIX_RULES) !== null) continue;
    if (peelTail(state)) continue;
    return;
  }
}

/* ========================================================================== */
/* Find, step 2: markers that pull in the lines after them                    */
/* ========================================================================== */

/** May this untouched line be pulled into a block of the given kind, as its n-th line? */
function belongsToBlock(kind: BlockKind, text: string, position: number): boolean {
  const shape = lineShape(text);
  const words = countWords(text, HEADLINE_MAX_WORDS);
  if (kind === 'name') return !shape.body && words <= BYLINE_VALUE_MAX_WORDS && isNameLike(text);
  // Tags: a few words per line, or one line of short comma- or pipe-separated tags.
  if (kind === 'tags') return (!shape.body || /,$/.test(text)) && text.split(/\s?[,|;]\s?/).every((tag) => countWords(tag, TAG_MAX_WORDS) <= TAG_MAX_WORDS);
  if (words > HEADLINE_MAX_WORDS) return false;
  // The first line after a lone `Baca juga:` is its headline, whatever it ends with, unless it ends like a plain sentence.
  if (kind === 'headlines' && position === 0) return !/[^.]\.["'”’)\]]{0,3}$/u.test(text) || /\.\.\.$/u.test(text);
  return !shape.body || shape.questionHeadline || (shape.listItem && !/[^.]\.$/u.test(text));
}

/** A line that nothing has touched: every one of its characters is still body. */
function untouched(state: LineState): boolean {
  return state.findings.length === 0 && hasRemainder(state);
}

/**
 * `Baca juga:` standing alone takes the headline(s) on the next lines;
 * `Berita Terkait` / `Terkini` take the list that follows; `Tags` takes the tags.
 * Marker and pulled lines become one piece (its text spans the newlines).
 */
export function absorbBlocks(states: readonly LineState[]): void {
  for (let i = 0; i < states.length; i++) {
    const marker = states[i];
    if (marker === undefined || marker.lineRule?.block == null || marker.findings.length !== 1) continue;
    const kind = marker.lineRule.block;
    const finding = marker.findings[0];
    if (finding === undefined) continue;
    let taken = 0;
    let j = i + 1;
    for (; j < states.length && taken < BLOCK_MAX_LINES[kind]; j++) {
      const next = states[j];
      if (next === undefined) break;
      if (next.line.text.length === 0) continue;
      if (!untouched(next) || !belongsToBlock(kind, next.line.text, taken)) break;
      finding.end = rawOffset(next.line, next.line.text.length);
      next.keepStart = next.keepEnd;
      taken++;
    }
    i = j - 1;
  }
}
