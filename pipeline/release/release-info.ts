/**
 * What a release is called, which version it is and the date it carries:
 * read from package.json (name, version, description, licence: the one place
 * the version is kept) and CHANGELOG.md (the release date beside the version).
 *
 * No clock is read. The date is SOURCE_DATE_EPOCH when that is set (the
 * reproducible-builds convention), else the date of the version's CHANGELOG
 * entry, so two runs on different days give the same bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
  /** Who made it: package.json `author` and `contributors` by name, else `The <name> contributors`. */
  readonly authors: readonly string[];
  /** Subject keywords: package.json `keywords`, else KEYWORDS. */
  readonly keywords: readonly string[];
  /** package.json `license` (SPDX): the licence of the pipeline code and of the annotations it adds; never of the article texts. */
  readonly license: string;
  /** package.json `homepage` (or `repository.url`), where the release is published; null while it is published nowhere. */
  readonly homepage: string | null;
  /** Release date, `YYYY-MM-DD` (UTC). */
  readonly date: string;
  /** Seconds since the epoch used for every timestamp in the archive. */
  readonly epoch: number;
  /** Where `date` came from: `SOURCE_DATE_EPOCH` or `CHANGELOG.md`. */
  readonly dateSource: 'SOURCE_DATE_EPOCH' | 'CHANGELOG.md';
  /** The CHANGELOG.md entry of this version, without its heading. */
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

/**
 * Read the release facts of the repository at `root`.
 *
 * @param root - The repository root (holds package.json and CHANGELOG.md).
 * @param env - The environment; only SOURCE_DATE_EPOCH is read.
 * @returns The release facts.
 * @throws Error saying what to fix when the version is not semver, CHANGELOG.md
 *   has no dated entry for it, or SOURCE_DATE_EPOCH is not a whole number.
 * @example
 * const info = releaseInfo('.', { SOURCE_DATE_EPOCH: '1700000000' });
 * info.id; // 'rusia-barat-id-0.1.0'
 */
export function releaseInfo(root: string, env: Readonly<Record<string, string | undefined>> = process.env): ReleaseInfo {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const name = String(pkg['name'] ?? '');
  const version = String(pkg['version'] ?? '');
  if (!SEMVER.test(version)) throw new Error(`package.json version ${JSON.stringify(version)} is not semver (MAJOR.MINOR.PATCH): fix it before releasing.`);
  let changelog: string;
  try {
    changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  } catch {
    throw new Error(`CHANGELOG.md is missing: add it with a "## [${version}] - YYYY-MM-DD" entry before releasing.`);
  }
  const entry = parseChangelog(changelog).find((e) => e.version === version);
  if (entry === undefined || entry.date === null)
    throw new Error(
      `CHANGELOG.md has no dated entry for version ${version} (package.json): add "## [${version}] - YYYY-MM-DD" with what changed, or bump package.json's version to the one you mean to release.`,
    );
  const sourceDateEpoch = env['SOURCE_DATE_EPOCH'];
  let epoch: number;
  let dateSource: ReleaseInfo['dateSource'];
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d+$/.test(sourceDateEpoch))
      throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01 UTC, got ${JSON.stringify(sourceDateEpoch)}.`);
    epoch = Number(sourceDateEpoch);
    dateSource = 'SOURCE_DATE_EPOCH';
  } else {
    epoch = Date.parse(`${entry.date}T00:00:00Z`) / 1000;
    if (Number.isNaN(epoch)) throw new Error(`CHANGELOG.md: ${entry.date} (version ${version}) is not a valid date.`);
    dateSource = 'CHANGELOG.md';
  }
  return {
    name,
    version,
    id: `${name}-${version}`,
    title: `${name}: ${SUBTITLE}`,
    description: String(pkg['description'] ?? ''),
    authors: authorsOf(pkg, name),
    keywords: Array.isArray(pkg['keywords']) && pkg['keywords'].length > 0 ? pkg['keywords'].map(String) : [...KEYWORDS],
    license: String(pkg['license'] ?? 'UNLICENSED'),
    homepage: homepageOf(pkg),
    date: isoDate(epoch),
    epoch,
    dateSource,
    changes: entry.body,
  };
}
