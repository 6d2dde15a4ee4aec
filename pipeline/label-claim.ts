/**
 * Labelling functions for the claim class (CODEBOOK.md section 6, after
 * ClaimBuster): check-worthy factual (numbers, dates, official actions on the
 * record, statements attributed to a named source), non-factual (hedges,
 * modals, hopes, questions, conditionals, opinion verbs, evaluative words,
 * rhetoric, direct quotations), unimportant factual (background, agendas,
 * "Hal ini juga diamini oleh ..." pointers). Cue words live in
 * pipeline/rules/claim.id.json.
 */
import type { LabelingFunction, SentenceContext } from './labeling-function.js';
import { hitsOf } from './sentence-features.js';
import type { ClaimClass } from './types.js';

const has = (context: SentenceContext, category: string): boolean => hitsOf(context.features, `claim.${category}`).length > 0;

/** A named actor: a gazetteer mention or the source of an attribution cued here. */
const hasActor = (context: SentenceContext): boolean => context.features.mentions.length > 0 || context.cued.some((a) => a.source_type !== 'anonymous');

type ClaimRule = (context: SentenceContext) => ClaimClass | null;

const CLAIM_RULES: readonly (readonly [string, ClaimRule, readonly ClaimClass[]])[] = [
  ['cfs_number_or_date', (c) => (c.features.hasDigit || has(c, 'calendar') || has(c, 'quantity') ? 'cfs' : null), ['cfs']],
  ['cfs_official_action', (c) => (has(c, 'official_action') && hasActor(c) ? 'cfs' : null), ['cfs']],
  ['cfs_perfective_with_actor', (c) => (has(c, 'perfective') && hasActor(c) && !has(c, 'hedge') ? 'cfs' : null), ['cfs']],
  [
    'cfs_attributed_statement',
    (c) => {
      if (c.cued.length === 0) return null;
      // An opinion verb as the cue (X menilai, X berpendapat) reports a view, not a fact.
      const opinionAt = new Set(hitsOf(c.features, 'claim.opinion_verb').map((h) => h.start));
      const statement = c.cued.some((a) => a.type !== 'direct' && (a.source_type === 'person' || a.source_type === 'organisation') && !opinionAt.has(a.cue_token));
      return statement && !has(c, 'hedge') ? 'cfs' : null;
    },
    ['cfs'],
  ],
  ['nfs_hedge', (c) => (has(c, 'hedge') ? 'nfs' : null), ['nfs']],
  ['nfs_modal', (c) => (has(c, 'modal') ? 'nfs' : null), ['nfs']],
  ['nfs_hope', (c) => (has(c, 'hope') ? 'nfs' : null), ['nfs']],
  ['nfs_question', (c) => (c.features.endsWithQuestion || has(c, 'question') ? 'nfs' : null), ['nfs']],
  ['nfs_evaluative', (c) => (has(c, 'evaluative') ? 'nfs' : null), ['nfs']],
  ['nfs_opinion_verb', (c) => (has(c, 'opinion_verb') ? 'nfs' : null), ['nfs']],
  ['nfs_conditional', (c) => (has(c, 'conditional') ? 'nfs' : null), ['nfs']],
  ['nfs_rhetoric', (c) => (has(c, 'rhetoric') ? 'nfs' : null), ['nfs']],
  ['nfs_direct_quote', (c) => (c.speakers.some((a) => a.type === 'direct') ? 'nfs' : null), ['nfs']],
  [
    'ufs_anaphoric_attribution',
    (c) => (hitsOf(c.features, 'claim.anaphoric_subject').some((h) => h.start === 0) && hitsOf(c.features, 'cue.passive_by').length > 0 ? 'ufs' : null),
    ['ufs'],
  ],
  ['ufs_background', (c) => (has(c, 'background') ? 'ufs' : null), ['ufs']],
];

/** Labelling functions for `claim_class` (CODEBOOK.md section 6). */
export const CLAIM_FUNCTIONS: readonly LabelingFunction<ClaimClass>[] = CLAIM_RULES.map(([name, vote, labels]) => ({
  id: `claim.${name}`,
  task: 'claim_class',
  labels,
  vote,
}));
