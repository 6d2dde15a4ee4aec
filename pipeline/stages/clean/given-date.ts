/**
 * Stage `clean`, the JSONL `published_at` (CODEBOOK.md section 1, the
 * `published_at` metadata field): a date given with the document is read, not
 * copied through. ISO 8601 (`2022-06-01`, `2022-06-01T08:45:00+07:00`,
 * `…Z`, with or without seconds and fractions, or at reduced precision:
 * `2022-11`, `2022`) or a stamp as pages write it
 * (`1 Juni 2022, 08:45 WIB`) becomes the ISO 8601 text the clean stage keeps;
 * anything else becomes null with a warning that quotes the text and says why.
 */
import { parseDateStamp } from './date-stamp.js';

/** What a given date reads as: the ISO 8601 text, or null and the reason. */
export interface GivenDateReading {
  readonly iso: string | null;
  readonly warning: string | null;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO 8601 at reduced precision: a year and month (`2022-11`) or a year (`2022`). */
const ISO_MONTH_OR_YEAR = /^(\d{4})(?:-(\d{2}))?$/;

/** ISO 8601 text as the clean stage writes dates, or null when the text is not a valid ISO 8601 date or datetime (`2022-11` and `2022` are kept as written). */
function readIso(text: string): string | null {
  const partial = ISO_MONTH_OR_YEAR.exec(text);
  if (partial !== null) return partial[2] === undefined || (Number(partial[2]) >= 1 && Number(partial[2]) <= 12) ? text : null;
  const match = ISO_DATE_TIME.exec(text);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  if (match[4] === undefined) return date;
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6] ?? '0')];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zone = match[7];
  const offset = zone === undefined ? '' : zone.toUpperCase() === 'Z' ? '+00:00' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  return `${date}T${match[4]}:${match[5]}:${(match[6] ?? '00').padStart(2, '0')}${offset}`;
}

/**
 * Reads a JSONL `published_at`.
 *
 * @param text The field as given.
 * @returns The ISO 8601 text, or null with a warning naming the text and the reason.
 * @example
 * readGivenDate('2022-06-01T01:45:00Z'); // { iso: '2022-06-01T01:45:00+00:00', warning: null }
 * readGivenDate('kemarin'); // { iso: null, warning: 'published_at: "kemarin" is neither ISO 8601 nor a date stamp; left null' }
 */
export function readGivenDate(text: string): GivenDateReading {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { iso: null, warning: 'published_at: empty text; left null' };
  const iso = readIso(trimmed) ?? parseDateStamp(trimmed);
  if (iso !== null) return { iso, warning: null };
  const quoted = JSON.stringify(trimmed.length > 80 ? `${trimmed.slice(0, 80)}…` : trimmed);
  return { iso: null, warning: `published_at: ${quoted} is neither ISO 8601 nor a date stamp; left null` };
}
