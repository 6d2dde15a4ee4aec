/**
 * Stage `clean`, detector gates (CODEBOOK.md section 1, `dateline` and
 * `byline`): whether a rule's detector accepts the text its regex matched, with
 * the detectors' recent answers kept for the metadata step.
 */
import type { CompiledRule } from './rules.js';
import { HAS_DIGIT, readDateStamp } from './date-stamp.js';
import { isClosingBracketOrSpace, isOpeningBracketOrSpace, readLabelledByline, trimWhile } from './byline.js';

/** How many recent answers {@link keepRecentAnswers} keeps (a few documents' worth). */
const RECENT_ANSWERS_MAX = 64;

/**
 * `clean` reads each dateline and labelled byline twice: the rule's detector
 * reads the line to accept it, then describeDocument reads the removed piece
 * (the same text) for its fields. Keeping the last few answers makes the second
 * read a lookup. The readers are pure and nobody modifies their answers, so a
 * kept answer is always the right one.
 */
function keepRecentAnswers<T extends object | null>(read: (text: string) => T): (text: string) => T {
  const recent = new Map<string, T>();
  return (text: string): T => {
    const known = recent.get(text);
    if (known !== undefined) return known;
    const answer = read(text);
    if (recent.size >= RECENT_ANSWERS_MAX) recent.clear();
    recent.set(text, answer);
    return answer;
  };
}

export const readDateStampAgain = keepRecentAnswers(readDateStamp);
export const readLabelledBylineAgain = keepRecentAnswers(readLabelledByline);

/**
 * A cheap test that the rule's detector could accept the text, run before the
 * rule's regex: a date stamp always holds a digit, and most short lines hold none.
 */
export function detectorMayAccept(rule: CompiledRule, text: string): boolean {
  return rule.detector !== 'date_stamp' || HAS_DIGIT.test(text);
}

/** Does a rule's detector accept this text? Rules without a detector accept whatever their regex matched. */
export function detectorAccepts(rule: CompiledRule, text: string): boolean {
  if (rule.detector === 'date_stamp') return readDateStampAgain(text) !== null;
  if (rule.detector === 'labelled_byline') return readLabelledBylineAgain(trimWhile(text, isOpeningBracketOrSpace, isClosingBracketOrSpace)) !== null;
  return true;
}
