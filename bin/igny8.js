#!/usr/bin/env node
// The ≤10-line entry: load the built CLI and hand it argv. `npm run build` writes the bundled CLI
// (dist/cli-bundle: a few files, fast start) after the per-file one (dist/cli), the fallback when the
// bundle is missing or older (a later `tsc` alone).
import { statSync } from 'node:fs';

const mtime = (rel) => statSync(new URL(rel, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = mtime('../dist/cli-bundle/main.js') >= mtime('../dist/cli/main.js');
const { main } = await import(bundled ? '../dist/cli-bundle/main.js' : '../dist/cli/main.js');
process.exitCode = await main(process.argv);
