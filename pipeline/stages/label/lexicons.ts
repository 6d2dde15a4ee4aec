/**
 * The rule data of the labelling stage (CODEBOOK.md sections 4–7), loaded
 * once at module load from pipeline/stages/<stage>/rules/*.json and turned into phrase
 * indices and word sets. No lexicon entry lives in code.
 */
import ACTORS from './rules/actors.json' with { type: 'json' };
import CLAIM from './rules/claim.id.json' with { type: 'json' };
import ENTITIES from './rules/entities.json' with { type: 'json' };
import RELATION from './rules/relation.id.json' with { type: 'json' };
import REPORTING_VERBS from './rules/reporting-verbs.id.json' with { type: 'json' };
import STANCE from './rules/stance.id.json' with { type: 'json' };
import { buildFamilyIndex, buildPhraseIndex, type FamilyIndex, type PhraseIndex } from './phrase-index.js';

/** The sides of CODEBOOK.md section 4, plus third parties (section 5). */
export type Side = 'russia' | 'west' | 'other';

/** A lexicon file's categories: name → { note, terms }. */
type CategoryFile = { readonly categories: Readonly<Record<string, { readonly terms: readonly string[] }>> };

function termsByCategory(file: CategoryFile): Record<string, readonly string[]> {
  return Object.fromEntries(Object.entries(file.categories).map(([name, category]) => [name, category.terms]));
}

function lowerSet(words: readonly string[]): ReadonlySet<string> {
  return new Set(words.map((w) => w.toLowerCase()));
}

/** Category names prefixed with their family (`stance.accuse_active`): the keys of SentenceFeatures.hits, made once here rather than per hit. */
function qualify(family: string, terms: Record<string, readonly string[]>): Record<string, readonly string[]> {
  return Object.fromEntries(Object.entries(terms).map(([category, phrases]) => [`${family}.${category}`, phrases]));
}

/** Categories used only as word sets (LEXICONS.relief, .notOnly), kept out of the phrase index so that they cost no hits. */
const SET_ONLY_CATEGORIES = new Set(['relief', 'not_only']);

/**
 * Categories no function reads as hits (they are read as the word sets
 * LEXICONS.negators, .patientMarkers, .conditionals, .prevention) but whose
 * phrases take part in longest match, so they stay in the phrase index without
 * giving hits: tidak alone hit stance.negators in most sentences.
 */
export const UNLISTED_CATEGORIES: ReadonlySet<string> = new Set(['stance.negators', 'stance.patient_markers', 'stance.conditionals', 'relation.prevention']);

const stanceTerms = termsByCategory(STANCE);
const relationTerms = Object.fromEntries(Object.entries(termsByCategory(RELATION)).filter(([name]) => !SET_ONLY_CATEGORIES.has(name)));
const claimTerms = termsByCategory(CLAIM);
for (const key of UNLISTED_CATEGORIES) {
  const [family, category] = key.split('.') as [string, string];
  if (!Object.hasOwn(family === 'stance' ? stanceTerms : family === 'relation' ? relationTerms : {}, category))
    throw new Error(`lexicons: unlisted category ${key} is no lexicon category.`);
}

/** Reporting-verb cue categories matched as phrases (reporting-verbs.id.json). */
const CUE_CATEGORIES = ['active', 'active_needs_clause', 'inverted', 'according_to', 'passive_by', 'media_cue'] as const;
export type CueKind = (typeof CUE_CATEGORIES)[number];

const cueTerms: Record<string, readonly string[]> = {};
for (const kind of CUE_CATEGORIES) cueTerms[kind] = REPORTING_VERBS[kind].terms;

