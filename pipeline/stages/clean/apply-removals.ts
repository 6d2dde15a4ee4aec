/**
 * Stage `clean`, the "apply" half (CODEBOOK.md section 1, "Cleaning: what is
 * boilerplate"): builds `clean_text` and the clean → raw `spans` from what the
 * removed pieces leave, and maps clean offsets back to raw ones.
 */
import { codePointIndex, verbatimChunks } from './lines.js';
import type { CodePointIndex } from './lines.js';
import { hasRemainder, remainder } from './peel.js';
import type { LineState } from './peel.js';
import type { CleanDocument, RemovedPiece, TextSpan } from '../../types.js';

/* ========================================================================== */
/* Apply: clean text and spans from what the pieces leave                     */
/* ========================================================================== */

/** The clean text and its clean → raw offset map. */
export interface AppliedText {
  readonly clean_text: string;
  readonly spans: readonly TextSpan[];
}

/**
 * Builds the clean text from the raw text minus the removed pieces: the "apply"
 * half of cleaning. Each line that keeps any text is one paragraph; paragraphs
 * are joined by "\n\n"; inside a line every whitespace run (NBSP included), and
 * every removed piece, becomes one ASCII space; lines are trimmed.
 *
 * @param rawText The document's `raw_text`.
 * @param removed Pieces with code-point offsets, as {@link findBoilerplate} returns them.
 * @returns `clean_text` and the `spans` that map it back to `rawText` (code points).
 * @example
 * applyRemovals('A  b.\n\nEditor: X', [{ reason: 'byline', rule: 'byline.labelled', text: 'Editor: X', raw_start: 7, raw_end: 16 }]);
 * // { clean_text: 'A b.', spans: [{ clean_start: 0, raw_start: 0, length: 1 }, { clean_start: 2, raw_start: 3, length: 2 }] }
 */
export function applyRemovals(rawText: string, removed: readonly RemovedPiece[]): AppliedText {
  const index = codePointIndex(rawText);
  const ranges = removed.map((piece) => [index.toUtf16(piece.raw_start), index.toUtf16(piece.raw_end)] as const).sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  const spans: TextSpan[] = [];
  let cleanOffset = 0;
  let next = 0; // first range that may still touch the current line
  let lineStart = 0;
  while (lineStart <= rawText.length) {
    const newline = rawText.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? rawText.length : newline;
    while (next < ranges.length && (ranges[next]?.[1] ?? 0) <= lineStart) next++;
    // The parts of the line no piece covers (a loop, not push(...spread): a line may hold a million chunks).
    const chunks: [number, number][] = [];
    const keep = (from: number, to: number): void => {
      for (const chunk of verbatimChunks(rawText, from, to)) chunks.push(chunk);
    };
    let cursor = lineStart;
    for (let r = next; r < ranges.length; r++) {
      const [from, to] = ranges[r] ?? [0, 0];
      if (from >= lineEnd) break;
      if (from > cursor) keep(cursor, from);
      cursor = Math.max(cursor, to);
    }
    if (cursor < lineEnd) keep(cursor, lineEnd);
    for (const [k, [from, to]] of chunks.entries()) {
      const separator = k > 0 ? ' ' : out.length > 0 ? '\n\n' : '';
      out.push(separator, rawText.slice(from, to));
      cleanOffset += separator.length;
      const rawStart = index.toCodePoint(from);
      const length = index.toCodePoint(to) - rawStart;
      spans.push({ clean_start: cleanOffset, raw_start: rawStart, length });
      cleanOffset += length;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return { clean_text: out.join(''), spans };
}

/**
 * The same result as {@link applyRemovals}, built from the line states the find
 * step already normalised (what each line keeps is a slice of its normalised
 * text), so `clean` does not normalise every line twice.
 */
export function applyLineStates(states: readonly LineState[], index: CodePointIndex): AppliedText {
  const out: string[] = [];
  const spans: TextSpan[] = [];
  let cleanOffset = 0;
  for (const state of states) {
    if (!hasRemainder(state)) continue;
    if (out.length > 0) {
      out.push('\n\n');
      cleanOffset += 2;
    }
    out.push(remainder(state));
    let first = true;
    for (const run of state.line.runs) {
      const from = Math.max(state.keepStart, run.normStart);
      const to = Math.min(state.keepEnd, run.normStart + run.length);
      if (from >= to) continue;
      if (!first) cleanOffset += 1; // the single space between runs
      first = false;
      const rawStart = index.toCodePoint(run.rawStart + (from - run.normStart));
      const length = index.toCodePoint(run.rawStart + (to - run.normStart)) - rawStart;
      spans.push({ clean_start: cleanOffset, raw_start: rawStart, length });
      cleanOffset += length;
    }
  }
  return { clean_text: out.join(''), spans };
}

/**
 * Maps a code-point offset in `clean_text` to one in `raw_text`. An offset on a
 * copied character maps to that character; an offset on inserted whitespace,
 * or at the very end, maps to the end of the preceding copied run, so an
 * exclusive end offset (`char_end`) maps to the raw end of the same text.
 *
 * @param doc Anything with the `spans` of a CleanDocument.
 * @param cleanOffset Code-point offset into `clean_text`, 0 ≤ offset ≤ length.
 * @returns Code-point offset into `raw_text`.
 * @example
 * const out = clean(doc);
 * const rawStart = cleanToRaw(out, sentence.char_start);
 * const rawEnd = cleanToRaw(out, sentence.char_end);
 */
export function cleanToRaw(doc: Pick<CleanDocument, 'spans'>, cleanOffset: number): number {
  const spans = doc.spans;
  let lo = 0;
  let hi = spans.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((spans[mid]?.clean_start ?? 0) <= cleanOffset) lo = mid;
    else hi = mid - 1;
  }
  const span = spans[lo];
  if (span === undefined) return 0;
  if (cleanOffset <= span.clean_start) return span.raw_start;
  return span.raw_start + Math.min(cleanOffset - span.clean_start, span.length);
}
