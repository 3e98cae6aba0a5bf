#!/usr/bin/env node
// Bundle the CLI into dist/cli-bundle/ (part of `npm run build`). Why: Node resolves and compiles every
// ES module file on start, and `igny8 keywords list` loaded ~830 of them (Kysely 263, zod 95) — more
// than half of its start time (P11). One bundle with code splitting loads a handful of chunks; the
// dynamic `import()`s stay lazy as their own chunks. bin/igny8.js uses the bundle when it exists and
// falls back to the tsc output (dist/cli/main.js).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// `--outdir DIR` (tests): it must stay inside the package, where Node finds the packages left out.
const at = process.argv.indexOf('--outdir');
const outdir = path.resolve(root, at > 0 ? process.argv[at + 1] : 'dist/cli-bundle');

// Packages bundled in: the ones every database command loads, made of many small ES modules. Every
// other package stays a plain import resolved by Node at run time, exactly as from dist/cli: native
// addons, packages that read their own files, and the heavy ones only a few commands load lazily.
const BUNDLED = new Set([
  'kysely',
  'zod',
  'commander',
  'diff',
  'p-queue',
  'p-timeout',
  'eventemitter3',
  'croner',
]);

/** The package a bare import names (`@scope/pkg/sub` → `@scope/pkg`), or null for a relative path. */
function packageOf(spec) {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:')) return null;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const externalsPlugin = {
  name: 'igny8-externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const pkg = packageOf(args.path);
      if (pkg === null || BUNDLED.has(pkg)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

// zod re-exports its 64 error-message locales (`z.locales`, `z.core.locales`: 366 KB of the 759 KB it adds
// to every command's start). igny8 never calls z.config with one: English, which zod's schemas import
// directly, is all the bundle keeps.
const zodLocalesPlugin = {
  name: 'igny8-zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/.test(args.importer)
        ? { path: 'zod-locales-en', namespace: 'igny8-zod-locales', pluginData: args.resolveDir }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'igny8-zod-locales' }, (args) => ({
      contents: "export { default as en } from '../locales/en.js';",
      resolveDir: args.pluginData,
      loader: 'js',
    }));
  },
};

fs.rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The knowledge base parses PDF and DOCX in a worker it starts from `./extract-worker.js` beside
  // its own (bundled) code, so the worker is an entry point of its own next to the chunks; so does a
  // large keyword import, which parses the file in `./keyword-rows-worker.js`.
  entryPoints: {
    main: 'cli/main.ts',
    'extract-worker': 'src/kb/extract-worker.ts',
    'keyword-rows-worker': 'src/planner/keyword-rows-worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  plugins: [externalsPlugin, zodLocalesPlugin],
  // CommonJS packages bundled into ES modules call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __igny8CreateRequire } from 'node:module'; const require = __igny8CreateRequire(import.meta.url);",
  },
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  // What went into which chunk, for size work: IGNY8_BUNDLE_META=1 writes meta.json (not shipped).
  metafile: process.env.IGNY8_BUNDLE_META === '1',
}).then((r) => r.metafile && fs.writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(r.metafile)));
