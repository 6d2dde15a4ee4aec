/**
 * Cheap tests that rule a regex out before it runs, read from the regex's own
 * pattern source. The cleaning stage (clean.ts) tries dozens of boilerplate
 * rules on every line; these tests let it skip the rules that cannot match.
 *
 * Most rules cannot match most lines, and even a regex that fails at once costs
 * a call. But every non-empty match begins with a character that one of the
 * pattern's possible first atoms accepts (`Baca juga: …` can only begin with
 * `b`, `B`, a bullet, a bracket ...), and ends with one that a possible last
 * atom accepts. So each rule gets, read from its pattern source:
 *
 * - the atoms its matches can begin and end with ({@link EdgeChars}), tested
 *   against the first and last character of a line;
 * - for whole-line rules, the pairs of atoms its matches can begin with
 *   ({@link OpeningPairs}: `Se` cannot open `Baca juga`);
 * - rare atoms every match contains, if any (`@` in an e-mail address,
 *   {@link requiredAtoms}), looked for anywhere in the text.
 *
 * Only when all of them pass does the rule's regex run. The reading is
 * conservative: lookarounds and anchors are skipped as if they matched nothing,
 * a quantified part that may repeat zero times lets the next part count too,
 * and anything not understood (a backreference) means "any character". The
 * tests can therefore only answer "no" when the regex would answer no: they
 * never change what a rule matches.
 */

/** A pattern reduced to what decides its first and last characters. */
export type PatternNode =
  | { readonly kind: 'atom'; readonly source: string } // matches exactly one character: `a`, `\s`, `[^.]`, `\p{Lu}`, `.`
  | { readonly kind: 'zero_width' } // `^`, `$`, `\b`, lookarounds
  | { readonly kind: 'unknown' } // a backreference: may match anything or nothing
  | { readonly kind: 'repeat'; readonly node: PatternNode; readonly optional: boolean }
  | { readonly kind: 'sequence'; readonly items: readonly PatternNode[] }
  | { readonly kind: 'choice'; readonly options: readonly PatternNode[] };

const ZERO_WIDTH: PatternNode = { kind: 'zero_width' };
export const UNKNOWN: PatternNode = { kind: 'unknown' };

/** `{n}`, `{n,}` or `{n,m}` at a given offset. */
const COUNTED_QUANTIFIER = /\{(\d+)(?:,\d*)?\}/y;

/** Parses a `u`-mode regex source just far enough to find its atoms, groups, alternatives and quantifiers. */
export function parsePattern(source: string): PatternNode {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`Cannot read the pattern at offset ${i} (${what}): ${source.slice(0, 120)}`);
  };
  const parseChoice = (): PatternNode => {
    const options = [parseSequence()];
    while (source[i] === '|') {
      i++;
      options.push(parseSequence());
    }
    return options.length === 1 ? (options[0] ?? ZERO_WIDTH) : { kind: 'choice', options };
  };
  const parseSequence = (): PatternNode => {
    const items: PatternNode[] = [];
    while (i < source.length && source[i] !== '|' && source[i] !== ')') items.push(parseQuantifier(parseTerm()));
    return { kind: 'sequence', items };
  };
  const parseQuantifier = (node: PatternNode): PatternNode => {
    const c = source[i];
    let optional: boolean;
    if (c === '*' || c === '?') optional = true;
    else if (c === '+') optional = false;
    else if (c === '{') {
      COUNTED_QUANTIFIER.lastIndex = i;
      const quantifier = COUNTED_QUANTIFIER.exec(source);
      if (quantifier === null) return fail('quantifier');
      optional = Number(quantifier[1]) === 0;
      i += quantifier[0].length - 1;
    } else return node;
    i++;
    if (source[i] === '?') i++; // lazy
    return { kind: 'repeat', node, optional };
  };
  const parseTerm = (): PatternNode => {
    const start = i;
    const c = source[i];
    if (c === '(') {
      i++;
      let zeroWidth = false;
      if (source.startsWith('?:', i)) i += 2;
      else if (source.startsWith('?=', i) || source.startsWith('?!', i)) (i += 2), (zeroWidth = true);
      else if (source.startsWith('?<=', i) || source.startsWith('?<!', i)) (i += 3), (zeroWidth = true);
      else if (source.startsWith('?<', i)) i = source.indexOf('>', i) + 1; // named group
      const inner = parseChoice();
      if (source[i] !== ')') return fail('group');
      i++;
      return zeroWidth ? ZERO_WIDTH : inner;
    }
    if (c === '^' || c === '$') {
      i++;
      return ZERO_WIDTH;
    }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      if (i >= source.length) return fail('class');
      i++;
      return { kind: 'atom', source: source.slice(start, i) };
    }
    if (c === '\\') {
      const next = source[i + 1] ?? fail('escape');
      if (next === 'b' || next === 'B') {
        i += 2;
        return ZERO_WIDTH;
      }
      if (next === 'k' || /[1-9]/.test(next)) {
        i += 2;
        while (i < source.length && /[\w<>]/.test(source[i] ?? '')) i++;
        return UNKNOWN;
      }
      if ((next === 'p' || next === 'P' || next === 'u') && source[i + 2] === '{') i = source.indexOf('}', i) + 1;
      else if (next === 'u') i += 6;
      else if (next === 'x') i += 4;
      else if (next === 'c') i += 3;
      else i += 2;
      return { kind: 'atom', source: source.slice(start, i) };
    }
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === '}' || c === ']') return fail('syntax character');
    const code = source.charCodeAt(i);
    i += code >= 0xd800 && code <= 0xdbff ? 2 : 1; // one character: an astral one is two code units
    return { kind: 'atom', source: source.slice(start, i) };
  };
  const node = parseChoice();
  if (i !== source.length) fail('unbalanced )');
  return node;
}

