/**
 * Stage `clean`, metadata (CODEBOOK.md section 1: title, outlet, place,
 * publication date, author and editor): reads the fields back out of the
 * removed pieces and `doc.given`.
 */
import { domainsIn, PLACE_NAMES, RULES_BY_ID, SECTION_NAMES, STRUCTURAL_RULE, titleCaseWord } from './rules.js';
import { normaliseSpaces } from './lines.js';
import { isAllCaps } from './line-shape.js';
import { formatDateParts } from './date-stamp.js';
import { isClosingBracketOrSpace, isOpeningBracketOrSpace, readLabelledByline, readReportingBy, trimWhile } from './byline.js';
import type { BylineFields } from './byline.js';
import { readDateStampAgain, readLabelledBylineAgain } from './detectors.js';
import type { DocumentMetadata, RawDocument, RemovedPiece } from '../../types.js';

/* ========================================================================== */
/* Metadata: read the fields back out of the removed pieces                   */
/* ========================================================================== */

/** `JAKARTA` → `Jakarta`; a name already in mixed case stays as written. */
function placeName(text: string): string {
  const name = normaliseSpaces(text);
  return isAllCaps(name) ? titleCaseWord(name) : name;
}

function lettersOnly(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function isDomain(text: string): boolean {
  const [domain] = domainsIn(text);
  return domain !== undefined && domain.length === text.replace(/^www\d?\./i, '').length;
}

/** The host of a URL without `www.`/`m.`, or null. */
function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^(?:www\d?|m|amp|mobile)\./, '') || null;
  } catch {
    return null;
  }
}

/** Named groups of a data rule re-run on a piece's text. */
function ruleGroups(piece: RemovedPiece): Record<string, string> {
  const rule = RULES_BY_ID.get(piece.rule);
  if (rule === undefined) return {};
  rule.regex.lastIndex = 0;
  const groups = rule.regex.exec(normaliseSpaces(piece.text))?.groups ?? {};
  const defined: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups)) if (value !== undefined) defined[name] = value;
  return defined;
}

function bylineFields(piece: RemovedPiece): BylineFields {
  const text = normaliseSpaces(piece.text);
  const rule = RULES_BY_ID.get(piece.rule);
  if (rule?.detector === 'labelled_byline')
    return readLabelledBylineAgain(trimWhile(text, isOpeningBracketOrSpace, isClosingBracketOrSpace)) ?? { author: null, editor: null };
  if (piece.rule === 'byline.reporting_by' || piece.rule === 'byline.reporting_by_paren') return readReportingBy(text);
  if (piece.rule === 'byline.label_alone') {
    // `Penulis` on one line, the name on the next: read it as `Penulis: name`.
    const [label = '', ...name] = piece.text
      .split('\n')
      .map(normaliseSpaces)
      .filter((part) => part.length > 0);
    return readLabelledByline(`${label.replace(/[\s:：[\]()]+$|^[\s[(]+/gu, '')}: ${name.join(' ')}`) ?? { author: null, editor: null };
  }
  const author = ruleGroups(piece)['author'];
  return { author: author === undefined ? null : author.replace(/,$/, ''), editor: null };
}

/** The site (domain) whose letters contain the name's (`LINGKAR KEDIRI` → `lingkarkediri.pikiran-rakyat.com`), or null. */
function siteMatching(name: string, sites: readonly string[]): string | null {
  const key = lettersOnly(name);
  return key.length === 0 ? null : (sites.find((site) => lettersOnly(site).includes(key)) ?? null);
}

/**
 * Outlet and place. The lead-in names them (`WahanaNews.co, Jakarta -`); a
 * lead-in that only names the outlet (`LINGKAR KEDIRI –`, `(ANTARA)`) is
 * matched to a site named in the promos and links, or to the given URL's host.
 * Without a lead-in, the given URL's host, then a site named in a promo, then
 * a line that only named the outlet.
 */
