/**
 * Stage `clean`, rule data (CODEBOOK.md section 1, "Cleaning: what is
 * boilerplate"): the tunable constants, and the rules of
 * rules/boilerplate.json, dates.json and places.json compiled once, when this
 * module loads: lexicon placeholders, the compiled rule lists, the whole-line
 * rule shortlists, the rules by id, the structural rule ids and the word sets
 * the other parts of the stage read.
 */
import boilerplateJson from './rules/boilerplate.json' with { type: 'json' };
import datesJson from './rules/dates.json' with { type: 'json' };
import placesJson from './rules/places.json' with { type: 'json' };
import { edgeAtoms, EdgeChars, openingPairs, OpeningPairs, parsePattern, requiredAtomTest, UNKNOWN } from './regex-prefilter.js';
import { REMOVAL_REASONS } from '../../types.js';
import type { RemovalReason } from '../../types.js';

/* ========================================================================== */
/* Tunable constants                                                          */
/* ========================================================================== */

/** A line with no closing punctuation and at most this many words may be a headline (title, kicker, linked headline). */
export const HEADLINE_MAX_WORDS = 24;
/**
 * A line with no closing punctuation and at most this many words is headline-like:
 * among body paragraphs it is a caption (after them, chrome). Longer lines are
 * headline-like only in Title Case; in sentence case they are sentences that
 * lost their full stop.
 */
export const CAPTION_MAX_WORDS = 15;
/** A question/exclamation headline (`Ada Maksud Terselubung?`) at the top of the article has at most this many words. */
export const QUESTION_HEADLINE_MAX_WORDS = 15;
/** Paragraphs shorter than this many words are never removed as duplicates (`Ya.` may legitimately repeat). */
export const DUPLICATE_MIN_WORDS = 4;
/** How many lines a marker such as `Baca juga:` or `Berita Terkait` (or a lone `Penulis`) may pull in after it. */
export const BLOCK_MAX_LINES = { headlines: 10, list: 30, tags: 30, name: 1 } as const;
/**
 * This many short lines in a row (with no body line between them) are a list
 * that lost its bullets, and stay as body, unless half or more of them are
 * names (a tag list such as `Rusia` / `NATO` / `Vladimir Putin`).
 */
export const LIST_MIN_LINES = 3;
/** Tags in a tag block are short. */
export const TAG_MAX_WORDS = 6;
/** Line rules without their own `max_chars` only look at lines up to this length. */
const DEFAULT_LINE_RULE_MAX_CHARS = 300;
/** Suffix rules without their own `window_chars` look at this many characters at the end of a line. */
const DEFAULT_SUFFIX_WINDOW_CHARS = 160;
/** How many final characters a rule's `guard` sees unless the rule gives `guard_chars`. */
const DEFAULT_GUARD_CHARS = 4;
/** How many final characters the end-anchored shape tests look at. */
export const ENDING_CHARS = 16;
/** Prefix rules look at this many characters at the start of a line. */
export const PREFIX_WINDOW_CHARS = 200;
/** The separator every prefix rule ends with (`-`, `–`, `—`, `:`, `|`, before a space or the end). */
export const PREFIX_SEPARATOR = /[-–—:|](?: |$)/u;
/** Tail rules without their own `max_tail_chars` look this far back from the end of a line. */
const DEFAULT_TAIL_CHARS = 400;
/** Safety net for the peeling loop; each step shrinks the line, so real text never gets near it. */
export const MAX_PEEL_STEPS = 500;
/** A lead-in written in capitals (`LINGKAR KEDIRI –`) needs at least this many letters, so `AS –` stays. */
export const CAPS_PREFIX_MIN_LETTERS = 4;
/** Share of capitalised content words that makes a line Title Case (headline-like). */
export const TITLE_CASE_MIN_SHARE = 0.75;

/* ========================================================================== */
/* Rule data: types and compilation (runs once, at module load)               */
/* ========================================================================== */

export type BlockKind = keyof typeof BLOCK_MAX_LINES;
type DetectorName = 'date_stamp' | 'labelled_byline';

interface LexiconSpec {
  readonly source: string;
  readonly words?: readonly string[];
  readonly pattern?: string;
  readonly case?: string;
}