/** Named people's aliases → canonical full name and side (officials of Russia and the West; third-party leaders). */
const officialByAlias = new Map<string, { name: string; side: Side; title: string }>();
const entityTerms: Record<Side, string[]> = { russia: [...ENTITIES.russia.aliases], west: [...ENTITIES.west.aliases], other: [...ENTITIES.other.aliases] };
for (const side of ['russia', 'west', 'other'] as const) {
  for (const official of ENTITIES[side].officials) {
    for (const alias of official.aliases) {
      officialByAlias.set(alias.toLowerCase(), { name: official.name, side, title: official.title });
      entityTerms[side].push(alias);
    }
  }
}
// The actor gazetteer's state actors of Russia and the West (rules/actors.json) name their side too: officials and state
// bodies only (CODEBOOK.md section 4's targets), not media, companies, analysts, the opposition, or Western-aligned Asia-Pacific governments.
const NOT_A_TARGET_TITLE = /analis|filsuf|oposisi|pendiri|ceo|putra|pemimpin redaksi|jepang|korea|australia|wagner/i;
const NOT_A_TARGET_BODY = new Set([
  'Gazprom',
  'Rosneft',
  'Lukoil',
  'Rosatom',
  'Roscosmos',
  'Rusal',
  'Sberbank',
  'VTB',
  'Novatek',
  'Rostec',
  'Aeroflot',
  'Rosoboronexport',
  'Grup Wagner',
  'Lockheed Martin',
  'Raytheon',
  'Boeing',
  'Rheinmetall',
  'Dewan Atlantik',
  'Institut Studi Perang',
  'Partai Rusia Bersatu',
]);
const entityAliases = new Set(Object.values(entityTerms).flatMap((terms) => terms.map((t) => t.toLowerCase())));
for (const actor of ACTORS.actors) {
  if ((actor.side !== 'russia' && actor.side !== 'west') || actor.type === 'media') continue;
  if (NOT_A_TARGET_TITLE.test(actor.title) || NOT_A_TARGET_BODY.has(actor.name)) continue;
  // Short aliases (RT, AP, UE) stay with entities.json's case-sensitive list; one-word aliases of bodies are too ambiguous.
  for (const alias of actor.aliases) {
    if (alias.length < 4 || entityAliases.has(alias) || (actor.type === 'organisation' && !alias.includes(' '))) continue;
    entityTerms[actor.side].push(alias);
    entityAliases.add(alias);
    if (actor.type === 'person') officialByAlias.set(alias, { name: actor.name, side: actor.side, title: actor.title });
  }
}
const caseSensitiveEntities = new Map<string, Side>();
for (const side of ['russia', 'west', 'other'] as const) {
  for (const alias of ENTITIES[side].case_sensitive) caseSensitiveEntities.set(alias, side);
}

/** Everything the labelling functions and the attribution finder look up. */
export interface Lexicons {
  /** Gazetteer aliases alone, for the parts of hyphenated compounds (Rusia-Belarusia). */
  readonly entities: PhraseIndex;
  /** stance, relation, claim, cue and entity phrases in one index: one pass per sentence. Categories are family-qualified except the entity sides. */
  readonly families: FamilyIndex;
  readonly officialByAlias: ReadonlyMap<string, { readonly name: string; readonly side: Side; readonly title: string }>;
  readonly caseSensitiveEntities: ReadonlyMap<string, Side>;
  readonly compassPlaceHeads: ReadonlySet<string>;
  readonly notEntityAfter: ReadonlySet<string>;
  readonly negators: ReadonlySet<string>;
  readonly patientMarkers: ReadonlySet<string>;
  readonly conditionals: ReadonlySet<string>;
  readonly prevention: ReadonlySet<string>;
  /** Words that lift or ease a sanction (relation.id.json relief; single words, the last of a phrase for menarik balik). */
  readonly relief: ReadonlySet<string>;
  /** hanya, only ...: after a negator they make 'not only'. */
  readonly notOnly: ReadonlySet<string>;
  readonly clauseOpeners: ReadonlySet<string>;
  readonly personPronouns: ReadonlySet<string>;
  readonly groupPronouns: ReadonlySet<string>;
  readonly demonstratives: ReadonlySet<string>;
  readonly skipAdverbs: ReadonlySet<string>;
  readonly sentenceAdverbs: ReadonlySet<string>;
  readonly timeWords: ReadonlySet<string>;
  readonly nameConnectors: ReadonlySet<string>;
  readonly titleWords: ReadonlySet<string>;
  readonly orgHeads: ReadonlySet<string>;
  readonly mediaNames: PhraseIndex;
  readonly anonymousHeads: ReadonlySet<string>;
  /** Heads of unnamed sources that lower-case modifiers may follow (sumber diplomatik). */
  readonly unnamedSourceHeads: ReadonlySet<string>;
  readonly documentHeads: ReadonlySet<string>;
  readonly discourseAnaphors: PhraseIndex;
  /** bahwa / bahawa / that: open a reported clause. */
  readonly complementizers: ReadonlySet<string>;
  /** demikian, hal itu ... right after an active cue: the content was said before. */
  readonly contentProforms: PhraseIndex;
  /** laporan, agensi berita ... between 'menurut' and the named source. */
  readonly sourceLeadWords: ReadonlySet<string>;
  /** dan, and ... before an active cue whose subject opens the sentence. */
  readonly coordinators: ReadonlySet<string>;
  /** di, in ... ending a source phrase before a place. */
  readonly locationWords: ReadonlySet<string>;
}

