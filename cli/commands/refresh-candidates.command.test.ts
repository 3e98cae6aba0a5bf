import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, type Project } from '../../test/helpers/project.js';

const H = 'https://blog.test';

/** `igny8 refresh candidates|merge-plan` through the real CLI on a fresh SQLite workspace. */
describe('igny8 refresh candidates and merge-plan', () => {
  let p: Project;
  beforeAll(async () => {
    p = await createProject();
  }, 120_000);
  afterAll(() => fs.rmSync(p.dir, { recursive: true, force: true }));

  it('says there is no data yet, then ranks imported rows with reasons, and prints redirects', async () => {
    const empty = await p.json(['refresh', 'candidates']);
    expect(empty).toMatchObject({ window: null, candidates: [], total: 0 });
    expect(empty.hint).toMatch(/No Search Console data/);

    const h = await p.db();
    const site = await h.db.selectFrom('sites').select(['id', 'account_id']).executeTakeFirstOrThrow();
    const row = (
      date: string,
      page: string,
      query: string,
      clicks: number,
      impressions: number,
      position: number,
    ) => ({
      account_id: site.account_id,
      site_id: site.id,
      date,
      page,
      query,
      clicks,
      impressions,
      position,
    });
    await h.db
      .insertInto('search_console_rows')
      .values([
        row('2026-02-10', `${H}/a/`, '', 200, 4000, 4),
        row('2026-03-10', `${H}/a/`, '', 80, 3900, 4),
        row('2026-03-10', `${H}/a/`, 'coffee grinder', 40, 1000, 6),
        row('2026-03-10', `${H}/b/`, 'coffee grinder', 10, 600, 9),
      ])
      .execute();
    await h.close();

    const all = await p.json(['refresh', 'candidates', '--window', '28']);
    expect(all.window).toMatchObject({ from: '2026-02-11', to: '2026-03-10' });
    expect(all.candidates.map((c: { kind: string }) => c.kind)).toEqual(['decay', 'striking', 'cannibal']);
    expect(all.candidates[0].metrics).toMatchObject({ clicks: 80, previousClicks: 200, clicksLost: 120 });
    // /b/ is neither imported nor ours: the reason says its text could not be checked.
    expect(all.candidates[1].reason).toMatch(/neither in the inventory nor one of our articles/);

    const human = await p.cli(['refresh', 'candidates', '--kind', 'cannibal']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/KIND\s+SCORE\s+PAGE\s+QUERY\s+REASON/);
    expect(human.stdout).toContain('2 pages split the 1,600 impressions for "coffee grinder"');

    const csv = await p.cli(['refresh', 'merge-plan', '--query', 'coffee grinder', '--format', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toBe(`source,target,regex,code\n/b/,${H}/a/,0,301\n`);
    expect(csv.stderr).toMatch(/is kept: it has the most clicks \(40 against 10/);
    const plan = await p.json(['refresh', 'merge-plan', '--query', 'coffee grinder']);
    expect(plan.keep.url).toBe(`${H}/a/`);

    const bad = await p.cli(['refresh', 'candidates', '--kind', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr + bad.stdout).toMatch(/VALIDATION_FAILED|--kind must be one of/);
    const neither = await p.cli(['refresh', 'merge-plan']);
    expect(neither.code).toBe(2);
  }, 120_000);
});
