import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { checkLedgerInvariants } from '../helpers/ledger-invariants.js';
import { createProject, FIXTURES, type Project } from '../helpers/project.js';
import { spawnCli } from '../helpers/run-cli.js';

const ROUNDS = Number(process.env.IGNY8_CRASH_ROUNDS ?? 5);

/** quality.md, pipeline crash-resume: `igny8 run` killed with SIGKILL at random points, then run again. */
describe('igny8 run survives SIGKILL at random points', () => {
  let p: Project;
  const kills: Array<{ afterItems: number; killed: boolean }> = [];
  let final: any;

  beforeAll(async () => {
    p = await createProject();
    const imp = await p.json([
      'keywords',
      'import',
      path.join(FIXTURES, 'semrush-coffee.csv'),
      '--site',
      'coffee-blog',
      '--sector',
      'brewing',
    ]);
    expect(imp.imported).toBe(80);
    // A seeded schedule of kill points counted in finished items (not milliseconds, so the kills
    // land mid-run however fast the machine is): each round dies after 1–120 more items.
    let seed = 20261125;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < ROUNDS; i++) {
      const afterItems = 1 + Math.floor(rand() * 120);
      const child = spawnCli(
        [
          'run',
          '--site',
          'coffee-blog',
          '--auto-approve',
          '--min-seo-score',
          '0',
          '--json',
          '--concurrency',
          '3',
        ],
        { cwd: p.dir },
      );
      let seen = 0;
      child.stdout!.on('data', (d: Buffer) => {
        seen += (d.toString().match(/"type":"item"/g) ?? []).length;
        if (seen >= afterItems) child.kill('SIGKILL');
      });
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      const code = await exited;
      kills.push({ afterItems, killed: code === null });
      // A round that finished before its kill point leaves nothing to resume.
      if (code !== null) break;
    }
    const r = await p.cli([
      'run',
      '--site',
      'coffee-blog',
      '--auto-approve',
      '--min-seo-score',
      '0',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    final = r.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .find((e) => e.type === 'result')?.run;
  }, 900_000);

  afterAll(() => fs.rmSync(p.dir, { recursive: true, force: true }));

  it('was really killed mid-run, and the last run completed', () => {
    expect(kills.filter((k) => k.killed).length).toBeGreaterThanOrEqual(Math.min(3, ROUNDS));
    expect(final?.status).toBe('completed');
  });

  it('lost nothing and repeated nothing', async () => {
    const h = await p.db();
    try {
      const n = async (q: string) => Number((await sql.raw<{ n: number }>(q).execute(h.db)).rows[0]!.n);
      // Local clustering leaves the odd keyword that fits no group; every other one has its cluster.
      const waiting = await n(`select count(*) as n from keywords where status = 'new'`);
      expect(waiting).toBeLessThan(8);
      expect(
        await n(`select count(*) as n from keywords where status = 'clustered' and cluster_id is not null`),
      ).toBe(80 - waiting);
      expect(await n(`select count(*) as n from clusters where status <> 'planned'`)).toBe(0);
      const ideas = await n('select count(*) as n from ideas');
      expect(ideas).toBeGreaterThan(0);
      expect(await n(`select count(*) as n from ideas where status <> 'queued'`)).toBe(0);
      expect(await n('select count(*) as n from tasks')).toBe(ideas);
      expect(await n(`select count(*) as n from tasks where status <> 'done'`)).toBe(0);
      expect(await n('select count(*) as n from contents')).toBe(ideas);
      expect(await n('select count(distinct task_id) as n from contents')).toBe(ideas);
      expect(await n('select count(*) as n from images')).toBe(ideas * 3);
      expect(await n(`select count(*) as n from images where status <> 'done'`)).toBe(0);
      expect(await n(`select count(*) as n from contents where status <> 'approved'`)).toBe(0);
      // One run row: every re-run resumed the run the killed process left behind.
      expect(await n('select count(*) as n from automation_runs')).toBe(1);
      const files = (await h.db.selectFrom('images').select('file_path').execute()).map((r) => r.file_path!);
      for (const f of files) expect(fs.existsSync(path.join(p.dir, 'media', f)), f).toBe(true);
    } finally {
      await h.close();
    }
  });

  it("the run's record equals the ledger: credits and cumulative stage counts (runs show)", async () => {
    const h = await p.db();
    try {
      const charged = await h.db
        .selectFrom('credit_transactions')
        .select((eb) => eb.fn.sum<number>('amount').as('s'))
        .where('kind', '=', 'charge')
        .executeTakeFirstOrThrow();
      const count = async (q: string) => Number((await sql.raw<{ n: number }>(q).execute(h.db)).rows[0]!.n);
      const shown = await p.json(['runs', 'show', final.id]);
      const run = shown.run ?? shown;
      // One run did all the work, so every charge in the ledger is this run's.
      expect(run.creditsUsed).toBe(-Number(charged.s));
      expect(final.creditsUsed).toBe(run.creditsUsed);
      const stageCredits = Object.values(run.results as Record<string, { credits: number }>).reduce(
        (n, r) => n + r.credits,
        0,
      );
      expect(stageCredits).toBe(run.creditsUsed);
      // Counts add up over every killed attempt, not only the last one.
      expect(run.results['4'].done).toBe(await count('select count(*) as n from tasks'));
      expect(run.results['6'].done).toBe(await count('select count(*) as n from images'));
      expect(run.results['7'].done).toBe(await count('select count(*) as n from contents'));
      expect(run.results['3'].done).toBe(await count('select count(*) as n from ideas'));
    } finally {
      await h.close();
    }
  });

  it('charged nothing twice: one charge per operation, ledger = usage log', async () => {
    const h = await p.db();
    try {
      const acct = await h.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
      await checkLedgerInvariants(h.db, acct.id);
      const dup = await sql<{
        n: number;
      }>`select count(*) as n from (select op_id from credit_transactions where kind = 'charge' group by op_id having count(*) > 1) d`.execute(
        h.db,
      );
      expect(Number(dup.rows[0]!.n)).toBe(0);
      // Each item's operation was charged once even when its call was repeated after a kill.
      const perItem = await sql<{
        n: number;
      }>`select count(*) as n from credit_transactions where kind = 'charge' and op_id like 'content:%'`.execute(
        h.db,
      );
      expect(Number(perItem.rows[0]!.n)).toBe(
        Number((await sql<{ n: number }>`select count(*) as n from tasks`.execute(h.db)).rows[0]!.n),
      );
      const charged = await h.db
        .selectFrom('credit_transactions')
        .select((eb) => eb.fn.sum<number>('amount').as('s'))
        .where('kind', '=', 'charge')
        .executeTakeFirstOrThrow();
      const usage = await h.db
        .selectFrom('usage_log')
        .select((eb) => eb.fn.sum<number>('credits').as('s'))
        .executeTakeFirstOrThrow();
      expect(-Number(charged.s)).toBe(Number(usage.s));
    } finally {
      await h.close();
    }
  });
});
