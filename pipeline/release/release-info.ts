/**
 * What a release is called, which version it is and the date it carries:
 * read from the release config (release-config.ts: name, title, authors,
 * licence, locators; the project's own is release.config.json), else from
 * package.json, with the version from the config or package.json (the one
 * place the project's version is kept) and the date from CHANGELOG.md (the
 * release date beside the version) or the config.
 *
 * No clock is read. The date is SOURCE_DATE_EPOCH when that is set (the
 * reproducible-builds convention), else the date of the version's CHANGELOG
 * entry, so two runs on different days give the same bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authorName, configRelative, readReleaseConfig, type LoadedReleaseConfig, type ReleaseAuthor } from './release-config.js';

/** The project's own release config, at the repository root. */
export const DEFAULT_RELEASE_CONFIG = 'release.config.json';

/** The facts every release file repeats. */
export interface ReleaseInfo {
  /** package.json `name`, e.g. `rusia-barat-id`. */
  readonly name: string;
  /** package.json `version`, semver. */
  readonly version: string;
  /** `<name>-<version>`: the release directory and archive name. */
  readonly id: string;
  /** `<name>: <what it is>`, for citations. */
  readonly title: string;
  /** package.json `description`. */
  readonly description: string;
  /** Who made it, by name: the config's authors, else package.json `author` and `contributors`, else `The <name> contributors`. */
  readonly authors: readonly string[];
  /** The same authors as CITATION.cff has them (persons with ORCID, or teams). */
  readonly people: readonly ReleaseAuthor[];
  /** Subject keywords: package.json `keywords`, else KEYWORDS. */
  readonly keywords: readonly string[];
  /** package.json `license` (SPDX): the licence of the pipeline code and of the annotations it adds; never of the article texts. */
  readonly license: string;
  /** The config's `url`, else package.json `homepage` (or `repository.url`): where the release is published; null while it is published nowhere. */
  readonly homepage: string | null;
  /** The config's `repository-code`: the pipeline's source repository, or null. */
  readonly repositoryCode: string | null;
  /** The config's `doi` (without resolver prefix), or null. */
  readonly doi: string | null;
  /** The version of the pipeline that builds it (package.json), which the dataset's manifest records. */
  readonly pipelinePackageVersion: string;
  /** Where the version is set, for messages: package.json or the config file. */
  readonly versionSource: string;
  /** The release config file, or null when the facts come from package.json alone. */
  readonly configPath: string | null;
  /** Release date, `YYYY-MM-DD` (UTC). */
  readonly date: string;
  /** Seconds since the epoch used for every timestamp in the archive. */
  readonly epoch: number;
  /** Where `date` came from: `SOURCE_DATE_EPOCH`, the changelog file, or the config file. */
  readonly dateSource: string;
  /** The config's `changes`, else the changelog entry of this version, without its heading. */
  readonly changes: string;
}

/** What the dataset is, after its name, in a citation's title. */
export const SUBTITLE = 'Indonesian-language news about Russia–West relations, with stance, relation-signal, claim-class and attribution labels';

/** Subject keywords when package.json gives none. */
export const KEYWORDS = [
  'Indonesian',
  'news',
  'Russia',
  'West',
  'international relations',
  'stance detection',
  'claim detection',
  'quotation attribution',
  'weak supervision',
] as const;

/** Semantic Versioning 2.0.0, https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string */
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** A Keep a Changelog version heading: `## [0.1.0] - 2026-11-22`. */
const CHANGELOG_HEADING = /^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?\s*$/;

/** One version's entry of a Keep a Changelog file. */
export interface ChangelogEntry {
  readonly version: string;
  /** `YYYY-MM-DD`, or null for an entry without a date (`## [Unreleased]`). */
  readonly date: string | null;
  readonly body: string;
}

/**
 * The entries of a CHANGELOG.md in the Keep a Changelog format, in file order.
 *
 * @param text - The file's text.
 * @returns One entry per `## [version]` heading.
 * @example
 * parseChangelog('## [0.1.0] - 2026-11-22\n### Added\n- Everything.\n')[0]?.date; // '2026-11-22'
 */
export function parseChangelog(text: string): ChangelogEntry[] {
  const entries: { version: string; date: string | null; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    const heading = CHANGELOG_HEADING.exec(line);
    if (heading) entries.push({ version: heading[1]!, date: heading[2] ?? null, lines: [] });
    else if (line.startsWith('[') && /^\[[^\]]+\]: /.test(line))
      continue; // link references at the end
    else entries.at(-1)?.lines.push(line);
  }
  return entries.map((e) => ({ version: e.version, date: e.date, body: e.lines.join('\n').trim() }));
}

/** Names of package.json `author` and `contributors` (`"Name <email> (url)"` or `{ name }`), else the project as a team. */
function authorsOf(pkg: Record<string, unknown>, name: string): string[] {
  const people = [pkg['author'], ...(Array.isArray(pkg['contributors']) ? pkg['contributors'] : [])];
  const names = people
    .map((p) => (typeof p === 'string' ? p : typeof p === 'object' && p !== null ? String((p as { name?: unknown }).name ?? '') : ''))
    .map((p) => p.replace(/<[^>]*>|\([^)]*\)/g, '').trim())
    .filter((p) => p !== '');
  return names.length > 0 ? names : [`The ${name} contributors`];
}

