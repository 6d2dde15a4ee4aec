/**
 * OUT is ours alone, and only what we wrote is replaced (issue #14).
 *
 * - A dataset directory is recognised by its manifest.json: the pipeline's
 *   own fields (`dataset` is this package's name) and the list of files it
 *   wrote. A build refuses an OUT holding a file that list does not name,
 *   and says which and what to do. Subdirectories (release/, eval/,
 *   notebook/: other targets' outputs) are carried into the new OUT, never deleted.
 * - An exclusive lock file beside OUT (`OUT.lock`, holding the build's pid)
 *   makes a second build into the same OUT fail at once; a lock whose
 *   process is gone is stale and taken over.
 * - The new dataset is written into `OUT.tmp-<pid>` (marked by a
 *   STAGING_MARKER file) and swapped in by two renames: OUT → `OUT.previous`,
 *   staging → OUT. At every instant the previous dataset is either OUT or
 *   `OUT.previous`; the next build under the lock finishes or undoes an
 *   interrupted swap before anything else.
 * - A sibling of OUT is removed only when it is certainly a leftover of this
 *   pipeline: it carries the marker (or is `OUT.previous`) and holds nothing
 *   but files the pipeline writes. Anything else (`OUT.tmp-backup`, a file of
 *   the user's inside a leftover) is left alone, with a warning.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isSpillSegmentName } from '../output/documents-spill.js';
import { TABLE_NAMES } from '../output/tables.js';
import { STORY_SIGNATURES_FILE } from './story-build.js';

/** The file that marks a staging directory as this pipeline's, holding the pid of the build that made it. */
export const STAGING_MARKER = '.rusia-barat-id-staging';

/**
 * Every name a build writes at the top of OUT or of its staging directory:
 * the tables, the manifest, the staging marker and a shard's story
 * signatures; besides these, the segments of the documents parked while the
 * stories are clustered (run/story-build.ts, isSpillSegmentName).
 */
const PIPELINE_FILE_NAMES = new Set([...TABLE_NAMES.flatMap((t) => [`${t}.arrow`, `${t}.csv`]), 'manifest.json', STAGING_MARKER, STORY_SIGNATURES_FILE]);

/** Is this a name a build writes (PIPELINE_FILE_NAMES, or a segment of the documents spill)? */
function isPipelineFileName(name: string): boolean {
  return PIPELINE_FILE_NAMES.has(name) || isSpillSegmentName(name);
}

/** The lock file, staging directory and previous-copy name of an OUT. */
export function siblingsOf(outDir: string): { lock: string; staging: string; previous: string } {
  return { lock: `${outDir}.lock`, staging: `${outDir}.tmp-${process.pid}`, previous: `${outDir}.previous` };
}

/** Is the process with this pid still running? (A zombie, killed but not yet reaped, is not.) */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (name) state ...": Z is a zombie.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): the signal check is all there is
  }
}

/** The pid a lock or staging-marker file names; 'gone' when there is no such file, 'unreadable' when it cannot be read or names no process. */
function pidIn(path: string): number | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'gone' : 'unreadable';
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : 'unreadable';
}

/**
 * Create the lock holding this process's pid, or return false when a lock is there.
 * The pid is written to a draft first and the draft hard-linked to the lock's
 * name, so the lock appears with its content: a build that finds it never
 * reads an empty file and mistakes it for a stale one (open 'wx' then write
 * left that window open, and two builds started at once both went ahead).
 */
function tryCreateLock(lock: string): boolean {
  const draft = `${lock}.${process.pid}`;
  try {
    writeFileSync(draft, `${process.pid}\n`);
    linkSync(draft, lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new Error(`Cannot create the lock ${lock} (${(error as Error).message}): choose a writable OUT=<dir> on a file system with hard links.`);
  } finally {
    rmSync(draft, { force: true });
  }
}

/** An exclusive lock on OUT, held by this process until released (also on exit). */
export class OutLock {
  private released = false;
  private readonly onExit = (): void => this.release();

  private constructor(readonly path: string) {
    process.once('exit', this.onExit);
  }

  /**
   * Take the lock beside `outDir`.
   * @throws Error naming the lock and the process holding it when another live build holds it
   */
  static acquire(outDir: string): OutLock {
    const { lock } = siblingsOf(outDir);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (tryCreateLock(lock)) return new OutLock(lock);
      const holder = pidIn(lock);
      if (holder === 'gone') continue; // released since our attempt
      if (holder === 'unreadable') throw new Error(`The lock ${lock} names no process: if no build is writing ${outDir}, delete ${lock} and start again.`);
      if (isAlive(holder))
        throw new Error(`Another build (process ${holder}) is writing ${outDir} (lock ${lock}): wait for it to finish, or choose another OUT=<dir>.`);
      // Stale: the build that took it is gone. Remove it only if it still names that process.
      if (pidIn(lock) === holder) rmSync(lock, { force: true });
    }
    throw new Error(`Cannot take the lock ${lock}: another build keeps taking it. Wait for it to finish, or choose another OUT=<dir>.`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    if (pidIn(this.path) === process.pid) unlinkSync(this.path);
  }
}

/** The file names a dataset directory's manifest says the pipeline wrote, or null when it is not this pipeline's manifest. */
function writtenFiles(dir: string, datasetName: string): Set<string> | null {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return null;
  }
  const m = manifest as { dataset?: unknown; files?: unknown; inputs?: unknown };
  if (m.dataset !== datasetName || !Array.isArray(m.files) || !Array.isArray(m.inputs)) return null;
  const names = m.files.map((f: { path?: unknown }) => f?.path);
  if (!names.every((n): n is string => typeof n === 'string')) return null;
  return new Set([...names, 'manifest.json', STAGING_MARKER]);
}

