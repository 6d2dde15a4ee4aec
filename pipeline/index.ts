/**
 * The pipeline: the stages in order. Each is a pure function from one record
 * type to the next (see types.ts); only ingest reads the disk and only the
 * writer writes it (build-dataset.ts runs the whole thing).
 *
 *   ingest → clean → segmentSentences → detectLanguage → label → write
 */
import { clean } from './clean.js';
import { detectLanguage } from './detect-language.js';
import { label } from './label.js';
import { segmentSentences } from './segment-sentences.js';
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
export { readInputs, listInputFiles } from './ingest.js';
export { buildDataset } from './build-dataset.js';
export type * from './types.js';
