/**
 * Attributions (CODEBOOK.md section 7): the reporting cues. Which cue
 * categories of pipeline/stages/label/rules/reporting-verbs.id.json a sentence hits,
 * with their kinds, and the cue as written.
 */
import { categoryKey, LEXICONS, type CueKind } from '../lexicons.js';
import { matchPhrases } from '../phrase-index.js';
import { hitsOf, sortByStart, type SentenceFeatures } from '../sentence-features.js';
import { hasNya, type Token } from '../../../text/tokenize.js';

/** The cue as written, without its -nya (Menurutnya → Menurut, menyebutnya → menyebut). */
export function cueText(token: Token): string {
  return hasNya(token) ? token.text.slice(0, token.text.length - 3) : token.text;
}

/** The reporting-cue categories, in the order their kinds are read, with their hit keys. */
const CUE_KINDS: readonly (readonly [CueKind, string])[] = (
  ['active', 'active_needs_clause', 'inverted', 'according_to', 'passive_by', 'media_cue'] as const
).map((kind) => [kind, categoryKey('cue', kind)] as const);

/** A cue occurrence: its token range (of the first kind that lists it) and every kind it has. */
interface CueHit {
  readonly start: number;
  readonly end: number;
  readonly kinds: CueKind[];
}
const NO_CUES: readonly CueHit[] = [];
/** Up to this many cues a scan finds a cue by start; beyond it a Map does. */
const CUE_SCAN_MAX = 16;
/** The position of the cue family in LEXICONS.families.families. */
const CUE_FAMILY = LEXICONS.families.families.indexOf('cue');

/** The cue hits of a sentence with their kinds, in token order (a phrase in two kinds, like English 'said', carries both). */
export function cueHits(features: SentenceFeatures): readonly CueHit[] {
  // Most sentences hit no cue category at all.
  let hitsCue = false;
  for (const entry of features.hits) if (entry.family === CUE_FAMILY) hitsCue = true;
  if (!hitsCue) return NO_CUES;
  // A sentence has few cues: a list searched by start costs less than a Map per sentence. A long run of cues
  // (issue #14: thousands of `kata`) indexes them by start once the list passes CUE_SCAN_MAX, so it stays linear.
  let cues: CueHit[] | null = null;
  let byStart: Map<number, CueHit> | null = null;
  for (const [kind, key] of CUE_KINDS) {
    for (const hit of hitsOf(features, key)) {
      let cue: CueHit | undefined;
      if (cues === null) cues = [];
      else if (byStart !== null) cue = byStart.get(hit.start);
      else for (const c of cues) if (c.start === hit.start) cue = c;
      if (cue === undefined) {
        cues.push((cue = { start: hit.start, end: hit.end, kinds: [] }));
        if (byStart !== null) byStart.set(cue.start, cue);
        else if (cues.length > CUE_SCAN_MAX) byStart = new Map(cues.map((c) => [c.start, c] as const));
      }
      cue.kinds.push(kind);
    }
  }
  return cues === null ? NO_CUES : sortByStart(cues);
}

/** Does the sentence open with a pointer back at the previous sentence (Hal ini, Pernyataan tersebut)? */
export function opensWithDiscourseAnaphor(features: SentenceFeatures): boolean {
  const hits = matchPhrases(features.tokens.slice(0, 3), LEXICONS.discourseAnaphors);
  return hits.some((h) => h.start === 0);
}
