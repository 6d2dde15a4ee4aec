/**
 * Stage 1, ingest (CODEBOOK.md section 1, documents.encoding): bytes to text.
 *
 * - A UTF-16 byte-order mark (FF FE, FE FF) decodes the file as UTF-16.
 * - Valid UTF-8 decodes as UTF-8.
 * - UTF-8 with a few broken bytes (a truncated copy, one bad character)
 *   stays UTF-8: only the broken bytes become U+FFFD, and how many were
 *   replaced is counted (issue #14: one bad byte used to turn the whole file
 *   into Windows-1252 mojibake).
 * - Bytes with no valid multi-byte UTF-8 sequence at all, but some byte
 *   above 0x7F, are a legacy 8-bit file: decoded as Windows-1252.
 */
import type { RawDocument } from '../../types.js';

/** How some bytes were decoded, and how many invalid UTF-8 sequences became U+FFFD. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: RawDocument['encoding'];
  /** Invalid UTF-8 sequences replaced by U+FFFD (0 unless the encoding is utf-8). */
  readonly replaced: number;
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8Decoder = new TextDecoder('utf-8');
const latin1Decoder = new TextDecoder('latin1');
const utf16leDecoder = new TextDecoder('utf-16le');
const utf16beDecoder = new TextDecoder('utf-16be');

/**
 * Windows-1252's bytes 0x80-0x9F (curly quotes, dashes, €), where it differs
 * from Latin-1. Node's built-in decoder (without full ICU) treats
 * 'windows-1252' as plain Latin-1, so these are mapped here.
 */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  return latin1Decoder.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
}

/** The UTF-16 byte order its BOM announces, or null. */
export function utf16ByteOrder(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Does `bytes` hold at least one well-formed multi-byte UTF-8 sequence? (A Windows-1252 text practically never does.) */
function hasUtf8Sequence(bytes: Uint8Array): boolean {
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const x = bytes[i]!;
    if (x < 0xc2 || x > 0xf4) continue;
    const length = x < 0xe0 ? 2 : x < 0xf0 ? 3 : 4;
    let k = 1;
    while (k < length && i + k < n && (bytes[i + k]! & 0xc0) === 0x80) k++;
    if (k === length) return true;
  }
  return false;
}

/** How many times the bytes EF BF BD (a U+FFFD written in the file) occur. */
function writtenReplacementCharacters(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count++;
  return count;
}

function countReplacementCharacters(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) count++;
  return count;
}

/**
 * Decode bytes: UTF-16 by its BOM, UTF-8 (with U+FFFD only for the broken
 * sequences when there are a few), or Windows-1252 for a legacy 8-bit text.
 * @example decodeText(Buffer.from([0x93, 0x41, 0x94])) // { text: '“A”', encoding: 'windows-1252', replaced: 0 }
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const utf16 = utf16ByteOrder(bytes);
  if (utf16 !== null) return { text: (utf16 === 'utf-16le' ? utf16leDecoder : utf16beDecoder).decode(bytes), encoding: utf16, replaced: 0 };
  try {
    return { text: utf8Decoder.decode(bytes), encoding: 'utf-8', replaced: 0 };
  } catch {
    if (!hasUtf8Sequence(bytes)) return { text: decodeWindows1252(bytes), encoding: 'windows-1252', replaced: 0 };
    const text = lenientUtf8Decoder.decode(bytes);
    return { text, encoding: 'utf-8', replaced: countReplacementCharacters(text) - writtenReplacementCharacters(bytes) };
  }
}
