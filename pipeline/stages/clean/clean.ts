/**
 * Stage `clean`: RawDocument → CleanDocument.
 *
 * Implements CODEBOOK.md section 1, "Cleaning: what is boilerplate": the clean
 * text keeps the article body and drops cross-links, promos, navigation,
 * bylines, datelines, the title, captions, SEO spam, the outlet lead-in,
 * duplicated paragraphs and end marks. Every dropped piece is recorded with its
 * reason code, the id of the rule that matched and its code-point offsets into
 * `raw_text`; title, outlet, place, date, author and editor are kept as
 * metadata.
 *
 * It follows spaCy's "find first, apply second":
 *
 *   1. {@link findBoilerplate} reads the raw text line by line and returns the
 *      removed pieces. It never edits text.
 *   2. {@link applyRemovals} builds `clean_text` and the clean → raw `spans`
 *      from whatever the pieces leave.
 *   3. {@link describeDocument} reads the metadata fields back out of the
 *      pieces (and `doc.given`).
 *
 * The rules are data: pipeline/stages/clean/rules/boilerplate.json (patterns and word lists,
 * each with an id, a reason and a source), dates.json (month/day names, time
 * zones) and places.json (place names). They are compiled once, when this module
 * loads.
 *
 * Two design constraints shape the code:
 *
 * - **Idempotence**: `clean(clean(x).clean_text)` must find nothing more to
 *   remove. So every rule looks only at one whitespace-normalised line (which
 *   reads the same in the raw and in the clean text), each line is peeled until
 *   no rule applies, and the positional heuristics (title, caption, trailing
 *   chrome) are defined so that what they keep, they would keep again.
 * - **Linear time**: a regex only ever sees a bounded window of a line (the
 *   first or last few hundred characters, or a whole line only when it is
 *   short), and no pattern nests unbounded quantifiers.
 */
import boilerplateJson from './rules/boilerplate.json' with { type: 'json' };
import datesJson from './rules/dates.json' with { type: 'json' };
import placesJson from './rules/places.json' with { type: 'json' };
import { edgeAtoms, EdgeChars, openingPairs, OpeningPairs, parsePattern, requiredAtomTest, UNKNOWN } from './regex-prefilter.js';
import { REMOVAL_REASONS } from '../../types.js';
import type { CleanDocument, DocumentMetadata, RawDocument, RemovalReason, RemovedPiece, TextSpan } from '../../types.js';

/* ========================================================================== */
/* Tunable constants                                                          */
/* ========================================================================== */

/** A line with no closing punctuation and at most this many words may be a headline (title, kicker, linked headline). */
const HEADLINE_MAX_WORDS = 24;
/**
 * A line with no closing punctuation and at most this many words is headline-like:
 * among body paragraphs it is a caption (after them, chrome). Longer lines are
 * headline-like only in Title Case; in sentence case they are sentences that
 * lost their full stop.
 */
const CAPTION_MAX_WORDS = 15;
/** A question/exclamation headline (`Ada Maksud Terselubung?`) at the top of the article has at most this many words. */
const QUESTION_HEADLINE_MAX_WORDS = 15;
/** Paragraphs shorter than this many words are never removed as duplicates (`Ya.` may legitimately repeat). */
const DUPLICATE_MIN_WORDS = 4;
/** How many lines a marker such as `Baca juga:` or `Berita Terkait` (or a lone `Penulis`) may pull in after it. */
const BLOCK_MAX_LINES = { headlines: 10, list: 30, tags: 30, name: 1 } as const;
/**
 * This many short lines in a row (with no body line between them) are a list
 * that lost its bullets, and stay as body, unless half or more of them are
 * names (a tag list such as `Rusia` / `NATO` / `Vladimir Putin`).
 */
const LIST_MIN_LINES = 3;
/** Tags in a tag block are short. */
const TAG_MAX_WORDS = 6;
/** Line rules without their own `max_chars` only look at lines up to this length. */
const DEFAULT_LINE_RULE_MAX_CHARS = 300;
/** Suffix rules without their own `window_chars` look at this many characters at the end of a line. */
const DEFAULT_SUFFIX_WINDOW_CHARS = 160;
/** How many final characters a rule's `guard` sees unless the rule gives `guard_chars`. */
const DEFAULT_GUARD_CHARS = 4;
/** How many final characters the end-anchored shape tests look at. */
const ENDING_CHARS = 16;
/** Prefix rules look at this many characters at the start of a line. */
const PREFIX_WINDOW_CHARS = 200;
/** The separator every prefix rule ends with (`-`, `–`, `—`, `:`, `|`, before a space or the end). */
const PREFIX_SEPARATOR = /[-–—:|](?: |$)/u;
/** Tail rules without their own `max_tail_chars` look this far back from the end of a line. */
const DEFAULT_TAIL_CHARS = 400;
/** Safety net for the peeling loop; each step shrinks the line, so real text never gets near it. */
const MAX_PEEL_STEPS = 500;
/** A lead-in written in capitals (`LINGKAR KEDIRI –`) needs at least this many letters, so `AS –` stays. */
const CAPS_PREFIX_MIN_LETTERS = 4;
/** Share of capitalised content words that makes a line Title Case (headline-like). */
const TITLE_CASE_MIN_SHARE = 0.75;

/* ========================================================================== */
/* Rule data: types and compilation (runs once, at module load)               */
/* ========================================================================== */

type BlockKind = keyof typeof BLOCK_MAX_LINES;
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
  readonly max_other_words: number;
}

type RuleScope = 'line' | 'suffix' | 'prefix' | 'tail';

