/**
 * Stage 1, ingest: turn the files under an input directory into RawDocuments,
 * or into Rejections that say why a file (or JSONL line) could not be used.
 *
 * Input: every `*.txt` file (one article, UTF-8) and every `*.jsonl` file
 * (one article per line: `{"id"?, "text", "url"?, "title"?, "published_at"?}`)
 * under the input directory, recursively. Any other file is recorded as
 * `unsupported_type`, so that every input ends as a document or a rejection.
 *
 * Files are visited in sorted path order, JSONL lines in line order: the
 * order of the output never depends on how the file system lists a directory.
 * This is the only stage besides the writer that touches the disk.
 *
 * One input can fail, the build cannot (issue #14): which entries are read is
 * list-inputs.ts, decoding decode.ts, JSONL lines jsonl-lines.ts; every read
 * error becomes an `unreadable` rejection naming the path, and the size limit
 * counts the bytes actually read (a file growing, or lying about its size).
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import type { RawDocument, Rejection, RejectionReason } from '../../types.js';
import { decodeText, utf16ByteOrder } from './decode.js';
import { byteLines, rawNumberOfKey } from './jsonl-lines.js';
import { listInputFiles, type InputFile } from './list-inputs.js';

export { decodeText, type DecodedText } from './decode.js';
export { escapeSourcePath, listInputFiles, type InputFile, type InputProblem } from './list-inputs.js';

/** Articles larger than this are rejected as `too_large` (a whole book pasted into a crawl is not news). */
export const DEFAULT_MAX_ARTICLE_BYTES = 20 * 1024 * 1024;

/** A share of control characters above this marks a file as binary rather than text. */
const MAX_CONTROL_CHARACTER_SHARE = 0.1;

/** Markup detection: a document opening like HTML/XML, or dense with tags. */
const MARKUP_OPENING = /^\s*<(?:!doctype\s+html|html|head|body|\?xml)\b/i;
// `[^<>]*`, not `[^>]*`: a tag ends before the next `<`, so a text of `<p` without `>` costs linear time, not quadratic (issue #14).
const MARKUP_TAG = /<\/?(?:p|div|span|a|br|img|script|style|table|tr|td|li|ul|h[1-6]|meta|link)\b[^<>]*>/gi;
const MARKUP_TAGS_PER_KB = 3;

export interface IngestOptions {
  /**
   * Largest article accepted, in bytes of UTF-8.
   * @default DEFAULT_MAX_ARTICLE_BYTES
   */
  readonly maxArticleBytes?: number;
  /** Told of every article decoded as UTF-8 with some invalid sequences replaced by U+FFFD, and how many. */
  readonly onReplacements?: (sourceFile: string, replaced: number) => void;
}

/**
 * A file's bytes differ from its digest taken before the build: something
 * wrote to it meanwhile. A JSONL file's lines are already on their way when
 * this is found, so the build starts again (build-dataset.ts).
 */
