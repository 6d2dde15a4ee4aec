/**
 * Input order, which every table keeps (a sharded build must equal one run):
 * a row's place is its input's index in the manifest's full input list and,
 * for a JSONL line, the line number (`file.jsonl#L<n>`; a `#` in a file name
 * is written `%23`, so the suffix is unambiguous). The merge and the story
 * clustering of a merge both order rows by it.
 */

/** A row's place in input order: [input index, JSONL line (0 for a whole file)]. */
export type OrderKey = readonly [number, number];

/**
 * Maps a source_file to its place in input order.
 * @param inputs - the manifest's full input list, in input order
 * @param where - what reads the rows, for the error message (`A part`, `stories`)
 * @throws Error naming the source_file when it is not among the inputs
 */
export function orderKeyOf(inputs: readonly { readonly path: string }[], where: string): (sourceFile: string) => OrderKey {
  const index = new Map(inputs.map((input, i) => [input.path, i]));
  return (sourceFile) => {
    const whole = index.get(sourceFile);
    if (whole !== undefined) return [whole, 0];
    const match = /^(.*)#L(\d+)$/.exec(sourceFile);
    const file = match ? index.get(match[1]!) : undefined;
    if (match === null || file === undefined) throw new Error(`${where}: a row from ${sourceFile}, which is not among the inputs in the manifest.`);
    return [file, Number(match[2])];
  };
}

/** Input order of two keys, for sorting. */
export function compareKeys(a: OrderKey, b: OrderKey): number {
  return a[0] - b[0] || a[1] - b[1];
}
