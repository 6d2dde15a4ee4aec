/**
 * Horizontal bar charts as standalone SVG text, for the data card: one bar
 * per row, each bar made of one or more coloured segments (a stacked bar).
 * Written by hand rather than through a plotting library so that the bytes
 * depend only on the figures: no fonts are measured, no ids are random, every
 * coordinate is printed with one decimal.
 */

/** One bar: a label and its segments, drawn left to right. */
export interface BarRow {
  readonly label: string;
  readonly segments: readonly { readonly key: string; readonly value: number }[];
}

export interface BarChart {
  /** Shown above the chart and as the SVG `<title>`. */
  readonly title: string;
  /** The SVG `<desc>`: what the chart shows, for screen readers. */
  readonly description: string;
  readonly rows: readonly BarRow[];
  /** Fill per segment key; keys without a colour are grey. */
  readonly colors: Readonly<Record<string, string>>;
  /**
   * Draw each bar as shares of its own total (100% stacked), with the total
   * written at its end; otherwise bars are scaled to the largest total and
   * each bar ends with its count and its share of all rows.
   * @default false
   */
  readonly normalise?: boolean;
}

const WIDTH = 640;
const ROW_HEIGHT = 22;
const BAR_HEIGHT = 14;
const TITLE_HEIGHT = 28;
const LEGEND_HEIGHT = 22;
const FONT_SIZE = 12;
/** Width of one character at FONT_SIZE, an upper estimate for sans-serif text (no font is measured). */
const CHAR_WIDTH = 7;
const VALUE_WIDTH = 110;
const DEFAULT_COLOR = '#999999';

/** Escape text for SVG element content and attributes. */
function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate with one decimal, without a trailing `.0`. */
function at(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** A share as a percentage with one decimal. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '0.0%' : `${((100 * part) / whole).toFixed(1)}%`;
}

/**
 * Render a bar chart as an SVG document.
 *
 * @param chart - Title, rows, colours and whether to normalise.
 * @returns The SVG text, ending with a newline.
 * @example
 * barChartSvg({ title: 'Relation signal', description: 'Sentences per relation signal',
 *   rows: [{ label: 'deteriorating', segments: [{ key: 'deteriorating', value: 40 }] }],
 *   colors: { deteriorating: '#D55E00' } });
 */
export function barChartSvg(chart: BarChart): string {
  const normalise = chart.normalise ?? false;
  const totals = chart.rows.map((row) => row.segments.reduce((sum, s) => sum + s.value, 0));
  const grandTotal = totals.reduce((a, b) => a + b, 0);
  const largest = Math.max(1, ...totals);
  const keys = [...new Set(chart.rows.flatMap((row) => row.segments.map((s) => s.key)))];
  const showLegend = normalise && keys.length > 1;
  const labelWidth = Math.min(260, CHAR_WIDTH * Math.max(4, ...chart.rows.map((r) => r.label.length)) + 8);
  const barWidth = WIDTH - labelWidth - VALUE_WIDTH;
  const top = TITLE_HEIGHT + (showLegend ? LEGEND_HEIGHT : 0);
  const height = top + ROW_HEIGHT * chart.rows.length + 8;

  const lines: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" font-family="sans-serif" font-size="${FONT_SIZE}">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<desc>${escapeXml(chart.description)}</desc>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="4" y="18" font-size="14" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  if (showLegend) {
    let x = labelWidth;
    for (const key of keys) {
      lines.push(`<rect x="${at(x)}" y="${TITLE_HEIGHT + 2}" width="12" height="12" fill="${chart.colors[key] ?? DEFAULT_COLOR}"/>`);
      lines.push(`<text x="${at(x + 16)}" y="${TITLE_HEIGHT + 12}">${escapeXml(key)}</text>`);
      x += 16 + CHAR_WIDTH * key.length + 16;
    }
  }
  chart.rows.forEach((row, i) => {
    const y = top + i * ROW_HEIGHT;
    const total = totals[i]!;
    const scale = normalise ? (total === 0 ? 0 : barWidth / total) : barWidth / largest;
    lines.push(`<text x="${at(labelWidth - 6)}" y="${at(y + BAR_HEIGHT - 2)}" text-anchor="end">${escapeXml(row.label)}</text>`);
    let x = labelWidth;
    for (const segment of row.segments) {
      const width = segment.value * scale;
      if (width > 0) {
        const share = normalise ? percent(segment.value, total) : percent(segment.value, grandTotal);
        lines.push(
          `<rect x="${at(x)}" y="${y}" width="${at(width)}" height="${BAR_HEIGHT}" fill="${chart.colors[segment.key] ?? DEFAULT_COLOR}"><title>${escapeXml(`${row.label}, ${segment.key}: ${segment.value} (${share})`)}</title></rect>`,
        );
      }
      x += width;
    }
    const value = normalise ? `n = ${total}` : `${total} (${percent(total, grandTotal)})`;
    lines.push(`<text x="${at(x + 6)}" y="${at(y + BAR_HEIGHT - 2)}">${escapeXml(value)}</text>`);
  });
  lines.push('</svg>');
  return `${lines.join('\n')}\n`;
}
