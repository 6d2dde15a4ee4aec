/**
 * Labelling functions for the claim class (CODEBOOK.md section 6, after
 * ClaimBuster): check-worthy factual (numbers, dates, official actions on the
 * record, statements attributed to a named source), non-factual (hedges,
 * modals, hopes, questions, conditionals, opinion verbs, evaluative words,
 * rhetoric, direct quotations), unimportant factual (background, agendas,
 * "Hal ini juga diamini oleh ..." pointers). Cue words live in
 * pipeline/stages/label/rules/claim.id.json.
 */
import type { LabelingFunction, SentenceContext } from './labeling-function.js';
import { LEXICONS } from './lexicons.js';
import { hasHits, hitsOf } from './sentence-features.js';
import type { ClaimClass } from '../../types.js';

/** Does the sentence hit a claim.id.json category? `key` is family-qualified (claim.hedge), written out so that no key is built per call. */
const has = (context: SentenceContext, key: string): boolean => hasHits(context.features, key);

/** A named actor: a gazetteer mention or the source of an attribution cued here. */
const hasActor = (context: SentenceContext): boolean => context.features.mentions.length > 0 || context.cued.some((a) => a.source_type !== 'anonymous');

/** An attribution cued here whose content is the previous sentence (Hal ini diungkapkan oleh X; Beliau berkata demikian ketika ...): this sentence only says who said it. */
const pointsBack = (context: SentenceContext): boolean => context.cued.some((a) => a.rules.includes('attribution.content_previous_sentence'));

/** Marks that end a sentence; a line without one is a heading or a cut-off fragment. */
const TERMINAL_MARKS = new Set(['.', '!', '?', '"', '”', '’', "'", ')', '…', ':']);
/** Opening quotation marks. */
const OPENING_QUOTES = new Set(['"', '“', "'", '‘', '”']);
/** A past year alone (Pada 2019, ...; Tahun 2008, ...). */
const YEAR = /^(1[89]|20)\d\d$/;
/** Words that open a sentence dated by a year alone. */
const YEAR_OPENERS = new Set(['pada', 'tahun', 'sejak', 'in', 'since', 'sebelumnya', 'semenjak']);

/**
 * History told by the year alone: the sentence opens with a year (Pada 2019,
 * Sejak 2014) and gives no month or day. Events of the day carry a date; a
 * bare year sets the scene (CODEBOOK.md section 6 ufs: background).
 */
function opensWithBareYear(context: SentenceContext): boolean {
  // The first three words: a year among them, with only openers before it (read in place: no list of words per sentence).
  let words = 0;
  for (const t of context.features.tokens) {
    if (!t.isWord) continue;
    if (YEAR.test(t.text)) return !has(context, 'claim.calendar');
    if (++words === 3 || !YEAR_OPENERS.has(t.lower)) return false;
  }
  return false;
}

/** A heading is short: at most this many words. */
const HEADING_MAX_WORDS = 10;

/**
 * A heading or fragment: a short line without a closing mark (Sanksi Barat
 * untuk minyak dan gas Rusia; a cross-heading), not a numbered item and not
 * cueing a statement. Headings name a topic: background (CODEBOOK.md section 6 ufs).
 */
function isHeadingOrFragment(context: SentenceContext): boolean {
  const { tokens } = context.features;
  const last = tokens[tokens.length - 1];
  if (last === undefined || TERMINAL_MARKS.has(last.text)) return false;
  let words = 0;
  for (const t of tokens) if (t.isWord) words++;
  if (words > HEADING_MAX_WORDS) return false;
  const first = tokens[0]?.text ?? '';
  // A numbered item (1. Finlandia buka ...) is a claim; an opening quote starts a quotation cut short, not a heading.
  if (/^\d/.test(first) || OPENING_QUOTES.has(first)) return false;
  return context.cued.length === 0;
}

/** How many tokens after a future marker (akan, bakal) an official action may start: akan segera mengirimkan. */
const PLAN_WINDOW = 3;

/**
 * An announced plan of a named actor: a future marker followed closely by an
 * official action (Inggris akan menghentikan impor; Washington bakal
 * mengirim ...). A decision announced is on the record and checkable (cfs),
 * unlike a prediction (nfs), which has no official action after its modal,
 * and unlike a vow (tidak akan pernah menerima), which is rhetoric.
 */
function isAnnouncedPlan(context: SentenceContext): boolean {
  if (!hasActor(context) || has(context, 'claim.hedge') || has(context, 'claim.conditional')) return false;
  const actions = hitsOf(context.features, 'claim.official_action');
  if (actions.length === 0) return false;
  const { tokens } = context.features;
  return hitsOf(context.features, 'claim.modal').some(
    (m) =>
      (m.phrase === 'akan' || m.phrase === 'bakal' || m.phrase === 'will') &&
      !LEXICONS.negators.has(tokens[m.start - 1]?.lower ?? '') &&
      actions.some((a) => a.start >= m.end && a.start <= m.end + PLAN_WINDOW),
  );
}

