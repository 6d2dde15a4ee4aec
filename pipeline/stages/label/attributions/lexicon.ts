/**
 * Attributions (CODEBOOK.md section 7): the word sets of
 * pipeline/stages/label/rules/reporting-verbs.id.json that only the attribution
 * patterns read (the shared ones are in ../lexicons.ts).
 */
import REPORTING_VERBS from '../rules/reporting-verbs.id.json' with { type: 'json' };

const lowerSet = (words: readonly string[]): ReadonlySet<string> => new Set(words.map((w) => w.toLowerCase()));

/** sementara, namun, while ... after a comma: a new clause with its own speaker, not nested content. */
export const CLAUSE_BREAKS: ReadonlySet<string> = lowerSet(REPORTING_VERBS.clause_breaks.terms);
/** selaku, sebagai, as: after a name, a description of its office follows. */
export const APPOSITIVE_MARKERS: ReadonlySet<string> = lowerSet(REPORTING_VERBS.appositive_markers.terms);
/** memperingatkan, mengecam, urged ...: speech acts on their object, attributions without a clause after a named subject. */
export const SPEECH_ACTS_ON_OBJECT: ReadonlySet<string> = lowerSet(REPORTING_VERBS.speech_acts_on_object.terms);
/** termasuk, including: a list of members follows the group that speaks. */
export const INCLUSION_MARKERS: ReadonlySet<string> = lowerSet(REPORTING_VERBS.inclusion_markers.terms);
/** dipetik (sebagai), dilaporkan, dikutip ... between a source and its verb of saying. */
export const QUOTED_AS_BRIDGES: ReadonlySet<string> = lowerSet(REPORTING_VERBS.quoted_as_bridges.terms);
