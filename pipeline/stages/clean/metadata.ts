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
import { canonicalOutlet, registeredOutlet, urlHost } from './outlets.js';
import { readGivenDate } from './given-date.js';
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

/** The outlet as the page (or the URL) writes it, its canonical value (rules/outlets.json), and the place. */
interface OutletReading {
  readonly outlet: string | null;
  readonly outletAsWritten: string | null;
  readonly place: string | null;
}

/** A name the text gives for the outlet: a site the page names that spells it, else the registry's domain, else the name lower-cased. */
function outletNamed(name: string, sites: readonly string[]): string | null {
  if (isDomain(name)) return canonicalOutlet(name);
  const site = siteMatching(name, sites);
  return site !== null ? canonicalOutlet(site) : (registeredOutlet(name) ?? canonicalOutlet(name));
}

/**
 * Outlet and place. The lead-in names them (`WahanaNews.co, Jakarta -`); a
 * lead-in that only names the outlet (`LINGKAR KEDIRI –`, `(ANTARA)`) is
 * matched to a site named in the promos and links or the given URL's host,
 * else to the registry. Without a lead-in, the given URL's host, then a site named
 * in a promo, then a line that only named the outlet. Every value goes through
 * the outlet registry, so one outlet has one value.
 */
function outletAndPlace(doc: RawDocument, removed: readonly RemovedPiece[]): OutletReading {
  const host = urlHost(doc.given.url);
  const prefix = removed.find((piece) => piece.reason === 'outlet_prefix');
  if (prefix === undefined) return { ...fallbackOutlet(host, removed), place: null };
  const groups = ruleGroups(prefix);
  const placeText = groups['place2'] ?? groups['place'];
  let place = placeText === undefined ? null : placeName(placeText);
  let written: string | null = null;
  let outlet: string | null = null;
  if (groups['outlet'] !== undefined) {
    // A site, an agency or a known outlet name.
    written = normaliseSpaces(groups['outlet']);
    outlet = outletNamed(written, withHost(sitesNamedIn(removed), host));
  } else if (groups['name'] !== undefined) {
    // Capitals before a dash: the outlet if the registry or a site explains it; else a section label, a place, or the outlet's bare name.
    const name = normaliseSpaces(groups['name']);
    const key = name.toLowerCase();
    const site = siteMatching(name, withHost(sitesNamedIn(removed), host)) ?? registeredOutlet(name);
    if (site !== null) outlet = canonicalOutlet(site);
    else if (SECTION_NAMES.has(key)) outlet = null;
    else if (PLACE_NAMES.has(key) || !name.includes(' ')) place ??= placeName(name);
    else outlet = canonicalOutlet(name);
    if (outlet !== null) written = name;
  }
  if (outlet === null) return { ...fallbackOutlet(host, removed), place };
  return { outlet, outletAsWritten: written, place };
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
function fallbackOutlet(host: string | null, removed: readonly RemovedPiece[]): Omit<OutletReading, 'place'> {
  const named = removed.find((piece) => piece.rule === 'navigation.outlet_name');
  const written = host ?? sitesNamedIn(removed)[0] ?? (named === undefined ? null : normaliseSpaces(named.text));
  return { outlet: canonicalOutlet(written), outletAsWritten: written };
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
  const { outlet, outletAsWritten, place } = outletAndPlace(doc, removed);
  const warnings: string[] = [];
  let givenDate: string | null = null;
  if (published === null && updated === null && doc.given.published_at !== null) {
    const reading = readGivenDate(doc.given.published_at);
    givenDate = reading.iso;
    if (reading.warning !== null) warnings.push(reading.warning);
  }
  return {
    title: givenTitle ?? (titlePiece === undefined ? null : normaliseSpaces(titlePiece.text)),
    outlet,
    outlet_as_written: outletAsWritten,
    place,
    published_at: published ?? updated ?? givenDate,
    author,
    editor,
    warnings,
  };
}
