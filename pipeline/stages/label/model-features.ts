/**
 * What the fitted label model reads of one sentence (CODEBOOK.md sections
 * 4–6): named binary features, each traceable to the text or to a labelling
 * function. The model (label-model.ts) weighs them; the weights are fitted on
 * gold by pipeline/quality/fit-label-model.ts and kept in
 * rules/fitted-label-model.json. A feature the weights do not name counts for
 * nothing, so the vocabulary is decided by the fit, not here.
 *
 * Families:
 * - `lf:<id>=<label>`: a labelling function's vote (every task's functions: a
 *   relation vote informs stance, an attribution informs claim class).
 * - `cat:<family.category>`: a lexicon category hit (rules/*.id.json).
 * - `spk:<side>` and `spk:<side>&cat:<stance category>`: who speaks the
 *   sentence (attribution side) together with what they say, so that a side's
 *   own official justifying or denying and one accusing the other side differ.
 * - `subj:<side>`, `subj:<side>&cat:<category>`: the side named among the first words, with what the sentence says.
 * - `spk:<side>&first_person`: a speaker of that side saying we/kami.
 * - `cue:<side>`: an attribution is cued here with a source of that side.
 * - `name:<side>`, `names:russia&west`, `doc:<side>`: mentions in the sentence and document.
 * - `shape:*`: question, digit, direct quote, first sentence.
 * - `w:<stem>`: a word (lower-cased, -nya removed) of three letters or more.
 * - `stance_spk:*`, `stance_fp:*` (stance section below): what a side's speaker
 *   does in the sentence — affirms its own side, attacks the other, or only
 *   reports — so that a Russian official's attack on the West is not read as
 *   favor of Russia, nor a Western official's plain report as against Russia.
 */
import type { SentenceContext } from './labeling-function.js';
import type { WordTable } from '../../text/tokenize.js';
import { WORD_LIST } from './word-lists.js';
import { OTHER_TARGET, hasAffirmingCue, hasHostileCue, liveHits, speakerSide, speaksInFirstPerson, targetMentions } from './stance-context.js';

/** Stance categories whose meaning turns on who speaks (for `spk:<side>&cat:` features). */
const SPEAKER_SENSITIVE = /^(stance|relation|cue)\./;
/** A mention starting within the first this-many tokens is taken as the sentence's subject. */
const SUBJECT_WINDOW = 3;

/**
 * Feature names of two parts, each made once: the parts are few (function
 * ids, labels, categories, sides), and a name made once is a flat string
 * whose hash the feature set and the weight look-ups reuse, where a name
 * made per sentence would be built, flattened and hashed every time.
 */
export class FeatureNames {
  private readonly names = new Map<string, Map<string, string>>();

  constructor(private readonly make: (a: string, b: string) => string) {}

  get(a: string, b = ''): string {
    let byB = this.names.get(a);
    if (byB === undefined) this.names.set(a, (byB = new Map()));
    let name = byB.get(b);
    if (name === undefined) byB.set(b, (name = this.make(a, b)));
    return name;
  }
}

const LF_VOTE = new FeatureNames((lf, label) => `lf:${lf}=${label}`);
const SPEAKER = new FeatureNames((side) => `spk:${side}`);
const CUE = new FeatureNames((side) => `cue:${side}`);
const SUBJECT = new FeatureNames((side) => `subj:${side}`);
const SPEAKER_FIRST_PERSON = new FeatureNames((side) => `spk:${side}&first_person`);
const CATEGORY = new FeatureNames((category) => `cat:${category}`);
const SPEAKER_CATEGORY = new FeatureNames((side, category) => `spk:${side}&cat:${category}`);
const SUBJECT_CATEGORY = new FeatureNames((side, category) => `subj:${side}&cat:${category}`);
const DOCUMENT_QUOTES = new FeatureNames((side) => `doc_quotes:${side}`);
const NAME = new FeatureNames((side) => `name:${side}`);
const STANCE_SPEAKER = new FeatureNames((side, rest) => `stance_spk:${side}&${rest}`);
const STANCE_FIRST_PERSON = new FeatureNames((side, act) => (act === '' ? `stance_fp:${side}` : `stance_fp:${side}&${act}`));
const STANCE_ABSENT = new FeatureNames((target, act) => `stance_absent:${target}&${act}`);
/** What a speaker's act is joined with in `stance_spk:` names: `<act>&names_other` and `first_person&<act>`. */
const ACT_NAMES_OTHER = new FeatureNames((act) => `${act}&names_other`);
const FIRST_PERSON_ACT = new FeatureNames((act) => `first_person&${act}`);

/** Whether a category's meaning turns on who speaks (SPEAKER_SENSITIVE), kept per category: the categories are few and the test runs per hit. */
const speakerSensitive = new Map<string, boolean>();
function isSpeakerSensitive(category: string): boolean {
  let sensitive = speakerSensitive.get(category);
  if (sensitive === undefined) speakerSensitive.set(category, (sensitive = SPEAKER_SENSITIVE.test(category)));
  return sensitive;
}

/** Up to this many features a list is searched for a repeat; beyond it a Set answers (a sentence of thousands of words, issue #14). */
const DISTINCT_SCAN_MAX = 48;

/**
 * Distinct strings in the order first added (as a Set's iteration gives). A
 * sentence has a few dozen features: searching the list costs less than the
 * Set per sentence it replaced, which was an eighth of the stage's allocation.
 */
class DistinctStrings {
  readonly items: string[] = [];
  private set: Set<string> | null = null;

