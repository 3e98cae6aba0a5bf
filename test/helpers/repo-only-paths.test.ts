import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, FIXTURES } from '../planner/keyword-fixtures.js';
import { FIXTURES as PROJECT_FIXTURES } from './project.js';

// A user's clone has nothing beside it: `npm test` failed 62 tests because fixtures were read from a
// sibling folder of the checkout. This guard fails when any source reaches outside the repository again.
// The sibling's name is assembled, so this file does not itself name a path outside the repository.
const SIBLING = ['sha', 'red'].join('');
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCANNED = ['test', 'src', 'cli', 'server', 'scripts', 'bench', 'ui/src'];
const SKIP = new Set(['node_modules', 'dist', 'fixtures', '.test-results']);

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return SKIP.has(e.name) ? [] : sourceFiles(p);
    return /\.(ts|tsx|js|mjs|cjs|sh)$/.test(e.name) ? [p] : [];
  });
}

/** Relative path literals ('../x', "../../x") and path.join(…, '..', …) chains, with where they lead. */
function escapes(file: string, text: string): string[] {
  const found: string[] = [];
  const dir = path.dirname(file);
  for (const m of text.matchAll(/['"`]((?:\.\.\/)+[^'"`$\s]*)['"`]/g)) {
    const target = path.resolve(dir, m[1]!);
    if (target !== ROOT && !target.startsWith(ROOT + path.sep)) found.push(m[1]!);
  }
  // path.join(ROOT, '..', <sibling>, …) style: a repo-root anchor followed by a '..' segment.
  for (const m of text.matchAll(/\bROOT\s*,\s*['"]\.\.['"]/g)) found.push(m[0]);
  const sibling = new RegExp(
    `/work/${SIBLING}|['"]\\.\\./${SIBLING}|['"]${SIBLING}['"]\\s*,\\s*['"]fixtures['"]`,
    'g',
  );
  for (const m of text.matchAll(sibling)) found.push(m[0]);
  return found;
}

describe('tests read only files inside the repository', () => {
  it('no source under test/, src/, cli/, server/, scripts/ references a path outside the repo root', () => {
    const offenders: string[] = [];
    for (const top of SCANNED)
      for (const file of sourceFiles(path.join(ROOT, top))) {
        if (file === fileURLToPath(import.meta.url)) continue;
        for (const e of escapes(file, fs.readFileSync(file, 'utf8')))
          offenders.push(`${path.relative(ROOT, file)}: ${e}`);
      }
    expect(offenders).toEqual([]);
  });

  it('the guard itself catches a sibling-folder reference and a path.join(ROOT, "..") escape', () => {
    const probe = path.join(ROOT, 'test', 'helpers', 'probe.ts');
    expect(escapes(probe, `const d = '../../../${SIBLING}/fixtures/keywords';`)).not.toHaveLength(0);
    expect(escapes(probe, `path.join(ROOT, '..', '${SIBLING}', 'fixtures', 'x.csv')`)).not.toHaveLength(0);
    expect(escapes(probe, `const d = '/work/${SIBLING}/fixtures';`)).not.toHaveLength(0);
    expect(escapes(probe, "const d = '../fixtures/keywords';")).toEqual([]);
  });

  it('every keyword-export fixture the tests name exists in test/fixtures/keywords', () => {
    expect(FIXTURE_DIR).toBe(path.join(ROOT, 'test', 'fixtures', 'keywords'));
    expect(PROJECT_FIXTURES).toBe(FIXTURE_DIR);
    for (const c of FIXTURES) expect(fs.existsSync(path.join(FIXTURE_DIR, c.file)), c.file).toBe(true);
  });
});
