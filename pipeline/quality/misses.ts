/**
 * What `make eval MISSES=1` prints: every gold sentence whose predicted label
 * differs from gold (CODEBOOK.md sections 4–6), every gold attribution not
 * found (section 7), and the page misses of page-scores.ts (section 1), so
 * that a developer reads the misses rather than guesses at them.
 */
import { alignSentences } from './evaluate.js';
import type { GoldDocument } from './gold.js';
import { pageScores } from './page-scores.js';
import type { LabeledDocument } from '../types.js';

const LABEL_TASKS = ['stance_russia', 'stance_west', 'relation_signal', 'claim_class'] as const;

/**
 * The misses as readable lines, grouped by document.
 *
 * @param gold - The gold documents.
 * @param predicted - The predicted documents (matched by source_file).
 * @returns One line per miss.
 */
export function formatMisses(gold: readonly GoldDocument[], predicted: readonly LabeledDocument[]): string {
  const bySource = new Map(predicted.map((d) => [d.source_file, d]));
  const lines: string[] = [];
  const page = pageScores(gold, predicted).misses;
  for (const g of gold) {
    const p = bySource.get(g.source_file);
    lines.push(`== ${g.source_file}${p === undefined ? ' (no prediction)' : ''}`);
    for (const miss of page.filter((m) => m.source_file === g.source_file)) {
      lines.push(
        `  page ${miss.what}: gold ${JSON.stringify(miss.gold)}${miss.what === 'leak' ? ' still in clean_text' : ` predicted ${JSON.stringify(miss.predicted)}`}`,
      );
    }
    if (p === undefined) continue;
    const alignment = alignSentences(
      g.sentences.map((s) => s.text),
      p.sentences.map((s) => s.text),
    );
    g.sentences.forEach((gs, i) => {
      const j = alignment[i];
      const ps = j === null || j === undefined ? undefined : p.sentences[j];
      if (ps === undefined) {
        lines.push(`  [${i}] unaligned: ${gs.text}`);
        return;
      }
      const wrong = LABEL_TASKS.filter((task) => ps[task].label !== gs[task]).map(
        (task) => `${task} gold ${gs[task]} got ${ps[task].label} (${ps[task].confidence}${ps[task].rules.length > 0 ? ` ${ps[task].rules.join(',')}` : ''})`,
      );
      if (wrong.length > 0) lines.push(`  [${i}] ${gs.text}\n      ${wrong.join('\n      ')}`);
    });
    const found = new Set(p.attributions.map((a) => `${a.source.toLowerCase()}|${a.cue.toLowerCase()}`));
    for (const ga of g.attributions) {
      if (!found.has(`${ga.source.toLowerCase()}|${ga.cue.toLowerCase()}`)) {
        lines.push(`  attribution not found as written: ${ga.source} / ${ga.cue} / ${ga.type} in sentences ${JSON.stringify(ga.sentences)}`);
      }
    }
    for (const pa of p.attributions) {
      if (!g.attributions.some((ga) => ga.source.toLowerCase() === pa.source.toLowerCase())) {
        lines.push(`  attribution predicted, no gold source of that name: ${pa.source} / ${pa.cue} / ${pa.type}`);
      }
    }
  }
  return lines.join('\n');
}