interface RuleSpec {
  readonly id: string;
  readonly reason: string;
  readonly pattern: string;
  readonly source: string;
  readonly flags?: string;
  readonly max_chars?: number;
  readonly block?: string;
  readonly detector?: string;
  readonly whole_line_max_chars?: number;
  readonly max_tail_chars?: number;
  readonly max_tail_words?: number;
  readonly guard?: string;
  readonly guard_chars?: number;
  readonly window_chars?: number;
}

interface BoilerplateData {
  readonly lexicons: Readonly<Record<string, LexiconSpec>>;
  readonly end_marks: readonly RuleSpec[];
  readonly line_rules: readonly RuleSpec[];
  readonly suffix_rules: readonly RuleSpec[];
  readonly prefix_rules: readonly RuleSpec[];
  readonly lead_prefix_rules: readonly RuleSpec[];
  readonly tail_rules: readonly RuleSpec[];
  readonly shape: { readonly functionWords: readonly string[] };
}

interface DateData {
  readonly months: Readonly<Record<string, readonly string[]>>;
  readonly days: readonly string[];
  readonly zones: Readonly<Record<string, string>>;
  readonly meridiem: Readonly<Record<string, string>>;
  readonly stamp_words: readonly string[];
  readonly updated_words: readonly string[];
  readonly publication_labels: readonly string[];
  readonly max_other_words: number;
}

type RuleScope = 'line' | 'suffix' | 'prefix' | 'tail';

/** A rule from boilerplate.json, compiled. */
export interface CompiledRule {
  readonly id: string;
  readonly reason: RemovalReason;
  readonly scope: RuleScope;
  readonly regex: RegExp;
  readonly maxChars: number;
  readonly block: BlockKind | null;
  readonly detector: DetectorName | null;
  /** Suffix rules: when the whole line is at most this long, the whole line is the piece (a caption ending in a credit). */
  readonly wholeLineMaxChars: number;
  readonly maxTailChars: number;
  readonly maxTailWords: number;
  /** A cheap test on the last `guardChars` characters of the line; the rule only runs when it passes. */
  readonly guard: RegExp | null;
  readonly guardChars: number;
  /** Suffix rules: how many characters at the end of the line the rule looks at. */
  readonly windowChars: number;
  /** Characters a non-empty match can begin with (see {@link EdgeChars}). */
  readonly opens: EdgeChars;
  /** Characters a non-empty match can end with. */
  readonly closes: EdgeChars;
  /** Can the regex match the empty string? Then the edge tests say nothing about a successful `test`. */
  readonly matchesEmpty: boolean;
  /** Whole-line rules: the first two characters a match of two or more characters can begin with. */
  readonly opensWithPair: OpeningPairs;
  /** Finds a rare character every match contains (`@`, `(`); null when the rule has none. Tested before the costlier rule regex. */
  readonly requires: RegExp | null;
}

const BOILERPLATE = boilerplateJson as unknown as BoilerplateData;
export const DATES = datesJson as unknown as DateData;
const PLACE_DATA = placesJson as unknown as { readonly places: readonly string[]; readonly countries_and_regions: readonly string[] };
const PLACES: readonly string[] = [...PLACE_DATA.places, ...PLACE_DATA.countries_and_regions];

/** Escapes regex syntax characters (only those: in `u` mode other escapes are errors). */
function escapeRegex(text: string): string {
  return text.replace(/[\^$\\.*+?()[\]{}|/]/g, '\\$&');
}

/*
 * Regexes with `\p{…}` outside a character class live in module constants, not
 * inline: the TypeScript loader (esbuild) rewrites such literals to
 * `new RegExp(…)`, which would rebuild them on every call.
 */
const WORD_IN_NAME = /(^|[\s-])(\p{L})(\p{L}*)/gu;

export function titleCaseWord(word: string): string {
  return word.replace(WORD_IN_NAME, (_, sep: string, first: string, rest: string) => sep + first.toUpperCase() + rest.toLowerCase());
}

/** The alternation a `{{name}}` placeholder expands to: escaped entries, longest first. */
function lexiconAlternation(name: string, spec: LexiconSpec): string {
  if (spec.pattern !== undefined) return spec.pattern;
  if (spec.words === undefined) throw new Error(`Lexicon "${name}" in boilerplate.json needs "words" or "pattern".`);
  const words = new Set<string>();
  for (const word of spec.words) {
    words.add(word);
    if (spec.case === 'variants') {
      words.add(word.toLowerCase());
      words.add(word.toUpperCase());
      words.add(titleCaseWord(word));
    }
  }
  return [...words]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((word) => escapeRegex(word).replace(/ /g, '\\s'))
    .join('|');
}

