/**
 * The data card's figures on syndicated copies (README "Syndicated copies";
 * documents.story_id, n_story_copies): how many stories, how many
 * documents are copies of an earlier one, and the largest stories with the
 * outlets that carried them. Read from documents.arrow batch by batch;
 * only documents of stories with copies are remembered.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordBatchReader } from 'apache-arrow';

/** How many of the largest stories the card lists. */
export const TOP_STORIES = 10;

/** One story with copies. */
export interface StoryFigure {
  readonly story_id: string;
  /** The title of the story's first document, or null. */
  readonly title: string | null;
  readonly documents: number;
  /** Documents per outlet (`(none)` for none), by descending count then name. */
  readonly outlets: readonly (readonly [string, number])[];
}

export interface StoryStats {
  readonly documents: number;
  readonly stories: number;
  /** Documents that are not their story's first document. */
  readonly copies: number;
  /** Stories of two documents or more. */
  readonly storiesWithCopies: number;
  /** The largest stories (at most TOP_STORIES), by descending size then story_id. */
  readonly largest: readonly StoryFigure[];
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Count stories and copies in a dataset directory.
 * @example const { stories, copies } = await storyStats('output')
 */
export async function storyStats(dir: string): Promise<StoryStats> {
  const handle = await open(join(dir, 'documents.arrow'));
  let documents = 0;
  let stories = 0;
  const withCopies = new Map<string, { title: string | null; documents: number; outlets: Map<string, number> }>();
  try {
    for await (const batch of await RecordBatchReader.from(handle)) {
      const get = (name: string): unknown[] => {
        const vector = batch.getChild(name);
        if (vector === null) throw new Error(`stats: column ${name} is missing from ${dir}/documents.arrow; rebuild the dataset.`);
        return vector.toArray() as unknown[];
      };
      const ids = get('doc_id') as string[];
      const storyIds = get('story_id') as string[];
      const sizes = get('n_story_copies') as unknown as Int32Array;
      const outlets = get('outlet') as (string | null)[];
      const titles = get('title') as (string | null)[];
      ids.forEach((id, i) => {
        documents++;
        if (storyIds[i] === id) stories++;
        if (sizes[i]! < 2) return;
        const story = storyIds[i]!;
        let figure = withCopies.get(story);
        if (figure === undefined) withCopies.set(story, (figure = { title: null, documents: 0, outlets: new Map() }));
        figure.documents++;
        if (story === id) figure.title = titles[i] ?? null;
        const outlet = outlets[i] ?? '(none)';
        figure.outlets.set(outlet, (figure.outlets.get(outlet) ?? 0) + 1);
      });
    }
  } finally {
    await handle.close();
  }
  const largest = [...withCopies.entries()]
    .sort(([a, x], [b, y]) => y.documents - x.documents || byCodeUnit(a, b))
    .slice(0, TOP_STORIES)
    .map(([story_id, f]) => ({
      story_id,
      title: f.title,
      documents: f.documents,
      outlets: [...f.outlets.entries()].sort(([a, x], [b, y]) => y - x || byCodeUnit(a, b)),
    }));
  return { documents, stories, copies: documents - stories, storiesWithCopies: withCopies.size, largest };
}

/** The data card's section on stories, in Markdown. */
export function storySection(stats: StoryStats): string {
  const rows = stats.largest.map(
    (s) =>
      `| \`${s.story_id}\` | ${(s.title ?? '').replace(/\|/g, '\\|').slice(0, 80)} | ${s.documents} | ${s.outlets.map(([o, n]) => `${o} (${n})`).join(', ')} |`,
  );
  return `### Syndicated copies (stories)

${stats.documents} documents tell ${stats.stories} stories: ${stats.copies} documents are near-duplicates
of an earlier one (a syndicated copy: another outlet's lead-in and chrome, trimmed or
lightly edited), in ${stats.storiesWithCopies} stories with copies. \`documents.story_id\` names each
document's story (the doc_id of its first document in input order); keep one row per
\`story_id\` to count stories rather than articles. How copies are found, and how well:
README "Syndicated copies".
${
  rows.length === 0
    ? ''
    : `
The largest stories, with the outlets that carried them:

| story_id | title of the first document | documents | outlets |
| --- | --- | --- | --- |
${rows.join('\n')}
`
}`;
}