export class InputChangedError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed while the dataset was being built: stop writing to the input directory during a build, then run it again.`);
  }
}

/** SHA-256 hex of a file's bytes, streamed so a multi-GB JSONL file costs no memory. */
export async function sha256OfFile(absolutePath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(absolutePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * The stable, content-derived document id: the first 16 hex digits of the
 * SHA-256 of the text with whitespace runs collapsed and ends trimmed, so two
 * copies of an article that differ only in BOM, line endings or spacing get
 * one id (and the second is rejected as a duplicate).
 */
export function documentId(rawText: string): string {
  return documentIdOfUtf8(Buffer.from(rawText, 'utf8'));
}

/**
 * documentId of a text given as its UTF-8 bytes, which are overwritten.
 * Also right for the bytes of a .txt file that decode as UTF-8, before BOM
 * stripping and line-ending normalisation: a BOM and CRs are whitespace,
 * which the hash collapses and trims anyway. Hashing the file's bytes saves
 * encoding the decoded text again.
 */
function documentIdOfUtf8(bytes: Buffer): string {
  return createHash('sha256').update(collapseWhitespace(bytes)).digest('hex').slice(0, 16);
}

/**
 * How many bytes of JavaScript whitespace (`\s`: WhiteSpace and
 * LineTerminator, i.e. U+0009–U+000D, U+0020, U+00A0, U+1680, U+2000–U+200A,
 * U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF) start at `i` in UTF-8
 * bytes; 0 when none does.
 */
function whitespaceBytes(bytes: Uint8Array, i: number): number {
  const x = bytes[i]!;
  if (x < 0x80) return x === 0x20 || (x >= 0x09 && x <= 0x0d) ? 1 : 0;
  if (x === 0xc2) return bytes[i + 1] === 0xa0 ? 2 : 0;
  if (x === 0xe2) {
    const y = bytes[i + 1];
    const z = bytes[i + 2]!;
    if (y === 0x80) return (z >= 0x80 && z <= 0x8a) || z === 0xa8 || z === 0xa9 || z === 0xaf ? 3 : 0;
    return y === 0x81 && z === 0x9f ? 3 : 0;
  }
  if (x === 0xe1) return bytes[i + 1] === 0x9a && bytes[i + 2] === 0x80 ? 3 : 0;
  if (x === 0xe3) return bytes[i + 1] === 0x80 && bytes[i + 2] === 0x80 ? 3 : 0;
  if (x === 0xef) return bytes[i + 1] === 0xbb && bytes[i + 2] === 0xbf ? 3 : 0;
  return 0;
}

/**
 * The UTF-8 of `text.replace(/\s+/g, ' ').trim()`, computed on the bytes in
 * place: the same result as the string form at a fraction of the cost (no
 * second string, no regular expression), which matters because every input
 * is hashed on the main thread.
 */
function collapseWhitespace(bytes: Buffer): Buffer {
  const n = bytes.length;
  let out = 0;
  let i = 0;
  while (i < n) {
    // A run of ASCII that is not whitespace: moved down over the bytes dropped so far.
    let x = bytes[i]!;
    if (out === i) {
      while (x > 0x20 && x < 0x80 && ++i < n) x = bytes[i]!;
      out = i;
    } else {
      while (x > 0x20 && x < 0x80) {
        bytes[out++] = x;
        if (++i === n) break;
        x = bytes[i]!;
      }
    }
    if (i === n) break;
    const w = whitespaceBytes(bytes, i);
    if (w === 0) {
      bytes[out++] = x;
      i++;
      continue;
    }
    // A run of whitespace: one space, unless it starts or ends the text.
    i += w;
    for (let more = i < n ? whitespaceBytes(bytes, i) : 0; more > 0; more = i < n ? whitespaceBytes(bytes, i) : 0) i += more;
    if (out > 0 && i < n) bytes[out++] = 0x20;
  }
  return bytes.subarray(0, out);
}

/** Strip a BOM and normalise CRLF / CR line endings to LF. Nothing else changes. */
export function normaliseText(text: string): string {
  const withoutBom = text.replace(/^\uFEFF/, '');
  // Most texts have no CR: a search for one is much cheaper than the replace finding none.
  return withoutBom.includes('\r') ? withoutBom.replace(/\r\n?/g, '\n') : withoutBom;
}

function isBinary(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return true;
  let control = 0;
  const sample = Math.min(bytes.length, 65536);
  for (let i = 0; i < sample; i++) {
    const b = bytes[i]!;
    if (b < 9 || (b > 13 && b < 32) || b === 127) control++;
  }
  return sample > 0 && control / sample > MAX_CONTROL_CHARACTER_SHARE;
}

function looksLikeMarkup(text: string): boolean {
  if (MARKUP_OPENING.test(text)) return true;
  // Without a `<` there is no tag: skip the regular expression's pass over the text.
  const tags = text.includes('<') ? (text.match(MARKUP_TAG)?.length ?? 0) : 0;
  return tags >= 5 && tags / (text.length / 1024) >= MARKUP_TAGS_PER_KB;
}

function reject(source_file: string, reason: RejectionReason, detail: string): Rejection {
  return { source_file, reason, detail, kept_doc_id: null };
}

/**
 * Checks shared by .txt files and JSONL records once the text is decoded.
 * `utf8Bytes`, when given, are the bytes `text` was decoded from as UTF-8,
 * free to be overwritten: the id is hashed from them (see documentIdOfUtf8).
 */
function toRawDocument(
  source_file: string,
  text: string,
  encoding: RawDocument['encoding'],
  given: RawDocument['given'],
  utf8Bytes: Buffer | null = null,
): RawDocument | Rejection {
  const raw_text = normaliseText(text);
  if (raw_text.trim() === '') return reject(source_file, 'empty', 'The article is empty or only whitespace.');
  if (looksLikeMarkup(raw_text)) return reject(source_file, 'markup', 'The article is HTML/XML markup, not plain text: extract the article text first.');
  const doc_id = utf8Bytes === null ? documentId(raw_text) : documentIdOfUtf8(utf8Bytes);
  return { doc_id, source_file, raw_text, encoding, given };
}

/** Bytes read at a time from a file whose size is not trusted. */
const READ_CHUNK_BYTES = 1 << 20;

/**
 * Open a file for reading without blocking (a FIFO put in place of a file
 * after listing must not hang the build) and check it is a regular file.
 * @returns its descriptor and size, or the rejection it becomes
 */
function openRegularFile(file: InputFile): { fd: number; size: number } | Rejection {
  let fd: number;
  try {
    fd = openSync(file.absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return reject(file.path, 'unreadable', `Cannot open ${file.absolutePath}: ${(error as Error).message}.`);
  }
  const stat = fstatSync(fd);
  if (!stat.isFile()) {
    closeSync(fd);
    return reject(file.path, 'not_a_file', `${file.absolutePath} is no longer a regular file (a FIFO, socket or device).`);
  }
  return { fd, size: stat.size };
}

/**
 * At most `limit + 1` bytes of an open file: the size limit is enforced on the
 * bytes read, so a file that grows or reports a wrong size cannot fill the memory.
 */
function readAtMost(fd: number, size: number, limit: number): Buffer {
  let buffer = Buffer.allocUnsafe(Math.min(size, limit) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) break;
      const grown = Buffer.allocUnsafe(Math.min(limit + 1, length + READ_CHUNK_BYTES));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return buffer.subarray(0, length);
}

/** Read one `.txt` article. */
export function readTextFile(file: InputFile, options: IngestOptions = {}): RawDocument | Rejection {
  const limit = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  if (file.problem) return reject(file.path, file.problem.reason, file.problem.detail);
  if (file.bytes > limit) return reject(file.path, 'too_large', `${file.bytes} bytes is over the ${limit}-byte article limit (MAX_ARTICLE_BYTES).`);
  const opened = openRegularFile(file);
  if ('reason' in opened) return opened;
  let bytes: Buffer;
  try {
    bytes = readAtMost(opened.fd, opened.size, limit);
  } catch (error) {
    return reject(file.path, 'unreadable', `Cannot read ${file.absolutePath}: ${(error as Error).message}.`);
  } finally {
    closeSync(opened.fd);
  }
  if (bytes.length > limit) return reject(file.path, 'too_large', `More than ${limit} bytes read: over the ${limit}-byte article limit (MAX_ARTICLE_BYTES).`);
  if (file.sha256 !== undefined && createHash('sha256').update(bytes).digest('hex') !== file.sha256)
    return reject(
      file.path,
      'changed_during_build',
      'The file changed while the dataset was being built (its bytes differ from the digest in the manifest): run the build again.',
    );
  if (bytes.length === 0) return reject(file.path, 'empty', 'The file is empty.');
  if (utf16ByteOrder(bytes) === null && isBinary(bytes)) return reject(file.path, 'binary', 'The file holds binary data (NUL or control bytes), not text.');
  const { text, encoding, replaced } = decodeText(bytes);
  if (replaced > 0) options.onReplacements?.(file.path, replaced);
  const given = { id: null, url: null, title: null, published_at: null };
  return toRawDocument(file.path, text, encoding, given, encoding === 'utf-8' && replaced === 0 ? bytes : null);
}

function optionalString(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** The JSONL fields the pipeline reads; any other is named in the build summary (given.unused_fields). */
const JSONL_FIELDS_READ: ReadonlySet<string> = new Set(['id', 'text', 'url', 'title', 'published_at']);

/** Parse one JSONL line (already decoded) into a RawDocument or a Rejection. */
export function parseJsonlLine(
  source_file: string,
  line: string,
  options: IngestOptions = {},
  encoding: RawDocument['encoding'] = 'utf-8',
): RawDocument | Rejection {
  const limit = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes > limit) return reject(source_file, 'too_large', `${bytes} bytes is over the ${limit}-byte article limit (MAX_ARTICLE_BYTES).`);
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    return reject(source_file, 'malformed_jsonl', `Not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return reject(source_file, 'malformed_jsonl', 'The line is JSON but not an object: expected {"text": "...", ...}.');
  const fields = record as Record<string, unknown>;
  if (typeof fields['text'] !== 'string') {
    const keys = Object.keys(fields).join(', ') || 'none';
    return reject(source_file, 'missing_text', `No string "text" field (keys: ${keys}).`);
  }
  const id = fields['id'];
  const unused = Object.keys(fields).filter((key) => !JSONL_FIELDS_READ.has(key));
  return toRawDocument(source_file, fields['text'], encoding, {
    // A number id as written: JSON.parse rounds long ones (1234567890123456789 and …790 would collide).
    id: typeof id === 'string' ? id : typeof id === 'number' ? (rawNumberOfKey(line, 'id') ?? String(id)) : null,
    url: optionalString(fields, 'url'),
    title: optionalString(fields, 'title'),
    published_at: optionalString(fields, 'published_at'),
    ...(unused.length > 0 ? { unused_fields: unused.sort() } : {}),
  });
}

