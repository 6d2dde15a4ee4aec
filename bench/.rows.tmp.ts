import { readInputs } from '../pipeline/ingest.js';
import { processDocument } from '../pipeline/index.js';
import { documentRows, roundConfidence, type Row } from '../pipeline/tables.js';
import type { LabeledDocument } from '../pipeline/types.js';
const docs: LabeledDocument[] = [];
for await (const item of readInputs('/tmp/benchtest/a')) if ('raw_text' in item) docs.push(processDocument(item));
function sentenceRowsFast(doc: LabeledDocument): Row[] {
  return doc.sentences.map((s) => ({
    doc_id: doc.doc_id, sentence_index: s.index, text: s.text, char_start: s.char_start, char_end: s.char_end, raw_start: s.raw_start, raw_end: s.raw_end,
    boundary_rule: s.boundary_rule, language: s.language, language_confidence: roundConfidence(s.language_confidence), language_rule: s.language_rule,
    stance_russia: s.stance_russia.label, stance_russia_confidence: roundConfidence(s.stance_russia.confidence), stance_russia_rules: s.stance_russia.rules,
    stance_west: s.stance_west.label, stance_west_confidence: roundConfidence(s.stance_west.confidence), stance_west_rules: s.stance_west.rules,
    relation_signal: s.relation_signal.label, relation_signal_confidence: roundConfidence(s.relation_signal.confidence), relation_signal_rules: s.relation_signal.rules,
    claim_class: s.claim_class.label, claim_class_confidence: roundConfidence(s.claim_class.confidence), claim_class_rules: s.claim_class.rules,
  }));
}
for (let rep = 0; rep < 4; rep++) {
  let c = process.cpuUsage(); for (const d of docs) documentRows(d); c = process.cpuUsage(c); const a = (c.user + c.system) / 1000;
  c = process.cpuUsage(); for (const d of docs) sentenceRowsFast(d); c = process.cpuUsage(c); const b = (c.user + c.system) / 1000;
  console.log('documentRows', a, 'sentences rows with literal keys', b);
}
