/**
 * The pipeline: the stages in order. Each is a pure function from one record
 * type to the next (see types.ts); only ingest reads the disk and only the
 * writer writes it. This module imports stages only: the plumbing that runs
 * them over a corpus (run/build-dataset.ts) imports it, never the reverse.
 *
 *   ingest → clean → segmentSentences → detectLanguage → label → write
 */
import { clean } from './stages/clean/clean.js';
import { detectLanguage } from './stages/language/detect-language.js';
import { label } from './stages/label/label.js';
import { segmentSentences } from './stages/segment/segment-sentences.js';
import type { LabeledDocument, RawDocument } from './types.js';

/** The document stages, in the order they run, with the CODEBOOK.md section each implements. */
export const STAGES = [
  { name: 'clean', codebook: 'section 1', run: clean },
  { name: 'segmentSentences', codebook: 'section 3', run: segmentSentences },
  { name: 'detectLanguage', codebook: 'section 2', run: detectLanguage },
  { name: 'label', codebook: 'sections 4-7', run: label },
] as const;

/** Run every document stage on one raw article. */
export function processDocument(raw: RawDocument): LabeledDocument {
  return label(detectLanguage(segmentSentences(clean(raw))));
}

export { clean, detectLanguage, label, segmentSentences };
export { readInputs, listInputFiles } from './stages/ingest/ingest.js';
export type * from './types.js';
