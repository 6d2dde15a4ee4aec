/**
 * Stage `clean`, the byline readers (CODEBOOK.md section 1, `byline` and the
 * `author`/`editor` metadata fields): labelled bylines (`Penulis: A | Editor: B`)
 * and Reuters-style `Reporting by A; Editing by B`.
 */
import { AUTHOR_LABELS, BYLINE_LABEL_AT_START, BYLINE_LABEL_REGEX, EDITOR_LABELS } from './rules.js';
import { isWhitespace } from './lines.js';
import { countWords } from './line-shape.js';

/** Author and editor read from a byline. */
export interface BylineFields {
  author: string | null;
  editor: string | null;
}

export const BYLINE_VALUE_MAX_WORDS = 8;
/** Separators trimmed off both ends of a byline value: whitespace and `|;/·•,()[]-–—`, and a footnote star (`Nama*`). */
const BYLINE_VALUE_EDGE: ReadonlySet<number> = new Set([...'|;/·•,()[]-–—*'].map((c) => c.charCodeAt(0)));

function isBylineValueEdge(code: number): boolean {
  return isWhitespace(code) || BYLINE_VALUE_EDGE.has(code);
}

/** Whitespace and an opening bracket before a byline, whitespace and a closing bracket after it (`[Redaktur: X]`). */
export function isOpeningBracketOrSpace(code: number): boolean {
  return isWhitespace(code) || code === 0x5b || code === 0x28; // [ (
}

export function isClosingBracketOrSpace(code: number): boolean {
  return isWhitespace(code) || code === 0x5d || code === 0x29; // ] )
}

/**
 * Removes the run of characters at the start that `trimStart` accepts, then
 * the run at the end that `trimEnd` accepts. The same as replacing
 * `^[start chars]+|[end chars]+$` (global) with nothing, without a regex scan of the whole text.
 */
export function trimWhile(text: string, trimStart: (code: number) => boolean, trimEnd: (code: number) => boolean): string {
  let from = 0;
  while (from < text.length && trimStart(text.charCodeAt(from))) from++;
  let to = text.length;
  while (to > from && trimEnd(text.charCodeAt(to - 1))) to--;
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

/**
 * Reads `Penulis: A | Editor: B`, `[Redaktur: Elsya TA]`, `Sumber: Antara`.
 * Returns null when the line does not start with a label or a value looks like
 * a sentence (an interview transcript `Reporter: Kenapa Anda ...?` is body).
 */
export function readLabelledByline(text: string): BylineFields | null {
  // Cheap rejection first: the scan below would find its first label elsewhere (or none).
  BYLINE_LABEL_AT_START.lastIndex = 0;
  if (!BYLINE_LABEL_AT_START.test(text)) return null;
  // An exec loop rather than matchAll, which builds a new RegExp on every call (labels are never empty matches).
  const labels: RegExpExecArray[] = [];
  BYLINE_LABEL_REGEX.lastIndex = 0;
  for (let label = BYLINE_LABEL_REGEX.exec(text); label !== null; label = BYLINE_LABEL_REGEX.exec(text)) labels.push(label);
  const first = labels[0];
  if (first === undefined || first.index !== 0) return null;
  const fields: BylineFields = { author: null, editor: null };
  for (let k = 0; k < labels.length; k++) {
    const label = labels[k] ?? first;
    const valueStart = label.index + label[0].length;
    const valueEnd = labels[k + 1]?.index ?? text.length;
    const value = trimWhile(text.slice(valueStart, valueEnd), isBylineValueEdge, isBylineValueEdge);
    if (value.length === 0 || countWords(value, BYLINE_VALUE_MAX_WORDS) > BYLINE_VALUE_MAX_WORDS || /[?!]$/u.test(value)) return null;
    const name = (label[1] ?? '').toLowerCase().replace(/\s+/gu, ' ');
    if (AUTHOR_LABELS.has(name)) fields.author ??= value;
    else if (EDITOR_LABELS.has(name)) fields.editor ??= value;
  }
  return fields;
}

/** Reads Reuters-style `Reporting by A in Moscow; Editing by B`. */
export function readReportingBy(text: string): BylineFields {
  const fields: BylineFields = { author: null, editor: null };
  for (const part of text.replace(/^\(|\)$/g, '').split(/;|\band\b(?=\s+(?:\p{L}+ing|edited|written)\s+by)/iu)) {
    const match = /^\s*(?:additional\s+)?(\p{L}+)\s+by\s+(.+?)\s*$/iu.exec(part);
    if (match === null) continue;
    const role = (match[1] ?? '').toLowerCase();
    const name = (match[2] ?? '').replace(/\s+in\s+\p{Lu}[\p{L} ,.'-]*$/u, '').trim();
    if (/^(?:reporting|reported|writing|written)$/.test(role)) fields.author ??= name;
    else if (/^(?:editing|edited)$/.test(role)) fields.editor ??= name;
  }
  return fields;
}