/** The atoms a match can begin (or, `fromEnd`, end) with; `atoms` null means any character. */
interface EdgeAtoms {
  readonly atoms: ReadonlySet<string> | null;
  /** Can this part match the empty string (so the part after it also counts)? */
  readonly nullable: boolean;
}

export function edgeAtoms(node: PatternNode, fromEnd: boolean): EdgeAtoms {
  switch (node.kind) {
    case 'atom':
      return { atoms: new Set([node.source]), nullable: false };
    case 'zero_width':
      return { atoms: new Set(), nullable: true };
    case 'unknown':
      return { atoms: null, nullable: true };
    case 'repeat': {
      const inner = edgeAtoms(node.node, fromEnd);
      return { atoms: inner.atoms, nullable: inner.nullable || node.optional };
    }
    case 'sequence': {
      // The first item counts, and the next one too while the ones before may match nothing.
      const atoms = new Set<string>();
      for (const item of fromEnd ? [...node.items].reverse() : node.items) {
        const edge = edgeAtoms(item, fromEnd);
        if (edge.atoms === null) return { atoms: null, nullable: true };
        for (const atom of edge.atoms) atoms.add(atom);
        if (!edge.nullable) return { atoms, nullable: false };
      }
      return { atoms, nullable: true };
    }
    case 'choice': {
      const atoms = new Set<string>();
      let nullable = false;
      for (const option of node.options) {
        const edge = edgeAtoms(option, fromEnd);
        if (edge.atoms === null) return { atoms: null, nullable: true };
        for (const atom of edge.atoms) atoms.add(atom);
        nullable ||= edge.nullable;
      }
      return { atoms, nullable };
    }
  }
}

/**
 * The characters (UTF-16 code units) a non-empty match of a rule can begin or
 * end with. Each answer is computed once, by testing the character against the
 * edge atoms with the rule's own flags (so case folding and `\p{…}` classes
 * answer exactly as in the rule), and then remembered.
 */
/** How many answers for non-ASCII characters each {@link EdgeChars} remembers (a bound on memory for scripts with thousands of characters). */
const EDGE_ANSWERS_MAX = 4096;

export class EdgeChars {
  /** Tests one character against every edge atom; null when any character may stand at the edge. */
  private readonly atomTest: RegExp | null;
  /** Answers for ASCII: 0 not yet known, 1 yes, 2 no. */
  private readonly ascii = new Uint8Array(128);
  private readonly other = new Map<number, boolean>();

  constructor(atoms: ReadonlySet<string> | null, flags: string) {
    this.atomTest = atoms === null ? null : new RegExp(`^(?:${[...atoms].join('|')})$`, flags.replace(/[gy]/g, ''));
  }