/**
 * Every non-blank line of a JSONL file, streamed, each decoded on its own
 * (decode.ts), so one badly encoded line does not spoil the rest of the file.
 * @throws InputChangedError when the bytes read differ from the file's digest taken before the build
 */
async function* readJsonlFile(file: InputFile, options: IngestOptions): AsyncGenerator<RawDocument | Rejection> {
  const limit = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
  const opened = openRegularFile(file);
  if ('reason' in opened) {
    yield opened;
    return;
  }
  const hash = createHash('sha256');
  let lineNumber = 0;
  const stream = createReadStream('', { fd: opened.fd, autoClose: true });
  try {
    for await (const line of byteLines(stream, limit, hash)) {
      lineNumber++;
      const source_file = `${file.path}#L${lineNumber}`;
      if ('oversizeBytes' in line) {
        yield reject(source_file, 'too_large', `${line.oversizeBytes} bytes is over the ${limit}-byte article limit (MAX_ARTICLE_BYTES).`);
        continue;
      }
      const { bytes } = line;
      if (lineNumber === 1 && utf16ByteOrder(bytes) !== null) {
        yield reject(file.path, 'undecodable', 'A UTF-16 JSONL file: JSONL is read as UTF-8, one record per line. Convert the file to UTF-8.');
        return;
      }
      if (bytes.includes(0)) {
        yield reject(source_file, 'binary', 'The line holds NUL bytes: binary data, not a JSON text record.');
        continue;
      }
      const { text, encoding, replaced } = decodeText(bytes);
      if (text.trim() === '') continue;
      if (replaced > 0) options.onReplacements?.(source_file, replaced);
      yield parseJsonlLine(source_file, lineNumber === 1 ? text.replace(/^\uFEFF/, '') : text, options, encoding);
    }
  } catch (error) {
    // A read error part-way (EIO, a file truncated under us): the rest of the file is one rejection.
    yield reject(`${file.path}#L${lineNumber + 1}`, 'unreadable', `Cannot read ${file.absolutePath} after line ${lineNumber}: ${(error as Error).message}.`);
    return;
  } finally {
    stream.destroy();
  }
  if (file.sha256 !== undefined && hash.digest('hex') !== file.sha256) throw new InputChangedError(file.path);
}

