/**
 * IN and OUT themselves, checked before anything is read or written (issue #14):
 * IN must be given (an empty IN= used to build from the repository root,
 * node_modules included), and OUT must not lie inside IN (the next build would
 * read its own previous output as articles). These are the only problems that
 * stop a build besides OUT's own (out-dir.ts); every input's problem is a row.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

/** A problem with how the command was called (the CLI exits 64 for it). */
export class UsageError extends Error {}

/** The real path of `path`, or of its nearest existing ancestor with the rest appended (OUT may not exist yet). */
function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPathOf(parent), basename(path));
  }
}

/**
 * IN and OUT resolved, after checking IN is given and OUT is not IN nor inside it.
 * @throws UsageError saying what to pass
 */
export function checkInAndOut(inDir: string, outDir: string): { inDir: string; outDir: string } {
  if (inDir.trim() === '') throw new UsageError('IN is empty: pass IN=<dir> with the articles (*.txt, *.jsonl).');
  if (outDir.trim() === '') throw new UsageError('OUT is empty: pass OUT=<dir> for the dataset.');
  const resolvedIn = resolve(inDir);
  const resolvedOut = resolve(outDir);
  const realIn = realPathOf(resolvedIn);
  const realOut = realPathOf(resolvedOut);
  if (realOut === realIn || realOut.startsWith(`${realIn}${sep}`))
    throw new UsageError(
      `OUT ${resolvedOut} is inside IN ${resolvedIn}: the next build would read its own output as articles. Choose an OUT=<dir> outside IN.`,
    );
  return { inDir: resolvedIn, outDir: resolvedOut };
}
