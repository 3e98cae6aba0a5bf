import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { RunEventSchema } from '../../src/api-contract/index.js';
import { checkLedgerInvariants } from '../helpers/ledger-invariants.js';
import { createProject, FIXTURES, type Project } from '../helpers/project.js';

/**
 * Issue 4's main job on the embedded default: the Semrush fixture through all seven stages on the
 * sandbox provider, to approved, exported articles with images — and every stage's counts add up.
 */
describe('igny8 run on the sandbox provider', () => {
  let p: Project;
  let run: any;
  let estimate: any;
  const events: any[] = [];

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
    estimate = await p.json(['run', '--site', 'coffee-blog', '--dry-run', '--auto-approve']);
    const r = await p.cli([
      'run',
      '--site',
      'coffee-blog',
      '--auto-approve',
      '--min-seo-score',
      '60',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    for (const line of r.stdout.trim().split('\n')) if (line.startsWith('{')) events.push(JSON.parse(line));
    run = events.find((e) => e.type === 'result')?.run;
    expect(run).toBeDefined();
  }, 600_000);

  afterAll(() => fs.rmSync(p.dir, { recursive: true, force: true }));

  it('completes with no failures and says the sandbox answered', async () => {
    expect(run.status).toBe('completed');
    for (const s of Object.values<any>(run.results)) expect(s.failed, `stage ${s.stage}`).toBe(0);
    expect(events.some((e) => e.type === 'item')).toBe(true);
    expect(events.filter((e) => e.type === 'stage' && e.status === 'done').map((e) => e.stage)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('emits run events the API contract describes (RunEventSchema), with no field the contract lacks', () => {
    const runEvents = events.filter((e) => e.type !== 'result');
    expect(runEvents.length).toBeGreaterThan(10);
    for (const e of runEvents) {
      const parsed = RunEventSchema.safeParse(e);
      expect(parsed.success, JSON.stringify(e).slice(0, 300)).toBe(true);
      // zod strips unknown keys: a field the contract lacks would be missing from the parsed copy.
      expect(Object.keys(parsed.data ?? {}).sort()).toEqual(Object.keys(e).sort());
    }
  });

  it("every stage's counts add up against the database", async () => {
    const h = await p.db();
    try {
      const n = async (q: string) => Number((await sql.raw<{ n: number }>(q).execute(h.db)).rows[0]!.n);
      const r = run.results;
      // Local clustering leaves the odd keyword that fits no group; every other one has its cluster.
      const waiting = await n(`select count(*) as n from keywords where status = 'new'`);
      expect(waiting).toBeLessThan(8);
      expect(
        await n(`select count(*) as n from keywords where status = 'clustered' and cluster_id is not null`),
      ).toBe(80 - waiting);
      expect(r['1'].created).toBe(await n('select count(*) as n from clusters'));
      expect(await n(`select count(*) as n from clusters where status = 'planned'`)).toBe(r['1'].created);
      const ideas = await n('select count(*) as n from ideas');
      expect(r['2'].created).toBe(ideas);
      expect(ideas).toBeGreaterThanOrEqual(3 * r['1'].created);
      expect(r['3'].done).toBe(ideas);
      expect(await n('select count(*) as n from tasks')).toBe(ideas);
      expect(await n(`select count(*) as n from tasks where status = 'done'`)).toBe(ideas);
      const contents = await n('select count(*) as n from contents');
      expect(r['4'].created).toBe(contents);
      expect(contents).toBe(ideas);
      expect(await n('select count(*) as n from images')).toBe(contents * 3);
      expect(r['6'].done).toBe(contents * 3);
      expect(
        await n(`select count(*) as n from images where status = 'done' and file_path is not null`),
      ).toBe(contents * 3);
      expect(r['7'].done).toBe(contents);
      expect(await n(`select count(*) as n from contents where status = 'approved'`)).toBe(r['7'].created);
      expect(r['7'].created).toBe(contents);
    } finally {
      await h.close();
    }
  });

  it('estimated at least what the run spent, stage by stage in item counts', async () => {
    expect(run.creditsUsed).toBeLessThanOrEqual(estimate.total.credits);
    // Local clustering is projected exactly, so every later stage's item count is right too
    // (stage 1 counts keywords in the plan and sectors in the run).
    for (const plan of estimate.stages.filter((s: any) => s.stage > 1))
      expect(plan.items, `stage ${plan.stage}`).toBe(run.results[String(plan.stage)].done);
  });

  it('charges credits that match the usage log and the run exactly', async () => {
    const h = await p.db();
    try {
      const acct = await h.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
      await checkLedgerInvariants(h.db, acct.id);
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
      expect(Number(usage.s)).toBe(run.creditsUsed);
      expect(run.creditsUsed).toBeGreaterThan(0);
      const balance = await p.json(['credits', 'balance']);
      expect(balance.total ?? balance.plan + balance.bonus).toBe(1_000_000 - run.creditsUsed);
    } finally {
      await h.close();
    }
  });

  it('exports approved articles with front matter and their images', async () => {
    const out = path.join(p.dir, 'export');
    const res = await p.json(['content', 'export', out, '--format', 'md']);
    expect(res.files.length).toBe(run.results['7'].created);
    const first = fs.readFileSync(res.files[0].file, 'utf8');
    expect(first).toMatch(/^---\ntitle: /);
    expect(first).toMatch(/featured_image: images\/[0-9a-f]{64}\.png/);
    expect(first).toContain('generator: igny8 (sandbox provider)');
    // Files are named by content hash, so two identical images share one file: every reference
    // (a featured and two inline per article) resolves, and no file is left unreferenced.
    const imgs = new Set(fs.readdirSync(path.join(out, 'images')));
    const refs: string[] = [];
    for (const f of res.files as { file: string }[])
      refs.push(
        ...[...fs.readFileSync(f.file, 'utf8').matchAll(/images\/([0-9a-f]{64}\.png)/g)].map((m) => m[1]!),
      );
    expect(refs.length).toBeGreaterThanOrEqual(res.files.length * 3);
    expect(new Set(refs)).toEqual(imgs);
    // Inline images are placed in the body and point at the copied files.
    expect((first.match(/!\[[^\]]*\]\(images\/[0-9a-f]{64}\.png\)/g) ?? []).length).toBe(2);
  });
});