  /** May a non-empty match begin (or end) with this code unit? Surrogates always may: they are half a character. */
  allows(code: number): boolean {
    if (this.atomTest === null) return true;
    if (code < 128) {
      const known = this.ascii[code];
      if (known !== 0) return known === 1;
      const answer = this.atomTest.test(String.fromCharCode(code));
      this.ascii[code] = answer ? 1 : 2;
      return answer;
    }
    if (code >= 0xd800 && code <= 0xdfff) return true;
    let answer = this.other.get(code);
    if (answer === undefined) {
      answer = this.atomTest.test(String.fromCharCode(code));
      if (this.other.size < EDGE_ANSWERS_MAX) this.other.set(code, answer);
    }
    return answer;
  }
}

/**
 * The first two atoms a match can begin with, as atom-source pairs; null when
 * anything may. Paths where the match ends before a second character are left
 * out: only a match of two or more characters is ever tested against the pairs.
 */
export function openingPairs(node: PatternNode): ReadonlyMap<string, readonly [string, string]> | null {
  const paths = openingPaths(node);
  if (paths === null) return null;
  const pairs = new Map<string, readonly [string, string]>();
  for (const path of paths.values()) if (path.length === 2) pairs.set(pathKey(path), [path[0] ?? '', path[1] ?? '']);
  return pairs;
}

function pathKey(path: readonly string[]): string {
  return path.join('\u0000');
}

/** Up to two atoms a match can begin with: [] (it may match nothing), [a] (it may end after a), [a, b]. Null: anything. */
function openingPaths(node: PatternNode): Map<string, readonly string[]> | null {
  switch (node.kind) {
    case 'atom':
      return new Map([[node.source, [node.source]]]);
    case 'zero_width':
      return new Map([['', []]]);
    case 'unknown':
      return null;
    case 'repeat': {
      // Zero times (when optional), once, or twice or more (two atoms are all that count).
      const once = openingPaths(node.node);
      if (once === null) return null;
      const paths = node.optional ? new Map<string, readonly string[]>([['', []]]) : new Map<string, readonly string[]>();
      for (const [key, path] of followedBy(once, new Map([['', []], ...once]))) paths.set(key, path);
      return paths;
    }
    case 'sequence': {
      let paths: Map<string, readonly string[]> | null = new Map([['', []]]);
      for (const item of node.items) {
        if ([...paths.values()].every((path) => path.length === 2)) break;
        const next = openingPaths(item);
        if (next === null) return null;
        paths = followedBy(paths, next);
      }
      return paths;
    }
    case 'choice': {
      const paths = new Map<string, readonly string[]>();
      for (const option of node.options) {
        const next = openingPaths(option);
        if (next === null) return null;
        for (const [key, path] of next) paths.set(key, path);
      }
      return paths;
    }
  }
}

/** Each path of `heads` continued by each path of `tails`, cut to two atoms. */
function followedBy(heads: ReadonlyMap<string, readonly string[]>, tails: ReadonlyMap<string, readonly string[]>): Map<string, readonly string[]> {
  const paths = new Map<string, readonly string[]>();
  for (const head of heads.values()) {
    if (head.length === 2) {
      paths.set(pathKey(head), head);
      continue;
    }
    for (const tail of tails.values()) {
      const path = [...head, ...tail].slice(0, 2);
      paths.set(pathKey(path), path);
    }
  }
  return paths;
}

/**
 * The first two characters a whole-line match of two or more characters can
 * begin with: {@link EdgeChars} for pairs. Only consulted when a shortlist of
 * line rules is built, so the answers need no memo of their own.
 */
export class OpeningPairs {
  /** Tests two characters against every opening pair; null when any pair may open a match. */
  private readonly pairTest: RegExp | null;

  constructor(pairs: ReadonlyMap<string, readonly [string, string]> | null, flags: string) {
    this.pairTest =
      pairs === null ? null : new RegExp(`^(?:${[...pairs.values()].map(([a, b]) => `(?:${a})(?:${b})`).join('|')})$`, flags.replace(/[gy]/g, ''));
  }

  allows(first: number, second: number): boolean {
    if (this.pairTest === null || (first >= 0xd800 && first <= 0xdfff) || (second >= 0xd800 && second <= 0xdfff)) return true;
    return this.pairTest.test(String.fromCharCode(first, second));
  }
}

