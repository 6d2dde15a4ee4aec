/**
 * The Arrow string buffers (pipeline/output/encode-rows.ts): a column of
 * ASCII strings is written in one call, a byte per character; any other
 * column one string at a time as UTF-8. Both must give the bytes and
 * offsets of the general path, and those are each string's UTF-8
 * (lone surrogates replaced by U+FFFD, as Buffer writes them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeStrings, encodeStringsOneByOne } from '../../pipeline/output/encode-rows.js';

const ascii = fc.string({ unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)), maxLength: 80 });
const anyText = fc.oneof(ascii, fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', 'é', '\uD800', '\uDC00', '😀', 'a\uD83D', '\uDE00b'));

/** Texts as long as sentences and articles (the column is then tested string by string), now and then with a character outside ASCII. */
const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const longText = fc
  .tuple(fc.string({ unit: printable, minLength: 64, maxLength: 300 }), fc.option(fc.constantFrom('é', '“', '—', '\uD800', '😀'), { freq: 3 }))
  .map(([text, other]) => (other === null ? text : `${text.slice(0, 30)}${other}${text.slice(30)}`));

/** Each string's UTF-8, back to back, with offsets: what both paths must give. */
function expected(values: readonly string[]): { data: Buffer; offsets: number[] } {
  const parts = values.map((v) => Buffer.from(v, 'utf8'));
  const offsets = [0];
  for (const part of parts) offsets.push(offsets[offsets.length - 1]! + part.length);
  return { data: Buffer.concat(parts), offsets };
}

describe('string columns as UTF-8 buffers', () => {
  it('an ASCII column, in one call', () => {
    fc.assert(
      fc.property(fc.array(ascii, { maxLength: 50 }), (values) => {
        const { data, offsets } = encodeStrings(values);
        const want = expected(values);
        expect(Buffer.from(data).equals(want.data)).toBe(true);
        expect([...offsets]).toEqual(want.offsets);
      }),
    );
  });

  it('any column, both paths alike (a surrogate pair split between two values stays two replaced halves)', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 30 }), (values) => {
        const fast = encodeStrings(values);
        const general = encodeStringsOneByOne(values);
        const want = expected(values);
        expect(Buffer.from(fast.data).equals(want.data)).toBe(true);
        expect(Buffer.from(general.data).equals(want.data)).toBe(true);
        expect([...fast.offsets]).toEqual(want.offsets);
        expect([...general.offsets]).toEqual(want.offsets);
      }),
      { numRuns: 300 },
    );
    expect([...encodeStrings(['a\uD83D', '\uDE00b']).data]).toEqual([0x61, 0xef, 0xbf, 0xbd, 0xef, 0xbf, 0xbd, 0x62]);
  });

  it('long texts (sentences, articles): ASCII columns in one call, others one by one, alike', () => {
    fc.assert(
      fc.property(fc.array(longText, { minLength: 1, maxLength: 20 }), (values) => {
        const fast = encodeStrings(values);
        const want = expected(values);
        expect(Buffer.from(fast.data).equals(want.data)).toBe(true);
        expect([...fast.offsets]).toEqual(want.offsets);
      }),
      { numRuns: 200 },
    );
  });
});
