/**
 * Stage `clean`, doubled text (CODEBOOK.md section 1, `caption` and
 * `navigation`): templates print a photo's alt text and its caption, or a
 * related story's image alt and its link, as the same text twice with no
 * break between them (`CaptionCaption`, `HeadlineHeadline`). A whole line
 * that is one text twice is a related-story link; a doubled text that opens a
 * longer line is the lead photo's caption glued to the article's first line.
 */
import { STRUCTURAL_RULE } from './rules.js';
import { addFinding, hasRemainder, peelLine } from './peel.js';
import type { LineState } from './peel.js';

/** Shortest text a template prints twice: a related headline or a caption of a few words. */
export const DOUBLED_TEXT_MIN_CHARS = 10;
/** A doubled opening must be at least this long (a caption, not a repeated word or two). */
const DOUBLED_OPENING_MIN_CHARS = 24;
/** Longest caption looked for at the start of a line (so the search reads a bounded window). */
const DOUBLED_OPENING_MAX_CHARS = 400;
/** The copy is found by its first characters: few places in a line repeat them. */
const PROBE_CHARS = 12;

/** Is text[start, end) one text twice, glued? */
export function isDoubledText(text: string, start: number, end: number): boolean {
  const length = end - start;
  const half = length / 2;
  return (
    Number.isInteger(half) &&
    half >= DOUBLED_TEXT_MIN_CHARS &&
    text.charCodeAt(start) === text.charCodeAt(start + half) &&
    text.startsWith(text.slice(start, start + half), start + half)
  );
}

/**
 * The length of a text of several words that opens text[start, end) and is
 * repeated right after itself (glued, or after one space), with more text
 * after the second copy; 0 when there is none. Looks only at the first
 * 2 × {@link DOUBLED_OPENING_MAX_CHARS} characters.
 */
export function doubledOpeningLength(text: string, start: number, end: number): number {
  if (end - start < 2 * DOUBLED_OPENING_MIN_CHARS + 1) return 0;
  const probe = text.slice(start, start + PROBE_CHARS);
  const limit = Math.min(end, start + 2 * DOUBLED_OPENING_MAX_CHARS + 1);
  for (let at = text.indexOf(probe, start + DOUBLED_OPENING_MIN_CHARS); at !== -1 && at < limit; at = text.indexOf(probe, at + 1)) {
    // The copy ends before `at`, without the single space some templates leave between the two.
    const copyEnd = text.charCodeAt(at - 1) === 0x20 ? at - 1 : at;
    const length = copyEnd - start;
    if (at + length >= end || !text.slice(start, copyEnd).includes(' ')) continue;
    if (text.startsWith(text.slice(start, copyEnd), at)) return length;
  }
  return 0;
}

/**
 * A line that is one text twice, glued (a related-story link printed as image
 * alt and as link text): navigation. A caption printed twice that opens a
 * longer line (alt text and caption glued to the lead): two caption pieces,
 * and what follows is peeled again as a line of its own.
 */
export function removeDoubledLines(states: readonly LineState[]): void {
  for (const state of states) {
    if (!hasRemainder(state)) continue;
    const text = state.line.text;
    if (state.findings.length === 0 && isDoubledText(text, state.keepStart, state.keepEnd)) {
      addFinding(state, state.keepStart, state.keepEnd, 'navigation', STRUCTURAL_RULE.doubledHeadline);
      state.keepStart = state.keepEnd;
      continue;
    }
    const length = doubledOpeningLength(text, state.keepStart, state.keepEnd);
    if (length === 0) continue;
    const second = text.charCodeAt(state.keepStart + length) === 0x20 ? state.keepStart + length + 1 : state.keepStart + length;
    addFinding(state, state.keepStart, state.keepStart + length, 'caption', STRUCTURAL_RULE.doubledCaption);
    addFinding(state, second, second + length, 'caption', STRUCTURAL_RULE.doubledCaption);
    state.keepStart = second + length;
    while (text.charCodeAt(state.keepStart) === 0x20) state.keepStart++;
    state.lineRule = null;
    peelLine(state);
  }
}
