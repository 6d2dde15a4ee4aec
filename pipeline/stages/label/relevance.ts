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
import { WordTable } from '../../text/tokenize.js';
import type { LabelDecision, Relevance } from '../../types.js';

type RuleId = keyof typeof RELEVANCE.rules;

/** Words of sport, entertainment, technology and lifestyle reporting (rules/relevance.json off_topic_terms; one-word terms). */
const OFF_TOPIC_TERMS = RELEVANCE.off_topic_terms.filter((t) => !t.includes(' '));
/** Words naming Ukraine (rules/relevance.json ukraine_terms). */
const UKRAINE_TERMS = RELEVANCE.ukraine_terms;
/** Both word lists in one table, so that a sentence's tokens are looked up once for both: the value says which list(s) hold the word. */
const OFF_TOPIC = 1;
const UKRAINE = 2;
const TERM_LISTS = new WordTable(
  [...new Set([...OFF_TOPIC_TERMS, ...UKRAINE_TERMS])].map(
    (w) => [w, (OFF_TOPIC_TERMS.includes(w) ? OFF_TOPIC : 0) | (UKRAINE_TERMS.includes(w) ? UKRAINE : 0)] as const,
  ),
);

/** Which of the two lists (OFF_TOPIC, UKRAINE bits) some token of the sentence is in, as two hasAnyWord tests of a wordSet each would tell. */
function listsHit(tokens: SentenceFeatures['tokens']): number {
  let found = 0;
  for (const t of tokens) {
    const lists = TERM_LISTS.get(t.lower, t.lowerHash);
    if (lists !== undefined) {
      found |= lists;
      if (found === (OFF_TOPIC | UKRAINE)) break;
    }
  }
  return found;
}

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
    const lists = listsHit(f.tokens);
    if ((lists & OFF_TOPIC) !== 0) offTopic++;
    if ((lists & UKRAINE) !== 0) ukraine++;
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
