/**
 * Stage `clean`: RawDocument → CleanDocument.
 *
 * Implements CODEBOOK.md section 1, "Cleaning: what is boilerplate": the clean
 * text keeps the article body and drops cross-links, promos, navigation,
 * bylines, datelines, the title, captions, SEO spam, the outlet lead-in,
 * duplicated paragraphs and end marks. Every dropped piece is recorded with its
 * reason code, the id of the rule that matched and its code-point offsets into
 * `raw_text`; title, outlet, place, date, author and editor are kept as
 * metadata.
 *
 * It follows spaCy's "find first, apply second":
 *
 *   1. {@link findBoilerplate} reads the raw text line by line and returns the
 *      removed pieces. It never edits text.
 *   2. {@link applyRemovals} builds `clean_text` and the clean → raw `spans`
 *      from whatever the pieces leave.
 *   3. {@link describeDocument} reads the metadata fields back out of the
 *      pieces (and `doc.given`).
 *
 * The rules are data: pipeline/stages/clean/rules/boilerplate.json (patterns and word lists,
 * each with an id, a reason and a source), dates.json (month/day names, time
 * zones) and places.json (place names). They are compiled once, when rules.ts
 * loads.
 *
 * This file holds the stage itself and the find orchestration; the parts live
 * beside it: rules.ts (rule data), lines.ts (lines, code points), line-shape.ts,
 * date-stamp.ts and byline.ts (detectors' readers), detectors.ts, peel.ts (find
 * steps 1–2), position.ts (find step 3), apply-removals.ts and metadata.ts.
 *
 * Two design constraints shape the code:
 *
 * - **Idempotence**: `clean(clean(x).clean_text)` must find nothing more to
 *   remove. So every rule looks only at one whitespace-normalised line (which
 *   reads the same in the raw and in the clean text), each line is peeled until
 *   no rule applies, and the positional heuristics (title, caption, trailing
 *   chrome) are defined so that what they keep, they would keep again.
 * - **Linear time**: a regex only ever sees a bounded window of a line (the
 *   first or last few hundred characters, or a whole line only when it is
 *   short), and no pattern nests unbounded quantifiers.
 */
import { codePointIndex, splitLines } from './lines.js';
import type { CodePointIndex } from './lines.js';
import { absorbBlocks, peelLine } from './peel.js';
import type { Finding, LineState } from './peel.js';
import { headlineKey, removeByPosition, removeDuplicates } from './position.js';
import { applyLineStates } from './apply-removals.js';
import { describeDocument } from './metadata.js';
import type { CleanDocument, RawDocument, RemovedPiece } from '../../types.js';

export { parseDateStamp } from './date-stamp.js';
export { applyRemovals, cleanToRaw } from './apply-removals.js';
export type { AppliedText } from './apply-removals.js';
export { describeDocument };

/* ========================================================================== */
/* Find: putting the steps together                                           */
/* ========================================================================== */

/** Runs every find step over the lines; each line state ends holding its findings and what it keeps. */
function findInLines(rawText: string, givenTitle: string | null): LineState[] {
  const states: LineState[] = splitLines(rawText).map((line) => ({ line, keepStart: 0, keepEnd: line.text.length, findings: [], lineRule: null }));
  for (const state of states) peelLine(state);
  absorbBlocks(states);
  removeByPosition(states, givenTitle === null ? null : headlineKey(givenTitle));
  removeDuplicates(states);
  return states;
}

function givenTitleOf(doc: RawDocument): string | null {
  return doc.given.title !== null && doc.given.title.trim().length > 0 ? doc.given.title : null;
}

/** The findings of all lines as RemovedPieces, in raw order. */
function piecesOf(rawText: string, states: readonly LineState[], index: CodePointIndex): RemovedPiece[] {
  const findings: Finding[] = [];
  for (const state of states) for (const finding of state.findings) findings.push(finding);
  findings.sort((a, b) => a.start - b.start);
  const pieces: RemovedPiece[] = [];
  for (const finding of findings) {
    pieces.push({
      reason: finding.reason,
      rule: finding.rule,
      text: rawText.slice(finding.start, finding.end),
      raw_start: index.toCodePoint(finding.start),
      raw_end: index.toCodePoint(finding.end),
    });
  }
  return pieces;
}

/**
 * Finds the boilerplate in a document (CODEBOOK.md section 1) without changing
 * anything: the "find" half of cleaning.
 *
 * @param doc The raw document; `doc.given.title` marks a repeated headline at the top as `title`.
 * @returns The removed pieces in raw order, non-overlapping, with code-point offsets into `doc.raw_text`.
 * @example
 * findBoilerplate(doc).map((piece) => piece.reason); // ['outlet_prefix', 'promo']
 */
export function findBoilerplate(doc: RawDocument): RemovedPiece[] {
  return piecesOf(doc.raw_text, findInLines(doc.raw_text, givenTitleOf(doc)), codePointIndex(doc.raw_text));
}

/* ========================================================================== */
/* The stage                                                                  */
/* ========================================================================== */

/**
 * Cleans one document (CODEBOOK.md section 1): finds the boilerplate, removes
 * it, normalises whitespace and reads the metadata. Pure: no I/O, no clock, no
 * randomness; the same input always gives the same output, and cleaning the
 * clean text again changes nothing.
 *
 * @param doc A RawDocument from ingest.
 * @returns The CleanDocument: the raw fields, `clean_text`, `spans`, `removed` and the metadata fields.
 * @example
 * const out = clean(rawDocument('Anomali.id – Rusia menolak. Jangan ketinggalan berita terbaru!'));
 * out.clean_text; // 'Rusia menolak.'
 * out.removed.map((p) => p.reason); // ['outlet_prefix', 'promo']
 * out.outlet; // 'anomali.id'
 */
export function clean(doc: RawDocument): CleanDocument {
  const index = codePointIndex(doc.raw_text);
  const states = findInLines(doc.raw_text, givenTitleOf(doc));
  const removed = piecesOf(doc.raw_text, states, index);
  const { clean_text, spans } = applyLineStates(states, index);
  const meta = describeDocument(doc, removed);
  if (!hasExactlyRawDocumentKeys(doc)) return { ...doc, clean_text, ...meta, removed, spans };
  // The same object as the spread above, property for property and in the same order, but written out:
  // V8 builds a spread followed by more properties slowly (about 10 µs per document, more than cleaning a short article).
  return {
    doc_id: doc.doc_id,
    source_file: doc.source_file,
    raw_text: doc.raw_text,
    encoding: doc.encoding,
    given: doc.given,
    clean_text,
    title: meta.title,
    outlet: meta.outlet,
    outlet_as_written: meta.outlet_as_written,
    place: meta.place,
    published_at: meta.published_at,
    author: meta.author,
    editor: meta.editor,
    warnings: meta.warnings,
    removed,
    spans,
  };
}

/** The own keys of a RawDocument straight from ingest, in order. */
const RAW_DOCUMENT_KEYS: readonly string[] = ['doc_id', 'source_file', 'raw_text', 'encoding', 'given'];

/** Does `{ ...doc }` copy exactly the RawDocument fields, in their usual order (no extra keys, e.g. from an earlier clean)? */
function hasExactlyRawDocumentKeys(doc: RawDocument): boolean {
  const keys = Object.keys(doc);
  return keys.length === RAW_DOCUMENT_KEYS.length && keys.every((key, k) => key === RAW_DOCUMENT_KEYS[k]) && Object.getOwnPropertySymbols(doc).length === 0;
}
