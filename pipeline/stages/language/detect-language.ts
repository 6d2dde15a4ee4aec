/**
 * Stage 4, detect-language: one language code for the document and one per
 * sentence (CODEBOOK.md section 2), each from `ind`, `zlm`, `eng`, `und`, with
 * a confidence in [0, 1] and the id of the rule that decided it.
 *
 * Document: first the language family. When Malay-family function words
 * (`yang`, `dan`, `dengan`, ...) dominate, the text is Malay-family without
 * further ado; otherwise franc, restricted to a candidate list, reads a
 * bounded sample and tells English and other languages apart (anything
 * outside ind/zlm/eng becomes `und`). Then, for Malay-family text, the
 * weighted Indonesian-leaning and Malay-leaning words of all its sentences
 * choose between `ind` and `zlm` (franc alone calls a fifth of Indonesian
 * news Malay). Each entry counts once per sentence and each sentence adds at
 * most a capped weight, so the document follows what most of its sentences
 * lean to, not one dense quote. Word lists and thresholds:
 * pipeline/stages/language/rules/language.json.
 *
 * Sentences: one word count per sentence, no franc. A sentence takes the
 * document's code unless it carries evidence of its own: English function
 * words (an English quote), Malay-family function words in an English
 * document, or strong lexical evidence for the other of ind/zlm. Names and
 * sentences under four words always take the document's code.
 *
 * Confidence (documented on `detectLanguage`) multiplies how sure the family
 * decision is with how lopsided the ind/zlm evidence is.
 */
import { francAll } from 'franc';
import LANGUAGE_RULES from './rules/language.json' with { type: 'json' };
import type { LanguageCode, LanguageDecision, LanguageDocument, LanguageSentence, SegmentedDocument } from '../../types.js';
import { addSentenceEvidence, emptyEvidence, evidenceIn, languageEvidence, type LanguageEvidence, type Mutable } from './language-evidence.js';

export { languageEvidence, type LanguageEvidence };

/** Ids of the rules that decide, as written to `language_rule`. */
export const LANGUAGE_RULE_IDS = {
  /** Document: fewer letters than `min_document_letters`; `und`. */
  tooShort: 'too_short',
  /** Document: Malay-family, and the weighted ind/zlm word lists chose the variety. */
  lexiconIndZlm: 'lexicon_ind_zlm',
  /** Document: Malay-family, but too little ind/zlm evidence: `ind`, the language the dataset collects. */
  priorInd: 'prior_ind',
  /** Document: franc picked English and English function words confirm it. */
  francEnglish: 'franc_english',
  /** Document: franc picked another language, but English function words dominate. */
  englishFunctionWords: 'english_function_words',
  /** Document: franc picked a language outside ind/zlm/eng (or none), and no word list objects; `und`. */
  francOtherLanguage: 'franc_other_language',
  /** Sentence: no evidence against the document's code. */
  inheritDocument: 'inherit_document',
  /** Sentence: fewer than `sentence_min_words` words; the document's code. */
  inheritShort: 'inherit_short',
  /** Sentence: a name, caption or title (all words capitalised, no function words); the document's code. */
  inheritName: 'inherit_name',
  /** Sentence: English function words dominate (an English quote). */
  sentenceEnglishWords: 'sentence_english_words',
  /** Sentence: Malay-family function words in an English or undetermined document. */
  sentenceFamilyWords: 'sentence_family_words',
  /** Sentence: strong evidence for the other of ind/zlm than its document. */
  sentenceLexiconIndZlm: 'sentence_lexicon_ind_zlm',
} as const;
/** A value of LANGUAGE_RULE_IDS. */
export type LanguageRuleId = (typeof LANGUAGE_RULE_IDS)[keyof typeof LANGUAGE_RULE_IDS];

/** Thresholds from the rules file, each explained there. */
const THRESHOLDS = LANGUAGE_RULES.thresholds;
/** franc's candidate languages: ours plus likely others, so that these are not forced into ind. */
const FRANC_CANDIDATES: string[] = [...LANGUAGE_RULES.franc.candidates];
/** Most characters handed to franc (it reads at most 2,048 anyway, and costs time per character). */
const FRANC_SAMPLE_CHARACTERS = LANGUAGE_RULES.franc.sample_characters;
/** franc codes that are the Malay family for this stage (`zsm` counts as `zlm`). */
const FRANC_MALAY_FAMILY = new Set(['ind', 'zlm', 'zsm']);

