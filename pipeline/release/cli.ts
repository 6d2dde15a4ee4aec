/**
 * `make release` lands here: build the dataset and write the release (see
 * make-release.ts), then print where it is and the archive's SHA-256.
 *
 * A release records the pipeline's git commit, so it refuses a work tree with
 * uncommitted changes (the commit would not describe the code that ran)
 * unless ALLOW_DIRTY=1. A release from a clean tree is recorded in
 * releases.sha256 (commit it); a version recorded there is never rebuilt with
 * other content. Exit codes: 0 released (or already released with the
 * same bytes), 1 could not release (the message says what to fix).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { makeRelease } from './make-release.js';
import { readReleaseConfig, registryOf } from './release-config.js';
import { DEFAULT_RELEASE_CONFIG } from './release-info.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The SHA-256 of every released archive, kept in git (see make-release.ts). */
const REGISTRY = 'releases.sha256';

const USAGE = `usage: tsx pipeline/release/cli.ts [--in <dir>] [--config <file>] [--release-dir <dir>] [--gold <dir>] [--gold-in <dir>] [--dataset <dir>]
  --in           articles to build the dataset from (default seeds)
  --config       the release config: name, title, authors, licence, version, locators (default ${DEFAULT_RELEASE_CONFIG});
                 its registry (releases.sha256 beside it) records each released version of that name
  --release-dir  where <name>-<version>/ and <name>-<version>.tar.gz go (default output/release)
  --gold         gold annotations for the data card's scores (default test/fixtures/gold)
  --gold-in      the articles the gold annotates (default seeds)
  --dataset      package this finished build instead of building (same version)
environment: SOURCE_DATE_EPOCH sets the release date (default: the version's CHANGELOG.md date);
             ALLOW_DIRTY=1 releases from a work tree with uncommitted changes`;

/** Uncommitted changes of the work tree (`git status --porcelain`) but the registry, or null outside a git checkout. */
function uncommittedChanges(): string[] | null {
  try {
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return status.split('\n').filter((line) => line.trim() !== '' && line.slice(3) !== REGISTRY);
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      in: { type: 'string', default: 'seeds' },
      'release-dir': { type: 'string', default: 'output/release' },
      gold: { type: 'string', default: 'test/fixtures/gold' },
      'gold-in': { type: 'string', default: 'seeds' },
      dataset: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const changes = uncommittedChanges();
  if (changes === null) process.stderr.write('warning: not a git checkout, so the release records pipeline_version "unknown".\n');
  else if (changes.length > 0) {
    const listed = changes
      .slice(0, 10)
      .map((line) => `  ${line}`)
      .join('\n');
    if (process.env['ALLOW_DIRTY'] !== '1') {
      process.stderr.write(
        `error: the work tree has uncommitted changes, so the commit recorded as pipeline_version would not describe the code that ran:\n${listed}\nCommit them and run make release again (or ALLOW_DIRTY=1 make release for a release you will not publish).\n`,
      );
      return 1;
    }
    process.stderr.write(`warning: releasing from a work tree with uncommitted changes (ALLOW_DIRTY=1):\n${listed}\n`);
  }
  const configPath = values.config ?? join(ROOT, DEFAULT_RELEASE_CONFIG);
  const config = values.config !== undefined || existsSync(configPath) ? readReleaseConfig(configPath) : null;
  const registry = config !== null ? registryOf(config) : join(ROOT, REGISTRY);
  const result = await makeRelease({
    root: ROOT,
    config,
    inDir: values.in,
    releaseDir: values['release-dir'],
    goldDir: values.gold,
    goldInDir: values['gold-in'],
    ...(values.dataset !== undefined ? { datasetDir: values.dataset } : {}),
    registry,
    // A release from uncommitted code is for looking at, not for citing: it is not recorded.
    register: changes === null || changes.length === 0,
  });
  const said = {
    created: `release ${result.info.id} written`,
    unchanged: `release ${result.info.id} already exists with the same bytes; nothing changed`,
    reproduced: `release ${result.info.id} rebuilt with the bytes ${registry} records for it`,
  };
  process.stderr.write(
    [
      said[result.status],
      `  directory  ${result.dir} (${result.files.length} files)`,
      `  archive    ${result.archive}`,
      `  sha256     ${result.archiveSha256}`,
      `  date       ${result.info.date} (from ${result.info.dateSource})`,
      `  config     ${config?.path ?? 'package.json'}`,
      ...(result.registered ? [`  recorded   in ${registry}: commit it, so that this version is never rebuilt with other content`] : []),
    ].join('\n') + '\n',
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
