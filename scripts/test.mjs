#!/usr/bin/env node
// The full test suite: builds, starts the services the suites need (a throwaway PostgreSQL unless
// IGNY8_TEST_PG_URL is set), runs vitest, and ends with the line CI reads: "N passed, N failed".
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env };
const cleanups = [];
const isCI = Boolean(env.CI);
const args = process.argv.slice(2);

function log(msg) {
  process.stderr.write(`[test] ${msg}\n`);
}

function startPostgres() {
  if (env.IGNY8_TEST_PG_URL) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-pg-'));
  const port = String(55432 + Math.floor(Math.random() * 1000));
  try {
    const url = execFileSync('bash', [path.join(root, 'scripts/services/postgres.sh'), 'start', dir, port], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    env.IGNY8_TEST_PG_URL = url;
    cleanups.push(() => execFileSync('bash', [path.join(root, 'scripts/services/postgres.sh'), 'stop', dir]));
    log(`PostgreSQL up at ${url}`);
  } catch (err) {
    if (isCI) {
      log('could not start PostgreSQL, and CI requires it');
      throw err;
    }
    log('PostgreSQL unavailable: database suites run on SQLite only (CI runs both)');
  }
}

let code = 1;
try {
  log('building');
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit', env });
  if (build.status !== 0) throw new Error('build failed');
  // The built CLI that bin/igny8.js loads first (and the package ships): the suites test that one.
  const bundle = spawnSync(process.execPath, ['scripts/build-cli-bundle.mjs'], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  if (bundle.status !== 0) throw new Error('CLI bundle failed');
  startPostgres();
  const resultsDir = path.join(root, '.test-results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const out = path.join(resultsDir, 'vitest.json');
  fs.rmSync(out, { force: true });
  env.IGNY8_TEST_BUILT = '1';
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args],
    { cwd: root, stdio: 'inherit', env },
  );
  code = run.status ?? 1;
  if (fs.existsSync(out)) {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    const failed = r.numFailedTests + countFilesFailedOutsideTests(r);
    console.log(`${r.numPassedTests} passed, ${failed} failed`);
    if (r.numTotalTests === 0) code = 1;
  } else {
    console.log('0 passed, 1 failed');
  }
} catch (err) {
  log(String(err?.message ?? err));
  console.log('0 passed, 1 failed');
  code = 1;
} finally {
  for (const c of cleanups.reverse()) {
    try {
      c();
    } catch {
      /* best effort */
    }
  }
}
process.exit(code);

// A file that fails to load counts as a failed suite with no failed tests; count it once.
// A file that failed to load or threw outside any test counts once. (numFailedTestSuites also counts
// every describe block around a failed test, which double-counted one failure as two.)
function countFilesFailedOutsideTests(r) {
  return (r.testResults ?? []).filter(
    (s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
}
