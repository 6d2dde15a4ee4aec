/**
 * `make show DOC=<doc_id or source_file> [OUT=<dataset dir>]`: one article in
 * the terminal, with everything the tables say about it (terminal.ts).
 * Colour when stdout is a terminal (NO_COLOR turns it off, FORCE_COLOR on),
 * plain text in a pipe. Exit codes: 0 shown, 1 no such document or no dataset.
 */
import { parseArgs } from 'node:util';
import { documentMatches, readDocumentBundles } from './read-dataset.js';
import { documentText } from './terminal.js';

const USAGE = `usage: tsx pipeline/inspect/show.ts --doc <doc_id or source_file> [--dataset <dir>]
  --doc      a doc_id, a source_file as documents.source_file gives it, or its file name
  --dataset  the dataset directory (make dataset's OUT; a release directory works too; default output)`;

/** Whether to colour: NO_COLOR and FORCE_COLOR (https://no-color.org) first, else whether stdout is a terminal. */
export function useColour(env: Readonly<Record<string, string | undefined>>, isTty: boolean): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '' && env['FORCE_COLOR'] !== '0') return true;
  return isTty;
}

/**
 * The text `make show` prints for a document.
 *
 * @param dataset - The dataset directory.
 * @param key - A doc_id, source_file or file name.
 * @param colour - ANSI colour or plain.
 * @throws Error naming the key and the dataset when no document (or more than one) matches.
 */
export async function showDocument(dataset: string, key: string, colour: boolean): Promise<string> {
  const bundles = await readDocumentBundles(dataset, (row) => documentMatches(row, key));
  if (bundles.length === 0)
    throw new Error(`no document in ${dataset} has doc_id or source_file ${JSON.stringify(key)}; documents.csv lists them (column doc_id, source_file).`);
  if (bundles.length > 1) {
    const ids = bundles.map((b) => `${b.document['doc_id']} (${b.document['source_file']})`).join(', ');
    throw new Error(`${bundles.length} documents in ${dataset} match ${JSON.stringify(key)}: ${ids}. Give the doc_id.`);
  }
  return documentText(bundles[0]!, colour);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { doc: { type: 'string' }, dataset: { type: 'string', default: 'output' }, help: { type: 'boolean' } } });
  if (values.help || values.doc === undefined || values.doc === '') {
    process.stderr.write(`${values.help ? '' : 'error: DOC= is missing: make show DOC=<doc_id or source_file>\n'}${USAGE}\n`);
    return values.help ? 0 : 1;
  }
  process.stdout.write(await showDocument(values.dataset, values.doc, useColour(process.env, process.stdout.isTTY === true)));
  return 0;
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
