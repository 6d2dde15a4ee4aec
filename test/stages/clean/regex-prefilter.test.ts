/**
 * The cheap pre-tests clean.ts runs before a rule's regex (regex-prefilter.ts)
 * must never rule out a text the regex matches: they may only save work. Each
 * property generates texts that a pattern matches (fast-check's
 * stringMatching, with random case changes for case-insensitive patterns) and
 * checks that every pre-test lets them through.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edgeAtoms, EdgeChars, openingPairs, OpeningPairs, parsePattern, requiredAtomTest } from '../../../pipeline/stages/clean/regex-prefilter.js';

/** Patterns shaped like the boilerplate rules: alternations, optional openers, classes, counted and lazy repeats, `\p{…}`. */
const PATTERNS: readonly { source: string; flags: string }[] = [
  { source: '(?:[•·▪►-] ?)?[\\[(]?\\s?(?:baca juga|simak juga|read also)\\s?[\\])]?\\s?[:：\\-–—»>|]*', flags: 'iu' },
  { source: '(?:Baca|Simak|Lihat) (?:Juga|Pula) \\p{Lu}.*|(?:Read|READ) (?:Also|More) \\p{Lu}.*', flags: 'u' },
  { source: '[\\w.+-]{1,30}@[\\w-]{1,20}\\.(?:com|id|co\\.id)', flags: 'iu' },
  { source: '\\((?:ant|antara|rtr|afp)(?:/[a-z]{2,4})?\\)', flags: 'iu' },
  { source: '(?:Foto|Photo|Ilustrasi)\\s?:\\s?.{3,80}?', flags: 'iu' },
  { source: '\\d{1,2} (?:Januari|Februari|Maret) \\d{4},? \\d{2}[.:]\\d{2}(?: WIB)?', flags: 'u' },
  { source: '(?:tags?|topik)\\s?:?\\s?(?:#?\\p{L}{2,20}\\s?,?\\s?){1,6}', flags: 'iu' },
  { source: 'x?y*z{0,2}', flags: 'u' },
  { source: '(?:follow|ikuti) (?:kami |us )?(?:di|on) .{1,40}', flags: 'iu' },
];

/** Texts the pattern matches whole; for an `i` pattern, with the case of letters changed at random. */
function matchingText(source: string, flags: string): fc.Arbitrary<string> {
  const generator = fc.stringMatching(new RegExp(`^(?:${source})$`, flags.replace('i', '')));
  if (!flags.includes('i')) return generator;
  return fc
    .tuple(generator, fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }))
    .map(([text, upper]) => [...text].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase())).join(''))
    .filter((text) => new RegExp(`^(?:${source})$`, flags).test(text));
}

describe('regex pre-tests', () => {
  for (const { source, flags } of PATTERNS) {
    it(`never rule out a match of /${source.slice(0, 40)}…/${flags}`, () => {
      const pattern = parsePattern(source);
      const opens = new EdgeChars(edgeAtoms(pattern, false).atoms, flags);
      const closes = new EdgeChars(edgeAtoms(pattern, true).atoms, flags);
      const pairs = new OpeningPairs(openingPairs(pattern), flags);
      const required = requiredAtomTest(pattern, flags);
      fc.assert(
        fc.property(matchingText(source, flags), (text) => {
          if (text.length === 0) return;
          expect(opens.allows(text.charCodeAt(0))).toBe(true);
          expect(closes.allows(text.charCodeAt(text.length - 1))).toBe(true);
          if (text.length >= 2) expect(pairs.allows(text.charCodeAt(0), text.charCodeAt(1))).toBe(true);
          if (required !== null) expect(required.test(text)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('rule out texts that cannot open or close a match', () => {
    const pattern = parsePattern('(?:baca|simak) juga:');
    expect(new EdgeChars(edgeAtoms(pattern, false).atoms, 'iu').allows('B'.charCodeAt(0))).toBe(true);
    expect(new EdgeChars(edgeAtoms(pattern, false).atoms, 'iu').allows('K'.charCodeAt(0))).toBe(false);
    expect(new EdgeChars(edgeAtoms(pattern, true).atoms, 'iu').allows('.'.charCodeAt(0))).toBe(false);
    expect(new OpeningPairs(openingPairs(pattern), 'iu').allows('S'.charCodeAt(0), 'e'.charCodeAt(0))).toBe(false);
    expect(new OpeningPairs(openingPairs(pattern), 'iu').allows('S'.charCodeAt(0), 'I'.charCodeAt(0))).toBe(true);
    expect(requiredAtomTest(parsePattern('\\w+@\\w+'), 'u')?.test('no at sign')).toBe(false);
  });

  it('let anything through where the pattern is not understood (a backreference)', () => {
    const pattern = parsePattern('(a|b)\\1c');
    expect(edgeAtoms(pattern, true).atoms).toBeNull();
    expect(new EdgeChars(edgeAtoms(pattern, true).atoms, 'u').allows('z'.charCodeAt(0))).toBe(true);
  });
});