const LEXICON_PATTERNS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  for (const [name, spec] of Object.entries(BOILERPLATE.lexicons)) map.set(name, lexiconAlternation(name, spec));
  map.set('place', lexiconAlternation('place', { source: 'places.json', words: PLACES, case: 'variants' }));
  return map;
})();

function expandPlaceholders(pattern: string, ruleId: string): string {
  return pattern.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const alternation = LEXICON_PATTERNS.get(name);
    if (alternation === undefined) throw new Error(`Rule "${ruleId}" uses {{${name}}}, which is not a lexicon in boilerplate.json.`);
    return alternation;
  });
}

const BLOCK_KINDS: readonly string[] = Object.keys(BLOCK_MAX_LINES);
const DETECTORS: readonly string[] = ['date_stamp', 'labelled_byline'];

/**
 * @param withPrefilters Whether to read the pattern for the cheap tests (edge characters,
 *   required atoms). Rules tried once per document skip it: reading their long
 *   place-name alternations at load time would cost more than it saves.
 */
function compileRule(spec: RuleSpec, scope: RuleScope, withPrefilters = true): CompiledRule {
  const reason = REMOVAL_REASONS.find((r) => r === spec.reason);
  if (reason === undefined) throw new Error(`Rule "${spec.id}" has reason "${spec.reason}"; use one of ${REMOVAL_REASONS.join(', ')}.`);
  const block = spec.block === undefined ? null : BLOCK_KINDS.includes(spec.block) ? (spec.block as BlockKind) : null;
  if (spec.block !== undefined && block === null) throw new Error(`Rule "${spec.id}" has unknown block "${spec.block}".`);
  const detector = spec.detector === undefined ? null : DETECTORS.includes(spec.detector) ? (spec.detector as DetectorName) : null;
  if (spec.detector !== undefined && detector === null) throw new Error(`Rule "${spec.id}" has unknown detector "${spec.detector}".`);
  const body = expandPlaceholders(spec.pattern, spec.id);
  const source = {
    line: `^(?:${body})$`,
    suffix: `(?:${body})$`,
    prefix: `^(?:${body})(?=\\s|$)`,
    tail: `(?:${body})`,
  }[scope];
  // Tail rules are sticky: they are tried at one sentence start at a time.
  const flags = `u${scope === 'tail' ? 'y' : ''}${spec.flags ?? ''}`;
  const pattern = withPrefilters ? parsePattern(source) : UNKNOWN;
  const opening = edgeAtoms(pattern, false);
  return {
    id: spec.id,
    reason,
    scope,
    regex: new RegExp(source, flags),
    maxChars: spec.max_chars ?? DEFAULT_LINE_RULE_MAX_CHARS,
    block,
    detector,
    wholeLineMaxChars: spec.whole_line_max_chars ?? 0,
    maxTailChars: spec.max_tail_chars ?? DEFAULT_TAIL_CHARS,
    maxTailWords: spec.max_tail_words ?? Number.POSITIVE_INFINITY,
    guard: spec.guard === undefined ? null : new RegExp(spec.guard, 'iu'),
    guardChars: spec.guard_chars ?? DEFAULT_GUARD_CHARS,
    windowChars: spec.window_chars ?? DEFAULT_SUFFIX_WINDOW_CHARS,
    opens: new EdgeChars(opening.atoms, flags),
    closes: new EdgeChars(edgeAtoms(pattern, true).atoms, flags),
    matchesEmpty: opening.nullable,
    // Whole-line rules only: the other scopes may match a single character.
    opensWithPair: new OpeningPairs(scope === 'line' ? openingPairs(pattern) : null, flags),
    // Only whole-line and prefix rules consult it.
    requires: scope === 'line' || scope === 'prefix' ? requiredAtomTest(pattern, flags) : null,
  };
}

export const END_MARK_RULES = BOILERPLATE.end_marks.map((spec) => compileRule(spec, 'suffix'));
const LINE_RULES = BOILERPLATE.line_rules.map((spec) => compileRule(spec, 'line'));
export const SUFFIX_RULES = BOILERPLATE.suffix_rules.map((spec) => compileRule(spec, 'suffix'));
export const PREFIX_RULES = BOILERPLATE.prefix_rules.map((spec) => compileRule(spec, 'prefix'));
export const LEAD_PREFIX_RULES = BOILERPLATE.lead_prefix_rules.map((spec) => compileRule(spec, 'prefix', false));
export const TAIL_RULES = BOILERPLATE.tail_rules.map((spec) => compileRule(spec, 'tail'));
/** The furthest any tail rule looks back from the end of a line. */
export const MAX_TAIL_CHARS = Math.max(0, ...TAIL_RULES.map((rule) => rule.maxTailChars));

