/**
 * A BibTeX entry for a release, for the data card and croissant.json's citeAs.
 */
import type { Provenance } from './read-provenance.js';
import type { ReleaseAuthor } from './release-config.js';
import type { ReleaseInfo } from './release-info.js';

/** Escape BibTeX's special characters in a field value. */
function escapeBibtex(text: string): string {
  return text.replace(/([{}&%$#_])/g, '\\$1');
}

/** `Family, Given` for a person; a team's name in double braces, so it is not split into first and last names. */
function bibtexName(author: ReleaseAuthor): string {
  if (author['family-names'] !== undefined) return escapeBibtex([author['family-names'], author['given-names']].filter((p) => p !== undefined).join(', '));
  return `{${escapeBibtex(author.name ?? '')}}`;
}

/**
 * The BibTeX `@misc` entry citing one release.
 *
 * @param info - Name, version, date, authors.
 * @param provenance - Pipeline commit.
 * @returns The entry, ending with a newline.
 * @example
 * bibtex(info, provenance).startsWith('@misc{rusia_barat_id_0_1_0,'); // true
 */
export function bibtex(info: ReleaseInfo, provenance: Provenance): string {
  const key = info.id.replace(/[^A-Za-z0-9]+/g, '_');
  const fields: [string, string][] = [
    ['author', info.people.map(bibtexName).join(' and ')],
    ['title', `{${escapeBibtex(info.title)}}`],
    ['year', info.date.slice(0, 4)],
    ['version', escapeBibtex(info.version)],
    ['note', `Dataset, released ${info.date}${provenance.pipeline_version === 'unknown' ? '' : `; pipeline commit ${provenance.pipeline_version}`}`],
  ];
  if (info.doi !== null) fields.push(['doi', info.doi]);
  if (info.homepage !== null) fields.push(['url', info.homepage]);
  return `@misc{${key},\n${fields.map(([name, value]) => `  ${name.padEnd(7)} = {${value}}`).join(',\n')}\n}\n`;
}
