/**
 * The data card's stories section (pipeline/release/story-stats.ts): counts
 * stories and copies from a built dataset and lists the largest stories with
 * their outlets.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storySection, storyStats, type StoryStats } from '../../pipeline/release/story-stats.js';
import { buildDataset } from '../../pipeline/run/build-dataset.js';
import { SEEDS_DIR } from '../gold.js';

let dir: string;
let stats: StoryStats;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'story-stats-'));
  const inDir = join(dir, 'in');
  mkdirSync(inDir);
  const seeds = readdirSync(SEEDS_DIR)
    .filter((n) => n.endsWith('.txt'))
    .sort();
  for (const name of seeds) writeFileSync(join(inDir, name), readFileSync(join(SEEDS_DIR, name)));
  // Three copies of the first seed from other outlets, one of the second.
  const copy = (name: string, lead: string): string => `${lead}${readFileSync(join(SEEDS_DIR, name), 'utf8').trim()}\n\nEditor: Dewi\n`;
  const lines = [
    { url: 'https://www.antaranews.com/berita/1', text: copy(seeds[0]!, 'Jakarta (ANTARA) - ') },
    { url: 'https://www.tempo.co/read/2', text: copy(seeds[0]!, 'TEMPO.CO, Jakarta - ') },
    { url: 'https://www.kompas.com/read/3', text: copy(seeds[0]!, 'JAKARTA, KOMPAS.com - ') },
    { url: 'https://www.antaranews.com/berita/4', text: copy(seeds[1]!, 'Jakarta (ANTARA) - ') },
  ];
  writeFileSync(join(inDir, 'zz-copies.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  await buildDataset({ inDir, outDir: join(dir, 'out'), concurrency: 1 });
  stats = await storyStats(join(dir, 'out'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('storyStats', () => {
  it('counts stories and copies', () => {
    expect(stats).toMatchObject({ documents: 9, stories: 5, copies: 4, storiesWithCopies: 2 });
  });

  it('lists the largest stories first, with their outlets', () => {
    expect(stats.largest.map((s) => s.documents)).toEqual([4, 2]);
    expect(stats.largest[0]!.outlets.reduce((n, [, k]) => n + k, 0)).toBe(4);
    expect(stats.largest[0]!.outlets.length).toBeGreaterThanOrEqual(3);
  });

  it('writes a Markdown section with the figures and a table of the largest stories', () => {
    const section = storySection(stats);
    expect(section).toContain('9 documents tell 5 stories: 4 documents are near-duplicates');
    expect(section).toContain(`| \`${stats.largest[0]!.story_id}\` |`);
    expect(storySection({ ...stats, largest: [] })).not.toContain('| story_id |');
  });
});