function outletAndPlace(doc: RawDocument, removed: readonly RemovedPiece[]): { outlet: string | null; place: string | null } {
  const host = hostOf(doc.given.url);
  // Site names in promos and links are read only when needed (plain variables and
  // functions, not closures: under the TypeScript loader each closure costs a call to name it).
  let sites: readonly string[] | null = null;
  const prefix = removed.find((piece) => piece.reason === 'outlet_prefix');
  if (prefix === undefined) return { outlet: fallbackOutlet(host, removed), place: null };
  const groups = ruleGroups(prefix);
  const placeText = groups['place2'] ?? groups['place'];
  let place = placeText === undefined ? null : placeName(placeText);
  let outlet: string | null = null;
  if (groups['outlet'] !== undefined) {
    // A site, an agency or a known outlet name.
    const name = normaliseSpaces(groups['outlet']);
    outlet = isDomain(name) ? name.toLowerCase() : (siteMatching(name, withHost((sites ??= sitesNamedIn(removed)), host)) ?? name.toLowerCase());
  } else if (groups['name'] !== undefined) {
    // Capitals before a dash: the outlet if a site explains it; else a section label, a place, or the outlet's bare name.
    const name = normaliseSpaces(groups['name']);
    const key = name.toLowerCase();
    const site = siteMatching(name, withHost((sites ??= sitesNamedIn(removed)), host));
    if (site !== null) outlet = site;
    else if (SECTION_NAMES.has(key)) outlet = null;
    else if (PLACE_NAMES.has(key) || !name.includes(' ')) place ??= placeName(name);
    else outlet = key;
  }
  return { outlet: outlet ?? fallbackOutlet(host, removed, sites), place };
}

/** Site names (domains) mentioned in promos, links and bylines, in raw order. */
function sitesNamedIn(removed: readonly RemovedPiece[]): string[] {
  const sites: string[] = [];
  for (const piece of removed) {
    if (piece.reason === 'promo' || piece.reason === 'navigation' || piece.reason === 'byline' || piece.reason === 'cross_link') {
      for (const domain of domainsIn(piece.text)) sites.push(domain);
    }
  }
  return sites;
}

/** The known sites: those the text names, then the given URL's host. */
function withHost(sites: readonly string[], host: string | null): readonly string[] {
  return host === null ? sites : [...sites, host];
}

/** The outlet when the lead-in names none: the given URL's host, a site a promo names, or a line that only named the outlet (`detikNews`). */
function fallbackOutlet(host: string | null, removed: readonly RemovedPiece[], sites: readonly string[] | null = null): string | null {
  const named = removed.find((piece) => piece.rule === 'navigation.outlet_name');
  return host ?? (sites ?? sitesNamedIn(removed))[0] ?? (named === undefined ? null : normaliseSpaces(named.text).toLowerCase());
}

/**
 * Reads the metadata fields of a document from its removed pieces: title,
 * outlet and place (from the lead-in), publication date (from the dateline),
 * author and editor (from bylines). Values given with the document
 * (`doc.given`) fill what the text does not say; a given title always wins.
 *
 * @param doc The raw document.
 * @param removed Its removed pieces, as {@link findBoilerplate} returns them.
 * @returns The six metadata fields, null where unknown.
 * @example
 * describeDocument(doc, findBoilerplate(doc)).published_at; // '2022-06-01T08:45:00+07:00'
 */
export function describeDocument(doc: RawDocument, removed: readonly RemovedPiece[]): DocumentMetadata {
  const givenTitle = doc.given.title !== null && doc.given.title.trim().length > 0 ? normaliseSpaces(doc.given.title) : null;
  const titlePiece =
    removed.find((piece) => piece.reason === 'title' && piece.rule !== STRUCTURAL_RULE.titleGiven) ?? removed.find((piece) => piece.reason === 'title');
  let published: string | null = null;
  let updated: string | null = null;
  for (const piece of removed) {
    if (piece.reason !== 'dateline') continue;
    const parts = readDateStampAgain(normaliseSpaces(piece.text));
    const iso = parts === null ? null : formatDateParts(parts);
    if (iso === null || parts === null) continue;
    if (parts.updated) updated ??= iso;
    else published ??= iso;
  }
  let author: string | null = null;
  let editor: string | null = null;
  for (const piece of removed) {
    if (piece.reason !== 'byline') continue;
    const fields = bylineFields(piece);
    author ??= fields.author;
    editor ??= fields.editor;
  }
  const { outlet, place } = outletAndPlace(doc, removed);
  return {
    title: givenTitle ?? (titlePiece === undefined ? null : normaliseSpaces(titlePiece.text)),
    outlet,
    place,
    published_at: published ?? updated ?? doc.given.published_at,
    author,
    editor,
  };
}