/** package.json `homepage`, else `repository` (a string or `{ url }`), else null. */
function homepageOf(pkg: Record<string, unknown>): string | null {
  if (typeof pkg['homepage'] === 'string' && pkg['homepage'] !== '') return pkg['homepage'];
  const repository = pkg['repository'];
  if (typeof repository === 'string' && repository !== '') return repository;
  if (typeof repository === 'object' && repository !== null && typeof (repository as { url?: unknown }).url === 'string')
    return (repository as { url: string }).url.replace(/^git\+/, '');
  return null;
}

/** `YYYY-MM-DD` of a number of seconds since the epoch, in UTC. */
function isoDate(epoch: number): string {
  return new Date(epoch * 1000).toISOString().slice(0, 10);
}

/** The dated changelog entry of a version. */
function changelogEntry(path: string, version: string, versionSource: string): ChangelogEntry & { date: string } {
  let changelog: string;
  try {
    changelog = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`${path} is missing: add it with a "## [${version}] - YYYY-MM-DD" entry before releasing (or give "date" in the release config).`);
  }
  const entry = parseChangelog(changelog).find((e) => e.version === version);
  if (entry === undefined || entry.date === null)
    throw new Error(
      `${path.endsWith('CHANGELOG.md') ? 'CHANGELOG.md' : path} has no dated entry for version ${version} (${versionSource}): add "## [${version}] - YYYY-MM-DD" with what changed, or bump the version in ${versionSource} to the one you mean to release.`,
    );
  return { ...entry, date: entry.date };
}

/**
 * Read the release facts: from the release config when there is one
 * (`config`, else release.config.json at `root` when present), else from
 * package.json.
 *
 * @param root - The repository root (holds package.json and CHANGELOG.md).
 * @param env - The environment; only SOURCE_DATE_EPOCH is read.
 * @param config - A release config (release-config.ts); null reads package.json alone.
 * @returns The release facts.
 * @throws Error saying what to fix when the version is not semver, it has no
 *   date (no dated changelog entry and no "date" in the config), or SOURCE_DATE_EPOCH is not a whole number.
 * @example
 * const info = releaseInfo('.', { SOURCE_DATE_EPOCH: '1700000000' });
 * info.id; // 'rusia-barat-id-0.1.0'
 */
export function releaseInfo(root: string, env: Readonly<Record<string, string | undefined>> = process.env, config?: LoadedReleaseConfig | null): ReleaseInfo {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const loaded =
    config === undefined ? (existsSync(join(root, DEFAULT_RELEASE_CONFIG)) ? readReleaseConfig(join(root, DEFAULT_RELEASE_CONFIG)) : null) : config;
  const c = loaded?.config;
  const pipelinePackageVersion = String(pkg['version'] ?? '');
  const name = c?.name ?? String(pkg['name'] ?? '');
  const version = c?.version ?? pipelinePackageVersion;
  const versionSource = c?.version !== undefined && loaded ? loaded.path : 'package.json';
  if (!SEMVER.test(version)) throw new Error(`${versionSource} version ${JSON.stringify(version)} is not semver (MAJOR.MINOR.PATCH): fix it before releasing.`);
  // The changelog: the config's, else the repository's when the version is the pipeline's.
  const changelogPath =
    c?.changelog !== undefined && loaded ? configRelative(loaded, c.changelog) : c?.version === undefined ? join(root, 'CHANGELOG.md') : null;
  const entry =
    c?.date === undefined || c.changes === undefined ? (changelogPath !== null ? changelogEntry(changelogPath, version, versionSource) : null) : null;
  const sourceDateEpoch = env['SOURCE_DATE_EPOCH'];
  let epoch: number;
  let dateSource: string;
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d+$/.test(sourceDateEpoch))
      throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, got ${JSON.stringify(sourceDateEpoch)}.`);
    epoch = Number(sourceDateEpoch);
    dateSource = 'SOURCE_DATE_EPOCH';
  } else {
    const date = c?.date ?? entry?.date;
    if (date === undefined)
      throw new Error(`${loaded?.path ?? 'the release config'}: give "date" (YYYY-MM-DD) or a "changelog" with a dated entry for version ${version}.`);
    epoch = Date.parse(`${date}T00:00:00Z`) / 1000;
    if (Number.isNaN(epoch)) throw new Error(`${date} (version ${version}) is not a valid date.`);
    dateSource = c?.date !== undefined && loaded ? loaded.path : changelogPath === join(root, 'CHANGELOG.md') ? 'CHANGELOG.md' : (changelogPath ?? '');
  }
  const people: ReleaseAuthor[] = c ? [...c.authors] : authorsOf(pkg, name).map((n) => ({ name: n }));
  return {
    name,
    version,
    id: `${name}-${version}`,
    title: c?.title ?? `${name}: ${SUBTITLE}`,
    description: c?.description ?? String(pkg['description'] ?? ''),
    authors: people.map(authorName),
    people,
    keywords: c?.keywords ? [...c.keywords] : Array.isArray(pkg['keywords']) && pkg['keywords'].length > 0 ? pkg['keywords'].map(String) : [...KEYWORDS],
    license: c?.license ?? String(pkg['license'] ?? 'UNLICENSED'),
    homepage: c?.url ?? (c ? null : homepageOf(pkg)),
    repositoryCode: c?.['repository-code'] ?? null,
    doi: c?.doi ?? null,
    pipelinePackageVersion,
    versionSource,
    configPath: loaded?.path ?? null,
    date: isoDate(epoch),
    epoch,
    dateSource,
    changes: c?.changes ?? entry?.body ?? '',
  };
}
