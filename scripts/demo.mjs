#!/usr/bin/env node
// `npm run demo`: the main job on the embedded default. In ./demo it runs `igny8 init`, imports the
// example Semrush export, runs the seven stages (the offline sandbox provider answers when no API key
// is set), approves what passes the SEO checks and exports Markdown to ./demo/export.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.env.IGNY8_DEMO_DIR ?? path.join(root, 'demo'));
const bin = path.join(root, 'bin/igny8.js');

function igny8(args) {
  process.stderr.write(`\n$ igny8 ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
igny8([
  'init',
  '--yes',
  '--email',
  'demo@example.com',
  '--account-name',
  'Demo Agency',
  '--site',
  'Coffee Blog',
  '--sector',
  'Brewing',
]);
igny8([
  'keywords',
  'import',
  path.join(root, 'examples/semrush-coffee.csv'),
  '--site',
  'coffee-blog',
  '--sector',
  'brewing',
]);
igny8(['run', '--site', 'coffee-blog', '--dry-run']);
igny8(['run', '--site', 'coffee-blog', '--auto-approve']);
igny8(['content', 'list', '--limit', '10']);
igny8(['content', 'export', 'export', '--format', 'md']);
igny8(['credits', 'balance']);
process.stderr.write(
  `\nDone: articles in ${path.join(dir, 'export')}, database ${path.join(dir, 'igny8.db')}.\n`,
);