/**
 * Every article under `inDir`, in stable order: a RawDocument for each usable
 * article, a Rejection for everything else. Duplicates are found later, by
 * doc_id, when the stream is assembled (see build-dataset.ts).
 */
export async function* readInputs(
  inDir: string,
  options: IngestOptions = {},
  files: readonly InputFile[] = listInputFiles(inDir),
): AsyncGenerator<RawDocument | Rejection> {
  for (const file of files) yield* readInputFile(file, options);
}

/** Every article of one input file: one for a `.txt`, one per non-blank line of a `.jsonl`, a rejection for anything else. */
export async function* readInputFile(file: InputFile, options: IngestOptions = {}): AsyncGenerator<RawDocument | Rejection> {
  if (file.problem) yield reject(file.path, file.problem.reason, file.problem.detail);
  else if (file.path.endsWith('.txt')) yield readTextFile(file, options);
  else if (file.path.endsWith('.jsonl')) yield* readJsonlFile(file, options);
  else yield reject(file.path, 'unsupported_type', 'Only *.txt (one article) and *.jsonl (one article per line) are read.');
}

/** True for a Rejection, false for a RawDocument. */
export function isRejection(item: RawDocument | Rejection): item is Rejection {
  return 'reason' in item && !('raw_text' in item);
}