/** How many shortlists {@link lineRulesFor} remembers (a bound on memory; real text needs a few thousand). */
const LINE_RULE_SHORTLISTS_MAX = 1 << 16;
let lineRuleShortlistCount = 0;
/** Shortlists by the first two characters, then by the last one (two small-integer keys are cheaper than one large key). */
const LINE_RULE_SHORTLISTS = new Map<number, Map<number, readonly CompiledRule[]>>();
/** Stands for the second character of a one-character text (no code unit has this value). */
const NO_SECOND_CHAR = 0x10000;

/** Shortlists by the rules they hold: many character triples share one list, and then one array. */
const DISTINCT_SHORTLISTS = new Map<string, readonly CompiledRule[]>();

function sharedShortlist(rules: readonly CompiledRule[]): readonly CompiledRule[] {
  const key = rules.map((rule) => rule.id).join(' ');
  const known = DISTINCT_SHORTLISTS.get(key);
  if (known !== undefined) return known;
  DISTINCT_SHORTLISTS.set(key, rules);
  return rules;
}

/**
 * The whole-line rules, in order, that may match the non-empty text
 * `text[start, end)`, judged by its first two and its last characters (UTF-16
 * code units); the others cannot match it. Lines share few such triples, so
 * each shortlist is built once.
 */
export function lineRulesFor(text: string, start: number, end: number): readonly CompiledRule[] {
  const first = text.charCodeAt(start);
  const second = end - start >= 2 ? text.charCodeAt(start + 1) : NO_SECOND_CHAR;
  const last = text.charCodeAt(end - 1);
  const openingKey = first * (NO_SECOND_CHAR + 1) + second;
  let byLast = LINE_RULE_SHORTLISTS.get(openingKey);
  let rules = byLast?.get(last);
  if (rules === undefined) {
    rules = LINE_RULES.filter(
      (rule) => rule.opens.allows(first) && rule.closes.allows(last) && (second === NO_SECOND_CHAR || rule.opensWithPair.allows(first, second)),
    );
    if (lineRuleShortlistCount < LINE_RULE_SHORTLISTS_MAX) {
      rules = sharedShortlist(rules);
      if (byLast === undefined) LINE_RULE_SHORTLISTS.set(openingKey, (byLast = new Map()));
      byLast.set(last, rules);
      lineRuleShortlistCount++;
    }
  }
  return rules;
}

/** Every data rule by id, so metadata can re-read a piece with the rule that found it. */
export const RULES_BY_ID: ReadonlyMap<string, CompiledRule> = (() => {
  const map = new Map<string, CompiledRule>();
  for (const rule of [...END_MARK_RULES, ...LINE_RULES, ...SUFFIX_RULES, ...PREFIX_RULES, ...LEAD_PREFIX_RULES, ...TAIL_RULES]) {
    if (map.has(rule.id)) throw new Error(`Rule id "${rule.id}" appears twice in boilerplate.json; ids must be unique.`);
    map.set(rule.id, rule);
  }
  return map;
})();

/** Ids of the structural rules implemented in code (not in boilerplate.json). */
export const STRUCTURAL_RULE = {
  titleHeadline: 'title.headline',
  titleGiven: 'title.given',
  titleRepeat: 'title.repeat',
  kicker: 'navigation.kicker',
  headerCaption: 'caption.header_line',
  shortCaption: 'caption.short_line',
  trailingChrome: 'navigation.trailing_line',
  chromeLine: 'navigation.chrome_line',
  standfirst: 'title.standfirst',
  otherLanguage: 'caption.other_language',
  doubledHeadline: 'navigation.doubled_headline',
  doubledCaption: 'caption.doubled_opening',
  datedCaption: 'caption.dated_above_credit',
  duplicate: 'duplicate.paragraph',
} as const;

