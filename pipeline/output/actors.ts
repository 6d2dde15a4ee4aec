/**
 * The `actors` table (CODEBOOK.md section 7; issue 13): one row per source
 * quoted in the dataset, with its side, QID, type and how many attributions
 * and documents give it a voice. Aggregated over the whole dataset, so a
 * build tallies every batch (ActorTally.addPartial) and a merge of shards
 * recomputes it from the merged attribution rows (ActorTally.add): both give
 * the same rows, in actor order.
 */
import type { Row } from './tables.js';

/** What one batch contributes: per actor, counts by value (plain data, so it crosses worker threads). */
export type ActorPartial = Record<
  string,
  { n: number; documents: string[]; sides: Record<string, number>; qids: Record<string, number>; types: Record<string, number> }
>;

/** The commonest key of a count map (ties in code-unit order); null when empty. */
function commonest(counts: Readonly<Record<string, number>>): string | null {
  let best: string | null = null;
  for (const key of Object.keys(counts).sort()) if (best === null || (counts[key] as number) > (counts[best] as number)) best = key;
  return best;
}

/** Counts actors over attribution rows. */
export class ActorTally {
  private readonly byActor = new Map<
    string,
    { n: number; documents: Set<string>; sides: Record<string, number>; qids: Record<string, number>; types: Record<string, number> }
  >();

  private entry(actor: string) {
    let e = this.byActor.get(actor);
    if (e === undefined) {
      e = { n: 0, documents: new Set<string>(), sides: {}, qids: {}, types: {} };
      this.byActor.set(actor, e);
    }
    return e;
  }

  /**
   * Count one row of `attributions`.
   *
   * @param row - An attributions row (source_norm, source_side, source_qid, source_type, doc_id).
   */
  add(row: Row): void {
    const e = this.entry(row['source_norm'] as string);
    e.n++;
    e.documents.add(row['doc_id'] as string);
    const side = row['source_side'] as string | null;
    const qid = row['source_qid'] as string | null;
    if (side !== null) e.sides[side] = (e.sides[side] ?? 0) + 1;
    if (qid !== null) e.qids[qid] = (e.qids[qid] ?? 0) + 1;
    const type = row['source_type'] as string;
    e.types[type] = (e.types[type] ?? 0) + 1;
  }

  /**
   * Add the counts of a batch.
   *
   * @param partial - ActorTally.partial() of that batch.
   */
  addPartial(partial: ActorPartial): void {
    for (const [actor, p] of Object.entries(partial)) {
      const e = this.entry(actor);
      e.n += p.n;
      for (const d of p.documents) e.documents.add(d);
      for (const [field, counts] of [
        [e.sides, p.sides],
        [e.qids, p.qids],
        [e.types, p.types],
      ] as const)
        for (const [k, n] of Object.entries(counts)) field[k] = (field[k] ?? 0) + n;
    }
  }

  /** The counts as plain data. */
  partial(): ActorPartial {
    const out: ActorPartial = {};
    for (const [actor, e] of this.byActor) out[actor] = { n: e.n, documents: [...e.documents], sides: e.sides, qids: e.qids, types: e.types };
    return out;
  }

  /** The `actors` rows, in code-unit order of actor. */
  rows(): Row[] {
    return [...this.byActor.keys()].sort().map((actor) => {
      const e = this.byActor.get(actor) as {
        n: number;
        documents: Set<string>;
        sides: Record<string, number>;
        qids: Record<string, number>;
        types: Record<string, number>;
      };
      return {
        actor,
        source_side: commonest(e.sides),
        source_qid: commonest(e.qids),
        source_type: commonest(e.types) ?? 'anonymous',
        n_attributions: e.n,
        n_documents: e.documents.size,
      };
    });
  }
}
