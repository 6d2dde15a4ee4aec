/**
 * A gzipped POSIX tar (ustar) archive whose bytes depend only on the files'
 * paths and contents: entries in sorted path order, one fixed mtime, owner
 * and group 0 with no names, modes 0644 / 0755, and a gzip header without a
 * timestamp or file name. The same directory gives the same archive on any
 * machine running the same zlib (Node bundles its own).
 *
 * The archive is streamed, file by file, so its size costs no memory.
 */
import { createReadStream, createWriteStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';

const BLOCK = 512;
/** GNU tar and Python's tarfile pad archives to records of 20 blocks. */
const RECORD = 20 * BLOCK;

/** One entry: a directory (path ends in `/`) or a regular file. */
interface Entry {
  readonly path: string;
  readonly absolutePath: string;
  readonly directory: boolean;
}

/** Every directory and file under `dir`, as archive paths under `root/`, sorted by code unit. */
function entries(dir: string, root: string): Entry[] {
  const found: Entry[] = [{ path: `${root}/`, absolutePath: dir, directory: true }];
  const walk = (absolute: string, prefix: string): void => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const path = `${prefix}${entry.name}`;
      const absolutePath = join(absolute, entry.name);
      if (entry.isDirectory()) {
        found.push({ path: `${path}/`, absolutePath, directory: true });
        walk(absolutePath, `${path}/`);
      } else if (entry.isFile()) {
        found.push({ path, absolutePath, directory: false });
      } else {
        throw new Error(`archive: ${absolutePath} is neither a file nor a directory; a release holds only plain files.`);
      }
    }
  };
  walk(dir, `${root}/`);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Write `value` as a NUL-terminated octal number of `width` bytes. */
function octal(header: Buffer, offset: number, width: number, value: number): void {
  const text = value.toString(8).padStart(width - 1, '0');
  if (text.length > width - 1) throw new Error(`archive: ${value} does not fit a ${width}-byte tar field.`);
  header.write(`${text}\0`, offset, 'ascii');
}

/** Split a path into ustar's prefix (≤155 bytes) and name (≤100 bytes). */
function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: '' };
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  for (let cut = trimmed.indexOf('/'); cut !== -1; cut = trimmed.indexOf('/', cut + 1)) {
    const prefix = trimmed.slice(0, cut);
    const name = path.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new Error(`archive: the path ${path} is too long for a ustar header; shorten it.`);
}

/** The 512-byte ustar header of an entry. */
function header(entry: Entry, size: number, mtime: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const { name, prefix } = splitPath(entry.path);
  block.write(name, 0, 100, 'utf8');
  octal(block, 100, 8, entry.directory ? 0o755 : 0o644);
  octal(block, 108, 8, 0); // uid
  octal(block, 116, 8, 0); // gid
  octal(block, 124, 12, size);
  octal(block, 136, 12, mtime);
  block.write(entry.directory ? '5' : '0', 156, 1, 'ascii');
  block.write('ustar\0', 257, 6, 'ascii');
  block.write('00', 263, 2, 'ascii');
  // uname, gname left empty: the archive names no user.
  block.write(prefix, 345, 155, 'utf8');
  // The checksum is computed with its own field read as eight spaces.
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return block;
}

/** The tar stream: header, contents and padding of every entry, then the end-of-archive blocks. */
async function* tarStream(all: readonly Entry[], mtime: number): AsyncGenerator<Buffer> {
  let written = 0;
  for (const entry of all) {
    if (entry.directory) {
      yield header(entry, 0, mtime);
      written += BLOCK;
      continue;
    }
    const size = statSync(entry.absolutePath).size;
    yield header(entry, size, mtime);
    let streamed = 0;
    for await (const chunk of createReadStream(entry.absolutePath)) {
      streamed += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (streamed !== size) throw new Error(`archive: ${entry.absolutePath} changed while it was archived; rerun the release.`);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (padding > 0) yield Buffer.alloc(padding);
    written += BLOCK + size + padding;
  }
  const end = 2 * BLOCK;
  written += end;
  yield Buffer.alloc(end + ((RECORD - (written % RECORD)) % RECORD));
}

/**
 * Archive `dir` as `<root>/...` into the gzipped tar file `outPath`.
 *
 * @param dir - The directory to archive.
 * @param root - The name of the top directory inside the archive (e.g. `rusia-barat-id-0.1.0`).
 * @param outPath - Where to write the `.tar.gz`.
 * @param mtime - Seconds since the epoch, used as every entry's modification time.
 * @returns The archived paths, in archive order.
 * @example
 * await deterministicTarGz('output/release/x-1.0.0', 'x-1.0.0', 'output/release/x-1.0.0.tar.gz', 1700000000);
 */
export async function deterministicTarGz(dir: string, root: string, outPath: string, mtime: number): Promise<string[]> {
  const all = entries(dir, root);
  // Node's gzip header carries mtime 0 and no file name; level 9 for the smallest archive.
  await pipeline(Readable.from(tarStream(all, mtime)), createGzip({ level: constants.Z_BEST_COMPRESSION }), createWriteStream(outPath));
  return all.map((e) => e.path);
}