export const FUNCTION_WORDS: ReadonlySet<string> = new Set(BOILERPLATE.shape.functionWords);
export const PLACE_NAMES: ReadonlySet<string> = new Set(PLACES.map((place) => place.toLowerCase()));
/** A known place as places.json spells it, by its lower-case form (`washington, dc` → `Washington, DC`). */
export const PLACE_SPELLING: ReadonlyMap<string, string> = new Map(PLACES.map((place) => [place.toLowerCase(), place]));
/** Finds a site-chrome cue (`Skip to main content`, `Langganan`, `Your browser is out of date`) anywhere in a line. */
export const PAGE_CHROME_CUE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${expandPlaceholders('{{pageChromeCue}}', 'page chrome cue')})(?![\\p{L}\\p{N}])`, 'iu');
/** English and Indonesian/Malay function words: an English line inside an Indonesian or Malay page is chrome or a caption (lower case). */
export const ENGLISH_FUNCTION_WORDS: ReadonlySet<string> = new Set(BOILERPLATE.lexicons['englishFunctionWord']?.words ?? []);
export const INDONESIAN_MALAY_FUNCTION_WORDS: ReadonlySet<string> = new Set(BOILERPLATE.lexicons['indonesianMalayFunctionWord']?.words ?? []);
/** Section labels (`OPINI –`) open some leads; they name neither the outlet nor the place. */
export const SECTION_NAMES: ReadonlySet<string> = new Set(BOILERPLATE.lexicons['navSection']?.words ?? []);

/* ---- Byline labels (boilerplate.json lexicons) ---- */

export const AUTHOR_LABELS: ReadonlySet<string> = new Set(BOILERPLATE.lexicons['authorLabel']?.words ?? []);
export const EDITOR_LABELS: ReadonlySet<string> = new Set(BOILERPLATE.lexicons['editorLabel']?.words ?? []);
/** Finds `Label:` occurrences in a byline line (the labels of all three lexicons). */
export const BYLINE_LABEL_REGEX = new RegExp(
  `(?:^|[|;/·•,]\\s?|\\s)[\\[(]?\\s?(${expandPlaceholders('{{authorLabel}}|{{editorLabel}}|{{creditLabel}}', 'byline labels')})\\s?[:：]\\s?`,
  'giu',
);
/** The same regex, tried only at the start of the text: a byline must open with a label. */
export const BYLINE_LABEL_AT_START = new RegExp(BYLINE_LABEL_REGEX.source, 'iuy');

/* ---- Domains, for the outlet field ---- */

/** Dotted names (`lingkarkediri.pikiran-rakyat.com`, `www.kompas.com`); {@link domainsIn} keeps those with a news-site ending. */
const DOTTED_NAME = /(?<![\p{L}\p{N}.-])[\p{L}\p{N}][\p{L}\p{N}-]*(?:\.[\p{L}\p{N}-]+)+/gu;
const DOMAIN_ENDING = new RegExp(`\\.(?:${LEXICON_PATTERNS.get('tld') ?? 'com'})$`, 'iu');

/** The site names mentioned in a text, lower-cased, without `www.`. */
export function domainsIn(text: string): string[] {
  const domains: string[] = [];
  if (!text.includes('.')) return domains; // every dotted name has a dot
  // An exec loop rather than matchAll, which builds a new RegExp on every call.
  DOTTED_NAME.lastIndex = 0;
  for (let match = DOTTED_NAME.exec(text); match !== null; match = DOTTED_NAME.exec(text)) {
    const name = match[0].toLowerCase().replace(/^www\d?\./, '');
    if (DOMAIN_ENDING.test(name) && name.includes('.')) domains.push(name);
  }
  return domains;
}

/* ---- Date lexicon (dates.json) ---- */

export const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(
  Object.entries(DATES.months).flatMap(([month, names]) => names.map((name) => [name, Number(month)] as const)),
);
export const DAY_NAMES: ReadonlySet<string> = new Set(DATES.days);
export const ZONE_OFFSETS: ReadonlyMap<string, string> = new Map(Object.entries(DATES.zones));
export const MERIDIEM: ReadonlyMap<string, string> = new Map(Object.entries(DATES.meridiem));
export const STAMP_WORDS: ReadonlySet<string> = new Set(DATES.stamp_words);
export const UPDATED_WORDS: ReadonlySet<string> = new Set(DATES.updated_words);
/** Stamp words that label a publication date: with one, a month without a day is a stamp (`date 2022-11`). */
export const PUBLICATION_LABELS: ReadonlySet<string> = new Set(DATES.publication_labels);
