import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/index.js';
import { sandboxRespond } from '../../src/providers/sandbox/index.js';
import { createFakeProviderServer, type FakeProviderServer } from '../../src/testing/index.js';
import { checkLedgerInvariants } from '../helpers/ledger-invariants.js';
import { createProject, FIXTURES, type Project } from '../helpers/project.js';
import { spawnCli } from '../helpers/run-cli.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

const lines = (stdout: string): any[] =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l));

/**
 * Issue 17: `igny8 run --batch` SIGKILLed after the provider accepted a batch but before the process
 * learnt its id (the fake holds the create response). The batch's row was written first, under a key
 * the provider's batch carries; the resumed run adopts that batch: one create for those requests,
 * one charge per article, ledger invariants intact.
 */
describe.each(DIALECTS)('igny8 run --batch killed between batch create and its row (%s)', (dialect) => {
  let fake: FakeProviderServer;
  let p: Project;
  let pg: TestDb | undefined;
  let env: Record<string, string>;
  const q = async (query: string) => {
    const h = await (pg ? createDb(pg.url) : p.db());
    try {
      return (await sql.raw<Record<string, unknown>>(query).execute(h.db)).rows;
    } finally {
      await h.close();
    }
  };
  const n = async (query: string) => Number((await q(query))[0]!.n);

  beforeAll(async () => {
    fake = await createFakeProviderServer({ seed: 17, batchDelayMs: 300, respond: (r) => sandboxRespond(r) });
    if (dialect === 'postgres') pg = await createTestDb('postgres', { migrate: false });
    env = {
      OPENAI_API_KEY: 'sk-fake-openai-000000000000',
      OPENAI_BASE_URL: `${fake.url}/v1`,
      ANTHROPIC_API_KEY: 'sk-ant-fake-00000000000000',
      ANTHROPIC_BASE_URL: fake.url,
      // No IGNY8_BATCH_POLL_MS: the killed run's --batch-poll-seconds is stored with it and used on resume.
      IGNY8_BATCH_POLL_MS: '',
      IGNY8_MASTER_KEY: 'test-master-key-0123456789',
      ...(pg ? { IGNY8_DATABASE_URL: pg.url } : {}),
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
    // Tasks to write, made synchronously.
    const prep = await p.cli([
      'run',
      '--site',
      'coffee-blog',
      '--stages',
      '1-3',
      '--max-items',
      '3',
      '--json',
    ]);
    expect(prep.code, prep.stderr).toBe(0);
  }, 180_000);
  afterAll(async () => {
    await fake?.close();
    await pg?.close();
    if (p) fs.rmSync(p.dir, { recursive: true, force: true });
  });

  it('adopts the accepted batch on resume: one create, one charge per article', async () => {
    // The next batch is accepted at once but its create call answers only after a minute.
    fake.setBatchFaults({ holdCreateMs: 60_000, times: 1 });
    const child = spawnCli(
      ['run', '--site', 'coffee-blog', '--batch', '--batch-poll-seconds', '0.1', '--stages', '4', '--json'],
      {
        cwd: p.dir,
        env,
      },
    );
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const deadline = Date.now() + 90_000;
    while (fake.stats.batches.submitted < 1 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(fake.stats.batches.submitted, child.output.stderr).toBe(1);
    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    const accepted = { ...fake.stats.batches };
    expect(accepted.requests).toBeGreaterThan(0);
    // The window: the row is there, without the provider's id.
    expect(await q(`select status, provider_batch_id, requests from ai_batches`)).toEqual([
      { status: 'submitting', provider_batch_id: '', requests: accepted.requests },
    ]);
    expect(await n(`select count(*) as n from credit_holds where status = 'held'`)).toBe(accepted.requests);
    // The flag is stored with the run, so the resumed run polls at the same interval.
    const [stored] = await q(`select options from automation_runs where options like '%"batch":true%'`);
    expect(JSON.parse(String(stored!.options)).batchPollSeconds).toBe(0.1);

    const r = await p.cli(['run', '--site', 'coffee-blog', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout).find((e) => e.type === 'run')?.resumed).toBe(true);
    // Nothing resubmitted: the fake saw one create for these requests.
    expect(fake.stats.batches).toEqual(accepted);
    expect(await q(`select status, provider_batch_id from ai_batches`)).toEqual([
      { status: 'ended', provider_batch_id: 'batch_fake_1' },
    ]);
    expect(await n('select count(*) as n from contents')).toBe(accepted.requests);
    expect(await n(`select count(*) as n from credit_holds where status = 'held'`)).toBe(0);
    expect(
      await n(
        `select count(*) as n from (select op_id from credit_transactions where kind = 'charge' group by op_id having count(*) > 1) d`,
      ),
    ).toBe(0);
    expect(
      await n(
        `select count(*) as n from credit_transactions where kind = 'charge' and op_id like 'content:%'`,
      ),
    ).toBe(accepted.requests);
    const h = await (pg ? createDb(pg.url) : p.db());
    try {
      const acct = await h.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
      await checkLedgerInvariants(h.db, acct.id);
    } finally {
      await h.close();
    }
  }, 300_000);
});