type ClaimRule = (context: SentenceContext) => ClaimClass | null;

const CLAIM_RULES: readonly (readonly [string, ClaimRule, readonly ClaimClass[]])[] = [
  ['cfs_number_or_date', (c) => (c.features.hasDigit || has(c, 'claim.calendar') || has(c, 'claim.quantity') ? 'cfs' : null), ['cfs']],
  ['cfs_official_action', (c) => (has(c, 'claim.official_action') && hasActor(c) ? 'cfs' : null), ['cfs']],
  ['cfs_perfective_with_actor', (c) => (has(c, 'claim.perfective') && hasActor(c) && !has(c, 'claim.hedge') ? 'cfs' : null), ['cfs']],
  [
    'cfs_attributed_statement',
    (c) => {
      if (c.cued.length === 0) return null;
      // An opinion verb as the cue (X menilai, X berpendapat) reports a view, not a fact.
      const opinionAt = new Set(hitsOf(c.features, 'claim.opinion_verb').map((h) => h.start));
      const statement = c.cued.some(
        (a) =>
          a.type !== 'direct' &&
          (a.source_type === 'person' || a.source_type === 'organisation') &&
          !opinionAt.has(a.cue_token) &&
          !a.rules.includes('attribution.content_previous_sentence'),
      );
      return statement && !has(c, 'claim.hedge') ? 'cfs' : null;
    },
    ['cfs'],
  ],
  ['cfs_announced_plan', (c) => (isAnnouncedPlan(c) ? 'cfs' : null), ['cfs']],
  ['nfs_hedge', (c) => (has(c, 'claim.hedge') ? 'nfs' : null), ['nfs']],
  ['nfs_modal', (c) => (has(c, 'claim.modal') ? 'nfs' : null), ['nfs']],
  ['nfs_deontic', (c) => (has(c, 'claim.deontic') ? 'nfs' : null), ['nfs']],
  ['nfs_hope', (c) => (has(c, 'claim.hope') ? 'nfs' : null), ['nfs']],
  ['nfs_question', (c) => (c.features.endsWithQuestion || has(c, 'claim.question') ? 'nfs' : null), ['nfs']],
  ['nfs_evaluative', (c) => (has(c, 'claim.evaluative') ? 'nfs' : null), ['nfs']],
  ['nfs_opinion_verb', (c) => (has(c, 'claim.opinion_verb') ? 'nfs' : null), ['nfs']],
  ['nfs_conditional', (c) => (has(c, 'claim.conditional') ? 'nfs' : null), ['nfs']],
  ['nfs_rhetoric', (c) => (has(c, 'claim.rhetoric') ? 'nfs' : null), ['nfs']],
  ['nfs_viewpoint_opener', (c) => (hitsOf(c.features, 'claim.viewpoint_opener').some((h) => h.start === 0) ? 'nfs' : null), ['nfs']],
  ['nfs_direct_quote', (c) => (c.speakers.some((a) => a.type === 'direct') ? 'nfs' : null), ['nfs']],
  [
    'ufs_anaphoric_attribution',
    (c) =>
      (hitsOf(c.features, 'claim.anaphoric_subject').some((h) => h.start === 0) && hitsOf(c.features, 'cue.passive_by').length > 0) || pointsBack(c)
        ? 'ufs'
        : null,
    ['ufs'],
  ],
  ['ufs_background', (c) => (has(c, 'claim.background') ? 'ufs' : null), ['ufs']],
  ['ufs_scheduled', (c) => (has(c, 'claim.scheduled') && !has(c, 'claim.hedge') ? 'ufs' : null), ['ufs']],
  ['ufs_detail_unknown', (c) => (has(c, 'claim.detail_unknown') ? 'ufs' : null), ['ufs']],
  ['ufs_bare_year_history', (c) => (opensWithBareYear(c) ? 'ufs' : null), ['ufs']],
  ['ufs_heading_or_fragment', (c) => (isHeadingOrFragment(c) ? 'ufs' : null), ['ufs']],
];

/** Labelling functions for `claim_class` (CODEBOOK.md section 6). */
export const CLAIM_FUNCTIONS: readonly LabelingFunction<ClaimClass>[] = CLAIM_RULES.map(([name, vote, labels]) => ({
  id: `claim.${name}`,
  task: 'claim_class',
  labels,
  vote,
}));