/**
 * OUT must be new, empty, hold only subdirectories, or be a dataset this
 * pipeline wrote holding nothing else at its top level.
 * @throws Error naming the files it did not write and the fix
 */
export function assertReplaceable(outDir: string, datasetName: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) throw new Error(`OUT ${outDir} is a file, not a directory: choose another OUT=<dir>.`);
  const files = readdirSync(outDir, { withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => e.name)
    .sort();
  if (files.length === 0) return;
  const written = writtenFiles(outDir, datasetName);
  const foreign = written === null ? files : files.filter((name) => !written.has(name));
  if (foreign.length === 0) return;
  const listed = `${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ` and ${foreign.length - 5} more` : ''}`;
  throw new Error(
    written === null
      ? `OUT ${outDir} holds files that are not a dataset (no manifest.json written by this pipeline): ${listed}. A build replaces OUT, so it never writes into a directory of other files: choose a new or empty OUT=<dir>.`
      : `OUT ${outDir} holds files this pipeline did not write: ${listed}. A build replaces the dataset's files, so it will not start while others are there: move them out of ${outDir} (subdirectories are kept), or choose another OUT=<dir>.`,
  );
}

/** Remove a leftover directory of this pipeline, file by file, only when it holds nothing but pipeline files; else warn. */
function removeLeftover(dir: string, why: string): void {
  const entries = readdirSync(dir, { withFileTypes: true });
  const foreign = entries.filter((e) => e.isDirectory() || !isPipelineFileName(e.name)).map((e) => e.name);
  if (foreign.length > 0) {
    process.stderr.write(`warning: ${dir} (${why}) also holds ${foreign.join(', ')}: left in place; move what you need and delete it.\n`);
    return;
  }
  for (const e of entries) unlinkSync(join(dir, e.name));
  rmdirSync(dir);
}

/** Move the subdirectories of `from` that `to` lacks into `to`. */
function carrySubdirectories(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true }))
    if (entry.isDirectory() && !existsSync(join(to, entry.name))) renameSync(join(from, entry.name), join(to, entry.name));
}

/**
 * Finish or undo what a killed build left beside OUT (call with the lock held):
 * a previous copy is put back when OUT is missing, or its subdirectories moved
 * into OUT and its dataset files removed when the swap had completed; a
 * staging directory of a dead build is removed when it holds only pipeline files.
 */
export function recoverInterruptedSwap(outDir: string): void {
  const { previous } = siblingsOf(outDir);
  if (existsSync(previous)) {
    if (!existsSync(outDir)) {
      renameSync(previous, outDir);
      process.stderr.write(`recovered the previous dataset ${outDir} from ${previous} (a build was stopped mid-swap)\n`);
    } else {
      carrySubdirectories(previous, outDir);
      removeLeftover(previous, 'the dataset replaced by an interrupted build');
    }
  }
  const parent = dirname(outDir);
  const prefix = `${basename(outDir)}.tmp-`;
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const dir = join(parent, name);
    const owner = pidIn(join(dir, STAGING_MARKER));
    // Not marked: not ours (OUT.tmp-backup). Marked by a live process: not ours to touch.
    if (typeof owner !== 'number' || owner === process.pid || isAlive(owner)) continue;
    removeLeftover(dir, 'left by a build that was stopped');
  }
}

/** Create OUT's parent, naming it when that fails. */
export function ensureParent(outDir: string): void {
  const parent = dirname(outDir);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw new Error(`Cannot create ${parent} for the output (${(error as Error).message}): choose a writable OUT=<dir>.`);
  }
}

/**
 * With the lock held: recover from an interrupted build, check OUT, and make this build's staging directory.
 * @throws Error naming the path when OUT holds files the pipeline did not write or its parent cannot be written
 */
export function prepareStaging(outDir: string, datasetName: string): string {
  recoverInterruptedSwap(outDir);
  assertReplaceable(outDir, datasetName);
  const { staging, previous } = siblingsOf(outDir);
  if (existsSync(previous))
    throw new Error(
      `${previous} is left from an interrupted build and holds files of yours (see the warning above): move them out of it and delete it, then build again.`,
    );
  try {
    mkdirSync(staging);
    writeFileSync(join(staging, STAGING_MARKER), `${process.pid}\n`);
  } catch (error) {
    throw new Error(`Cannot write to ${dirname(outDir)} (${(error as Error).message}): choose a writable OUT=<dir>.`);
  }
  return staging;
}

/**
 * Replace OUT by the complete staging directory (see the module comment):
 * OUT → OUT.previous, staging → OUT, subdirectories carried over, then the
 * previous dataset's files removed.
 */
export function swapIntoPlace(staging: string, outDir: string): void {
  const { previous } = siblingsOf(outDir);
  if (existsSync(outDir)) renameSync(outDir, previous);
  renameSync(staging, outDir);
  unlinkSync(join(outDir, STAGING_MARKER));
  if (existsSync(previous)) {
    carrySubdirectories(previous, outDir);
    removeLeftover(previous, 'the dataset this build replaced');
  }
}

/** Remove this build's own staging directory after a failure: only what the pipeline wrote into it. */
export function discardStaging(staging: string): void {
  if (existsSync(staging)) removeLeftover(staging, 'this build’s unfinished output');
}
