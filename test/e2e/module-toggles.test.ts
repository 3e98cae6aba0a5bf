import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject, FIXTURES, type Project } from '../helpers/project.js';

/**
 * Issue 11: module toggles were enforced by the API only; with the writer module disabled a run
 * still wrote 57 articles. Stages and CLI commands of a disabled module refuse with MODULE_DISABLED.
 */
describe('a disabled module is refused by the pipeline and the CLI', () => {
  let p: Project;
  beforeAll(async () => {
    p = await createProject();
    await p.json([
      'keywords',
      'import',
      path.join(FIXTURES, 'semrush-coffee.csv'),
      '--site',
      'coffee-blog',
      '--sector',
      'brewing',
    ]);
    await p.json(['account', 'modules', '--disable', 'writer']);
  }, 120_000);
  afterAll(() => fs.rmSync(p.dir, { recursive: true, force: true }));

  const count = async (table: string) => {
    const h = await p.db();
    try {
      return Number(
        (await sql.raw<{ n: number }>(`select count(*) as n from ${table}`).execute(h.db)).rows[0]!.n,
      );
    } finally {
      await h.close();
    }
  };

  it('`igny8 run` and `igny8 write` refuse (exit 5), write nothing and record no run', async () => {
    for (const args of [['run'], ['write']]) {
      const r = await p.cli([...args, '--site', 'coffee-blog']);
      expect(r.code, r.stderr).toBe(5);
      expect(r.stderr).toMatch(/^error MODULE_DISABLED: Stage \d .*writer module/m);
      expect(r.stderr).toContain('igny8 account modules --enable writer');
    }
    expect(await count('contents')).toBe(0);
    expect(await count('automation_runs')).toBe(0);
  }, 120_000);

  it("the writer's commands refuse too; other stages still run", async () => {
    const list = await p.cli(['content', 'list']);
    expect(list.code, list.stderr).toBe(5);
    expect(list.stderr).toContain('MODULE_DISABLED');
    const plan = await p.cli(['run', '--site', 'coffee-blog', '--stages', '1-2', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    expect(await count('ideas')).toBeGreaterThan(0);
    expect(await count('tasks')).toBe(0);
  }, 300_000);
});
