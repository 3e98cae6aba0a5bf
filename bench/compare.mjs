#!/usr/bin/env node
// Did any bench figure get worse by more than 10%? Compares two bench/results.json files figure by
// figure and prints JSON: each figure with base, now, ratio (now / base) and `regressed`.
//
//   npm run bench:compare -- --base REF          results.json at a git ref (default HEAD) vs the working copy
//   npm run bench:compare -- --base-file A.json --now B.json [--threshold 0.1]
//
// Exit codes: 0 no regression, 1 a figure regressed, 2 bad arguments or unreadable input.
// Runs no bench: measure first (`npm run bench`, or one bench/p*.mjs), then compare.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareResults } from './lib/compare-results.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = 'bench/results.json';

function fail(message) {
  process.stderr.write(`bench:compare: ${message}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      base: { type: 'string' },
      'base-file': { type: 'string' },
      now: { type: 'string', default: RESULTS },
      threshold: { type: 'string', default: '0.1' },
      'regressions-only': { type: 'boolean', default: false },
    },
  }).values;
} catch (err) {
  fail(`${err.message}; usage: --base REF | --base-file FILE, [--now FILE] [--threshold 0.1]`);
}
const threshold = Number(args.threshold);
if (!Number.isFinite(threshold) || threshold < 0)
  fail(`--threshold must be a number ≥ 0, got "${args.threshold}"`);
// Without a base, the results committed at HEAD: `npm run bench`, then `npm run bench:compare`.
if (!args['base-file']) args.base ??= 'HEAD';

function parse(text, where) {
  try {
    return JSON.parse(text);
  } catch (err) {
    return fail(`${where} is not JSON: ${err.message}`);
  }
}

function readBase() {
  if (args['base-file']) {
    const file = path.resolve(args['base-file']);
    if (!fs.existsSync(file)) fail(`--base-file ${args['base-file']} does not exist`);
    return {
      source: { file: args['base-file'] },
      data: parse(fs.readFileSync(file, 'utf8'), args['base-file']),
    };
  }
  let text;
  try {
    text = execFileSync('git', ['show', `${args.base}:${RESULTS}`], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (err) {
    fail(`no ${RESULTS} at git ref "${args.base}": ${String(err.stderr ?? err.message).trim()}`);
  }
  return { source: { ref: args.base }, data: parse(text, `${args.base}:${RESULTS}`) };
}

const base = readBase();
const nowFile = path.resolve(args.now);
if (!fs.existsSync(nowFile)) fail(`--now ${args.now} does not exist`);
const now = parse(fs.readFileSync(nowFile, 'utf8'), args.now);

const report = compareResults(base.data, now, { threshold });
const figures = args['regressions-only'] ? report.figures.filter((f) => f.regressed) : report.figures;
process.stdout.write(
  `${JSON.stringify(
    {
      base: { ...base.source, date: base.data.date ?? null },
      now: { file: args.now, date: now.date ?? null },
      ...report,
      figures,
    },
    null,
    2,
  )}\n`,
);
process.exitCode = report.regressions > 0 ? 1 : 0;
