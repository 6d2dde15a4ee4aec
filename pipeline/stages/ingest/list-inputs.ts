/**
 * Stage 1, ingest: which files under the input directory are inputs
 * (CODEBOOK.md section 1, rejected.reason).
 *
 * Every entry under IN becomes one InputFile, in sorted order; the ones that
 * cannot be read as articles carry the rejection they will become, so that one
 * odd entry never stops a build (issue #14):
 * - regular files are inputs;
 * - a symbolic link is followed when it leads to a regular file inside IN
 *   (the real path is read, so the link cannot be swapped mid-build); a link
 *   out of IN is `outside_input`, a dangling or looping one `unreadable`, a
 *   link to a directory `not_a_file` (a directory inside IN is read where it is);
 * - FIFOs, sockets and devices are `not_a_file`: never opened, so a FIFO
 *   cannot hang the build nor /dev/zero fill the memory;
 * - a name that is not valid UTF-8 is `bad_file_name`.
 *
 * source_file is the path relative to IN, `/`-separated, with `%` written
 * `%25` and `#` written `%23`: `#L<n>` then only ever marks a JSONL line, so
 * every source_file is unique (a file named `a.jsonl#L2` is `a.jsonl%23L2`).
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { RejectionReason } from '../../types.js';

/** Why an entry under IN is not read: the rejection it becomes. */
export interface InputProblem {
  readonly reason: RejectionReason;
  readonly detail: string;
}

/** One entry under the input directory. */
export interface InputFile {
  /** Path relative to the input directory, `/`-separated, `%` and `#` escaped: the source_file. */
  readonly path: string;
  /** Where its bytes are read (a followed link's real path). */
  readonly absolutePath: string;
  /** Its size when listed (0 for an entry that is not read). */
  readonly bytes: number;
  /** Set when the entry will not be read, with the rejection it becomes. */
  readonly problem?: InputProblem;
  /** Its SHA-256 when digested before the build: a read that finds other bytes is `changed_during_build`. */
  readonly sha256?: string;
}

/** The source_file of a relative path: `%` → `%25`, `#` → `%23` (see the module comment). */
export function escapeSourcePath(path: string): string {
  return path.replace(/[%#]/g, (c) => (c === '%' ? '%25' : '%23'));
}

/** Does a file name decode as UTF-8 and encode back to the same bytes? */
function isUtf8Name(name: Buffer): boolean {
  return Buffer.from(name.toString('utf8'), 'utf8').equals(name);
}

/** A system error's code and message, for a rejection's detail. */
function describe(error: unknown): string {
  return (error as Error).message;
}

/** Is `path` (a real path) `root` or inside it? */
function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/**
 * Every entry under `inDir`, recursively, sorted by source_file (code-unit order).
 * @throws Error naming the path when `inDir` is missing, not a directory or unreadable: only IN itself stops a build.
 */
export function listInputFiles(inDir: string): InputFile[] {
  let stat;
  try {
    stat = statSync(inDir);
  } catch {
    throw new Error(`Input directory ${inDir} does not exist: pass IN=<dir> with the articles (*.txt, *.jsonl).`);
  }
  if (!stat.isDirectory()) throw new Error(`Input ${inDir} is not a directory: pass IN=<dir> holding *.txt / *.jsonl files.`);
  const realIn = realpathSync(inDir);
  const files: InputFile[] = [];
  const add = (absolutePath: string, rest: Omit<InputFile, 'path' | 'absolutePath'> & { readonly readFrom?: string }): void => {
    const path = escapeSourcePath(relative(inDir, absolutePath).split(sep).join('/'));
    const { readFrom, ...fields } = rest;
    files.push({ path, absolutePath: readFrom ?? absolutePath, ...fields });
  };
  const problem = (reason: RejectionReason, detail: string) => ({ bytes: 0, problem: { reason, detail } });
  const walk = (dir: string, isRoot: boolean): void => {
    let entries: Dirent<Buffer>[];
    try {
      entries = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      // IN itself unreadable stops the build; a subdirectory is one more input that failed.
      if (isRoot) throw new Error(`Cannot read input directory ${dir} (${describe(error)}): check its permissions.`);
      add(dir, problem('unreadable', `Cannot read the directory: ${describe(error)}.`));
      return;
    }
    for (const entry of entries) {
      const name = entry.name.toString('utf8');
      const absolutePath = join(dir, name);
      if (!isUtf8Name(entry.name)) {
        add(absolutePath, problem('bad_file_name', 'The file name is not valid UTF-8, so it cannot be recorded exactly: rename the file.'));
      } else if (entry.isDirectory()) walk(absolutePath, false);
      else if (entry.isFile()) {
        try {
          add(absolutePath, { bytes: statSync(absolutePath).size });
        } catch (error) {
          add(absolutePath, problem('unreadable', `Cannot read the file: ${describe(error)}.`));
        }
      } else if (entry.isSymbolicLink()) add(absolutePath, followLink(absolutePath, realIn, problem));
      else add(absolutePath, problem('not_a_file', 'Not a regular file (a FIFO, socket or device): only files are read.'));
    }
  };
  walk(inDir, true);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Where a symbolic link leads, as the fields of its InputFile. */
function followLink(
  link: string,
  realIn: string,
  problem: (reason: RejectionReason, detail: string) => { bytes: number; problem: InputProblem },
): { bytes: number; problem?: InputProblem; readFrom?: string } {
  let target: string;
  try {
    target = realpathSync(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ELOOP' ? 'a loop of symbolic links' : code === 'ENOENT' ? 'a dangling symbolic link (its target is gone)' : 'a symbolic link';
    return problem('unreadable', `Cannot follow ${what}: ${describe(error)}.`);
  }
  if (!isInside(target, realIn))
    return problem('outside_input', `A symbolic link to ${target}, outside the input directory: only links inside IN are followed. Copy the file into IN.`);
  let stat;
  try {
    stat = statSync(target);
  } catch (error) {
    return problem('unreadable', `Cannot read the link's target ${target}: ${describe(error)}.`);
  }
  if (stat.isDirectory())
    return problem(
      'not_a_file',
      `A symbolic link to the directory ${target}, inside IN: its files are read under their own paths, not again through the link.`,
    );
  if (!stat.isFile()) return problem('not_a_file', `A symbolic link to ${target}, which is not a regular file (a FIFO, socket or device).`);
  return { bytes: stat.size, readFrom: target };
}
