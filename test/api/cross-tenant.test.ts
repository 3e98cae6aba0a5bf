import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../src/index.js';
import { DIALECTS } from '../helpers/test-db.js';
import { fixturesOf, startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';
import { buildRequest, routeKey, type Fixtures } from './route-walker.js';

// Every table that holds tenant rows, with the column naming the account.
const TENANT_TABLES = [
  'users',
  'api_keys',
  'refresh_tokens',
  'password_resets',
  'invites',
  'sites',
  'sectors',
  'keywords',
  'clusters',
  'ideas',
  'tasks',
  'contents',
  'images',
  'publish_destinations',
  'publish_records',
  'automation_runs',
  'run_events',
  'credit_balances',
  'credit_transactions',
  'credit_holds',
  'usage_log',
  'prompts',
  'provider_credentials',
  'notifications',
  'schedules',
  'schedule_slots',
  'notification_channels',
  'notification_deliveries',
] as const satisfies ReadonlyArray<keyof Database>;

/** Everything account A owns, in a stable order: compared before and after B's walk. */
async function snapshot(db: Db, accountId: string): Promise<string> {
  const out: Record<string, unknown> = {
    accounts: await db.selectFrom('accounts').selectAll().where('id', '=', accountId).execute(),
  };
  for (const table of TENANT_TABLES) {
    const rows = await (db as any)
      .selectFrom(table)
      .selectAll()
      .where('account_id', '=', accountId)
      .execute();
    out[table] = (rows as Array<Record<string, unknown>>)
      .map((r) => JSON.stringify(r, Object.keys(r).sort()))
      .sort();
  }
  return JSON.stringify(out);
}

function fixturesFor(a: Tenant): Fixtures {
  // A search for part of A's marker must find nothing of A's.
  return { ...fixturesOf(a), q: a.marker.slice(2) };
}

describe.each(DIALECTS)('cross-tenant walk of every route on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    b = await h.makeTenant('b');
    await h.core.models.seed();
    await h.token(a.users.owner, a.accountId); // A has a live session, which B must not touch
  });
  afterAll(async () => h?.close());

  it("account B never reads or changes account A's objects, on any route", async () => {
    // B's owner is even a server operator here, so operator-only routes run their handlers too.
    const app = h.app.igny8;
    (app.deps.operatorAccounts as Set<string>).add(b.accountId);
    const before = await snapshot(h.core.db, a.accountId);
    const fixtures = fixturesFor(a);
    const seen = new Set<string>();
    const failures: string[] = [];
    for (const route of app.routes) {
      // A fresh session per call: a route like logout must not end the walk for the rest.
      const token = await h.token(b.users.owner, b.accountId);
      let req = buildRequest(route, fixtures);
      let res = await call(h.base, req.method, req.path, { token, body: req.body });
      // A sample the service's own rules refuse proves nothing about scoping: try other samples.
      for (let seed = 2; res.status === 400 && seed <= 12; seed++) {
        req = buildRequest(route, fixtures, seed);
        res = await call(h.base, req.method, req.path, { token, body: req.body });
      }
      seen.add(routeKey(route));
      const where = `${routeKey(route)} → ${res.status} ${res.json?.code ?? ''}`;
      if (res.status >= 500) failures.push(`${where}: server error`);
      if (req.tenantParams.length > 0 && res.status !== 404 && res.status !== 403)
        failures.push(`${where}: expected 404/403 for A's ${req.tenantParams.join(', ')}`);
      if (res.text.includes(a.marker) || res.text.includes(a.accountId) || res.text.includes(a.apiKey))
        failures.push(`${where}: response contains account A's data`);
      await h.core.tenancy.setModules({ accountId: b.accountId }, { enable: [...(await moduleNames(h))] });
    }
    expect(failures).toEqual([]);
    // The walker saw the whole route table, so a route added later is walked without anyone listing it.
    expect([...seen].sort()).toEqual(app.routes.map(routeKey).sort());
    expect(seen.size).toBeGreaterThan(40);
    expect(await snapshot(h.core.db, a.accountId)).toBe(before);
  });

  it('a guessed or foreign id reads as not found, exactly like a missing one', async () => {
    const token = await h.token(b.users.owner, b.accountId);
    const foreign = await call(h.base, 'get', `/sites/${a.siteId}`, { token });
    const missing = await call(h.base, 'get', '/sites/00000000-0000-4000-8000-000000000000', { token });
    expect([foreign.status, foreign.json.code]).toEqual([missing.status, missing.json.code]);
    expect(foreign.status).toBe(404);
    const own = await call(h.base, 'get', `/sites/${b.siteId}`, { token });
    expect(own.json.data.id).toBe(b.siteId);
  });
});

describe.each(DIALECTS)('ids in bodies and query strings on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    b = await h.makeTenant('b');
  });
  afterAll(async () => h?.close());

  it("another account's siteId in an automation body or query is 404, never a run, estimate, list or lock", async () => {
    const token = await h.token(b.users.owner, b.accountId);
    const runsBefore = await runsOn(h, a.siteId);
    const missing = '00000000-0000-4000-8000-000000000000';
    const cases = [
      await call(h.base, 'post', '/automation/runs', { token, body: { siteId: a.siteId, options: {} } }),
      await call(h.base, 'post', '/automation/estimate', { token, body: { siteId: a.siteId } }),
      await call(h.base, 'get', `/automation/runs?siteId=${a.siteId}`, { token }),
      await call(h.base, 'post', '/automation/estimate', {
        token,
        body: { siteId: b.siteId, options: { sectorId: a.sectorId } },
      }),
      // An unknown site is not found, not "a run is already active".
      await call(h.base, 'post', '/automation/runs', { token, body: { siteId: missing, options: {} } }),
    ];
    expect(cases.map((r) => [r.status, r.json.code])).toEqual([
      [404, 'SITE_NOT_FOUND'],
      [404, 'SITE_NOT_FOUND'],
      [404, 'SITE_NOT_FOUND'],
      [404, 'SECTOR_NOT_FOUND'],
      [404, 'SITE_NOT_FOUND'],
    ]);
    expect(await runsOn(h, a.siteId)).toBe(runsBefore);
    const own = await call(h.base, 'post', '/automation/estimate', { token, body: { siteId: b.siteId } });
    expect(own.status).toBe(200);
  });
});

async function runsOn(h: Harness, siteId: string): Promise<number> {
  const rows = await h.core.db
    .selectFrom('automation_runs')
    .select('id')
    .where('site_id', '=', siteId)
    .execute();
  return rows.length;
}

async function moduleNames(h: Harness): Promise<string[]> {
  const { MODULES } = await import('../../src/index.js');
  void h;
  return [...MODULES];
}
