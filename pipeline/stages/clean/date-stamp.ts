/**
 * Stage `clean`, the dateline detector (CODEBOOK.md section 1, `dateline` and
 * the `published_at` metadata field): reads a line that is only a publication
 * stamp, and formats it as ISO 8601.
 */
import { DATES, DAY_NAMES, MERIDIEM, MONTH_BY_NAME, PUBLICATION_LABELS, STAMP_WORDS, UPDATED_WORDS, ZONE_OFFSETS } from './rules.js';
import { normaliseSpaces } from './lines.js';

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

/** `2022-11`: a year and a month, ISO 8601 at reduced precision (read only when a month is enough). */
const ISO_MONTH_TOKEN = /^(\d{4})-(\d{2})$/;
const ISO_DATE_TOKEN = /^(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(z|[+-]\d{2}:?\d{2})?)?$/;
const NUMERIC_DATE_TOKEN = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const TIME_TOKEN = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(am|pm|a\.m|p\.m)?$/;
const ZONE_TOKEN = /^(?:gmt|utc)([+-])(\d{1,2})(?::?(\d{2}))?$/;
const YEAR_TOKEN = /^(?:19|20)\d{2}$/;
const SMALL_NUMBER_TOKEN = /^\d{1,2}$/;
/** Separators between the words of a stamp. */
const STAMP_SEPARATORS = /[\s,|•·●◆▪()[\]@]+|(?:^|\s)[-–—/](?=\s|$)/u;
const UPPER_START = /^[\p{Lu}\p{N}]/u;
export const HAS_DIGIT = /\d/;

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
    if (!STAMP_WORDS.has(word) && !MONTH_BY_NAME.has(word) && !DAY_NAMES.has(word) && !MERIDIEM.has(word) && !ZONE_OFFSETS.has(word) && !ZONE_TOKEN.test(word))
      return false;
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

/** How precise a stamp must be: a day (what the dateline detector accepts), or a month is enough (`date 2022-11`, read from a piece already removed). */
export type StampPrecision = 'day' | 'month';

/**
 * Reads a line that is only a publication stamp (`1 Juni 2022, 08:45 WIB`,
 * `Okt 20, 2021 09:38 Asia/Jakarta`, `Selasa, 13 Mei 2025 - 08:00 WIB`,
 * `12/05/2025, 10:15 WIB`, `May 12, 2025 10:15 AM`, `Diterbitkan 12 Mei 2025`).
 * Returns null for anything else, including a body sentence that mentions a date.
 * A stamp that names a year and a month but no day is read (its `day` null)
 * when a publication label stands in it (`date 2022-11`, `Diterbitkan:
 * November 2022`), or with `precision` 'month' (`November 2022`).
 */
export function readDateStamp(text: string, precision: StampPrecision = 'day'): DateParts | null {
  if (!HAS_DIGIT.test(text) || !couldBeStamp(text)) return null;
  const tokens = text.split(STAMP_SEPARATORS).filter((token) => token.length > 0);
  if (tokens.length === 0 || tokens.length > MAX_STAMP_TOKENS) return null;
  const parts: DateParts = { year: null, month: null, day: null, hour: null, minute: null, second: null, meridiem: null, offset: null, updated: false };
  const lowered = tokens.map(lowerStampToken);
  let other = 0;
  let dateEvidence = false;
  let labelled = false;
  for (let i = 0; i < lowered.length; i++) {
    const token = lowered[i] ?? '';
    // The first five token shapes all begin with a digit; words skip them.
    const digitFirst = isAsciiDigit(token.charCodeAt(0));
    let match: RegExpExecArray | null;
    if (digitFirst && (match = ISO_MONTH_TOKEN.exec(token)) !== null) {
      parts.year ??= Number(match[1]);
      parts.month ??= Number(match[2]);
      dateEvidence = true;
    } else if (digitFirst && (match = ISO_DATE_TOKEN.exec(token)) !== null) {
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
      if (PUBLICATION_LABELS.has(token)) labelled = true;
    } else {
      // A place or outlet name may stand in a stamp (`Jakarta, Kamis (12/5/2025)`); a lower-case word means a sentence.
      const original = tokens[i] ?? '';
      if (!UPPER_START.test(original) && !original.includes('.')) return null;
      other++;
    }
  }
  if (!dateEvidence || parts.year === null || parts.month === null) return null;
  if (other > DATES.max_other_words) return null;
  if (parts.day === null) {
    // A month without a day: when labelled as the publication date or when asked for, and then without a time (a time needs its day).
    if ((precision !== 'month' && !labelled) || parts.month < 1 || parts.month > 12) return null;
    parts.hour = null;
    return parts;
  }
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > daysInMonth(parts.year, parts.month)) return null;
  if (parts.hour !== null && (parts.hour > 23 || (parts.minute ?? 0) > 59 || (parts.second ?? 0) > 59)) {
    parts.hour = null;
  }
  return parts;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/** ISO 8601 text of a stamp: `YYYY-MM-DD`, or with time, and with offset when the zone is known; `YYYY-MM` for a month without a day. */
export function formatDateParts(parts: DateParts): string | null {
  if (parts.year === null || parts.month === null) return null;
  if (parts.day === null) return `${parts.year}-${twoDigits(parts.month)}`;
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