/** `value` clamped to [0, 1]. */
function unit(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** Round a confidence to 4 decimals, so outputs are stable and readable. */
function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** The family a language code belongs to for this stage. */
function familyOf(code: string): 'malay' | 'eng' | 'other' {
  if (FRANC_MALAY_FAMILY.has(code)) return 'malay';
  return code === 'eng' ? 'eng' : 'other';
}

/** The first `FRANC_SAMPLE_CHARACTERS` of the text, cut back to a space so no word is split. */
function francSample(text: string): string {
  if (text.length <= FRANC_SAMPLE_CHARACTERS) return text;
  const cut = text.lastIndexOf(' ', FRANC_SAMPLE_CHARACTERS);
  return text.slice(0, cut > FRANC_SAMPLE_CHARACTERS / 2 ? cut : FRANC_SAMPLE_CHARACTERS);
}

/**
 * ind or zlm from weighted word lists. Confidence is the Laplace-smoothed
 * share of the winner's weight, (w + 1) / (ind + zlm + 2): 0.5 with no
 * evidence, 0.8 at 7 to 1, towards 1 as evidence piles up on one side.
 */
function chooseVariety(evidence: LanguageEvidence): { language: 'ind' | 'zlm'; confidence: number; rule: LanguageRuleId } {
  const { indonesianWeight: ind, malayWeight: zlm } = evidence;
  if (ind + zlm < THRESHOLDS.variety_min_evidence) return { language: 'ind', confidence: 0.5, rule: LANGUAGE_RULE_IDS.priorInd };
  const language = ind >= zlm ? 'ind' : 'zlm';
  return { language, confidence: (Math.max(ind, zlm) + 1) / (ind + zlm + 2), rule: LANGUAGE_RULE_IDS.lexiconIndZlm };
}

/** A decision with a rounded confidence. */
function decision(language: LanguageCode, confidence: number, rule: LanguageRuleId): LanguageDecision {
  return { language, language_confidence: round(unit(confidence)), language_rule: rule };
}

/** The document-level decision from the text and its summed evidence. */
function decideDocument(text: string, evidence: LanguageEvidence): LanguageDecision {
  if (evidence.letters < THRESHOLDS.min_document_letters) return decision('und', 0, LANGUAGE_RULE_IDS.tooShort);
  const familyShare = evidence.familyWords / evidence.words;
  const englishShare = evidence.englishWords / evidence.words;
  const malayFamily = (familyConfidence: number): LanguageDecision => {
    const variety = chooseVariety(evidence);
    return decision(variety.language, familyConfidence * variety.confidence, variety.rule);
  };

  // Function words settle the family: franc is not needed (and is the slow part).
  if (familyShare >= THRESHOLDS.family_decisive_share && englishShare < THRESHOLDS.english_in_family_max_share) {
    return malayFamily(0.5 + 0.5 * unit(familyShare / THRESHOLDS.family_full_share));
  }

  const ranked = francAll(francSample(text), { only: FRANC_CANDIDATES });
  const [topCode] = ranked[0] ?? ['und', 1];
  const family = topCode === 'und' ? 'other' : familyOf(topCode);
  // franc's confidence: the normalised score gap to the best language of another family.
  let otherBest = 0;
  for (const [code, score] of ranked) if (code !== 'und' && familyOf(code) !== family) otherBest = Math.max(otherBest, score);
  const francConfidence = 0.5 + 0.5 * unit((1 - otherBest) / THRESHOLDS.franc_full_margin);
  const englishDominates = englishShare >= THRESHOLDS.english_override_share && familyShare < THRESHOLDS.english_in_family_max_share;
  const wordShareConfidence = (share: number): number => 0.5 + 0.5 * unit(share / THRESHOLDS.family_full_share);

  if (family === 'eng' && englishShare >= THRESHOLDS.english_min_share) {
    return decision('eng', francConfidence, LANGUAGE_RULE_IDS.francEnglish);
  }
  if (family === 'malay' && !englishDominates) return malayFamily(francConfidence);
  if (englishDominates) return decision('eng', wordShareConfidence(englishShare), LANGUAGE_RULE_IDS.englishFunctionWords);
  if (familyShare >= THRESHOLDS.family_override_share && familyShare > englishShare) {
    return malayFamily(wordShareConfidence(familyShare));
  }
  return decision('und', family === 'other' ? francConfidence : 0.5, LANGUAGE_RULE_IDS.francOtherLanguage);
}

/** The document's language and confidence, under a sentence rule. */
function inherit(document: LanguageDecision, rule: LanguageRuleId): LanguageDecision {
  return { language: document.language, language_confidence: document.language_confidence, language_rule: rule };
}

/** The decision for one sentence, given its evidence and its document's decision and evidence. */
function decideSentence(evidence: LanguageEvidence, document: LanguageDecision, documentEvidence: LanguageEvidence): LanguageDecision {
  const { words, familyWords, englishWords } = evidence;
  if (words < THRESHOLDS.sentence_min_words) return inherit(document, LANGUAGE_RULE_IDS.inheritShort);
  if (words <= THRESHOLDS.name_max_words && evidence.capitalisedWords === words && familyWords === 0 && englishWords === 0) {
    return inherit(document, LANGUAGE_RULE_IDS.inheritName);
  }

  const looksEnglish =
    englishWords >= THRESHOLDS.sentence_english_min_words && englishWords / words >= THRESHOLDS.sentence_english_min_share && englishWords > 2 * familyWords;
  if (looksEnglish) {
    if (document.language === 'eng') return inherit(document, LANGUAGE_RULE_IDS.inheritDocument);
    return decision('eng', englishWords / (englishWords + familyWords + 1), LANGUAGE_RULE_IDS.sentenceEnglishWords);
  }

  const documentIsMalayFamily = document.language === 'ind' || document.language === 'zlm';
  if (!documentIsMalayFamily) {
    const looksMalayFamily =
      familyWords >= THRESHOLDS.sentence_family_min_words && familyWords / words >= THRESHOLDS.sentence_family_min_share && familyWords > englishWords;
    if (!looksMalayFamily) return inherit(document, LANGUAGE_RULE_IDS.inheritDocument);
    // The sentence's own ind/zlm words decide; with too few, the document's lean.
    const own = evidence.indonesianWeight + evidence.malayWeight >= THRESHOLDS.variety_min_evidence;
    const variety = chooseVariety(own ? evidence : documentEvidence);
    const familyConfidence = familyWords / (familyWords + englishWords + 1);
    return decision(variety.language, familyConfidence * variety.confidence, LANGUAGE_RULE_IDS.sentenceFamilyWords);
  }

  const [own, other] = document.language === 'ind' ? [evidence.indonesianWeight, evidence.malayWeight] : [evidence.malayWeight, evidence.indonesianWeight];
  if (other >= THRESHOLDS.sentence_switch_min_evidence && other >= THRESHOLDS.sentence_switch_ratio * own) {
    const language = document.language === 'ind' ? 'zlm' : 'ind';
    return decision(language, (other + 1) / (own + other + 2), LANGUAGE_RULE_IDS.sentenceLexiconIndZlm);
  }
  return inherit(document, LANGUAGE_RULE_IDS.inheritDocument);
}

/** Surrogate halves: a text with none indexes code points and UTF-16 units alike. */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * languageEvidence of each sentence. Sentences are read inside the flat
 * clean_text (see evidenceIn) when their code-point offsets are UTF-16
 * offsets too (no astral characters) and they are exactly that part of it,
 * as segmentSentences makes them; otherwise from their own text.
 */
function sentenceEvidenceOf(doc: SegmentedDocument): LanguageEvidence[] {
  const text = doc.clean_text;
  const inPlace = !SURROGATE.test(text);
  return doc.sentences.map((sentence) => {
    const { char_start: from, char_end: to } = sentence;
    // `text.startsWith(sentence.text, from)`, written as a slice comparison: startsWith compares unit by
    // unit and cost as much as a tenth of this stage, string equality compares in bulk.
    const at = from > 0 ? from : 0; // where startsWith would look
    if (inPlace && sentence.text.length === to - from && text.slice(at, at + sentence.text.length) === sentence.text) {
      return evidenceIn(text, from, to);
    }
    return languageEvidence(sentence.text);
  });
}

/**
 * Stage 4: the document with a language for itself and each sentence
 * (CODEBOOK.md section 2).
 *
 * Pure and cheap: one pass of word counting per sentence, and franc on at
 * most 1,024 characters only when function words leave the language family
 * open.
 *
 * Confidence, in [0, 1], says how sure the deciding rule is:
 * - Malay-family documents: family certainty × variety certainty. Family
 *   certainty is 0.5 + 0.5 × min(1, family-word share / 0.25) when function
 *   words decide, or 0.5 + 0.5 × min(1, franc margin / 0.1) when franc does
 *   (its normalised score gap to the best language of another family).
 *   Variety certainty is (w + 1) / (ind + zlm + 2) over the weighted word
 *   lists, w the winner's weight; 0.5 under `prior_ind`.
 * - English documents: franc's family certainty (or the English word share).
 * - `und`: 0 when too short; otherwise franc's certainty that the text is
 *   another language.
 * - Sentences that inherit carry the document's confidence; sentences decided
 *   on their own carry the share of their own evidence.
 *
 * @param doc A segmented document.
 * @returns The same document with `language`, `language_confidence`,
 *   `language_rule`, and the same three on every sentence.
 * @example
 * detectLanguage(segmentSentences(clean(raw))).language; // → 'ind'
 */
export function detectLanguage(doc: SegmentedDocument): LanguageDocument {
  const sentenceEvidence = sentenceEvidenceOf(doc);
  const documentEvidence = emptyEvidence();
  if (doc.sentences.length === 0) addSentenceEvidence(documentEvidence, languageEvidence(doc.clean_text));
  for (const evidence of sentenceEvidence) addSentenceEvidence(documentEvidence, evidence);

  const documentDecision = decideDocument(doc.clean_text, documentEvidence);
  const sentences: LanguageSentence[] = doc.sentences.map((sentence, index) => {
    const own = decideSentence(sentenceEvidence[index] ?? emptyEvidence(), documentDecision, documentEvidence);
    return Object.assign({}, sentence, own);
  });
  // The same object as `{ ...doc, ...documentDecision, sentences }`, key for key and in the same order,
  // built by copying and then assigning: V8 builds a spread followed by more properties slowly.
  const labelled = Object.assign({}, doc) as Mutable<LanguageDocument>;
  labelled.language = documentDecision.language;
  labelled.language_confidence = documentDecision.language_confidence;
  labelled.language_rule = documentDecision.language_rule;
  labelled.sentences = sentences;
  return labelled;
}
