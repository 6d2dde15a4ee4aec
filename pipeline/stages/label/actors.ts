/**
 * The actor gazetteer (CODEBOOK.md section 7; rules/actors.json): who a
 * source is, with side (`russia`, `west`, `ukraine`, `china`, `other`), type
 * and, where known for certain, a Wikidata QID. Attributions get
 * `source_side` and `source_qid` from it; the `actors` table counts who gets
 * a voice (output/actors.ts).
 */
import ACTORS from './rules/actors.json' with { type: 'json' };
import type { Side } from './lexicons.js';

/** The sides of the actor gazetteer: the codebook's two plus the commonest third parties. */
export const ACTOR_SIDES = ['russia', 'west', 'ukraine', 'china', 'other'] as const;
export type ActorSide = (typeof ACTOR_SIDES)[number];

/** One entry of rules/actors.json. */
export interface Actor {
  readonly name: string;
  readonly side: ActorSide;
  readonly type: 'person' | 'organisation' | 'media';
  readonly aliases: readonly string[];
  readonly title: string;
  /** Wikidata id, or '' when not known for certain. */
  readonly qid: string;
}

export const ACTOR_LIST: readonly Actor[] = ACTORS.actors as readonly Actor[];

const BY_ALIAS = new Map<string, Actor>();
for (const actor of ACTOR_LIST) for (const alias of [actor.name.toLowerCase(), ...actor.aliases]) if (!BY_ALIAS.has(alias)) BY_ALIAS.set(alias, actor);
/** The most words an alias has: longer word runs are not looked up. */
const MAX_ALIAS_WORDS = Math.max(...[...BY_ALIAS.keys()].map((a) => a.split(' ').length));
/** Aliases this short are matched only as the whole source, never inside a longer one (AP, UE, BI). */
const MIN_INNER_ALIAS_LENGTH = 4;

/** Country words that give a side to an unknown source (pejabat Ukraina, diplomat China). */
const COUNTRY_SIDE: ReadonlyMap<string, ActorSide> = new Map([
  ['ukraina', 'ukraine'],
  ['ukraine', 'ukraine'],
  ['kyiv', 'ukraine'],
  ['china', 'china'],
  ['tiongkok', 'china'],
  ['cina', 'china'],
  ['beijing', 'china'],
]);

/**
 * The actor a source names: the whole source as an alias, else the longest
 * alias found as a run of its words (a title and a name: the name).
 *
 * @param source - source_norm or the source as written.
 * @returns The actor, or null.
 * @example
 * resolveActor('Juru bicara Kremlin Dmitry Peskov')?.name // 'Dmitry Peskov'
 */
export function resolveActor(source: string): Actor | null {
  const lower = source.toLowerCase().replace(/\s+/g, ' ').trim();
  const whole = BY_ALIAS.get(lower);
  if (whole !== undefined) return whole;
  const words = lower.split(' ');
  let best: { actor: Actor; words: number; person: boolean } | null = null;
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(MAX_ALIAS_WORDS, words.length - i); n >= 1; n--) {
      const alias = words.slice(i, i + n).join(' ');
      if (alias.length < MIN_INNER_ALIAS_LENGTH) continue;
      const actor = BY_ALIAS.get(alias);
      if (actor === undefined) continue;
      const person = actor.type === 'person';
      // A person named in a title beats the body of the title (Menlu Rusia Sergei Lavrov: Lavrov, not Rusia); else the longest.
      if (best === null || (person && !best.person) || (person === best.person && n > best.words)) best = { actor, words: n, person };
      break;
    }
  }
  return best?.actor ?? null;
}

/**
 * The side and QID of a source.
 *
 * @param source - source_norm (or the source as written).
 * @param foundSide - The side the attribution finder gave it from titles and antecedents (russia, west, other), or null.
 * @returns Side (null when unknown) and QID (null when not known for certain).
 */
export function sourceIdentity(source: string, foundSide: Side | null): SourceIdentity {
  const cache = IDENTITY_CACHE[foundSide ?? 'none'];
  let identity = cache.get(source);
  if (identity === undefined) {
    // Cleared when full rather than grown: a crawl quotes a few thousand sources again and again, and memory stays flat.
    if (cache.size >= IDENTITY_CACHE_SIZE) cache.clear();
    identity = identifySource(source, foundSide);
    cache.set(source, identity);
  }
  return identity;
}

/** What sourceIdentity gives. */
export interface SourceIdentity {
  readonly side: ActorSide | null;
  readonly qid: string | null;
}

/** Sources whose identity was found, per side the finder gave: the same speakers are quoted throughout a crawl. */
const IDENTITY_CACHE_SIZE = 4096;
const IDENTITY_CACHE: Record<Side | 'none', Map<string, SourceIdentity>> = { russia: new Map(), west: new Map(), other: new Map(), none: new Map() };

function identifySource(source: string, foundSide: Side | null): SourceIdentity {
  const actor = resolveActor(source);
  if (actor !== null) return { side: actor.side, qid: actor.qid === '' ? null : actor.qid };
  const words = source.toLowerCase().split(/[^\p{L}]+/u);
  if (foundSide === null || foundSide === 'other') for (const w of words) if (COUNTRY_SIDE.has(w)) return { side: COUNTRY_SIDE.get(w) ?? null, qid: null };
  return { side: foundSide, qid: null };
}
