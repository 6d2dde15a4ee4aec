/**
 * An IndoSum article (tokenized paragraphs of sentences) as a LanguageDocument
 * with IndoSum's own sentence split: the input the label benchmarks feed to
 * `label()` directly, skipping the earlier stages. Read from ../shared/corpus
 * at bench time only; never copied into the repository.
 */
import type { LanguageDocument, LanguageSentence } from '../pipeline/types.js';
import { NO_METADATA } from '../test/gold.js';
import { detokenise } from './make-corpus.js';

const codePoints = (text: string): number => [...text].length;

/** Paragraphs joined by a blank line, sentences by a space; offsets in code points. */
export function indosumLanguageDocument(paragraphs: readonly (readonly (readonly string[])[])[], id: string): LanguageDocument {
  const sentences: LanguageSentence[] = [];
  let text = '';
  paragraphs.forEach((paragraph, p) => {
    if (p > 0) text += '\n\n';
    paragraph.forEach((words, k) => {
      if (k > 0) text += ' ';
      const sentence = detokenise(words);
      const start = codePoints(text);
      text += sentence;
      const end = start + codePoints(sentence);
      sentences.push({
        index: sentences.length,
        text: sentence,
        char_start: start,
        char_end: end,
        raw_start: start,
        raw_end: end,
        boundary_rule: 'indosum',
        language: 'ind',
        language_confidence: 1,
        language_rule: 'bench',
      });
    });
  });
  return {
    doc_id: id.slice(0, 16).padEnd(16, '0'),
    source_file: id,
    raw_text: text,
    encoding: 'utf-8',
    given: { id, url: null, title: null, published_at: null },
    clean_text: text,
    ...NO_METADATA,
    removed: [],
    spans: [],
    sentences,
    language: 'ind',
    language_confidence: 1,
    language_rule: 'bench',
  };
}
