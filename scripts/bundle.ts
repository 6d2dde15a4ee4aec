/**
 * Compile the pipeline ahead of time: one esbuild bundle per entry point in
 * build/ (git-ignored), so `make dataset`, `make merge`, `make eval` and the
 * worker threads run plain JavaScript instead of transpiling TypeScript with
 * tsx at every start (README "Scaling"). The Makefile runs this as part of
 * the install step, again whenever a pipeline source, rules file, schema or
 * the lock file changes.
 *
 * The bundles behave as the sources do:
 * - the rules JSON is bundled (static `import … with { type: 'json' }`);
 * - schemas, package.json, CODEBOOK.md and git are still read at run time from
 *   paths built on `import.meta.dirname`, which each source module means as
 *   its own folder: every use is rewritten to that folder, found relative to
 *   the bundle, so REPO_ROOT and SCHEMAS_DIR resolve as from the sources;
 * - the CLI's worker pool starts `worker.js` from the bundle's folder when it
 *   is there (worker-pool.ts), so a bundled run never loads tsx.
 * test/run/bundle.test.ts builds the bundles into a scratch folder and
 * requires the same bytes as a run from the sources.
 *
 * Usage: `tsx scripts/bundle.ts [outdir]` (default build/).
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const REPO = resolve(import.meta.dirname, '..');
export const DEFAULT_BUNDLE_DIR = join(REPO, 'build');

/** Entry points: output name → source. */
export const BUNDLE_ENTRIES: Readonly<Record<string, string>> = {
  cli: 'pipeline/cli.ts',
  worker: 'pipeline/run/worker.ts',
  'eval-cli': 'pipeline/quality/eval-cli.ts',
};

/** Rewrites `import.meta.dirname` in a pipeline module to its source folder, found from the bundle's own folder. */
function sourceDirnamePlugin(outdir: string): Plugin {
  return {
    name: 'source-dirname',
    setup(plugin) {
      plugin.onLoad({ filter: /\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.dirname')) return { contents: source, loader: 'ts' };
        const fromBundle = relative(outdir, dirname(args.path)).split(sep).join('/');
        return { contents: source.replaceAll('import.meta.dirname', `__bundlePathJoin(import.meta.dirname, ${JSON.stringify(fromBundle)})`), loader: 'ts' };
      });
    },
  };
}

/**
 * Bundle every entry point into `outdir`.
 * @param entries - output name → source (default BUNDLE_ENTRIES)
 * @example await bundle('build')
 */
export async function bundle(outdir: string = DEFAULT_BUNDLE_DIR, entries: Readonly<Record<string, string>> = BUNDLE_ENTRIES): Promise<void> {
  const absoluteOutdir = resolve(outdir);
  await build({
    absWorkingDir: REPO,
    entryPoints: Object.entries(entries).map(([out, input]) => ({ out, in: input })),
    outdir: absoluteOutdir,
    bundle: true,
    splitting: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.js' },
    // Bundled CommonJS packages call require(); ESM has none, so give them one.
    banner: {
      js: [
        "import { createRequire as __bundleCreateRequire } from 'node:module';",
        "import { join as __bundlePathJoin } from 'node:path';",
        'const require = __bundleCreateRequire(import.meta.url);',
      ].join('\n'),
    },
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [sourceDirnamePlugin(absoluteOutdir)],
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await bundle(process.argv[2]);
}