  add(item: string): this {
    const { items, set } = this;
    if (set !== null) {
      if (!set.has(item)) {
        set.add(item);
        items.push(item);
      }
      return this;
    }
    for (let i = 0; i < items.length; i++) if (items[i] === item) return this;
    items.push(item);
    if (items.length > DISTINCT_SCAN_MAX) this.set = new Set(items);
    return this;
  }
}

/**
 * The model features of one sentence.
 *
 * @param context - The sentence in its document.
 * @param votes - Every labelling function's vote on it (abstentions left out).
 * @param words - When labelling with a fitted model: its word features by stem (compiled-model.ts); only
 *   these `w:` features are made, the others weighing nothing. Absent when fitting: every word is a feature.
 * @returns Distinct feature names, in a fixed order.
 */
export function modelFeatures(
  context: SentenceContext,
  votes: readonly { readonly lf: string; readonly label: string }[],
  words?: WordTable<string>,
): string[] {
  const out = new DistinctStrings();
  const { features } = context;
  for (const v of votes) out.add(LF_VOTE.get(v.lf, v.label));
  const speakerSides: string[] = [];
  for (const a of context.speakers) {
    const side = a.source_side ?? 'unknown';
    if (!speakerSides.includes(side)) speakerSides.push(side);
  }
  for (const side of speakerSides) out.add(SPEAKER.get(side));
  if (context.speakers.some((a) => a.type === 'direct')) out.add('shape:direct_quote');
  for (const a of context.cued) out.add(CUE.get(a.source_side ?? 'unknown'));
  // The subject: the side of a mention among the first words (Rusia menegaskan ..., Kremlin membantah ...).
  const subject = features.mentions.find((m) => m.start <= SUBJECT_WINDOW);
  if (subject !== undefined) out.add(SUBJECT.get(subject.side));
  const firstPerson = (features.wordLists & WORD_LIST.firstPersonPronoun) !== 0;
  for (const side of speakerSides) if (firstPerson) out.add(SPEAKER_FIRST_PERSON.get(side));
  for (const entry of features.hits) {
    out.add(CATEGORY.get(entry.category));
    if (!isSpeakerSensitive(entry.category)) continue;
    for (const side of speakerSides) out.add(SPEAKER_CATEGORY.get(side, entry.category));
    if (subject !== undefined) out.add(SUBJECT_CATEGORY.get(subject.side, entry.category));
  }
  for (const side of ['russia', 'west', 'other'] as const) if (features.names[side]) out.add(NAME.get(side));
  if (features.names.russia && features.names.west) out.add('names:russia&west');
  if (context.document.mentionsRussia) out.add('doc:russia');
  if (context.document.mentionsWest) out.add('doc:west');
  if (context.document.mostQuotedSide !== null) out.add(DOCUMENT_QUOTES.get(context.document.mostQuotedSide));
  if (features.endsWithQuestion) out.add('shape:question');
  if (features.hasDigit) out.add('shape:digit');
  if (context.index === 0) out.add('shape:first_sentence');
  if (words === undefined) {
    for (const token of features.tokens) {
      if (token.isWord && token.stem.length >= 3 && !/\d/.test(token.stem)) out.add(`w:${token.stem}`);
    }
  } else {
    for (const token of features.tokens) {
      const word = token.isWord ? words.get(token.stem, token.stemHash) : undefined;
      if (word !== undefined) out.add(word);
    }
  }
  addStanceSpeakerFeatures(context, out);
  return out.items;
}

// ---- Stance section (CODEBOOK.md section 4): speaker side × what the speaker does. ----

/** Categories in which a speaker rejects or warns the other side, beside the hostile cues of stance-context.ts. */
const REJECTING = ['warning_resolve'] as const;

/**
 * Adds what the sentence's speaker does for or against the sides: `stance_spk:<side>&attacks` (hostile or
 * rejecting words), `&affirms` (resolve, justification, conciliation, denial), `&reports` (neither),
 * with `&names_other` / `&names_own` for which side the sentence names, `&first_person`; and, for a
 * first-person sentence no attribution covers (an interview, a quote running on), the side the
 * document quotes most: `stance_fp:<side>` with the same affirm/attack split.
 */
function addStanceSpeakerFeatures(context: SentenceContext, out: DistinctStrings): void {
  const attacks = hasHostileCue(context) || REJECTING.some((c) => liveHits(context, c).length > 0);
  const affirms = hasAffirmingCue(context);
  const act = attacks && affirms ? 'attacks_affirms' : attacks ? 'attacks' : affirms ? 'affirms' : 'reports';
  const firstPerson = speaksInFirstPerson(context);
  const side = speakerSide(context);
  if (side !== null) {
    out.add(STANCE_SPEAKER.get(side, act));
    const namesOther = targetMentions(context, OTHER_TARGET[side]).length > 0;
    const namesOwn = targetMentions(context, side).length > 0;
    if (namesOther) out.add(STANCE_SPEAKER.get(side, 'names_other')).add(STANCE_SPEAKER.get(side, ACT_NAMES_OTHER.get(act)));
    if (namesOwn) out.add(STANCE_SPEAKER.get(side, 'names_own'));
    if (firstPerson) out.add(STANCE_SPEAKER.get(side, FIRST_PERSON_ACT.get(act)));
  } else if (context.speakers.length === 0 && firstPerson) {
    const quoted = context.document.mostQuotedSide;
    if (quoted === 'russia' || quoted === 'west') out.add(STANCE_FIRST_PERSON.get(quoted)).add(STANCE_FIRST_PERSON.get(quoted, act));
  }
  // A target neither named nor speaking, in a sentence with no first person: little room for a stance on it.
  for (const target of ['russia', 'west'] as const) {
    if (!context.features.names[target] && side === null && !firstPerson) out.add(STANCE_ABSENT.get(target, act));
  }
}
