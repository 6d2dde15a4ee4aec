/**
 * LanguageDocuments built from gold annotations (CODEBOOK.md sections 3–7), so
 * the labelling stage can be tested on gold sentences independently of the
 * cleaning, segmentation and language stages: clean_text is the gold clean
 * text, raw_text equals it (identity spans), sentences are the gold sentences
 * with code-point offsets, and every language is the gold one.
 */
import type { GoldAttribution, GoldDocument, GoldSentence } from '../pipeline/quality/gold.js';
import type { LanguageCode, LanguageDocument, LanguageSentence } from '../pipeline/types.js';
import { NO_METADATA } from './gold.js';

function codePointLength(text: string): number {
  return [...text].length;
}

function asLanguage(code: string): LanguageCode {
  return code === 'ind' || code === 'zlm' || code === 'eng' ? code : 'und';
}

/**
 * A LanguageDocument from a gold document.
 *
 * @param gold - A gold document.
 * @param docId - The doc_id to give it.
 * @returns The document the label stage expects.
 */
export function languageDocumentFromGold(gold: GoldDocument, docId = '0000000000000000'): LanguageDocument {
  let cursor = 0; // UTF-16 index into clean_text
  const sentences: LanguageSentence[] = gold.sentences.map((s, index) => {
    const at = gold.clean_text.indexOf(s.text, cursor);
    if (at < 0) throw new Error(`gold sentence ${index} of ${gold.source_file} is not in its clean_text`);
    cursor = at + s.text.length;
    const charStart = codePointLength(gold.clean_text.slice(0, at));
    const charEnd = charStart + codePointLength(s.text);
    return {
      index,
      text: s.text,
      char_start: charStart,
      char_end: charEnd,
      raw_start: charStart,
      raw_end: charEnd,
      boundary_rule: 'gold',
      language: asLanguage(s.lang),
      language_confidence: 1,
      language_rule: 'gold',
    };
  });
  return {
    doc_id: docId,
    source_file: gold.source_file,
    raw_text: gold.clean_text,
    encoding: 'utf-8',
    given: { id: null, url: null, title: null, published_at: null },
    clean_text: gold.clean_text,
    title: gold.title,
    outlet: gold.outlet,
    outlet_as_written: gold.outlet,
    place: gold.place,
    published_at: gold.published_at,
    author: gold.author,
    editor: gold.editor,
    warnings: [],
    removed: [],
    spans: [{ clean_start: 0, raw_start: 0, length: codePointLength(gold.clean_text) }],
    sentences,
    language: asLanguage(gold.language),
    language_confidence: 1,
    language_rule: 'gold',
  };
}

/**
 * A LanguageDocument from plain sentences (each its own paragraph), for hand-written cases.
 *
 * @param sentences - Sentence texts in order.
 * @param docId - The doc_id to give it.
 * @returns The document.
 */
export function languageDocumentFromSentences(sentences: readonly string[], docId = '0000000000000000'): LanguageDocument {
  const gold = sentences.map((text) => ({ text, lang: 'ind', stance_russia: 'none', stance_west: 'none', relation_signal: 'none', claim_class: 'cfs' }));
  return languageDocumentFromGold(goldDocumentOf('fixture', gold, [], 'ind'), docId);
}

/**
 * A gold document (../shared/gold format) whose clean text is the given
 * sentences, each its own paragraph: the shape of the label fixtures' articles.
 *
 * @param id - Names the document (`<id>.txt`).
 * @param sentences - Its annotated sentences, in order.
 * @param attributions - Its annotated attributions.
 * @param language - The document's language; by default the first sentence's.
 * @returns The gold document.
 */
export function goldDocumentOf(
  id: string,
  sentences: readonly GoldSentence[],
  attributions: readonly GoldAttribution[] = [],
  language: string = sentences[0]?.lang ?? 'und',
): GoldDocument {
  return {
    source_file: `${id}.txt`,
    language,
    ...NO_METADATA,
    clean_text: sentences.map((s) => s.text).join('\n\n'),
    removed: [],
    sentences,
    attributions,
  };
}
