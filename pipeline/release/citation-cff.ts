/**
 * CITATION.cff, Citation File Format 1.2.0 (https://citation-file-format.github.io/),
 * which GitHub, Zenodo and reference managers read to cite a release.
 */
import type { Provenance } from './read-provenance.js';
import type { ReleaseAuthor } from './release-config.js';
import type { ReleaseInfo } from './release-info.js';

/** A YAML double-quoted scalar: JSON's string syntax is a subset of it. */
function quote(text: string): string {
  return JSON.stringify(text);
}

/** One author as CFF lines: a person (family and given names, ORCID, affiliation, email) or an entity (name). */
function authorLines(author: ReleaseAuthor): string[] {
  const keys = ['family-names', 'given-names', 'name', 'orcid', 'affiliation', 'email'] as const;
  const present = keys.filter((k) => author[k] !== undefined);
  return present.map((k, i) => `${i === 0 ? '  - ' : '    '}${k}: ${quote(author[k]!)}`);
}

/**
 * The text of CITATION.cff for a release.
 *
 * @param info - Name, version, date, authors, licence and locators (release-info.ts, from the release config).
 * @param provenance - The dataset's manifest provenance (pipeline commit).
 * @returns The file's text, ending with a newline.
 * @example
 * citationCff(releaseInfo('.'), readProvenance('output')).startsWith('cff-version: 1.2.0'); // true
 */
export function citationCff(info: ReleaseInfo, provenance: Provenance): string {
  const lines = [
    '# Citation File Format 1.2.0: https://citation-file-format.github.io/',
    'cff-version: 1.2.0',
    `message: ${quote('If you use this dataset, please cite this release as below.')}`,
    'type: dataset',
    `title: ${quote(info.title)}`,
    `version: ${quote(info.version)}`,
    `date-released: ${quote(info.date)}`,
    `abstract: ${quote(
      `${info.description} Every sentence carries its stance towards Russia and towards the West, a relation signal and a claim class, each with a confidence and the rules that decided it; attributions record who claims what. Labels are machine-made, not hand-checked: labelling rules vote and a model fitted on hand-labelled articles decides. The article texts stay the copyright of their outlets; see DATACARD.md.`,
    )}`,
    'authors:',
    ...info.people.flatMap(authorLines),
    'keywords:',
    ...info.keywords.map((k) => `  - ${quote(k)}`),
    '# The licence of the annotations the release adds (release config); the article texts are not licensed by it.',
    `license: ${quote(info.license)}`,
  ];
  if (provenance.pipeline_version !== 'unknown') lines.push(`commit: ${quote(provenance.pipeline_version)}`);
  if (info.homepage !== null) lines.push(`url: ${quote(info.homepage)}`);
  if (info.repositoryCode !== null) lines.push(`repository-code: ${quote(info.repositoryCode)}`);
  if (info.doi !== null) lines.push(`doi: ${quote(info.doi)}`, 'identifiers:', '  - type: doi', `    value: ${quote(info.doi)}`);
  return `${lines.join('\n')}\n`;
}
