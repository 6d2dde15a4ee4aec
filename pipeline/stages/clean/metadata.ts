/**
 * Stage `clean`, metadata (CODEBOOK.md section 1: title, outlet, place,
 * publication date, author and editor): reads the fields back out of the
 * removed pieces and `doc.given`.
 */
import { domainsIn, PLACE_NAMES, PLACE_SPELLING, RULES_BY_ID, SECTION_NAMES, STRUCTURAL_RULE, titleCaseWord } from './rules.js';
import { normaliseSpaces } from './lines.js';
import { isAllCaps } from './line-shape.js';
import { formatDateParts, readDateStamp } from './date-stamp.js';
import { isClosingBracketOrSpace, isOpeningBracketOrSpace, readLabelledByline, readReportingBy, trimWhile } from './byline.js';
import type { BylineFields } from './byline.js';
import { readDateStampAgain, readLabelledBylineAgain } from './detectors.js';
import { canonicalOutlet, registeredOutlet, urlHost } from './outlets.js';
import { readGivenDate } from './given-date.js';
import type { DocumentMetadata, RawDocument, RemovedPiece } from '../../types.js';

/* ========================================================================== */
/* Metadata: read the fields back out of the removed pieces                   */
/* ========================================================================== */

/** `JAKARTA` → `Jakarta` (as places.json spells it: `WASHINGTON, DC` → `Washington, DC`); a name already in mixed case stays as written. */
function placeName(text: string): string {
  const name = normaliseSpaces(text);
  return isAllCaps(name) ? (PLACE_SPELLING.get(name.toLowerCase()) ?? titleCaseWord(name)) : name;
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

/** A credit line naming a source or a photo library. */
const SOURCE_CREDIT = /^[\s[(]*(?:sumber|source|sources|foto|photo|kredit|credit)\s?[:：]/iu;

/** Site names (domains) mentioned in promos, links and bylines, in raw order. */
function sitesNamedIn(removed: readonly RemovedPiece[]): string[] {
  const sites: string[] = [];
  for (const piece of removed) {
    // `Sumber: other-site.com` credits another outlet (or a photo library), not this one.
    if (piece.reason === 'byline' && SOURCE_CREDIT.test(piece.text)) continue;
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

/**
 * The outlet when the lead-in names none: the given URL's host, a site a promo
 * names, a line that only names the outlet (`detikNews`), the outlet in a
 * byline (`Nama - detikNews`, `HARAKAHDAILY | .`), the name the page appends
 * to its headline (`Headline - The Reporter`), or a registered outlet's name
 * standing alone in the chrome (`TheJakartaPost`).
 */
function fallbackOutlet(host: string | null, removed: readonly RemovedPiece[]): Omit<OutletReading, 'place'> {
  const named = removed.find((piece) => piece.rule === 'navigation.outlet_name');
  const written =
    host ??
    sitesNamedIn(removed)[0] ??
    (named === undefined ? null : normaliseSpaces(named.text)) ??
    bylineOutlet(removed) ??
    headlineSuffixOutlet(removed) ??
    chromeOutlet(removed);
  return { outlet: canonicalOutlet(written), outletAsWritten: written };
}

/** The outlet a byline names: `Nama - detikNews` (the rule's `outlet` group) or the capitals of `HARAKAHDAILY | .`. */
function bylineOutlet(removed: readonly RemovedPiece[]): string | null {
  for (const piece of removed) {
    if (piece.rule === 'byline.name_outlet') {
      const outlet = ruleGroups(piece)['outlet'];
      if (outlet !== undefined) return outlet;
    }
    if (piece.rule === 'byline.outlet_bar') return normaliseSpaces(piece.text).replace(/\s?\|.*$/u, '');
  }
  return null;
}

/** Separators a page puts between its headline and its name in the browser title (`Headline - The Reporter`, `Headline | Outlet`). */
const TITLE_SUFFIX = /^(.+?)\s(?:[-–—|]|::)\s(\p{Lu}[\p{L}\p{N}.]*(?:\s\p{Lu}[\p{L}\p{N}.]*){0,3})$/u;

/** The outlet's name after the headline in a header line that repeats it (`Headline - The Reporter` above `Headline`). */
function headlineSuffixOutlet(removed: readonly RemovedPiece[]): string | null {
  const titles = new Set(removed.filter((piece) => piece.reason === 'title').map((piece) => normaliseSpaces(piece.text).toLowerCase()));
  for (const piece of removed) {
    if (piece.reason !== 'title' && piece.reason !== 'caption' && piece.reason !== 'navigation') continue;
    const match = TITLE_SUFFIX.exec(normaliseSpaces(piece.text));
    if (match !== null && titles.has((match[1] ?? '').toLowerCase())) return match[2] ?? null;
  }
  return null;
}

/** A short chrome line (kicker, navigation) that is a registered outlet's name (`TheJakartaPost`). */
function chromeOutlet(removed: readonly RemovedPiece[]): string | null {
  for (const piece of removed) {
    if (piece.reason !== 'navigation' || piece.text.length > 40) continue;
    const text = normaliseSpaces(piece.text);
    if (text.split(' ').length <= 3 && registeredOutlet(text) !== null) return text;
  }
  return null;
}

/** A name before a bar or bullet in a dateline (`Yati Maulana | Kamis, 27/02/2025 23:05 WIB`, `Fajar Nugraha • 18 February 2025`). */
const NAME_BEFORE_STAMP = /^(\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){1,4})\s?[|•·]\s?/u;

/**
 * The author when no byline names one: a name the dateline carries before its
 * date, or a line naming only the outlet in the byline slot (between the
 * headline and the dateline: `CNN Indonesia`).
 */
function fallbackAuthor(removed: readonly RemovedPiece[]): string | null {
  for (const piece of removed) {
    if (piece.reason !== 'dateline') continue;
    const match = NAME_BEFORE_STAMP.exec(normaliseSpaces(piece.text));
    if (match !== null && !MONTH_OR_DAY.test(match[1] ?? '')) return match[1] ?? null;
  }
  const title = removed.findIndex((piece) => piece.reason === 'title');
  if (title === -1) return null;
  for (let k = title + 1; k < removed.length; k++) {
    const piece = removed[k];
    if (piece === undefined) break;
    if (piece.reason === 'dateline') {
      // A person's name in the header just above the date (`Nama Penulis` / a line of affiliation / `13 Mei 2022 19:22 WIB`).
      for (const above of [removed[k - 1], removed[k - 2], removed[k - 3]]) {
        // `Nama Penulis (The Outlet)`: the name without its outlet in brackets.
        const name = normaliseSpaces(above?.text ?? '').replace(/\s?\([^()]{2,40}\)$/u, '');
        if (above !== undefined && above.reason === 'caption' && PERSON_NAME.test(name) && !NOT_A_PERSON.test(name)) return name;
      }
      break;
    }
    if (piece.rule === 'navigation.outlet_name') return normaliseSpaces(piece.text);
  }
  return null;
}

/** An ISO 8601 date at reduced precision: a year and month (`2022-11`) or a year (`2022`), no day. */
function isMonthOnly(iso: string): boolean {
  return iso.length <= 7;
}

/** The date kept so far, or the new one: the first full date wins; a month without a day stands in until one turns up. */
function preciserDate(kept: string | null, found: string): string {
  if (kept === null || (isMonthOnly(kept) && !isMonthOnly(found))) return found;
  return kept;
}

/** Posting accounts and desks (`Admin Berita`, `Tim Redaksi`) fill the slot but name no writer. */
const NOT_A_PERSON = /(?<![\p{L}])(?:admin|administrator|redaksi|redaktur|tim|team|staff|staf|newsroom|desk|editor|kontributor)(?![\p{L}])/iu;

/** Two to four capitalised words, the last possibly an initial (`Maulana Hidayat A`): a person's name. */
const PERSON_NAME = /^\p{Lu}\p{Ll}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){1,3}$/u;

/** A dateline may open with a weekday or a month (`Senin | ...`): not a name. */
const MONTH_OR_DAY =
  /^(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu|ahad|isnin|khamis|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|januari|februari|maret|mei|juni|juli|agustus|oktober|desember)\b/iu;

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
  // A date above the headline is the site's clock (today's date), not the article's: datelines after the title come first.
  const titleAt = removed.findIndex((piece) => piece.reason === 'title');
  const datelines = titleAt === -1 ? removed : [...removed.slice(titleAt), ...removed.slice(0, titleAt)];
  for (const piece of datelines) {
    if (piece.reason !== 'dateline') continue;
    const text = normaliseSpaces(piece.text);
    // A stamp with its day first; a month without a day (`date 2022-11`) only stands in until a full date turns up.
    const parts = readDateStampAgain(text) ?? readDateStamp(text, 'month');
    const iso = parts === null ? null : formatDateParts(parts);
    if (iso === null || parts === null) continue;
    if (parts.updated) updated = preciserDate(updated, iso);
    else published = preciserDate(published, iso);
  }
  let author: string | null = null;
  let editor: string | null = null;
  for (const piece of removed) {
    if (piece.reason !== 'byline') continue;
    const fields = bylineFields(piece);
    author ??= fields.author;
    editor ??= fields.editor;
  }
  author ??= fallbackAuthor(removed);
  const { outlet, outletAsWritten, place } = outletAndPlace(doc, removed);
  const warnings: string[] = [];
  let textDate = published ?? updated;
  if ((textDate === null || isMonthOnly(textDate)) && doc.given.published_at !== null) {
    const reading = readGivenDate(doc.given.published_at);
    // The given date fills a missing date, or a page's month when it falls in that month and says more (`2022-11` → `2022-11-16`).
    if (reading.iso !== null && (textDate === null || (reading.iso.startsWith(`${textDate}-`) && !isMonthOnly(reading.iso)))) textDate = reading.iso;
    if (reading.warning !== null) warnings.push(reading.warning);
  }
  return {
    title: givenTitle ?? (titlePiece === undefined ? null : normaliseSpaces(titlePiece.text)),
    outlet,
    outlet_as_written: outletAsWritten,
    place,
    published_at: textDate,
    author,
    editor,
    warnings,
  };
}