/** A rule from boilerplate.json, compiled. */
interface CompiledRule {
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
const DATES = datesJson as unknown as DateData;
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

function titleCaseWord(word: string): string {
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
  const block = spec.block === undefined ? null : (BLOCK_KINDS.includes(spec.block) ? (spec.block as BlockKind) : null);
  if (spec.block !== undefined && block === null) throw new Error(`Rule "${spec.id}" has unknown block "${spec.block}".`);
  const detector = spec.detector === undefined ? null : (DETECTORS.includes(spec.detector) ? (spec.detector as DetectorName) : null);
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

const END_MARK_RULES = BOILERPLATE.end_marks.map((spec) => compileRule(spec, 'suffix'));
const LINE_RULES = BOILERPLATE.line_rules.map((spec) => compileRule(spec, 'line'));
const SUFFIX_RULES = BOILERPLATE.suffix_rules.map((spec) => compileRule(spec, 'suffix'));
const PREFIX_RULES = BOILERPLATE.prefix_rules.map((spec) => compileRule(spec, 'prefix'));
const LEAD_PREFIX_RULES = BOILERPLATE.lead_prefix_rules.map((spec) => compileRule(spec, 'prefix', false));
const TAIL_RULES = BOILERPLATE.tail_rules.map((spec) => compileRule(spec, 'tail'));
/** The furthest any tail rule looks back from the end of a line. */
const MAX_TAIL_CHARS = Math.max(0, ...TAIL_RULES.map((rule) => rule.maxTailChars));

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
function lineRulesFor(text: string, start: number, end: number): readonly CompiledRule[] {
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
const RULES_BY_ID: ReadonlyMap<string, CompiledRule> = (() => {
  const map = new Map<string, CompiledRule>();
  for (const rule of [...END_MARK_RULES, ...LINE_RULES, ...SUFFIX_RULES, ...PREFIX_RULES, ...LEAD_PREFIX_RULES, ...TAIL_RULES]) {
    if (map.has(rule.id)) throw new Error(`Rule id "${rule.id}" appears twice in boilerplate.json; ids must be unique.`);
    map.set(rule.id, rule);
  }
  return map;
})();

/** Ids of the structural rules implemented in code (not in boilerplate.json). */
const STRUCTURAL_RULE = {
  titleHeadline: 'title.headline',
  titleGiven: 'title.given',
  titleRepeat: 'title.repeat',
  kicker: 'navigation.kicker',
  headerCaption: 'caption.header_line',
  shortCaption: 'caption.short_line',
  trailingChrome: 'navigation.trailing_line',
  duplicate: 'duplicate.paragraph',
} as const;

const FUNCTION_WORDS: ReadonlySet<string> = new Set(BOILERPLATE.shape.functionWords);
const PLACE_NAMES: ReadonlySet<string> = new Set(PLACES.map((place) => place.toLowerCase()));
/** Section labels (`OPINI –`) open some leads; they name neither the outlet nor the place. */
const SECTION_NAMES: ReadonlySet<string> = new Set(BOILERPLATE.lexicons['navSection']?.words ?? []);

/* ---- Byline labels (boilerplate.json lexicons) ---- */

const AUTHOR_LABELS: ReadonlySet<string> = new Set(BOILERPLATE.lexicons['authorLabel']?.words ?? []);
const EDITOR_LABELS: ReadonlySet<string> = new Set(BOILERPLATE.lexicons['editorLabel']?.words ?? []);
/** Finds `Label:` occurrences in a byline line (the labels of all three lexicons). */
const BYLINE_LABEL_REGEX = new RegExp(
  `(?:^|[|;/·•,]\\s?|\\s)[\\[(]?\\s?(${expandPlaceholders('{{authorLabel}}|{{editorLabel}}|{{creditLabel}}', 'byline labels')})\\s?[:：]\\s?`,
  'giu',
);
/** The same regex, tried only at the start of the text: a byline must open with a label. */
const BYLINE_LABEL_AT_START = new RegExp(BYLINE_LABEL_REGEX.source, 'iuy');

/* ---- Domains, for the outlet field ---- */

/** Dotted names (`lingkarkediri.pikiran-rakyat.com`, `www.kompas.com`); {@link domainsIn} keeps those with a news-site ending. */
const DOTTED_NAME = /(?<![\p{L}\p{N}.-])[\p{L}\p{N}][\p{L}\p{N}-]*(?:\.[\p{L}\p{N}-]+)+/gu;
const DOMAIN_ENDING = new RegExp(`\\.(?:${LEXICON_PATTERNS.get('tld') ?? 'com'})$`, 'iu');

/** The site names mentioned in a text, lower-cased, without `www.`. */
function domainsIn(text: string): string[] {
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

const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(
  Object.entries(DATES.months).flatMap(([month, names]) => names.map((name) => [name, Number(month)] as const)),
);
const DAY_NAMES: ReadonlySet<string> = new Set(DATES.days);
const ZONE_OFFSETS: ReadonlyMap<string, string> = new Map(Object.entries(DATES.zones));
const MERIDIEM: ReadonlyMap<string, string> = new Map(Object.entries(DATES.meridiem));
const STAMP_WORDS: ReadonlySet<string> = new Set(DATES.stamp_words);
const UPDATED_WORDS: ReadonlySet<string> = new Set(DATES.updated_words);

/* ========================================================================== */
/* Code points                                                                */
/* ========================================================================== */

/**
 * Converts between UTF-16 offsets (what JS strings index by) and code-point
 * offsets (what the records store). Built once per text in linear time; each
 * lookup is a binary search over the astral characters only.
 */
interface CodePointIndex {
  toCodePoint(utf16Offset: number): number;
  toUtf16(codePointOffset: number): number;
}

/** Number of entries of the sorted array that are < value. */
function countBelow(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
const HAS_SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/;
/** Most texts have no astral characters: then both offsets are the same. */
const IDENTITY_INDEX: CodePointIndex = { toCodePoint: (u) => u, toUtf16: (c) => c };

function codePointIndex(text: string): CodePointIndex {
  if (!HAS_SURROGATE_PAIR.test(text)) return IDENTITY_INDEX;
  const pairStarts: number[] = [];
  for (const match of text.matchAll(SURROGATE_PAIR)) pairStarts.push(match.index);
  // The low half of pair k sits at pairStarts[k] + 1; pair k starts at code point pairStarts[k] - k.
  const lowHalves = Int32Array.from(pairStarts, (start) => start + 1);
  const pairCodePoints = Int32Array.from(pairStarts, (start, k) => start - k);
  return {
    toCodePoint: (u) => u - countBelow(lowHalves, u),
    toUtf16: (c) => c + countBelow(pairCodePoints, c),
  };
}

/* ========================================================================== */
/* Lines and whitespace normalisation                                         */
/* ========================================================================== */

/** True for exactly the characters of JS `\s` (so it agrees with the regexes). */
function isWhitespace(code: number): boolean {
  return (
    code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** Whitespace that normalisation must rewrite: a run of two or more, or a single character that is not U+0020. */
const NON_CANONICAL_GAP = /\s{2,}|[^\S ]/g;
/** Any whitespace character other than U+0020 (the fast path skips the gap search when there is none and no double space). */
const NON_SPACE_WHITESPACE = /[^\S ]/;

/** A run of normalised line text copied verbatim from the raw text. */
interface Run {
  readonly normStart: number;
  readonly rawStart: number;
  readonly length: number;
}

/**
 * One raw line (between newlines), normalised: trimmed, whitespace runs
 * collapsed to one space. Every rule reads `text`, which is identical whether
 * the line comes from raw text or from an earlier clean text.
 */
interface Line {
  readonly rawStart: number;
  readonly rawEnd: number;
  readonly text: string;
  readonly runs: readonly Run[];
}

/** Verbatim chunks of raw[start, end) once trimmed and split at non-canonical whitespace (UTF-16 [start, end) pairs). */
function verbatimChunks(raw: string, start: number, end: number): [number, number][] {
  let from = start;
  while (from < end && isWhitespace(raw.charCodeAt(from))) from++;
  let to = end;
  while (to > from && isWhitespace(raw.charCodeAt(to - 1))) to--;
  if (from === to) return [];
  const content = raw.slice(from, to);
  if (!content.includes('  ') && !NON_SPACE_WHITESPACE.test(content)) return [[from, to]];
  const chunks: [number, number][] = [];
  let chunkStart = 0;
  NON_CANONICAL_GAP.lastIndex = 0;
  for (let gap = NON_CANONICAL_GAP.exec(content); gap !== null; gap = NON_CANONICAL_GAP.exec(content)) {
    chunks.push([from + chunkStart, from + gap.index]);
    chunkStart = gap.index + gap[0].length;
  }
  chunks.push([from + chunkStart, to]);
  return chunks;
}

function readLine(raw: string, rawStart: number, rawEnd: number): Line {
  // The common case first: once trimmed, nothing to collapse inside the line (verbatimChunks would find one chunk), told without its arrays.
  let start = rawStart;
  while (start < rawEnd && isWhitespace(raw.charCodeAt(start))) start++;
  let end = rawEnd;
  while (end > start && isWhitespace(raw.charCodeAt(end - 1))) end--;
  if (start === end) return { rawStart, rawEnd, text: '', runs: [] };
  const content = raw.slice(start, end);
  if (isNormalised(content)) {
    return { rawStart, rawEnd, text: content, runs: [{ normStart: 0, rawStart: start, length: end - start }] };
  }
  const chunks = verbatimChunks(raw, rawStart, rawEnd);
  const runs: Run[] = [];
  const parts: string[] = [];
  let normOffset = 0;
  for (const [from, to] of chunks) {
    if (runs.length > 0) {
      parts.push(' ');
      normOffset += 1;
    }
    runs.push({ normStart: normOffset, rawStart: from, length: to - from });
    parts.push(raw.slice(from, to));
    normOffset += to - from;
  }
  return { rawStart, rawEnd, text: parts.join(''), runs };
}

function splitLines(raw: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = raw.indexOf('\n', start);
    const end = newline === -1 ? raw.length : newline;
    lines.push(readLine(raw, start, end));
    if (newline === -1) return lines;
    start = newline + 1;
  }
}

/** Raw UTF-16 offset of a normalised offset that sits on (or just after) a verbatim character. */
function rawOffset(line: Line, normOffset: number): number {
  let lo = 0;
  let hi = line.runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((line.runs[mid]?.normStart ?? 0) <= normOffset) lo = mid;
    else hi = mid - 1;
  }
  const run = line.runs[lo];
  if (run === undefined) return line.rawStart;
  return run.rawStart + Math.min(normOffset - run.normStart, run.length);
}

/** Collapses whitespace the way lines are normalised (for comparing texts). */
function normaliseSpaces(text: string): string {
  if (isNormalised(text)) return text;
  return text.replace(/\s+/gu, ' ').trim();
}

/** Is the text already normalised: no whitespace but single U+0020 spaces between other characters? */
function isNormalised(text: string): boolean {
  if (text.length === 0) return true;
  if (isWhitespace(text.charCodeAt(0)) || isWhitespace(text.charCodeAt(text.length - 1))) return false;
  return !text.includes('  ') && !NON_SPACE_WHITESPACE.test(text);
}

/* ========================================================================== */
/* Line shape: is a line body text, or headline/caption-like?                 */
/* ========================================================================== */

/** Ends like a sentence or a clause: `.`, `!`, `?`, `…`, `:`, `;`, `,` (closing quotes/brackets may follow). */
const CLOSING_PUNCTUATION = /[.!?…:;,]["'”’»)\]]{0,3}$/u;
/** Ends with a closing quotation mark: quoted speech is body. */
const CLOSING_QUOTE = /["”’»]$/u;
/** Starts with an opening quotation mark. */
const OPENING_QUOTE = /^["“‘«'„]/u;
/** A list item (`- item`, `• item`, `1. item`, `a) item`). */
const LIST_ITEM = /^(?:[-–—•·*▪►▸✓]\s|\d{1,2}[.)]\s|[a-z][.)]\s)/u;
/** LIST_ITEM.test(text); most lines open with a capital A–Z, which no list item does. */
function isListItem(text: string): boolean {
  const first = text.charCodeAt(0);
  return !(first >= 0x41 && first <= 0x5a) && LIST_ITEM.test(text);
}

const ENDS_WITH_QUESTION = /[?!]["'”’»)\]]{0,3}$/u;

/** The last space-separated word without trailing punctuation (as written: `Ini` is not `ini`). */
function lastWordOf(text: string): string {
  return text.slice(text.lastIndexOf(' ') + 1).replace(/[^\p{L}]+$/u, '');
}

/** Counts space-separated words of normalised text, stopping once past `cap`. */
function countWords(text: string, cap: number): number {
  if (text.length === 0) return 0;
  let words = 1;
  for (let i = text.indexOf(' '); i !== -1 && words <= cap; i = text.indexOf(' ', i + 1)) words++;
  return words;
}

/** Most content words start with a capital (or digit), as headlines do. */
function isTitleCase(text: string): boolean {
  let content = 0;
  let capitalised = 0;
  for (const word of text.split(' ')) {
    const letters = word.replace(/^[^\p{L}\p{N}]+/u, '');
    if (letters.length === 0) continue;
    if (FUNCTION_WORDS.has(letters.toLowerCase().replace(/[^\p{L}]+$/u, ''))) continue;
    content++;
    if (/^[\p{Lu}\p{N}]/u.test(letters)) capitalised++;
  }
  return content >= 2 && capitalised / content >= TITLE_CASE_MIN_SHARE;
}

/** Every content word is capitalised (`Vladimir Putin`, `Perang Ukraina`): a name or a tag, not a list item. */
function isNameLike(text: string): boolean {
  let content = 0;
  for (const word of text.split(' ')) {
    const letters = word.replace(/^[^\p{L}\p{N}]+/u, '');
    if (letters.length === 0 || FUNCTION_WORDS.has(letters.toLowerCase())) continue;
    if (!/^[\p{Lu}\p{N}]/u.test(letters)) return false;
    content++;
  }
  return content > 0;
}

const ANY_LETTER = /\p{L}/u;
const LOWER_CASE_LETTER = /\p{Ll}/u;

function isAllCaps(text: string): boolean {
  return ANY_LETTER.test(text) && !LOWER_CASE_LETTER.test(text);
}

/**
 * What a kept line looks like. `body` lines read as text: they end like a
 * sentence, are quoted, or are too long (or too sentence-like) for a headline.
 * The others are headline-like and may be a title, kicker, caption or chrome
 * depending on where they stand.
 */
interface LineShape {
  /** Reads as body text: never a title, caption or trailing chrome. */
  readonly body: boolean;
  /** A short Title-Case question/exclamation: a headline at the top, body elsewhere. */
  readonly questionHeadline: boolean;
  /** A list item: kept among body paragraphs even when short. */
  readonly listItem: boolean;
}

function lineShape(text: string): LineShape {
  // End-anchored tests only need the last characters (and then cost O(1) on a long line).
  const ending = text.slice(-ENDING_CHARS);
  const punctuatedLikeText = CLOSING_PUNCTUATION.test(ending) || CLOSING_QUOTE.test(ending) || OPENING_QUOTE.test(text);
  // Most lines end like a sentence and not with `?`/`!`: then they are body whatever their length,
  // and counting their words (the costly part on a long line) can be skipped.
  if (punctuatedLikeText && !ENDS_WITH_QUESTION.test(ending)) return { body: true, questionHeadline: false, listItem: isListItem(text) };
  const words = countWords(text, HEADLINE_MAX_WORDS);
  const endsLikeText =
    words > HEADLINE_MAX_WORDS ||
    punctuatedLikeText ||
    // A line ending in a lower-case `dan`, `yang`, `of` ... is a broken sentence, not a headline (`... dengan AS`, `... Pekan Ini` are headlines).
    FUNCTION_WORDS.has(lastWordOf(ending));
  const question = endsLikeText && words <= QUESTION_HEADLINE_MAX_WORDS && ENDS_WITH_QUESTION.test(ending);
  // Headlines are Title Case; a long line in sentence case is a sentence that lost its full stop.
  const titleCase = (question || (!endsLikeText && words > CAPTION_MAX_WORDS)) && isTitleCase(text);
  return {
    body: endsLikeText || (words > CAPTION_MAX_WORDS && !titleCase),
    questionHeadline: question && titleCase,
    listItem: isListItem(text),
  };
}

/* ========================================================================== */
/* Detectors: dateline and labelled byline                                    */
/* ========================================================================== */

/** The parts of a publication stamp. */
interface DateParts {
  year: number | null;
  month: number | null;
  day: number | null;
  hour: number | null;
  minute: number | null;
  second: number | null;
  meridiem: string | null;
  offset: string | null;
  updated: boolean;
}

const ISO_DATE_TOKEN = /^(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC_DATE_TOKEN = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const TIME_TOKEN = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(am|pm|a\.m|p\.m)?$/;
const ZONE_TOKEN = /^(?:gmt|utc)([+-])(\d{1,2})(?::?(\d{2}))?$/;
const YEAR_TOKEN = /^(?:19|20)\d{2}$/;
const SMALL_NUMBER_TOKEN = /^\d{1,2}$/;
/** Separators between the words of a stamp. */
const STAMP_SEPARATORS = /[\s,|•·●◆▪()[\]@]+|(?:^|\s)[-–—/](?=\s|$)/u;
const UPPER_START = /^[\p{Lu}\p{N}]/u;
const HAS_DIGIT = /\d/;

const MAX_STAMP_TOKENS = 18;
/** Tokens of a line, cheaply (a name, a site, a number, a date, a time, a zone). */
const STAMP_TOKEN_RUN = /[\p{L}\p{N}][\p{L}\p{N}'’./_:+-]*/gu;

/** UPPER_START.test(token), answered without the regex for ASCII. */
function startsUpperOrDigit(token: string): boolean {
  const code = token.charCodeAt(0);
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || isAsciiDigit(code);
  return UPPER_START.test(token);
}

/**
 * Quick rejection before tokenising: a stamp has few words, and every
 * lower-case word in it is a date or stamp word (`pada`, `pukul`), so the first
 * other lower-case word (`lebih`, `diplomat`) rules the line out.
 */
function couldBeStamp(text: string): boolean {
  let words = 0;
  STAMP_TOKEN_RUN.lastIndex = 0;
  for (let match = STAMP_TOKEN_RUN.exec(text); match !== null; match = STAMP_TOKEN_RUN.exec(text)) {
    if (++words > MAX_STAMP_TOKENS) return false;
    const token = match[0];
    // Names, sites, numbers, dates and times may stand in a stamp; readDateStamp checks them properly.
    if (startsUpperOrDigit(token) || token.includes('.')) continue;
    const word = token.charCodeAt(token.length - 1) === 0x3a ? token.slice(0, -1) : token; // without a final `:`
    if (!STAMP_WORDS.has(word) && !MONTH_BY_NAME.has(word) && !DAY_NAMES.has(word) && !MERIDIEM.has(word) && !ZONE_OFFSETS.has(word) && !ZONE_TOKEN.test(word)) return false;
  }
  return true;
}

function isAsciiDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

const ORDINAL_NUMBER = /^(\d{1,2})(?:st|nd|rd|th)$/;

/** A stamp token as the reader compares it: lower case, without a final `.` or `:` (`Okt.` = `Okt`, `Terbit:` = `Terbit`), `15th` = `15`. */
function lowerStampToken(token: string): string {
  let lower = token.toLowerCase();
  const last = lower.charCodeAt(lower.length - 1);
  if (last === 0x2e || last === 0x3a) lower = lower.slice(0, -1);
  // Only `1st` … `31th` (three or four characters, a digit first) can be ordinals.
  if ((lower.length === 3 || lower.length === 4) && isAsciiDigit(lower.charCodeAt(0))) lower = lower.replace(ORDINAL_NUMBER, '$1');
  return lower;
}

/**
 * Days in a month (1–12) of the proleptic Gregorian calendar, with years 0–99
 * read as 1900–1999: the same answer as `new Date(Date.UTC(year, month, 0)).getUTCDate()`,
 * without building a Date (which is slow).
 */
function daysInMonth(year: number, month: number): number {
  const fullYear = year >= 0 && year <= 99 ? 1900 + year : year;
  if (month === 2) return (fullYear % 4 === 0 && fullYear % 100 !== 0) || fullYear % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Reads a line that is only a publication stamp (`1 Juni 2022, 08:45 WIB`,
 * `Okt 20, 2021 09:38 Asia/Jakarta`, `Selasa, 13 Mei 2025 - 08:00 WIB`,
 * `12/05/2025, 10:15 WIB`, `May 12, 2025 10:15 AM`, `Diterbitkan 12 Mei 2025`).
 * Returns null for anything else, including a body sentence that mentions a date.
 */
function readDateStamp(text: string): DateParts | null {
  if (!HAS_DIGIT.test(text) || !couldBeStamp(text)) return null;
  const tokens = text.split(STAMP_SEPARATORS).filter((token) => token.length > 0);
  if (tokens.length === 0 || tokens.length > MAX_STAMP_TOKENS) return null;
  const parts: DateParts = { year: null, month: null, day: null, hour: null, minute: null, second: null, meridiem: null, offset: null, updated: false };
  const lowered = tokens.map(lowerStampToken);
  let other = 0;
  let dateEvidence = false;
  for (let i = 0; i < lowered.length; i++) {
    const token = lowered[i] ?? '';
    // The first five token shapes all begin with a digit; words skip them.
    const digitFirst = isAsciiDigit(token.charCodeAt(0));
    let match: RegExpExecArray | null;
    if (digitFirst && (match = ISO_DATE_TOKEN.exec(token)) !== null) {
      parts.year ??= Number(match[1]);
      parts.month ??= Number(match[2]);
      parts.day ??= Number(match[3]);
      if (match[4] !== undefined) {
        parts.hour ??= Number(match[4]);
        parts.minute ??= Number(match[5]);
        parts.second ??= match[6] === undefined ? 0 : Number(match[6]);
        if (match[7] !== undefined) parts.offset ??= match[7] === 'z' ? '+00:00' : `${match[7].slice(0, 3)}:${match[7].slice(-2)}`;
      }
      dateEvidence = true;
    } else if (digitFirst && (match = NUMERIC_DATE_TOKEN.exec(token)) !== null) {
      const first = Number(match[1]);
      const second = Number(match[2]);
      const year = match[3]?.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
      // Indonesian and Malay write day/month; only a first number above 12 with a second at most 12 is unambiguous either way.
      const [day, month] = second > 12 && first <= 12 ? [second, first] : [first, second];
      parts.year ??= year;
      parts.month ??= month;
      parts.day ??= day;
      dateEvidence = true;
    } else if (digitFirst && (match = TIME_TOKEN.exec(token)) !== null && parts.hour === null) {
      parts.hour = Number(match[1]);
      parts.minute = Number(match[2]);
      parts.second = match[3] === undefined ? 0 : Number(match[3]);
      if (match[4] !== undefined) parts.meridiem = match[4].startsWith('a') ? 'am' : 'pm';
    } else if (digitFirst && YEAR_TOKEN.test(token)) {
      parts.year ??= Number(token);
    } else if (digitFirst && SMALL_NUMBER_TOKEN.test(token)) {
      // a day or an hour: read next to a month name below
    } else if (MONTH_BY_NAME.has(token)) {
      parts.month ??= MONTH_BY_NAME.get(token) ?? null;
      // The day stands next to the month: `1 Juni` or `Okt 20`.
      const before = lowered[i - 1];
      const after = lowered[i + 1];
      if (parts.day === null && before !== undefined && SMALL_NUMBER_TOKEN.test(before)) parts.day = Number(before);
      else if (parts.day === null && after !== undefined && SMALL_NUMBER_TOKEN.test(after)) parts.day = Number(after);
      dateEvidence = true;
    } else if (DAY_NAMES.has(token)) {
      // a weekday adds nothing to the date
    } else if (ZONE_OFFSETS.has(token)) {
      parts.offset ??= ZONE_OFFSETS.get(token) ?? null;
    } else if ((match = ZONE_TOKEN.exec(token)) !== null) {
      parts.offset ??= `${match[1]}${(match[2] ?? '0').padStart(2, '0')}:${match[3] ?? '00'}`;
    } else if (MERIDIEM.has(token)) {
      parts.meridiem ??= MERIDIEM.get(token) ?? null;
    } else if (STAMP_WORDS.has(token)) {
      if (UPDATED_WORDS.has(token) && parts.year === null) parts.updated = true;
    } else {
      // A place or outlet name may stand in a stamp (`Jakarta, Kamis (12/5/2025)`); a lower-case word means a sentence.
      const original = tokens[i] ?? '';
      if (!UPPER_START.test(original) && !original.includes('.')) return null;
      other++;
    }
  }
  if (!dateEvidence || parts.year === null || parts.month === null || parts.day === null) return null;
  if (other > DATES.max_other_words) return null;
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > daysInMonth(parts.year, parts.month)) return null;
  if (parts.hour !== null && (parts.hour > 23 || (parts.minute ?? 0) > 59 || (parts.second ?? 0) > 59)) {
    parts.hour = null;
  }
  return parts;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** ISO 8601 text of a stamp: `YYYY-MM-DD`, or with time, and with offset when the zone is known. */
function formatDateParts(parts: DateParts): string | null {
  if (parts.year === null || parts.month === null || parts.day === null) return null;
  const date = `${parts.year}-${twoDigits(parts.month)}-${twoDigits(parts.day)}`;
  if (parts.hour === null) return date;
  let hour = parts.hour;
  if (parts.meridiem === 'pm' && hour < 12) hour += 12;
  if (parts.meridiem === 'am' && hour === 12) hour = 0;
  return `${date}T${twoDigits(hour)}:${twoDigits(parts.minute ?? 0)}:${twoDigits(parts.second ?? 0)}${parts.offset ?? ''}`;
}

/**
 * Parses a publication stamp to ISO 8601 (`1 Juni 2022, 08:45 WIB` →
 * `2022-06-01T08:45:00+07:00`), or null when the text is not only a stamp.
 *
 * @param text A dateline, e.g. the text of a `dateline` piece.
 * @returns `YYYY-MM-DD`, `YYYY-MM-DDThh:mm:ss` or `YYYY-MM-DDThh:mm:ss±hh:mm`; null when it is not a stamp.
 * @example
 * parseDateStamp('Okt 20, 2021 09:38 Asia/Jakarta'); // '2021-10-20T09:38:00+07:00'
 */
export function parseDateStamp(text: string): string | null {
  const parts = readDateStamp(normaliseSpaces(text));
  return parts === null ? null : formatDateParts(parts);
}

/** Author and editor read from a byline. */
interface BylineFields {
  author: string | null;
  editor: string | null;
}

const BYLINE_VALUE_MAX_WORDS = 8;
/** Separators trimmed off both ends of a byline value: whitespace and `|;/·•,()[]-–—`. */
const BYLINE_VALUE_EDGE: ReadonlySet<number> = new Set([...'|;/·•,()[]-–—'].map((c) => c.charCodeAt(0)));

function isBylineValueEdge(code: number): boolean {
  return isWhitespace(code) || BYLINE_VALUE_EDGE.has(code);
}

/** Whitespace and an opening bracket before a byline, whitespace and a closing bracket after it (`[Redaktur: X]`). */
function isOpeningBracketOrSpace(code: number): boolean {
  return isWhitespace(code) || code === 0x5b || code === 0x28; // [ (
}

function isClosingBracketOrSpace(code: number): boolean {
  return isWhitespace(code) || code === 0x5d || code === 0x29; // ] )
}

/**
 * Removes the run of characters at the start that `trimStart` accepts, then
 * the run at the end that `trimEnd` accepts. The same as replacing
 * `^[start chars]+|[end chars]+$` (global) with nothing, without a regex scan of the whole text.
 */
function trimWhile(text: string, trimStart: (code: number) => boolean, trimEnd: (code: number) => boolean): string {
  let from = 0;
  while (from < text.length && trimStart(text.charCodeAt(from))) from++;
  let to = text.length;
  while (to > from && trimEnd(text.charCodeAt(to - 1))) to--;
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

/**
 * Reads `Penulis: A | Editor: B`, `[Redaktur: Elsya TA]`, `Sumber: Antara`.
 * Returns null when the line does not start with a label or a value looks like
 * a sentence (an interview transcript `Reporter: Kenapa Anda ...?` is body).
 */
function readLabelledByline(text: string): BylineFields | null {
  // Cheap rejection first: the scan below would find its first label elsewhere (or none).
  BYLINE_LABEL_AT_START.lastIndex = 0;
  if (!BYLINE_LABEL_AT_START.test(text)) return null;
  // An exec loop rather than matchAll, which builds a new RegExp on every call (labels are never empty matches).
  const labels: RegExpExecArray[] = [];
  BYLINE_LABEL_REGEX.lastIndex = 0;
  for (let label = BYLINE_LABEL_REGEX.exec(text); label !== null; label = BYLINE_LABEL_REGEX.exec(text)) labels.push(label);
  const first = labels[0];
  if (first === undefined || first.index !== 0) return null;
  const fields: BylineFields = { author: null, editor: null };
  for (let k = 0; k < labels.length; k++) {
    const label = labels[k] ?? first;
    const valueStart = label.index + label[0].length;
    const valueEnd = labels[k + 1]?.index ?? text.length;
    const value = trimWhile(text.slice(valueStart, valueEnd), isBylineValueEdge, isBylineValueEdge);
    if (value.length === 0 || countWords(value, BYLINE_VALUE_MAX_WORDS) > BYLINE_VALUE_MAX_WORDS || /[?!]$/u.test(value)) return null;
    const name = (label[1] ?? '').toLowerCase().replace(/\s+/gu, ' ');
    if (AUTHOR_LABELS.has(name)) fields.author ??= value;
    else if (EDITOR_LABELS.has(name)) fields.editor ??= value;
  }
  return fields;
}

/** Reads Reuters-style `Reporting by A in Moscow; Editing by B`. */
function readReportingBy(text: string): BylineFields {
  const fields: BylineFields = { author: null, editor: null };
  for (const part of text.replace(/^\(|\)$/g, '').split(/;|\band\b(?=\s+(?:\p{L}+ing|edited|written)\s+by)/iu)) {
    const match = /^\s*(?:additional\s+)?(\p{L}+)\s+by\s+(.+?)\s*$/iu.exec(part);
    if (match === null) continue;
    const role = (match[1] ?? '').toLowerCase();
    const name = (match[2] ?? '').replace(/\s+in\s+\p{Lu}[\p{L} ,.'-]*$/u, '').trim();
    if (/^(?:reporting|reported|writing|written)$/.test(role)) fields.author ??= name;
    else if (/^(?:editing|edited)$/.test(role)) fields.editor ??= name;
  }
  return fields;
}

/** How many recent answers {@link keepRecentAnswers} keeps (a few documents' worth). */
const RECENT_ANSWERS_MAX = 64;

/**
 * `clean` reads each dateline and labelled byline twice: the rule's detector
 * reads the line to accept it, then describeDocument reads the removed piece
 * (the same text) for its fields. Keeping the last few answers makes the second
 * read a lookup. The readers are pure and nobody modifies their answers, so a
 * kept answer is always the right one.
 */
function keepRecentAnswers<T extends object | null>(read: (text: string) => T): (text: string) => T {
  const recent = new Map<string, T>();
  return (text: string): T => {
    const known = recent.get(text);
    if (known !== undefined) return known;
    const answer = read(text);
    if (recent.size >= RECENT_ANSWERS_MAX) recent.clear();
    recent.set(text, answer);
    return answer;
  };
}

const readDateStampAgain = keepRecentAnswers(readDateStamp);
const readLabelledBylineAgain = keepRecentAnswers(readLabelledByline);

/**
 * A cheap test that the rule's detector could accept the text, run before the
 * rule's regex: a date stamp always holds a digit, and most short lines hold none.
 */
function detectorMayAccept(rule: CompiledRule, text: string): boolean {
  return rule.detector !== 'date_stamp' || HAS_DIGIT.test(text);
}

/** Does a rule's detector accept this text? Rules without a detector accept whatever their regex matched. */
function detectorAccepts(rule: CompiledRule, text: string): boolean {
  if (rule.detector === 'date_stamp') return readDateStampAgain(text) !== null;
  if (rule.detector === 'labelled_byline') return readLabelledBylineAgain(trimWhile(text, isOpeningBracketOrSpace, isClosingBracketOrSpace)) !== null;
  return true;
}

/* ========================================================================== */
/* Find, step 1: peel each line                                               */
/* ========================================================================== */

/** A removed piece while finding: raw UTF-16 offsets. */
interface Finding {
  readonly reason: RemovalReason;
  readonly rule: string;
  readonly start: number;
  end: number;
}

/** What is left of a line after its rules ran: normalised offsets [keepStart, keepEnd). */
interface LineState {
  readonly line: Line;
  keepStart: number;
  keepEnd: number;
  readonly findings: Finding[];
  /** The whole-line rule that removed the (rest of the) line, if any. */
  lineRule: CompiledRule | null;
  /** lineShape of the remainder, cached with the bounds it was computed for. */
  shapeCache?: { readonly start: number; readonly end: number; readonly shape: LineShape };
}

/** The shape of what a line keeps, computed once per remainder. */
function shapeOf(state: LineState): LineShape {
  const cache = state.shapeCache;
  if (cache !== undefined && cache.start === state.keepStart && cache.end === state.keepEnd) return cache.shape;
  const shape = lineShape(remainder(state));
  state.shapeCache = { start: state.keepStart, end: state.keepEnd, shape };
  return shape;
}

function remainder(state: LineState): string {
  return state.line.text.slice(state.keepStart, state.keepEnd);
}

function hasRemainder(state: LineState): boolean {
  return state.keepStart < state.keepEnd;
}

/** Adds a finding over normalised [from, to) of the line (both at non-space characters). */
function addFinding(state: LineState, from: number, to: number, reason: RemovalReason, rule: string): void {
  state.findings.push({ reason, rule, start: rawOffset(state.line, from), end: rawOffset(state.line, to) });
}

/** Moves keepStart/keepEnd inwards past the single spaces normalisation left. */
function trimKeep(state: LineState): void {
  const text = state.line.text;
  while (state.keepStart < state.keepEnd && text.charCodeAt(state.keepStart) === 0x20) state.keepStart++;
  while (state.keepEnd > state.keepStart && text.charCodeAt(state.keepEnd - 1) === 0x20) state.keepEnd--;
}

/** Tries end-anchored rules on the last characters of the remainder; removes the first match. */
function peelSuffix(state: LineState, rules: readonly CompiledRule[]): boolean {
  const text = state.line.text;
  const lastChar = text.charCodeAt(state.keepEnd - 1);
  for (const rule of rules) {
    if (!rule.closes.allows(lastChar)) continue;
    if (rule.guard !== null && !rule.guard.test(text.slice(Math.max(state.keepStart, state.keepEnd - rule.guardChars), state.keepEnd))) continue;
    const windowStart = Math.max(state.keepStart, state.keepEnd - rule.windowChars);
    const window = text.slice(windowStart, state.keepEnd);
    const match = rule.regex.exec(window);
    if (match === null || match[0].length === 0) continue;
    // In a cut window, a match at its very start may be an artefact of the cut (`^`, lookbehind): skip it.
    if (match.index === 0 && windowStart > state.keepStart) continue;
    let from = windowStart + match.index;
    while (text.charCodeAt(from) === 0x20) from++;
    if (!detectorAccepts(rule, text.slice(from, state.keepEnd))) continue;
    if (rule.wholeLineMaxChars > 0 && state.keepEnd - state.keepStart <= rule.wholeLineMaxChars) from = state.keepStart;
    addFinding(state, from, state.keepEnd, rule.reason, rule.id);
    state.keepEnd = from;
    trimKeep(state);
    return true;
  }
  return false;
}

/** Tries start-anchored rules on the first characters of the remainder; removes the first match. */
function peelPrefix(state: LineState, rules: readonly CompiledRule[]): CompiledRule | null {
  const windowEnd = Math.min(state.keepEnd, state.keepStart + PREFIX_WINDOW_CHARS);
  const window = state.line.text.slice(state.keepStart, windowEnd);
  // Every lead-in ends in a dash, colon or bar before a space: most body lines fail this cheap test.
  if (!PREFIX_SEPARATOR.test(window)) return null;
  const firstChar = window.charCodeAt(0);
  for (const rule of rules) {
    if (!rule.opens.allows(firstChar) || (rule.requires !== null && !rule.requires.test(window))) continue;
    const match = rule.regex.exec(window);
    if (match === null || match[0].length === 0) continue;
    if (match.index + match[0].length === window.length && windowEnd < state.keepEnd) continue;
    const from = state.keepStart;
    let to = from + match[0].length;
    while (to > from && state.line.text.charCodeAt(to - 1) === 0x20) to--;
    addFinding(state, from, to, rule.reason, rule.id);
    state.keepStart = to;
    trimKeep(state);
    return rule;
  }
  return null;
}

/** Where a sentence starts inside a line: after `.!?…` (and closing quotes) and a space. Tail rules are tried there. */
const SENTENCE_BREAK = /[.!?…]["”’)\]]{0,3} (?=\S)/gu;

/** The first sentence start after a break found at or after `from`, or -1. */
function nextSentenceStart(text: string, from: number): number {
  SENTENCE_BREAK.lastIndex = from;
  const match = SENTENCE_BREAK.exec(text);
  return match === null ? -1 : match.index + match[0].length;
}

/**
 * Tries the tail rules at each sentence start near the end of the remainder;
 * removes from the earliest sentence start where one matches to the end.
 */
function peelTail(state: LineState): boolean {
  const text = state.line.text;
  const windowStart = Math.max(state.keepStart, state.keepEnd - MAX_TAIL_CHARS);
  const window = text.slice(windowStart, state.keepEnd);
  // Sentence starts in the window, in order; the window start counts only when it is the start of the remainder.
  const firstStart = windowStart === state.keepStart ? 0 : nextSentenceStart(window, 0);
  for (let start = firstStart; start !== -1; start = nextSentenceStart(window, start)) {
    const from = windowStart + start;
    const firstChar = window.charCodeAt(start);
    for (const rule of TAIL_RULES) {
      if (state.keepEnd - from > rule.maxTailChars) continue;
      if (!rule.matchesEmpty && !rule.opens.allows(firstChar)) continue;
      rule.regex.lastIndex = start;
      if (!rule.regex.test(window)) continue;
      if (countWords(window.slice(start), rule.maxTailWords) > rule.maxTailWords) continue;
      addFinding(state, from, state.keepEnd, rule.reason, rule.id);
      state.keepEnd = from;
      trimKeep(state);
      return true;
    }
  }
  return false;
}

/** Tries the whole-line rules; on a match the rest of the line is one piece. */
function matchWholeLine(state: LineState): boolean {
  const length = state.keepEnd - state.keepStart;
  let text: string | null = null;
  for (const rule of lineRulesFor(state.line.text, state.keepStart, state.keepEnd)) {
    if (length > rule.maxChars) continue;
    text ??= remainder(state);
    if (rule.guard !== null && !rule.guard.test(text.slice(-rule.guardChars))) continue;
    if ((rule.requires !== null && !rule.requires.test(text)) || !detectorMayAccept(rule, text)) continue;
    if (!rule.regex.test(text) || !detectorAccepts(rule, text)) continue;
    addFinding(state, state.keepStart, state.keepEnd, rule.reason, rule.id);
    state.keepStart = state.keepEnd;
    state.lineRule = rule;
    return true;
  }
  return false;
}

/**
 * Runs the line rules until none applies, so that what is left would pass
 * through them untouched a second time (idempotence). Order of each round:
 * end marks (`***` glued to a promo is its own piece), whole-line rules,
 * other suffixes (codes, credits), prefixes (outlet lead-ins), promo tails.
 */
function peelLine(state: LineState): void {
  for (let step = 0; step < MAX_PEEL_STEPS && hasRemainder(state); step++) {
    if (peelSuffix(state, END_MARK_RULES)) continue;
    if (matchWholeLine(state)) return;
    if (peelSuffix(state, SUFFIX_RULES)) continue;
    if (peelPrefix(state, PREFIX_RULES) !== null) continue;
    if (peelTail(state)) continue;
    return;
  }
}

/* ========================================================================== */
/* Find, step 2: markers that pull in the lines after them                    */
/* ========================================================================== */

/** May this untouched line be pulled into a block of the given kind, as its n-th line? */
function belongsToBlock(kind: BlockKind, text: string, position: number): boolean {
  const shape = lineShape(text);
  const words = countWords(text, HEADLINE_MAX_WORDS);
  if (kind === 'name') return !shape.body && words <= BYLINE_VALUE_MAX_WORDS && isNameLike(text);
  // Tags: a few words per line, or one line of short comma- or pipe-separated tags.
  if (kind === 'tags') return (!shape.body || /,$/.test(text)) && text.split(/\s?[,|;]\s?/).every((tag) => countWords(tag, TAG_MAX_WORDS) <= TAG_MAX_WORDS);
  if (words > HEADLINE_MAX_WORDS) return false;
  // The first line after a lone `Baca juga:` is its headline, whatever it ends with, unless it ends like a plain sentence.
  if (kind === 'headlines' && position === 0) return !/[^.]\.["'”’)\]]{0,3}$/u.test(text) || /\.\.\.$/u.test(text);
  return !shape.body || shape.questionHeadline || (shape.listItem && !/[^.]\.$/u.test(text));
}

/** A line that nothing has touched: every one of its characters is still body. */
function untouched(state: LineState): boolean {
  return state.findings.length === 0 && hasRemainder(state);
}

/**
 * `Baca juga:` standing alone takes the headline(s) on the next lines;
 * `Berita Terkait` / `Terkini` take the list that follows; `Tags` takes the tags.
 * Marker and pulled lines become one piece (its text spans the newlines).
 */
function absorbBlocks(states: readonly LineState[]): void {
  for (let i = 0; i < states.length; i++) {
    const marker = states[i];
    if (marker === undefined || marker.lineRule?.block == null || marker.findings.length !== 1) continue;
    const kind = marker.lineRule.block;
    const finding = marker.findings[0];
    if (finding === undefined) continue;
    let taken = 0;
    let j = i + 1;
    for (; j < states.length && taken < BLOCK_MAX_LINES[kind]; j++) {
      const next = states[j];
      if (next === undefined) break;
      if (next.line.text.length === 0) continue;
      if (!untouched(next) || !belongsToBlock(kind, next.line.text, taken)) break;
      finding.end = rawOffset(next.line, next.line.text.length);
      next.keepStart = next.keepEnd;
      taken++;
    }
    i = j - 1;
  }
}

/* ========================================================================== */
/* Find, step 3: title, captions and chrome by position                       */
/* ========================================================================== */

/** Compares headline texts loosely: case, spacing and final punctuation do not matter. */
function headlineKey(text: string): string {
  return remainderKey(normaliseSpaces(text));
}

/** Punctuation a headline key ignores at the end (whitespace too). */
const HEADLINE_END_PUNCTUATION: ReadonlySet<number> = new Set([...'.!?…:;,"\'”’“‘'].map((c) => c.charCodeAt(0)));

/**
 * {@link headlineKey} of text that is already normalised, such as a line's
 * remainder (normalising it again would change nothing).
 */
function remainderKey(text: string): string {
  const lower = text.toLowerCase();
  let end = lower.length;
  while (end > 0 && (isWhitespace(lower.charCodeAt(end - 1)) || HEADLINE_END_PUNCTUATION.has(lower.charCodeAt(end - 1)))) end--;
  return end === lower.length ? lower : lower.slice(0, end);
}

/** Removes the whole remainder of a line as one piece. */
function removeRemainder(state: LineState, reason: RemovalReason, rule: string): void {
  addFinding(state, state.keepStart, state.keepEnd, reason, rule);
  state.keepStart = state.keepEnd;
}

/**
 * Which header line is the headline: the first that is not kicker-shaped; if
 * all are, the longest of two or more words (`Putin Marah`); -1 when the header
 * holds only one-word labels (`NEWS`, `Verified`, `0`).
 */
function chooseTitle(header: readonly LineState[], words: readonly number[]): number {
  const first = header.findIndex((state, k) => !isKickerShaped(remainder(state), words[k] ?? 0));
  if (first !== -1) return first;
  let longest = -1;
  for (const [k, count] of words.entries()) if (count >= 2 && count > (words[longest] ?? 0)) longest = k;
  return longest;
}

/** A kicker is a short label above the headline: all capitals, or one or two words. */
function isKickerShaped(text: string, words: number): boolean {
  return words <= 2 || (isAllCaps(text) && words <= 4);
}

/**
 * Lines before the first body line form the header: the title, kicker lines
 * above it, and captions or repeats below it. All of them go, so a second pass
 * starts straight at a body line (idempotence).
 */
function removeHeader(header: readonly LineState[], givenTitle: string | null): void {
  if (header.length === 0) return;
  const words = header.map((state) => countWords(remainder(state), HEADLINE_MAX_WORDS));
  const titleIndex = chooseTitle(header, words);
  const titleLine = header[titleIndex];
  const titleKey = titleLine === undefined ? null : remainderKey(remainder(titleLine));
  for (const [k, state] of header.entries()) {
    const key = remainderKey(remainder(state));
    if (givenTitle !== null && key === givenTitle) removeRemainder(state, 'title', STRUCTURAL_RULE.titleGiven);
    else if (k === titleIndex) removeRemainder(state, 'title', STRUCTURAL_RULE.titleHeadline);
    else if (k < titleIndex) removeRemainder(state, 'navigation', STRUCTURAL_RULE.kicker);
    else if (key === titleKey) removeRemainder(state, 'title', STRUCTURAL_RULE.titleRepeat);
    else removeRemainder(state, 'caption', STRUCTURAL_RULE.headerCaption);
  }
}

/** The first line with this shape ends the header (a short Title-Case question above it is still a headline). */
function opensBody(shape: LineShape): boolean {
  return shape.body && !shape.questionHeadline;
}

/**
 * Peels an outlet/place lead-in that is only recognisable on the first body
 * line (`LINGKAR KEDIRI –`, `Jakarta -`, `KUALA LUMPUR:`), provided what is
 * left still reads as body, so a second pass keeps it as the first body line.
 */
function peelLeadPrefix(state: LineState): void {
  for (let step = 0; step < MAX_PEEL_STEPS; step++) {
    const trial: LineState = { line: state.line, keepStart: state.keepStart, keepEnd: state.keepEnd, findings: [], lineRule: null };
    const rule = peelPrefix(trial, LEAD_PREFIX_RULES);
    if (rule === null) return;
    const found = trial.findings[0];
    if (found === undefined) return;
    if (rule.id === 'outlet_prefix.caps_name' && !capsLeadIsPlausible(state.line.text.slice(state.keepStart, trial.keepStart))) return;
    peelLine(trial);
    if (!hasRemainder(trial) || trial.lineRule !== null || !opensBody(lineShape(remainder(trial)))) return;
    state.findings.push(...trial.findings);
    state.keepStart = trial.keepStart;
    state.keepEnd = trial.keepEnd;
  }
}

const EVERY_LETTER = /\p{L}/gu;

function capsLeadIsPlausible(prefix: string): boolean {
  const name = prefix.replace(/\s?[-–—]+$/u, '').split(',')[0] ?? '';
  return PLACE_NAMES.has(name.trim().toLowerCase()) || (name.match(EVERY_LETTER)?.length ?? 0) >= CAPS_PREFIX_MIN_LETTERS;
}

/**
 * Decides title, kicker, captions, trailing chrome and the lead-in by where
 * lines stand relative to the body: header before the first body line;
 * captions between body lines; chrome after the last one.
 */
function removeByPosition(states: readonly LineState[], givenTitle: string | null): void {
  const kept = states.filter(hasRemainder);
  // A headline repeating the JSONL-given title at the top is the title, whatever it ends with.
  let top = 0;
  for (const state of kept) {
    if (givenTitle === null || remainderKey(remainder(state)) !== givenTitle) break;
    removeRemainder(state, 'title', STRUCTURAL_RULE.titleGiven);
    top++;
  }
  const rest = kept.slice(top);
  const shapes = rest.map(shapeOf);
  const firstBody = shapes.findIndex(opensBody);
  if (firstBody === -1) return; // no body line at all: nothing to anchor a header or a caption on
  removeHeader(rest.slice(0, firstBody), givenTitle);
  const lead = rest[firstBody];
  if (lead !== undefined) peelLeadPrefix(lead);
  let lastBody = firstBody;
  for (const [k, shape] of shapes.entries()) if (shape.body) lastBody = k;
  for (let k = firstBody + 1; k < rest.length; ) {
    // A run of headline-like lines between body lines: one or two are captions (or chrome after the body), more are a list.
    let end = k;
    while (end < rest.length && shapes[end]?.body === false) end++;
    if (!isBulletlessList(rest.slice(k, end))) {
      for (let m = k; m < end; m++) {
        const state = rest[m];
        if (state === undefined || shapes[m]?.listItem === true) continue;
        if (m < lastBody) removeRemainder(state, 'caption', STRUCTURAL_RULE.shortCaption);
        else removeRemainder(state, 'navigation', STRUCTURAL_RULE.trailingChrome);
      }
    }
    k = Math.max(end, k + 1);
  }
}

function isBulletlessList(run: readonly LineState[]): boolean {
  if (run.length < LIST_MIN_LINES) return false;
  const names = run.filter((state) => isNameLike(remainder(state))).length;
  return names * 2 < run.length;
}

/**
 * A paragraph repeated verbatim later in the article: the later copy goes.
 * Only body-shaped paragraphs count: removing a headline-like line here could
 * split a list run and change what a second pass keeps.
 */
function removeDuplicates(states: readonly LineState[]): void {
  // Paragraphs seen so far, by length: texts of different lengths cannot be equal, so most
  // paragraphs are compared with none (cheaper than hashing every paragraph into a Set).
  const seenByLength = new Map<number, string[]>();
  for (const state of states) {
    if (!hasRemainder(state)) continue;
    const text = remainder(state);
    if (countWords(text, DUPLICATE_MIN_WORDS) < DUPLICATE_MIN_WORDS || !shapeOf(state).body) continue;
    const sameLength = seenByLength.get(text.length);
    if (sameLength === undefined) seenByLength.set(text.length, [text]);
    else if (sameLength.includes(text)) removeRemainder(state, 'duplicate', STRUCTURAL_RULE.duplicate);
    else sameLength.push(text);
  }
}

/* ========================================================================== */
/* Find: putting the steps together                                           */
/* ========================================================================== */

/** Runs every find step over the lines; each line state ends holding its findings and what it keeps. */
function findInLines(rawText: string, givenTitle: string | null): LineState[] {
  const states: LineState[] = splitLines(rawText).map((line) => ({ line, keepStart: 0, keepEnd: line.text.length, findings: [], lineRule: null }));
  for (const state of states) peelLine(state);
  absorbBlocks(states);
  removeByPosition(states, givenTitle === null ? null : headlineKey(givenTitle));
  removeDuplicates(states);
  return states;
}

function givenTitleOf(doc: RawDocument): string | null {
  return doc.given.title !== null && doc.given.title.trim().length > 0 ? doc.given.title : null;
}

/** The findings of all lines as RemovedPieces, in raw order. */
function piecesOf(rawText: string, states: readonly LineState[], index: CodePointIndex): RemovedPiece[] {
  const findings: Finding[] = [];
  for (const state of states) for (const finding of state.findings) findings.push(finding);
  findings.sort((a, b) => a.start - b.start);
  const pieces: RemovedPiece[] = [];
  for (const finding of findings) {
    pieces.push({
      reason: finding.reason,
      rule: finding.rule,
      text: rawText.slice(finding.start, finding.end),
      raw_start: index.toCodePoint(finding.start),
      raw_end: index.toCodePoint(finding.end),
    });
  }
  return pieces;
}

/**
 * Finds the boilerplate in a document (CODEBOOK.md section 1) without changing
 * anything: the "find" half of cleaning.
 *
 * @param doc The raw document; `doc.given.title` marks a repeated headline at the top as `title`.
 * @returns The removed pieces in raw order, non-overlapping, with code-point offsets into `doc.raw_text`.
 * @example
 * findBoilerplate(doc).map((piece) => piece.reason); // ['outlet_prefix', 'promo']
 */
export function findBoilerplate(doc: RawDocument): RemovedPiece[] {
  return piecesOf(doc.raw_text, findInLines(doc.raw_text, givenTitleOf(doc)), codePointIndex(doc.raw_text));
}

/* ========================================================================== */
/* Apply: clean text and spans from what the pieces leave                     */
/* ========================================================================== */

/** The clean text and its clean → raw offset map. */
export interface AppliedText {
  readonly clean_text: string;
  readonly spans: readonly TextSpan[];
}

/**
 * Builds the clean text from the raw text minus the removed pieces: the "apply"
 * half of cleaning. Each line that keeps any text is one paragraph; paragraphs
 * are joined by "\n\n"; inside a line every whitespace run (NBSP included), and
 * every removed piece, becomes one ASCII space; lines are trimmed.
 *
 * @param rawText The document's `raw_text`.
 * @param removed Pieces with code-point offsets, as {@link findBoilerplate} returns them.
 * @returns `clean_text` and the `spans` that map it back to `rawText` (code points).
 * @example
 * applyRemovals('A  b.\n\nEditor: X', [{ reason: 'byline', rule: 'byline.labelled', text: 'Editor: X', raw_start: 7, raw_end: 16 }]);
 * // { clean_text: 'A b.', spans: [{ clean_start: 0, raw_start: 0, length: 1 }, { clean_start: 2, raw_start: 3, length: 2 }] }
 */
export function applyRemovals(rawText: string, removed: readonly RemovedPiece[]): AppliedText {
  const index = codePointIndex(rawText);
  const ranges = removed
    .map((piece) => [index.toUtf16(piece.raw_start), index.toUtf16(piece.raw_end)] as const)
    .sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  const spans: TextSpan[] = [];
  let cleanOffset = 0;
  let next = 0; // first range that may still touch the current line
  let lineStart = 0;
  while (lineStart <= rawText.length) {
    const newline = rawText.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? rawText.length : newline;
    while (next < ranges.length && (ranges[next]?.[1] ?? 0) <= lineStart) next++;
    // The parts of the line no piece covers (a loop, not push(...spread): a line may hold a million chunks).
    const chunks: [number, number][] = [];
    const keep = (from: number, to: number): void => {
      for (const chunk of verbatimChunks(rawText, from, to)) chunks.push(chunk);
    };
    let cursor = lineStart;
    for (let r = next; r < ranges.length; r++) {
      const [from, to] = ranges[r] ?? [0, 0];
      if (from >= lineEnd) break;
      if (from > cursor) keep(cursor, from);
      cursor = Math.max(cursor, to);
    }
    if (cursor < lineEnd) keep(cursor, lineEnd);
    for (const [k, [from, to]] of chunks.entries()) {
      const separator = k > 0 ? ' ' : out.length > 0 ? '\n\n' : '';
      out.push(separator, rawText.slice(from, to));
      cleanOffset += separator.length;
      const rawStart = index.toCodePoint(from);
      const length = index.toCodePoint(to) - rawStart;
      spans.push({ clean_start: cleanOffset, raw_start: rawStart, length });
      cleanOffset += length;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return { clean_text: out.join(''), spans };
}

/**
 * The same result as {@link applyRemovals}, built from the line states the find
 * step already normalised (what each line keeps is a slice of its normalised
 * text), so `clean` does not normalise every line twice.
 */
function applyLineStates(states: readonly LineState[], index: CodePointIndex): AppliedText {
  const out: string[] = [];
  const spans: TextSpan[] = [];
  let cleanOffset = 0;
  for (const state of states) {
    if (!hasRemainder(state)) continue;
    if (out.length > 0) {
      out.push('\n\n');
      cleanOffset += 2;
    }
    out.push(remainder(state));
    let first = true;
    for (const run of state.line.runs) {
      const from = Math.max(state.keepStart, run.normStart);
      const to = Math.min(state.keepEnd, run.normStart + run.length);
      if (from >= to) continue;
      if (!first) cleanOffset += 1; // the single space between runs
      first = false;
      const rawStart = index.toCodePoint(run.rawStart + (from - run.normStart));
      const length = index.toCodePoint(run.rawStart + (to - run.normStart)) - rawStart;
      spans.push({ clean_start: cleanOffset, raw_start: rawStart, length });
      cleanOffset += length;
    }
  }
  return { clean_text: out.join(''), spans };
}

/**
 * Maps a code-point offset in `clean_text` to one in `raw_text`. An offset on a
 * copied character maps to that character; an offset on inserted whitespace,
 * or at the very end, maps to the end of the preceding copied run, so an
 * exclusive end offset (`char_end`) maps to the raw end of the same text.
 *
 * @param doc Anything with the `spans` of a CleanDocument.
 * @param cleanOffset Code-point offset into `clean_text`, 0 ≤ offset ≤ length.
 * @returns Code-point offset into `raw_text`.
 * @example
 * const out = clean(doc);
 * const rawStart = cleanToRaw(out, sentence.char_start);
 * const rawEnd = cleanToRaw(out, sentence.char_end);
 */
export function cleanToRaw(doc: Pick<CleanDocument, 'spans'>, cleanOffset: number): number {
  const spans = doc.spans;
  let lo = 0;
  let hi = spans.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((spans[mid]?.clean_start ?? 0) <= cleanOffset) lo = mid;
    else hi = mid - 1;
  }
  const span = spans[lo];
  if (span === undefined) return 0;
  if (cleanOffset <= span.clean_start) return span.raw_start;
  return span.raw_start + Math.min(cleanOffset - span.clean_start, span.length);
}

/* ========================================================================== */
/* Metadata: read the fields back out of the removed pieces                   */
/* ========================================================================== */

/** `JAKARTA` → `Jakarta`; a name already in mixed case stays as written. */
function placeName(text: string): string {
  const name = normaliseSpaces(text);
  return isAllCaps(name) ? titleCaseWord(name) : name;
}

function lettersOnly(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function isDomain(text: string): boolean {
  const [domain] = domainsIn(text);
  return domain !== undefined && domain.length === text.replace(/^www\d?\./i, '').length;
}

/** The host of a URL without `www.`/`m.`, or null. */
function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^(?:www\d?|m|amp|mobile)\./, '') || null;
  } catch {
    return null;
  }
}

/** Named groups of a data rule re-run on a piece's text. */
function ruleGroups(piece: RemovedPiece): Record<string, string> {
  const rule = RULES_BY_ID.get(piece.rule);
  if (rule === undefined) return {};
  rule.regex.lastIndex = 0;
  const groups = rule.regex.exec(normaliseSpaces(piece.text))?.groups ?? {};
  const defined: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups)) if (value !== undefined) defined[name] = value;
  return defined;
}

function bylineFields(piece: RemovedPiece): BylineFields {
  const text = normaliseSpaces(piece.text);
  const rule = RULES_BY_ID.get(piece.rule);
  if (rule?.detector === 'labelled_byline') return readLabelledBylineAgain(trimWhile(text, isOpeningBracketOrSpace, isClosingBracketOrSpace)) ?? { author: null, editor: null };
  if (piece.rule === 'byline.reporting_by' || piece.rule === 'byline.reporting_by_paren') return readReportingBy(text);
  if (piece.rule === 'byline.label_alone') {
    // `Penulis` on one line, the name on the next: read it as `Penulis: name`.
    const [label = '', ...name] = piece.text.split('\n').map(normaliseSpaces).filter((part) => part.length > 0);
    return readLabelledByline(`${label.replace(/[\s:：[\]()]+$|^[\s[(]+/gu, '')}: ${name.join(' ')}`) ?? { author: null, editor: null };
  }
  const author = ruleGroups(piece)['author'];
  return { author: author === undefined ? null : author.replace(/,$/, ''), editor: null };
}

/** The site (domain) whose letters contain the name's (`LINGKAR KEDIRI` → `lingkarkediri.pikiran-rakyat.com`), or null. */
function siteMatching(name: string, sites: readonly string[]): string | null {
  const key = lettersOnly(name);
  return key.length === 0 ? null : (sites.find((site) => lettersOnly(site).includes(key)) ?? null);
}

/**
 * Outlet and place. The lead-in names them (`WahanaNews.co, Jakarta -`); a
 * lead-in that only names the outlet (`LINGKAR KEDIRI –`, `(ANTARA)`) is
 * matched to a site named in the promos and links, or to the given URL's host.
 * Without a lead-in, the given URL's host, then a site named in a promo, then
 * a line that only named the outlet.
 */
function outletAndPlace(doc: RawDocument, removed: readonly RemovedPiece[]): { outlet: string | null; place: string | null } {
  const host = hostOf(doc.given.url);
  // Site names in promos and links are read only when needed (plain variables and
  // functions, not closures: under the TypeScript loader each closure costs a call to name it).
  let sites: readonly string[] | null = null;
  const prefix = removed.find((piece) => piece.reason === 'outlet_prefix');
  if (prefix === undefined) return { outlet: fallbackOutlet(host, removed), place: null };
  const groups = ruleGroups(prefix);
  const placeText = groups['place2'] ?? groups['place'];
  let place = placeText === undefined ? null : placeName(placeText);
  let outlet: string | null = null;
  if (groups['outlet'] !== undefined) {
    // A site, an agency or a known outlet name.
    const name = normaliseSpaces(groups['outlet']);
    outlet = isDomain(name) ? name.toLowerCase() : (siteMatching(name, withHost((sites ??= sitesNamedIn(removed)), host)) ?? name.toLowerCase());
  } else if (groups['name'] !== undefined) {
    // Capitals before a dash: the outlet if a site explains it; else a section label, a place, or the outlet's bare name.
    const name = normaliseSpaces(groups['name']);
    const key = name.toLowerCase();
    const site = siteMatching(name, withHost((sites ??= sitesNamedIn(removed)), host));
    if (site !== null) outlet = site;
    else if (SECTION_NAMES.has(key)) outlet = null;
    else if (PLACE_NAMES.has(key) || !name.includes(' ')) place ??= placeName(name);
    else outlet = key;
  }
  return { outlet: outlet ?? fallbackOutlet(host, removed, sites), place };
}

/** Site names (domains) mentioned in promos, links and bylines, in raw order. */
function sitesNamedIn(removed: readonly RemovedPiece[]): string[] {
  const sites: string[] = [];
  for (const piece of removed) {
    if (piece.reason === 'promo' || piece.reason === 'navigation' || piece.reason === 'byline' || piece.reason === 'cross_link') {
      for (const domain of domainsIn(piece.text)) sites.push(domain);
    }
  }
  return sites;
}

/** The known sites: those the text names, then the given URL's host. */
function withHost(sites: readonly string[], host: string | null): readonly string[] {
  return host === null ? sites : [...sites, host];
}

/** The outlet when the lead-in names none: the given URL's host, a site a promo names, or a line that only named the outlet (`detikNews`). */
function fallbackOutlet(host: string | null, removed: readonly RemovedPiece[], sites: readonly string[] | null = null): string | null {
  const named = removed.find((piece) => piece.rule === 'navigation.outlet_name');
  return host ?? (sites ?? sitesNamedIn(removed))[0] ?? (named === undefined ? null : normaliseSpaces(named.text).toLowerCase());
}

/**
 * Reads the metadata fields of a document from its removed pieces: title,
 * outlet and place (from the lead-in), publication date (from the dateline),
 * author and editor (from bylines). Values given with the document
 * (`doc.given`) fill what the text does not say; a given title always wins.
 *
 * @param doc The raw document.
 * @param removed Its removed pieces, as {@link findBoilerplate} returns them.
 * @returns The six metadata fields, null where unknown.
 * @example
 * describeDocument(doc, findBoilerplate(doc)).published_at; // '2022-06-01T08:45:00+07:00'
 */
export function describeDocument(doc: RawDocument, removed: readonly RemovedPiece[]): DocumentMetadata {
  const givenTitle = doc.given.title !== null && doc.given.title.trim().length > 0 ? normaliseSpaces(doc.given.title) : null;
  const titlePiece = removed.find((piece) => piece.reason === 'title' && piece.rule !== STRUCTURAL_RULE.titleGiven) ?? removed.find((piece) => piece.reason === 'title');
  let published: string | null = null;
  let updated: string | null = null;
  for (const piece of removed) {
    if (piece.reason !== 'dateline') continue;
    const parts = readDateStampAgain(normaliseSpaces(piece.text));
    const iso = parts === null ? null : formatDateParts(parts);
    if (iso === null || parts === null) continue;
    if (parts.updated) updated ??= iso;
    else published ??= iso;
  }
  let author: string | null = null;
  let editor: string | null = null;
  for (const piece of removed) {
    if (piece.reason !== 'byline') continue;
    const fields = bylineFields(piece);
    author ??= fields.author;
    editor ??= fields.editor;
  }
  const { outlet, place } = outletAndPlace(doc, removed);
  return {
    title: givenTitle ?? (titlePiece === undefined ? null : normaliseSpaces(titlePiece.text)),
    outlet,
    place,
    published_at: published ?? updated ?? doc.given.published_at,
    author,
    editor,
  };
}

/* ========================================================================== */
/* The stage                                                                  */
/* ========================================================================== */

/**
 * Cleans one document (CODEBOOK.md section 1): finds the boilerplate, removes
 * it, normalises whitespace and reads the metadata. Pure: no I/O, no clock, no
 * randomness; the same input always gives the same output, and cleaning the
 * clean text again changes nothing.
 *
 * @param doc A RawDocument from ingest.
 * @returns The CleanDocument: the raw fields, `clean_text`, `spans`, `removed` and the metadata fields.
 * @example
 * const out = clean(rawDocument('Anomali.id – Rusia menolak. Jangan ketinggalan berita terbaru!'));
 * out.clean_text; // 'Rusia menolak.'
 * out.removed.map((p) => p.reason); // ['outlet_prefix', 'promo']
 * out.outlet; // 'anomali.id'
 */
export function clean(doc: RawDocument): CleanDocument {
  const index = codePointIndex(doc.raw_text);
  const states = findInLines(doc.raw_text, givenTitleOf(doc));
  const removed = piecesOf(doc.raw_text, states, index);
  const { clean_text, spans } = applyLineStates(states, index);
  const meta = describeDocument(doc, removed);
  if (!hasExactlyRawDocumentKeys(doc)) return { ...doc, clean_text, ...meta, removed, spans };
  // The same object as the spread above, property for property and in the same order, but written out:
  // V8 builds a spread followed by more properties slowly (about 10 µs per document, more than cleaning a short article).
  return {
    doc_id: doc.doc_id,
    source_file: doc.source_file,
    raw_text: doc.raw_text,
    encoding: doc.encoding,
    given: doc.given,
    clean_text,
    title: meta.title,
    outlet: meta.outlet,
    place: meta.place,
    published_at: meta.published_at,
    author: meta.author,
    editor: meta.editor,
    removed,
    spans,
  };
}

/** The own keys of a RawDocument straight from ingest, in order. */
const RAW_DOCUMENT_KEYS: readonly string[] = ['doc_id', 'source_file', 'raw_text', 'encoding', 'given'];

/** Does `{ ...doc }` copy exactly the RawDocument fields, in their usual order (no extra keys, e.g. from an earlier clean)? */
function hasExactlyRawDocumentKeys(doc: RawDocument): boolean {
  const keys = Object.keys(doc);
  return keys.length === RAW_DOCUMENT_KEYS.length && keys.every((key, k) => key === RAW_DOCUMENT_KEYS[k]) && Object.getOwnPropertySymbols(doc).length === 0;
}
