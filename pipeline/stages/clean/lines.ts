/**
 * Stage `clean`, lines (CODEBOOK.md section 1, "Cleaning: what is
 * boilerplate"): UTF-16 ↔ code-point offsets, and the raw text split into
 * whitespace-normalised lines that every rule reads, with the runs that map
 * them back to the raw text.
 */

/* ========================================================================== */
/* Code points                                                                */
/* ========================================================================== */

/**
 * Converts between UTF-16 offsets (what JS strings index by) and code-point
 * offsets (what the records store). Built once per text in linear time; each
 * lookup is a binary search over the astral characters only.
 */
export interface CodePointIndex {
  toCodePoint(utf16Offset: number): number;
  toUtf16(codePointOffset: number): number;
}

/** Number of entries of the sorted array that are < value. */
function countBelow(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
const HAS_SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;
/** Most texts have no astral characters: then both offsets are the same. */
const IDENTITY_INDEX: CodePointIndex = { toCodePoint: (u) => u, toUtf16: (c) => c };

export function codePointIndex(text: string): CodePointIndex {
  if (!HAS_SURROGATE_PAIR.test(text)) return IDENTITY_INDEX;
  const pairStarts: number[] = [];
  for (const match of text.matchAll(SURROGATE_PAIR)) pairStarts.push(match.index);
  // The low half of pair k sits at pairStarts[k] + 1; pair k starts at code point pairStarts[k] - k.
  const lowHalves = Int32Array.from(pairStarts, (start) => start + 1);
  const pairCodePoints = Int32Array.from(pairStarts, (start, k) => start - k);
  return {
    toCodePoint: (u) => u - countBelow(lowHalves, u),
    toUtf16: (c) => c + countBelow(pairCodePoints, c),
  };
}

/* ========================================================================== */
/* Lines and whitespace normalisation                                         */
/* ========================================================================== */

/** True for exactly the characters of JS `\s` (so it agrees with the regexes). */
export function isWhitespace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whitespace that normalisation must rewrite: a run of two or more, or a single character that is not U+0020. */
const NON_CANONICAL_GAP = /\s{2,}|[^\S ]/g;
/** Any whitespace character other than U+0020 (the fast path skips the gap search when there is none and no double space). */
const NON_SPACE_WHITESPACE = /[^\S ]/;

/** A run of normalised line text copied verbatim from the raw text. */
interface Run {
  readonly normStart: number;
  readonly rawStart: number;
  readonly length: number;
}

/**
 * One raw line (between newlines), normalised: trimmed, whitespace runs
 * collapsed to one space. Every rule reads `text`, which is identical whether
 * the line comes from raw text or from an earlier clean text.
 */
export interface Line {
  readonly rawStart: number;
  readonly rawEnd: number;
  readonly text: string;
  readonly runs: readonly Run[];
}

/** Verbatim chunks of raw[start, end) once trimmed and split at non-canonical whitespace (UTF-16 [start, end) pairs). */
export function verbatimChunks(raw: string, start: number, end: number): [number, number][] {
  let from = start;
  while (from < end && isWhitespace(raw.charCodeAt(from))) from++;
  let to = end;
  while (to > from && isWhitespace(raw.charCodeAt(to - 1))) to--;
  if (from === to) return [];
  const content = raw.slice(from, to);
  if (!content.includes('  ') && !NON_SPACE_WHITESPACE.test(content)) return [[from, to]];
  const chunks: [number, number][] = [];
  let chunkStart = 0;
  NON_CANONICAL_GAP.lastIndex = 0;
  for (let gap = NON_CANONICAL_GAP.exec(content); gap !== null; gap = NON_CANONICAL_GAP.exec(content)) {
    chunks.push([from + chunkStart, from + gap.index]);
    chunkStart = gap.index + gap[0].length;
  }
  chunks.push([from + chunkStart, to]);
  return chunks;
}

function readLine(raw: string, rawStart: number, rawEnd: number): Line {
  // The common case first: once trimmed, nothing to collapse inside the line (verbatimChunks would find one chunk), told without its arrays.
  let start = rawStart;
  while (start < rawEnd && isWhitespace(raw.charCodeAt(start))) start++;
  let end = rawEnd;
  while (end > start && isWhitespace(raw.charCodeAt(end - 1))) end--;
  if (start === end) return { rawStart, rawEnd, text: '', runs: [] };
  const content = raw.slice(start, end);
  if (isNormalised(content)) {
    return { rawStart, rawEnd, text: content, runs: [{ normStart: 0, rawStart: start, length: end - start }] };
  }
  const chunks = verbatimChunks(raw, rawStart, rawEnd);
  const runs: Run[] = [];
  const parts: string[] = [];
  let normOffset = 0;
  for (const [from, to] of chunks) {
    if (runs.length > 0) {
      parts.push(' ');
      normOffset += 1;
    }
    runs.push({ normStart: normOffset, rawStart: from, length: to - from });
    parts.push(raw.slice(from, to));
    normOffset += to - from;
  }
  return { rawStart, rawEnd, text: parts.join(''), runs };
}

export function splitLines(raw: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = raw.indexOf('\n', start);
    const end = newline === -1 ? raw.length : newline;
    lines.push(readLine(raw, start, end));
    if (newline === -1) return lines;
    start = newline + 1;
  }
}

/** Raw UTF-16 offset of a normalised offset that sits on (or just after) a verbatim character. */
export function rawOffset(line: Line, normOffset: number): number {
  let lo = 0;
  let hi = line.runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((line.runs[mid]?.normStart ?? 0) <= normOffset) lo = mid;
    else hi = mid - 1;
  }
  const run = line.runs[lo];
  if (run === undefined) return line.rawStart;
  return run.rawStart + Math.min(normOffset - run.normStart, run.length);
}

/** Collapses whitespace the way lines are normalised (for comparing texts). */
export function normaliseSpaces(text: string): string {
  if (isNormalised(text)) return text;
  return text.replace(/\s+/gu, ' ').trim();
}

/** Is the text already normalised: no whitespace but single U+0020 spaces between other characters? */
function isNormalised(text: string): boolean {
  if (text.length === 0) return true;
  if (isWhitespace(text.charCodeAt(0)) || isWhitespace(text.charCodeAt(text.length - 1))) return false;
  return !text.includes('  ') && !NON_SPACE_WHITESPACE.test(text);
}
