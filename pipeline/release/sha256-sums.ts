/**
 * SHA256SUMS in the format of GNU coreutils (`sha256sum -c SHA256SUMS`
 * checks it): one `<hex>  <path>` line per file, paths relative and sorted.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileDigest } from '../output/write-dataset.js';

/** Every file under `dir`, as `/`-separated relative paths in code-unit order. */
export function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (absolute: string, prefix: string): void => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(absolute, entry.name), `${prefix}${entry.name}/`);
      else files.push(`${prefix}${entry.name}`);
    }
  };
  walk(dir, '');
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Size and SHA-256 of every file under `dir`, by relative path, sorted.
 *
 * @param dir - The directory.
 * @param except - Relative paths to leave out.
 * @returns A map from path to digest, in path order.
 */
export async function digestFiles(dir: string, except: readonly string[] = []): Promise<Map<string, { bytes: number; sha256: string }>> {
  const digests = new Map<string, { bytes: number; sha256: string }>();
  for (const path of listFiles(dir)) {
    if (!except.includes(path)) digests.set(path, await fileDigest(join(dir, path)));
  }
  return digests;
}

/**
 * The text of a SHA256SUMS file.
 *
 * @param digests - Digest per relative path (digestFiles).
 * @returns One line per file, in path order.
 * @example
 * sha256Sums(new Map([['a.csv', { bytes: 1, sha256: 'ab…' }]])); // 'ab…  a.csv\n'
 */
export function sha256Sums(digests: ReadonlyMap<string, { readonly sha256: string }>): string {
  return [...digests].map(([path, { sha256 }]) => `${sha256}  ${path}\n`).join('');
}

/** Parse a SHA256SUMS text back into path → hex. */
export function parseSha256Sums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (match) sums.set(match[2]!, match[1]!);
  }
  return sums;
}
