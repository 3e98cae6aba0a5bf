import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareResults, directionOf, flattenFigures } from '../../bench/lib/compare-results.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const BASE = path.join(here, 'fixtures/results-base.json');
const NOW = path.join(here, 'fixtures/results-now.json');
const read = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('bench figure directions', () => {
  it('knows times, CPU, memory and cost ratios as lower-is-better, throughput and coverage as higher', () => {
    for (const key of ['p95_ms', 'cpu_ms_per_item', 'peak_rss_mb', 'plan_cpu_s', 'write_seconds', 'bytes'])
      expect(directionOf(key), key).toBe('lower');
    for (const key of ['cpu_ratio_vs_bare_http_call', 'p95_ratio_vs_bare', 'share_429', 'failed'])
      expect(directionOf(key), key).toBe('lower');
    for (const key of ['throughput_per_s', 'ratio_vs_ideal', 'ratio_vs_bare_http', 'speedup_vs_one_worker'])
      expect(directionOf(key), key).toBe('higher');
    for (const key of [
      'link_coverage',
      'achieved_ratio_of_limit',
      'rows_per_second',
      'steady_tokens_per_minute',
    ])
      expect(directionOf(key), key).toBe('higher');
    // Parameters and counts are not figures.
    for (const key of ['items', 'concurrency', 'latency_ms', 'keywords', 'cpus', 'rows'])
      expect(directionOf(key), key).toBeNull();
  });

  it('leaves out targets, same-run baselines and a bench script’s own running time', () => {
    const figures = [...flattenFigures(read(BASE)).keys()];
    expect(
      figures.filter((f) => /\.(target|baseline\w*|items|concurrency|latency_ms)(\.|$)/.test(f)),
    ).toEqual([]);
    expect(figures).not.toContain('P1.seconds');
    expect(figures).toContain('P4.cases[narrow,csv].import_ms');
  });

  it('names array elements by the fields that tell them apart, so a field added to every case changes no name', () => {
    const cases = (extra: object) => ({
      results: [
        {
          id: 'P4',
          cases: [
            { layout: 'semrush', format: 'semrush', ...extra, import_ms: 1 },
            { layout: 'narrow', format: 'csv', ...extra, import_ms: 2 },
          ],
        },
      ],
    });
    const names = (r: unknown) => [...flattenFigures(r).keys()];
    expect(names(cases({ parse: 'worker' }))).toEqual(names(cases({})));
    expect(names(cases({}))).toEqual([
      'P4.cases[semrush,semrush].import_ms',
      'P4.cases[narrow,csv].import_ms',
    ]);
    // Seeding a bench's data is its setup, not a figure of the code.
    expect(directionOf('seed_seconds')).toBeNull();
  });
});

describe('compareResults', () => {
  const report = compareResults(read(BASE), read(NOW));
  const byName = new Map(report.figures.map((f) => [f.figure, f]));

  it('flags figures worse by more than 10% in their own direction, and only those', () => {
    expect(report.compared).toBe(10);
    expect(
      report.figures
        .filter((f) => f.regressed)
        .map((f) => f.figure)
        .sort(),
    ).toEqual(['P1.articles.failed', 'P4.cases[narrow,csv].import_ms', 'P7.speedup_vs_one_worker']);
    expect(report.regressions).toBe(3);
    expect(byName.get('P4.cases[narrow,csv].import_ms')).toEqual({
      figure: 'P4.cases[narrow,csv].import_ms',
      better: 'lower',
      base: 18000,
      now: 21600,
      ratio: 1.2,
      regressed: true,
    });
    expect(byName.get('P7.speedup_vs_one_worker')).toMatchObject({ better: 'higher', ratio: 0.7692 });
    // Within 10%: 5% more CPU, 5% less of the ideal throughput; improvements never regress.
    expect(byName.get('P1.articles.cpu_ms_per_item')).toMatchObject({ ratio: 1.0513, regressed: false });
    expect(byName.get('P1.articles.ratio_vs_ideal')).toMatchObject({ ratio: 0.9474, regressed: false });
    expect(byName.get('P4.cases[semrush,semrush].peak_rss_mb')).toMatchObject({
      ratio: 0.5929,
      regressed: false,
    });
  });

  it('counts a failure where there was none as a regression (no ratio to give)', () => {
    expect(byName.get('P1.articles.failed')).toMatchObject({ base: 0, now: 2, ratio: null, regressed: true });
  });

  it('matches array elements by their names, not their order, and lists figures only one side has', () => {
    expect(byName.get('P4.cases[semrush,semrush].import_ms')).toMatchObject({ base: 22000, now: 23000 });
    expect(report.onlyInBase).toEqual(['P7.retired_ms']);
    expect(report.onlyInNow).toEqual(['P7.added_p95_ms']);
  });

  it('takes another threshold', () => {
    const loose = compareResults(read(BASE), read(NOW), { threshold: 0.25 });
    expect(loose.figures.filter((f) => f.regressed).map((f) => f.figure)).toEqual(['P1.articles.failed']);
  });
});

describe('bench/compare.mjs', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'bench/compare.mjs'), ...args], {
      cwd: root,
      encoding: 'utf8',
    });

  it('prints the comparison as JSON and exits 1 on a regression, 0 without one', () => {
    const worse = run('--base-file', BASE, '--now', NOW);
    expect(worse.status).toBe(1);
    const out = JSON.parse(worse.stdout);
    expect(out).toMatchObject({ regressions: 3, compared: 10, threshold: 0.1 });
    expect(out.base.date).toBe('2026-12-01T00:00:00.000Z');
    expect(out.figures).toHaveLength(10);

    const only = JSON.parse(run('--base-file', BASE, '--now', NOW, '--regressions-only').stdout);
    expect(only.figures).toHaveLength(3);

    const same = run('--base-file', NOW, '--now', NOW);
    expect(same.status).toBe(0);
    expect(JSON.parse(same.stdout).regressions).toBe(0);
  });

  it('exits 2 and says what to give on bad arguments', () => {
    const unknown = run('--bse', 'HEAD');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/--base REF \| --base-file FILE/);
    const ref = run('--base', 'no-such-ref-h15', '--now', NOW);
    expect(ref.status).toBe(2);
    expect(ref.stderr).toMatch(/no bench\/results.json at git ref "no-such-ref-h15"/);
    expect(run('--base-file', BASE, '--threshold', 'ten').stderr).toMatch(/--threshold must be a number/);
  });
});
