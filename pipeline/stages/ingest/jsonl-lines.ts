/**
 * Stage 1, ingest: the lines of a JSONL file, streamed (CODEBOOK.md section 1).
 *
 * Lines end at LF, CRLF or a lone CR (a CR-only file is many lines, not one).
 * A line is kept as the list of its pieces and joined once when it ends, so a
 * line of any length costs time linear in its bytes (issue #14: the reader
 * re-joined its carry buffer on every chunk), and a line is dropped as soon as
 * it passes the size limit, counted on the bytes read, never buffered whole.
 */
import type { Hash } from 'node:crypto';

/** One line of a JSONL file: its bytes, or only its size when it is over the limit. */
export type JsonlLine = { readonly bytes: Buffer } | { readonly oversizeBytes: number };

const LF = 0x0a;
const CR = 0x0d;

/**
 * The lines of a byte stream, each at most `maxBytes` bytes (longer ones come as their size only).
 * @param hash - when given, every byte read is added to it (the digest of the bytes actually processed)
 */
export async function* byteLines(chunks: AsyncIterable<Buffer>, maxBytes: number, hash?: Hash): AsyncGenerator<JsonlLine> {
  let pieces: Buffer[] = [];
  let length = 0;
  let oversize = false;
  let afterCR = false;
  const take = (): JsonlLine => {
    const line: JsonlLine = oversize ? { oversizeBytes: length } : { bytes: pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, length) };
    pieces = [];
    length = 0;
    oversize = false;
    return line;
  };
  const append = (part: Buffer, copy: boolean): void => {
    length += part.length;
    if (oversize || part.length === 0) return;
    if (length > maxBytes) {
      oversize = true;
      pieces = [];
    } else pieces.push(copy ? Buffer.from(part) : part);
  };
  for await (const chunk of chunks) {
    hash?.update(chunk);
    let start = 0;
    // A CR ended the last chunk: an LF opening this one belongs to it (CRLF).
    if (afterCR && chunk[0] === LF) start = 1;
    afterCR = false;
    let nextLF = chunk.indexOf(LF, start);
    let nextCR = chunk.indexOf(CR, start);
    for (;;) {
      if (nextLF < 0 && nextCR < 0) break;
      const end = nextLF < 0 ? nextCR : nextCR < 0 ? nextLF : Math.min(nextLF, nextCR);
      append(chunk.subarray(start, end), false);
      yield take();
      if (chunk[end] === CR) {
        if (end + 1 === chunk.length) afterCR = true;
        start = chunk[end + 1] === LF ? end + 2 : end + 1;
      } else start = end + 1;
      if (nextLF >= 0 && nextLF < start) nextLF = chunk.indexOf(LF, start);
      if (nextCR >= 0 && nextCR < start) nextCR = chunk.indexOf(CR, start);
    }
    // The rest of the chunk continues into the next one: copied, as the stream may reuse its buffer.
    append(chunk.subarray(start), true);
  }
  if (length > 0 || oversize) yield take();
}

/**
 * The number token of a top-level key of a JSON object, as written (`"id": 1234567890123456789`
 * → `1234567890123456789`), or null when that key's last value is not a number. JSON.parse would
 * round a long number to a double and two ids could collide (issue #14); the text is what was meant.
 * Assumes `line` is valid JSON (it has been parsed).
 */
export function rawNumberOfKey(line: string, key: string): string | null {
  let depth = 0;
  let found: string | null = null;
  let i = 0;
  const n = line.length;
  /** The end of the string starting at the quote at i. */
  const stringEnd = (from: number): number => {
    let k = from + 1;
    while (k < n && line[k] !== '"') k += line[k] === '\\' ? 2 : 1;
    return k + 1;
  };
  while (i < n) {
    const c = line[i]!;
    if (c === '"') {
      const end = stringEnd(i);
      if (depth === 1) {
        let k = end;
        while (k < n && /\s/.test(line[k]!)) k++;
        if (line[k] === ':') {
          // A key of the top-level object: read its value when it is the one asked for.
          if ((JSON.parse(line.slice(i, end)) as string) === key) {
            k++;
            while (k < n && /\s/.test(line[k]!)) k++;
            const number = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(line.slice(k, k + 400));
            found = number === null ? null : number[0];
          }
          i = k;
          continue;
        }
      }
      i = end;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    i++;
  }
  return found;
}
