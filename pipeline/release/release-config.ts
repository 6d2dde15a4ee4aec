/**
 * The release config: one JSON (or YAML) file that says what a release is called and
 * who made it, so a researcher can release their own crawl under their own
 * name (`make release IN=<dir> RELEASE_CONFIG=<file>`), and the project's own
 * release keeps its config in the repository (release.config.json).
 * CITATION.cff, croissant.json, datapackage.json, the data card, the Hub
 * README and the BibTeX entry all take their fields from it (release-info.ts).
 *
 * Keys (README "Releasing your own crawl"):
 *   name         required; lower case, digits, `.`, `_`, `-`: the release is `<name>-<version>`
 *   title        required; the citation's title
 *   description  required; one paragraph
 *   authors      required; each `{ "given-names", "family-names", "orcid"?, "affiliation"?, "email"? }`
 *                (a person) or `{ "name" }` (a team or organisation), as in CITATION.cff
 *   license      required; SPDX id of the annotations (the article texts are never licensed by a release)
 *   version      semver; default: the pipeline's package.json version
 *   date         YYYY-MM-DD release date; default: the version's entry in `changelog`
 *   changelog    a Keep a Changelog file, relative to the config; default CHANGELOG.md of the repository
 *                when `version` is left to package.json
 *   changes      what changed in this version (markdown); default: the changelog entry
 *   url, repository-code, doi, keywords   optional locators and subject keywords
 *   registry     the file recording released archives' SHA-256, relative to the config
 *                (default releases.sha256 beside it): a version is released once per name
 */
import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** An author as CITATION.cff has them: a person or an entity. */
export interface ReleaseAuthor {
  readonly name?: string;
  readonly 'given-names'?: string;
  readonly 'family-names'?: string;
  /** `https://orcid.org/0000-0000-0000-0000` (a bare id is accepted and prefixed). */
  readonly orcid?: string;
  readonly affiliation?: string;
  readonly email?: string;
}

export interface ReleaseConfig {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly authors: readonly ReleaseAuthor[];
  readonly license: string;
  readonly version?: string;
  readonly date?: string;
  readonly changelog?: string;
  readonly changes?: string;
  readonly url?: string;
  readonly 'repository-code'?: string;
  readonly doi?: string;
  readonly keywords?: readonly string[];
  readonly registry?: string;
}

/** A config and the file it came from (relative paths in it resolve against that file's folder). */
export interface LoadedReleaseConfig {
  readonly config: ReleaseConfig;
  readonly path: string;
}

const KEYS = new Set([
  'name',
  'title',
  'description',
  'authors',
  'license',
  'version',
  'date',
  'changelog',
  'changes',
  'url',
  'repository-code',
  'doi',
  'keywords',
  'registry',
  '$comment',
]);
const AUTHOR_KEYS = new Set(['name', 'given-names', 'family-names', 'orcid', 'affiliation', 'email']);

