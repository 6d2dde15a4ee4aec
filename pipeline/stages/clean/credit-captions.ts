/**
 * Stage `clean`, wire-photo captions (CODEBOOK.md section 1, `caption`): a
 * caption that reads like a sentence, told by the photo credit standing alone
 * on the line after it and by the weekday date wire captions carry.
 */
import { DAY_NAMES, MONTH_BY_NAME, STRUCTURAL_RULE } from './rules.js';
import { ONE_SENTENCE } from './line-shape.js';
import { addFinding, hasRemainder, remainder, shapeOf } from './peel.js';
import type { LineState } from './peel.js';

/** A weekday with a full date, as wire captions date their photo (`Selasa, 23 September 2025`, `Tuesday, Sept. 23, 2025`). */
const WEEKDAY_FULL_DATE = (() => {
  const escapeWord = (word: string): string => word.replace(/[\^$\\.*+?()[\]{}|/]/g, '\\$&');
  const days = [...DAY_NAMES].map(escapeWord).join('|');
  const months = [...MONTH_BY_NAME.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeWord)
    .join('|');
  const year = '(?:19|20)\\d{2}(?!\\d)';
  return new RegExp(`(?<!\\p{L})(?:${days}),?\\s(?:\\d{1,2}\\s(?:${months})\\.?|(?:${months})\\.?\\s\\d{1,2},?)\\s${year}`, 'iu');
})();

/** Rules that remove a photo credit standing alone on its line (`(Nama/Agensi melalui AP)`, `Foto: EPA`). */
const STANDALONE_CREDIT_RULES: ReadonlySet<string> = new Set([
  'byline.bracketed_credit',
  'caption.photo_label',
  'caption.photo_label_alone',
  'caption.credit_first',
  'caption.agency_photo_credit',
  'caption.bracketed_photo_credit',
  'caption.slash_agency_credit',
  'caption.bracketed_path_credit',
]);

/**
 * A wire photo's caption is one sentence that dates the photo with its
 * weekday (`... hadir di bandara, Selasa, 23 September 2025, setelah ...`),
 * printed between paragraphs with the photo's credit alone on the next line:
 * that sentence is the caption (CODEBOOK.md section 1, `caption`), although
 * it ends with a full stop. A paragraph above a credit without a weekday date,
 * or of several sentences, is taken for body (a photo printed with its credit
 * only).
 */
export function removeDatedCaptionsAboveCredits(states: readonly LineState[]): void {
  for (let k = 0; k < states.length; k++) {
    const state = states[k] as LineState;
    if (state.findings.length > 0 || !hasRemainder(state)) continue;
    let n = k + 1;
    while (states[n]?.line.text.length === 0) n++;
    const next = states[n];
    if (next === undefined || next.findings.length !== 1 || hasRemainder(next) || !STANDALONE_CREDIT_RULES.has(next.findings[0]?.rule ?? '')) continue;
    const text = remainder(state);
    if (shapeOf(state).body && ONE_SENTENCE.test(text) && WEEKDAY_FULL_DATE.test(text)) {
      addFinding(state, state.keepStart, state.keepEnd, 'caption', STRUCTURAL_RULE.datedCaption);
      state.keepStart = state.keepEnd;
    }
  }
}