const QUALIFIED = {
  stance: qualify('stance', stanceTerms),
  relation: qualify('relation', relationTerms),
  claim: qualify('claim', claimTerms),
  cue: qualify('cue', cueTerms),
};

/**
 * Each `<family>.<category>` key as the one string the hits carry (a
 * property key, so V8 keeps a single instance of it). A key made elsewhere by
 * concatenation is another string, and comparing it with a hit's category
 * reads both; two such single instances compare at once, equal or not.
 */
const CATEGORY_KEYS = new Map<string, string>();
for (const categories of Object.values(QUALIFIED)) for (const key of Object.keys(categories)) CATEGORY_KEYS.set(key, key);

/**
 * The hit key of a lexicon category, as SentenceFeatures.hits carries it.
 *
 * @param family - stance, relation, claim or cue.
 * @param category - A category of its rules file.
 * @returns `<family>.<category>`, the hits' own instance when the category gives hits.
 */
export function categoryKey(family: keyof typeof QUALIFIED, category: string): string {
  const key = `${family}.${category}`;
  return CATEGORY_KEYS.get(key) ?? key;
}

/** Built once: every labelling call shares these. */
export const LEXICONS: Lexicons = {
  entities: buildPhraseIndex(entityTerms),
  families: buildFamilyIndex({ ...QUALIFIED, entity: entityTerms }, UNLISTED_CATEGORIES),
  officialByAlias,
  caseSensitiveEntities,
  compassPlaceHeads: lowerSet(ENTITIES.compass_place_heads.terms),
  notEntityAfter: lowerSet(ENTITIES.not_after.terms),
  negators: lowerSet(STANCE.categories.negators.terms),
  patientMarkers: lowerSet(STANCE.categories.patient_markers.terms),
  conditionals: lowerSet(STANCE.categories.conditionals.terms),
  prevention: lowerSet(RELATION.categories.prevention.terms),
  relief: lowerSet(RELATION.categories.relief.terms.map((t) => t.split(' ').pop() as string)),
  notOnly: lowerSet(RELATION.categories.not_only.terms),
  clauseOpeners: lowerSet(REPORTING_VERBS.clause_openers),
  personPronouns: lowerSet(REPORTING_VERBS.person_pronouns),
  groupPronouns: lowerSet(REPORTING_VERBS.group_pronouns),
  demonstratives: lowerSet(REPORTING_VERBS.demonstratives),
  skipAdverbs: lowerSet(REPORTING_VERBS.skip_adverbs.terms),
  sentenceAdverbs: lowerSet(REPORTING_VERBS.sentence_adverbs.terms),
  timeWords: lowerSet(REPORTING_VERBS.time_words),
  nameConnectors: lowerSet(REPORTING_VERBS.name_connectors),
  titleWords: lowerSet(REPORTING_VERBS.title_words.terms),
  orgHeads: lowerSet(REPORTING_VERBS.org_heads.terms),
  mediaNames: buildPhraseIndex({ media: REPORTING_VERBS.media_names.terms }),
  anonymousHeads: lowerSet(REPORTING_VERBS.anonymous_heads.terms),
  unnamedSourceHeads: lowerSet(REPORTING_VERBS.unnamed_source_heads.terms),
  documentHeads: lowerSet(REPORTING_VERBS.document_heads.terms),
  discourseAnaphors: buildPhraseIndex({ anaphor: REPORTING_VERBS.discourse_anaphors.terms }),
  complementizers: lowerSet(REPORTING_VERBS.complementizers.terms),
  contentProforms: buildPhraseIndex({ proform: REPORTING_VERBS.content_proforms.terms }),
  sourceLeadWords: lowerSet(REPORTING_VERBS.source_lead_words.terms),
  coordinators: lowerSet(REPORTING_VERBS.coordinators.terms),
  locationWords: lowerSet(REPORTING_VERBS.location_words.terms),
};