/**
 * Rare atoms of which every match uses at least one, somewhere (null: none
 * known, or only common ones). In a sequence any non-optional item will do, so
 * the rarest is taken (`@` of an e-mail address, the `(` before an agency
 * name); an alternation needs one from each option.
 */
function requiredAtoms(node: PatternNode, flags: string): ReadonlySet<string> | null {
  switch (node.kind) {
    case 'atom': {
      const atoms = new Set([node.source]);
      return commonnessOf(atoms, flags) <= REQUIRED_TEST_MAX_COMMONNESS ? atoms : null;
    }
    case 'zero_width':
    case 'unknown':
      return null;
    case 'repeat':
      return node.optional ? null : requiredAtoms(node.node, flags);
    case 'sequence': {
      let rarest: ReadonlySet<string> | null = null;
      let rarestCommonness = Number.POSITIVE_INFINITY;
      for (const item of node.items) {
        const atoms = requiredAtoms(item, flags);
        const commonness = atoms === null ? Number.POSITIVE_INFINITY : commonnessOf(atoms, flags);
        if (commonness < rarestCommonness) (rarest = atoms), (rarestCommonness = commonness);
      }
      return rarest;
    }
    case 'choice': {
      const atoms = new Set<string>();
      for (const option of node.options) {
        const required = requiredAtoms(option, flags);
        if (required === null) return null;
        for (const atom of required) atoms.add(atom);
      }
      return commonnessOf(atoms, flags) <= REQUIRED_TEST_MAX_COMMONNESS ? atoms : null;
    }
  }
}

/** Characters found in almost every line of text: requiring one of them rules nothing out. */
const COMMON_CHARS = /[A-Za-z0-9 .,]/;
/** How much each ASCII character counts towards {@link commonnessOf}. */
const ASCII_COMMONNESS: readonly number[] = Array.from({ length: 128 }, (_, code) => (COMMON_CHARS.test(String.fromCharCode(code)) ? 1000 : 1));

/** Which ASCII characters an atom accepts, by code; remembered, as the same atoms recur in many rules. */
const ASCII_ACCEPTED = new Map<string, readonly boolean[]>();

function asciiAcceptedBy(atom: string, flags: string): readonly boolean[] {
  const key = `${flags}/${atom}`;
  let accepted = ASCII_ACCEPTED.get(key);
  if (accepted === undefined) {
    const letter = /^[A-Za-z]$/.test(atom) ? atom : null;
    if (letter !== null) {
      // Most atoms are letters of lexicon words: no regex needed (case-insensitive rules accept both cases).
      const both = flags.includes('i') ? [letter.toLowerCase(), letter.toUpperCase()] : [letter];
      accepted = Array.from({ length: 128 }, (_, code) => both.includes(String.fromCharCode(code)));
    } else {
      const test = new RegExp(`^(?:${atom})$`, flags.replace(/[gy]/g, ''));
      accepted = Array.from({ length: 128 }, (_, code) => test.test(String.fromCharCode(code)));
    }
    ASCII_ACCEPTED.set(key, accepted);
  }
  return accepted;
}

/** How common the characters the atoms accept are: ASCII characters accepted, the everyday ones counting heavily. */
function commonnessOf(atoms: ReadonlySet<string>, flags: string): number {
  const accepted = new Array<boolean>(128).fill(false);
  for (const atom of atoms) asciiAcceptedBy(atom, flags).forEach((yes, code) => (accepted[code] ||= yes));
  return accepted.reduce((sum, yes, code) => sum + (yes ? (ASCII_COMMONNESS[code] ?? 1) : 0), 0);
}

/** A required-atom test is worth running only when the atoms are rare: a few punctuation marks at most. */
const REQUIRED_TEST_MAX_COMMONNESS = 4;

/** An unanchored test for the rule's rare required atoms, or null when it has none worth testing. */
export function requiredAtomTest(pattern: PatternNode, flags: string): RegExp | null {
  const atoms = requiredAtoms(pattern, flags);
  if (atoms === null) return null;
  return new RegExp([...atoms].join('|'), flags.replace(/[gy]/g, ''));
}
