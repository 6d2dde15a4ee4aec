/**
 * Stage `clean`, the outlet registry (CODEBOOK.md section 1, the `outlet`
 * metadata field): one outlet, one value. A name as a page writes it
 * (`ANTARA`, `Antara News`, `antaranews.com`, `CNBC Indonesia`), a byline's
 * outlet or a JSONL `url` host all map to the outlet's lower-case site domain
 * (`antaranews.com`, `cnbcindonesia.com`) when rules/outlets.json knows it.
 * An outlet it does not know keeps a generic canonical form: a domain-like
 * name lower-cased without `www.`, any other name lower-cased with its spaces
 * collapsed. The name as written is kept beside it (`outlet_as_written`).
 */
import outletsJson from './rules/outlets.json' with { type: 'json' };

interface OutletSpec {
  readonly domain: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

const OUTLETS = (outletsJson as unknown as { readonly outlets: readonly OutletSpec[] }).outlets;

/** Case, spaces and punctuation do not tell outlet names apart (`CNBC Indonesia` = `cnbcindonesia`). */
export function outletKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Host prefixes that name no subsite of their own (`news.detik.com` is detik.com; `lingkarkediri.pikiran-rakyat.com` is not pikiran-rakyat.com). */
const GENERIC_SUBDOMAIN = /^(?:www\d?|m|amp|mobile|news|berita|en|english|id|international|internasional|world|edition|today|www\.m)\./;

/** A name that is a domain: dotted labels ending in letters (`Liputan6.com`, `www.kompas.com`). */
const DOMAIN_LIKE = /^(?:[\p{L}\p{N}][\p{L}\p{N}-]*\.)+\p{L}{2,}$/u;

const BY_DOMAIN: ReadonlyMap<string, string> = new Map(OUTLETS.map((outlet) => [outlet.domain, outlet.domain]));

/** Registry key → domain: every name, alias, domain and the domain's first label (`cnbcindonesia`). The first outlet listed wins a shared key. */
const BY_KEY: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const add = (key: string, domain: string): void => {
    if (key.length > 0 && !map.has(key)) map.set(key, domain);
  };
  for (const outlet of OUTLETS) {
    add(outletKey(outlet.domain), outlet.domain);
    add(outletKey(outlet.name), outlet.domain);
    for (const alias of outlet.aliases) add(outletKey(alias), outlet.domain);
  }
  // First labels last, so that a name or alias always wins over another outlet's first label.
  for (const outlet of OUTLETS) add(outletKey(outlet.domain.split('.')[0] ?? ''), outlet.domain);
  return map;
})();

/** How many outlets the registry lists. */
export const REGISTERED_OUTLETS = OUTLETS.length;

/** A host as the registry compares it: lower case, without `www.`, `m.`, `news.` and the like. */
export function bareHost(host: string): string {
  let bare = host.trim().toLowerCase().replace(/\.$/, '');
  for (let step = 0; step < 3 && GENERIC_SUBDOMAIN.test(bare) && bare.split('.').length > 2; step++) bare = bare.replace(GENERIC_SUBDOMAIN, '');
  return bare;
}

/**
 * The canonical outlet for a name as a page, a byline or a URL writes it.
 *
 * @param asWritten The outlet's name or site as written (`ANTARA`, `detikNews`, `www.Liputan6.com`).
 * @returns The registry domain when the registry knows the outlet; else the name lower-cased (a domain without `www.`); null for an empty name.
 * @example
 * canonicalOutlet('Antara News'); // 'antaranews.com'
 * canonicalOutlet('news.detik.com'); // 'detik.com'
 * canonicalOutlet('Purna Warta'); // 'purna warta'
 */
export function canonicalOutlet(asWritten: string | null): string | null {
  if (asWritten === null) return null;
  const name = asWritten.replace(/\s+/gu, ' ').trim();
  if (name.length === 0) return null;
  if (DOMAIN_LIKE.test(name)) {
    const host = bareHost(name);
    return BY_DOMAIN.get(host) ?? host;
  }
  return BY_KEY.get(outletKey(name)) ?? name.toLowerCase();
}

/** The registry domain of a name, or null when the registry does not know it. */
export function registeredOutlet(asWritten: string): string | null {
  const canonical = canonicalOutlet(asWritten);
  return canonical !== null && BY_DOMAIN.has(canonical) ? canonical : null;
}

/** The host of a URL without `www.`/`m.`, or null when it is not a URL. */
export function urlHost(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^(?:www\d?|m|amp|mobile)\./, '') || null;
  } catch {
    return null;
  }
}
