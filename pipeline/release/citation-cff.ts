/**
 * CITATION.cff, Citation File Format 1.2.0 (https://citation-file-format.github.io/),
 * which GitHub, Zenodo and reference managers read to cite a release.
 */
import type { Provenance } from './read-provenance.js';
import type { ReleaseInfo } from './release-info.js';

/** A YAML double-quoted scalar: JSON's string syntax is a subset of it. */
function quote(text: string): string {
  return JSON.stringify(text);
}

/**
 * The text of CITATION.cff for a release.
 *
 * @param info - Name, version, date, licence (release-info.ts).
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
      `${info.description} Every sentence carries its stance towards Russia and towards the West, a relation signal and a claim class, each with a confidence and the rules that decided it; attributions record who claims what. Labels are made by rules, not by hand. The article texts stay the copyright of their outlets; see DATACARD.md.`,
    )}`,
    'authors:',
    ...info.authors.map((name) => `  - name: ${quote(name)}`),
    'keywords:',
    ...info.keywords.map((k) => `  - ${quote(k)}`),
    '# The licence of the pipeline code and of the annotations it adds; the article texts are not licensed by this project.',
    `license: ${quote(info.license)}`,
  ];
  if (provenance.pipeline_version !== 'unknown') lines.push(`commit: ${quote(provenance.pipeline_version)}`);
  if (info.homepage !== null) lines.push(`url: ${quote(info.homepage)}`);
  return `${lines.join('\n')}\n`;
}
