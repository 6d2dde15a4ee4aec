/**
 * documentId works on UTF-8 bytes for speed (every input is hashed on the
 * main thread); it must give exactly the id of its definition: the first 16
 * hex digits of the SHA-256 of `text.replace(/\s+/g, ' ').trim()`.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentId } from '../../../pipeline/stages/ingest/ingest.js';

/** The definition, written the slow and obvious way. */
function reference(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/gu, ' ').trim(), 'utf8').digest('hex').slice(0, 16);
}

/** Every character JavaScript's \s matches, and some neighbours that it does not. */
const WHITESPACE = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const NEAR_MISSES = '\u0085\u180e\u200b\u200c\u200d\u2060\u00ad\u2027\u202a\u205e\u3001\ufefe\u1681\u2030\u1f600';

describe('documentId', () => {
  it('equals its definition for every BMP character between words and at the ends', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      const text = `${ch}a${ch}${ch}b ${ch}`;
      if (documentId(text) !== reference(text)) throw new Error(`U+${c.toString(16)} gives a different id`);
    }
  });

  it('equals its definition on arbitrary text rich in whitespace (property)', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.constantFrom(...WHITESPACE, ...NEAR_MISSES, '😀', '\ud800', '\udc00', 'é', 'Rusia'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        expect(documentId(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    // intent: empty and whitespace-only texts collapse to the empty string
    [''],
    [' \n\t\u3000'],
    // intent: a long article
    ['Rusia dan NATO kembali bersitegang.\r\n\r\n  Moskow mengusir\u00a0dua diplomat.  '.repeat(500)],
  ])('equals its definition on %#', (text) => {
    expect(documentId(text)).toBe(reference(text));
  });
});