/** ORCID iD: four groups of four digits, the last character a checksum digit or X. */
const ORCID = /^(?:https:\/\/orcid\.org\/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$/;
/** A DOI as CITATION.cff takes it (no `https://doi.org/` prefix). */
const DOI = /^10\.\d{4,9}(\.\d+)?\/[A-Za-z0-9:/_;\-.()[\]\\]+$/;
const URL_PATTERN = /^(https|http|ftp|sftp):\/\/.+/;

/** The ISO 7064 11,2 checksum of an ORCID iD (https://support.orcid.org/hc/en-us/articles/360006897674). */
function orcidChecksumOk(id: string): boolean {
  const digits = id.replace(/-/g, '');
  let total = 0;
  for (const d of digits.slice(0, -1)) total = (total + Number(d)) * 2;
  const result = (12 - (total % 11)) % 11;
  return digits.at(-1) === (result === 10 ? 'X' : String(result));
}

/**
 * Check a parsed config and normalise it (ORCID as a URL, DOI without its resolver prefix).
 *
 * @param value - The parsed JSON.
 * @param path - The file, for messages.
 * @returns The config.
 * @throws Error naming the file and every problem found.
 */
export function checkReleaseConfig(value: unknown, path: string): ReleaseConfig {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${path}: a release config is a JSON object.`);
  const c = value as Record<string, unknown>;
  for (const key of Object.keys(c)) if (!KEYS.has(key)) problems.push(`unknown key "${key}" (known: ${[...KEYS].filter((k) => k !== '$comment').join(', ')})`);
  const text = (key: string, required: boolean): void => {
    if (c[key] === undefined) {
      if (required) problems.push(`"${key}" is missing`);
    } else if (typeof c[key] !== 'string' || c[key].trim() === '') problems.push(`"${key}" must be a non-empty string`);
  };
  for (const key of ['name', 'title', 'description', 'license']) text(key, true);
  for (const key of ['version', 'date', 'changelog', 'changes', 'url', 'repository-code', 'doi', 'registry']) text(key, false);
  if (typeof c['name'] === 'string' && !/^[a-z0-9][a-z0-9._-]*$/.test(c['name']))
    problems.push(`"name" ${JSON.stringify(c['name'])} may hold only lower-case letters, digits, ".", "_" and "-" (it names files and the Data Package)`);
  if (typeof c['license'] === 'string' && !/^[A-Za-z0-9.+-]+$/.test(c['license'])) problems.push(`"license" must be an SPDX identifier such as CC-BY-4.0`);
  if (typeof c['date'] === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(c['date'])) problems.push(`"date" must be YYYY-MM-DD`);
  for (const key of ['url', 'repository-code'])
    if (typeof c[key] === 'string' && !URL_PATTERN.test(c[key])) problems.push(`"${key}" must be a URL (https://…)`);
  let doi = typeof c['doi'] === 'string' ? c['doi'].replace(/^https?:\/\/(dx\.)?doi\.org\//, '') : undefined;
  if (doi !== undefined && !DOI.test(doi)) {
    problems.push(`"doi" ${JSON.stringify(c['doi'])} is not a DOI (10.xxxx/…)`);
    doi = undefined;
  }
  if (c['keywords'] !== undefined && !(Array.isArray(c['keywords']) && c['keywords'].every((k) => typeof k === 'string' && k !== '')))
    problems.push(`"keywords" must be a list of strings`);
  const authors: ReleaseAuthor[] = [];
  if (!Array.isArray(c['authors']) || c['authors'].length === 0) problems.push(`"authors" must list at least one author`);
  else
    c['authors'].forEach((author: unknown, i) => {
      const where = `authors[${i}]`;
      if (typeof author !== 'object' || author === null) return void problems.push(`${where} must be an object`);
      const a = author as Record<string, unknown>;
      for (const key of Object.keys(a)) if (!AUTHOR_KEYS.has(key)) problems.push(`${where}: unknown key "${key}" (known: ${[...AUTHOR_KEYS].join(', ')})`);
      for (const [key, v] of Object.entries(a)) if (typeof v !== 'string' || v.trim() === '') problems.push(`${where}.${key} must be a non-empty string`);
      const person = a['family-names'] !== undefined || a['given-names'] !== undefined;
      if (!person && a['name'] === undefined) problems.push(`${where} needs "family-names" and "given-names" (a person) or "name" (a team)`);
      if (person && a['name'] !== undefined) problems.push(`${where} is either a person ("family-names", "given-names") or a team ("name"), not both`);
      const orcid = typeof a['orcid'] === 'string' ? ORCID.exec(a['orcid']) : null;
      if (a['orcid'] !== undefined && (orcid === null || !orcidChecksumOk(orcid[1]!)))
        problems.push(`${where}.orcid ${JSON.stringify(a['orcid'])} is not a valid ORCID iD (https://orcid.org/0000-0000-0000-0000, checksum included)`);
      authors.push({ ...(a as ReleaseAuthor), ...(orcid !== null ? { orcid: `https://orcid.org/${orcid[1]}` } : {}) });
    });
  if (problems.length > 0) throw new Error(`${path}: ${problems.join('; ')}.`);
  return { ...(c as unknown as ReleaseConfig), authors, ...(doi !== undefined ? { doi } : {}) };
}

/**
 * Read a release config file: JSON, or YAML when it ends in `.yaml` or `.yml`.
 *
 * @param path - The file.
 * @returns The checked config and its absolute path.
 * @throws Error naming the file when it is missing, does not parse, or has a problem.
 */
export function readReleaseConfig(path: string): LoadedReleaseConfig {
  const absolute = resolve(path);
  const yaml = ['.yaml', '.yml'].includes(extname(absolute).toLowerCase());
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot read the release config (${(error as Error).message}).`);
  }
  let value: unknown;
  try {
    // YAML 1.2 core schema: dates and versions stay strings unless they look like numbers, so quote a version like 1.0.
    value = yaml ? parseYaml(text, { schema: 'core' }) : JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid ${yaml ? 'YAML' : 'JSON'} (${(error as Error).message}).`);
  }
  return { config: checkReleaseConfig(value, path), path: absolute };
}

/** A path the config gives, resolved against the config's folder. */
export function configRelative(loaded: LoadedReleaseConfig, path: string): string {
  return resolve(dirname(loaded.path), path);
}

/** The registry of a config: its `registry`, else releases.sha256 beside it. */
export function registryOf(loaded: LoadedReleaseConfig): string {
  return configRelative(loaded, loaded.config.registry ?? 'releases.sha256');
}

/** An author's name as a citation prints it: `Given Family`, or the team's name. */
export function authorName(author: ReleaseAuthor): string {
  return author.name ?? [author['given-names'], author['family-names']].filter((p) => p !== undefined).join(' ');
}
