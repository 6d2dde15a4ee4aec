/**
 * Where each CSV record ends, found by scanning its bytes: the oracle the
 * record ends the encoder writes (pipeline/output/csv-encode.ts) are checked
 * against.
 */

const QUOTE = 0x22;
const LF = 0x0a;

/** Byte offset after each CSV record (records end in CRLF; a quoted field may hold line breaks, a doubled quote toggles twice). */
export function scannedRecordEnds(csv: Uint8Array, rows: number): Int32Array {
  const ends = new Int32Array(rows);
  let quoted = false;
  let row = 0;
  for (let k = 0; k < csv.length; k++) {
    const byte = csv[k]!;
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === LF && !quoted) ends[row++] = k + 1;
  }
  if (row !== rows) throw new Error(`${rows} rows holds ${row} CSV records.`);
  return ends;
}
