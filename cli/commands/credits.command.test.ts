import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCreditsService } from '../../src/credits/index.js';
import { runCli } from '../../test/helpers/run-cli.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';

describe.each(DIALECTS)('igny8 credits on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function project() {
    t = await createTestDb(dialect);
    const tenant = await seedTenant(t.db);
    fs.writeFileSync(path.join(t.dir, 'igny8.config.json'), JSON.stringify({ database: { url: t.url } }));
    const cli = (args: string[]) =>
      runCli(args, { cwd: t.dir, env: { IGNY8_DATABASE_URL: undefined, IGNY8_ACCOUNT: undefined } });
    return { cli, scope: { accountId: tenant.accountId, siteId: tenant.siteId } };
  }

  it('after init: grants, shows the balance and history, and refuses a negative grant', async () => {
    t = await createTestDb(dialect, { migrate: false });
    const dir = path.join(t.dir, 'project');
    fs.mkdirSync(dir);
    const env = { IGNY8_DATABASE_URL: undefined, IGNY8_ACCOUNT: undefined };
    const cli = (args: string[]) => runCli(args, { cwd: dir, env });
    const database = dialect === 'sqlite' ? 'sqlite:./igny8.db' : t.url;
    const init = await cli(['init', '--yes', '--database', database, '--json']);
    expect(init.code, init.stderr).toBe(0);
    const included = JSON.parse(init.stdout).creditsGranted as number;
    expect(included).toBeGreaterThan(0);

    const bonus = await cli(['credits', 'grant', '500', '--pool', 'bonus', '--json']);
    expect(bonus.code, bonus.stderr).toBe(0);
    const granted = JSON.parse(bonus.stdout);
    expect(granted.opId).toMatch(/^[0-9a-f-]{36}$/);
    expect(granted.entry).toMatchObject({
      kind: 'grant',
      pool: 'bonus',
      amount: 500,
      balanceAfter: included + 500,
    });

    const plan = ['credits', 'grant', '1000', '--op-id', 'march', '--note', 'March top-up', '--json'];
    const first = JSON.parse((await cli(plan)).stdout);
    const again = JSON.parse((await cli(plan)).stdout);
    expect(again.entry.id).toBe(first.entry.id);

    const balance = await cli(['credits', 'balance', '--json']);
    expect(JSON.parse(balance.stdout)).toMatchObject({
      plan: included + 1000,
      bonus: 500,
      held: 0,
      available: included + 1500,
      total: included + 1500,
      planAllowance: included + 1000,
    });

    const negative = await cli(['credits', 'grant', '-5', '--json']);
    expect(negative.code).toBe(2);
    expect(JSON.parse(negative.stdout).error.code).toBe('VALIDATION_FAILED');
    expect(negative.stderr).toMatch(
      /error VALIDATION_FAILED: .*amount: expected a positive number of credits/,
    );
    expect(negative.stderr).toMatch(/hint: /);
    expect(negative.stderr).not.toMatch(/\n\s+at /);

    const history = await cli(['credits', 'history', '--json']);
    expect(history.code).toBe(0);
    const page = JSON.parse(history.stdout);
    expect(page.total).toBe(3);
    type Row = { opId: string; balanceAfter: number; description: string | null };
    expect(page.items.slice(0, 2).map((e: Row) => [e.opId, e.balanceAfter, e.description])).toEqual([
      ['march', included + 1500, 'March top-up'],
      [granted.opId, included + 500, null],
    ]);
    expect(page.items[2]).toMatchObject({ kind: 'grant', pool: 'plan', balanceAfter: included });
  }, 150_000);

  it('reports usage rows and totals', async () => {
    const { cli, scope } = await project();
    const credits = createCreditsService(t.db);
    await credits.grant(scope, { opId: 'g', amount: 100, pool: 'plan' });
    const usage = { provider: 'sandbox', model: 'sandbox-text', tokensIn: 2000, tokensOut: 1000, usd: 0.5 };
    await credits.charge(scope, {
      opId: 'c1',
      amount: 3,
      operation: 'auto_cluster',
      usage: { ...usage, operation: 'auto_cluster' },
    });
    await credits.reserve(scope, { opId: 'h1', amount: 9, operation: 'generate_content' });
    await credits.settle(scope, {
      opId: 'h1',
      amount: 7,
      usage: { ...usage, operation: 'generate_content' },
    });

    const byOp = await cli(['credits', 'usage', '--by', 'operation', '--json']);
    expect(byOp.code).toBe(0);
    expect(
      JSON.parse(byOp.stdout).items.map((r: { key: string; credits: number }) => [r.key, r.credits]),
    ).toEqual([
      ['auto_cluster', 3],
      ['generate_content', 7],
    ]);
    const list = JSON.parse((await cli(['credits', 'usage', '--since', '1d', '--json'])).stdout);
    expect(list.total).toBe(2);
    expect(list.items[0]).toMatchObject({ opId: 'h1', credits: 7, status: 'ok', siteId: scope.siteId });

    const human = await cli(['credits', 'balance']);
    expect(human.stdout).toMatch(/^available\s+90$/m);

    const bad = await cli(['credits', 'usage', '--by', 'week', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout).error.errors).toHaveProperty(['--by']);
  }, 150_000);
});
