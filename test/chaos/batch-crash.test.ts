import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { checkLedgerInvariants } from '../helpers/ledger-invariants.js';
import { createProject, FIXTURES, type Project } from '../helpers/project.js';
import { spawnCli } from '../helpers/run-cli.js';

const lines = (stdout: string): any[] =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

/**
 * Issue 17: `igny8 run --batch` killed with SIGKILL while its batch is pending. Run again, it polls
 * the stored batch: nothing is resubmitted (the fake counts submissions), nothing charged twice.
 */
describe('igny8 run --batch survives SIGKILL while a batch is pending', () => {
  let fake: FakeProviderServer;
  let p: Project;
  let env: Record<string, string>;
  const n = async (q: string) => {
    const h = await p.db();
    try {
      return Number((await sql.raw<{ n: number }>(q).execute(h.db)).rows[0]!.n);
    } finally {
      await h.close();
    }
  };

  beforeAll(async () => {
    fake = await createFakeProviderServer({
      seed: 17,
      batchDelayMs: 2_500,
      respond: (r) => sandboxRespond(r),
    });
    env = {
      OPENAI_API_KEY: 'sk-fake-openai-000000000000',
      OPENAI_BASE_URL: `${fake.url}/v1`,
      ANTHROPIC_API_KEY: 'sk-ant-fake-00000000000000',
      ANTHROPIC_BASE_URL: fake.url,
      IGNY8_BATCH_POLL_MS: '100',
      IGNY8_MASTER_KEY: 'test-master-key-0123456789',
    };
    p = await createProject(env);
    await p.json([
      'keywords',
      'import',
      path.join(FIXTURES, 'semrush-coffee.csv'),
      '--site',
      'coffee-blog',
      '--sector',
      'brewing',
    ]);
  }, 120_000);
  afterAll(async () => {
    await fake?.close();
    if (p) fs.rmSync(p.dir, { recursive: true, force: true });
  });

  it('resumes the pending batch instead of resubmitting, and charges each article once', async () => {
    const child = spawnCli(
      ['run', '--site', 'coffee-blog', '--batch', '--stages', '1-4', '--max-items', '4', '--json'],
      { cwd: p.dir, env },
    );
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // Stage 2's batch, then stage 4's: kill while stage 4's is still pending at the provider.
    const deadline = Date.now() + 60_000;
    while (fake.stats.batches.submitted < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    const code = await exited;
    expect(code).toBeNull();
    const submitted = { ...fake.stats.batches };
    expect(submitted).toEqual({ submitted: 2, requests: 8 });
    expect(
      await n(`select count(*) as n from ai_batch_items where stage = 'write' and status = 'pending'`),
    ).toBe(4);
    expect(await n(`select count(*) as n from credit_holds where status = 'held'`)).toBe(4);

    const r = await p.cli(['run', '--site', 'coffee-blog', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const events = lines(r.stdout);
    expect(events.find((e) => e.type === 'run')?.resumed).toBe(true);
    expect(events.some((e) => e.type === 'batch' && e.stage === 4)).toBe(true);
    // Nothing resubmitted: the resumed run polled the batch the killed one submitted.
    expect(fake.stats.batches).toEqual(submitted);
    expect(await n('select count(*) as n from contents')).toBe(4);
    expect(await n(`select count(*) as n from tasks where status <> 'done'`)).toBe(0);
    expect(await n(`select count(*) as n from credit_holds where status = 'held'`)).toBe(0);
    expect(await n(`select count(*) as n from ai_batches`)).toBe(2);
    expect(
      await n(
        `select count(*) as n from (select op_id from credit_transactions where kind = 'charge' group by op_id having count(*) > 1) d`,
      ),
    ).toBe(0);
    expect(
      await n(
        `select count(*) as n from credit_transactions where kind = 'charge' and op_id like 'content:%'`,
      ),
    ).toBe(4);
    const h = await p.db();
    try {
      const acct = await h.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
      await checkLedgerInvariants(h.db, acct.id);
    } finally {
      await h.close();
    }
  }, 300_000);

  it('a partly failed batch: exit 9 (RUN_COMPLETED_WITH_FAILURES), failures released and reported', async () => {
    expect(
      (await p.cli(['run', '--site', 'coffee-blog', '--stages', '3', '--max-items', '4', '--json'])).code,
    ).toBe(0);
    fake.setBatchFaults({ fail: 0.5, times: 1 }, 200);
    const r = await p.cli(['run', '--site', 'coffee-blog', '--batch', '--stages', '4', '--json']);
    expect(r.code, r.stderr).toBe(9);
    expect(r.stderr).toContain('RUN_COMPLETED_WITH_FAILURES');
    const last = lines(r.stdout).pop();
    expect(last).toMatchObject({ type: 'result', exitCode: 9, failed: 2 });
    expect(last.run.results['4']).toMatchObject({ done: 2, failed: 2 });
    expect(await n(`select count(*) as n from credit_holds where status = 'held'`)).toBe(0);
    expect(await n(`select count(*) as n from ai_batch_items where status = 'failed'`)).toBe(2);
  }, 300_000);
});
