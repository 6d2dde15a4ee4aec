/**
 * The typed publication columns (pipeline/output/tables.ts, publicationCells):
 * a date with a time and zone, a date alone, and a month or year without a day,
 * which stays text with its precision named rather than becoming a made-up day.
 */
import { describe, expect, it } from 'vitest';
import { publicationCells } from '../../pipeline/output/tables.js';

describe('publicationCells', () => {
  it.each([
    ['2022-06-01T08:45:00+07:00', '2022-06-01T01:45:00Z', '2022-06-01', '+07:00', 'datetime'],
    ['2025-02-18T23:19:00', null, '2025-02-18', null, 'datetime'],
    ['2022-02-23', null, '2022-02-23', null, 'day'],
    ['2022-11', null, null, null, 'month'],
    ['2022', null, null, null, 'year'],
  ])('%s', (iso, instant, date, offset, precision) => {
    expect(publicationCells(iso)).toEqual({
      published_at: instant,
      published_date: date,
      published_at_offset: offset,
      published_at_local: iso,
      published_precision: precision,
    });
  });

  it('null stays null', () => {
    expect(publicationCells(null).published_precision).toBeNull();
  });
});
