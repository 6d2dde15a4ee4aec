/**
 * Topic relevance of a document (CODEBOOK.md section 4): `russia_west`,
 * `russia_only`, `west_only` or `unrelated`, from how many sentences name
 * each side (gazetteer mentions, sentence-features.ts) and carry a relation
 * vote. The rules, thresholds and confidences are data, rules/relevance.json.
 * The labelling stage gives every sentence of an `unrelated` or `west_only`
 * document `none` stance and relation (a stray "Eropa" in general news is no
 * stance; the West without Russia is outside the topic).
 */
import RELEVANCE from './rules/relevance.json' with { type: 'json' };
import type { SentenceFeatures } from './sentence-features.js';
import { WORD_LIST } from './word-lists.js';
import type { LabelDecision, Relevance } from '../../types.js';

type RuleId = keyof typeof RELEVANCE.rules;

function decision(rule: RuleId): LabelDecision<Relevance> {
  const r = RELEVANCE.rules[rule];
  return { label: r.label as Relevance, confidence: r.confidence, rules: [`relevance.${rule}`] };
}

/**
 * The relevance of a document.
 *
 * @param features - Its sentences' features.
 * @param relationSentences - How many of its sentences get a relation-signal vote.
 * @returns Label, its rule's confidence and the rule id.
 * @example
 * documentRelevance([], 0).label // 'unrelated'
 */
export function documentRelevance(features: readonly SentenceFeatures[], relationSentences: number): LabelDecision<Relevance> {
  let russia = 0;
  let west = 0;
  let both = 0;
  let offTopic = 0;
  let ukraine = 0;
  for (const f of features) {
    if (f.names.russia) russia++;
    if (f.names.west) west++;
    if (f.names.russia && f.names.west) both++;
    // The off-topic and Ukraine terms of rules/relevance.json, looked up by sentenceFeatures (word-lists.ts).
    if ((f.wordLists & WORD_LIST.offTopic) !== 0) offTopic++;
    if ((f.wordLists & WORD_LIST.ukraine) !== 0) ukraine++;
  }
  const { min_relation_sentences: minRelation } = RELEVANCE;
  if (offTopic >= RELEVANCE.min_off_topic_sentences && relationSentences < minRelation) return decision('unrelated.off_topic_domain');
  // A short document (a brief, a test sentence) needs one mention where a long one needs two.
  const short = features.length <= RELEVANCE.short_document_sentences;
  const minSide = short ? 1 : RELEVANCE.min_side_sentences;
  if (russia >= minSide && west >= minSide && (both >= 1 || relationSentences >= 1)) return decision('russia_west.both_named_often');
  if (both >= (short ? 1 : 2) || (both >= 1 && relationSentences >= 1)) return decision('russia_west.named_together');
  if (russia === 0 && west >= minSide && ukraine >= minSide && relationSentences >= 1) return decision('russia_west.west_in_ukraine_war');
  if (russia >= minSide) return decision('russia_only.russia_named_often');
  if (west >= minSide && russia === 0) return decision('west_only.west_named_often');
  return decision('unrelated.few_mentions');
}
