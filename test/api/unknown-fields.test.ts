import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DIALECTS } from '../helpers/test-db.js';
import { sampleValid } from './arbitrary-from-schema.js';
import { fixturesOf, startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';
import { buildRequest, routeKey } from './route-walker.js';

const isPlain = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

describe.each(DIALECTS)('request bodies reject unknown fields on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let token: string;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    (h.app.igny8.deps.operatorAccounts as Set<string>).add(a.accountId);
    token = await h.token(a.users.owner, a.accountId);
  });
  afterAll(async () => h?.close());

  it('"stages":[4] beside options starts nothing and is named in a 400', async () => {
    const res = await call(h.base, 'post', '/automation/runs', {
      token,
      body: { siteId: a.siteId, options: { maxItemsPerStage: 1 }, stages: [4] },
    });
    expect([res.status, res.json.code]).toEqual([400, 'UNKNOWN_FIELDS']);
    expect(res.json.error).toContain('stages');
    expect(Object.keys(res.json.errors)).toEqual(['stages']);
    const nested = await call(h.base, 'post', '/automation/estimate', {
      token,
      body: { siteId: a.siteId, options: { stage: 4 } },
    });
    expect([nested.status, nested.json.errors]).toEqual([400, { 'options.stage': ['Unknown field'] }]);
  });

  it('every route with an object body, from the route table, names an unknown field with 400', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of h.app.igny8.routes) {
      if (!route.body || route.public) continue;
      // A sample the schema itself accepts, so only the extra field can be the reason for a 400.
      let body: unknown;
      for (let seed = 1; seed <= 12 && body === undefined; seed++) {
        const sample =
          buildRequest(route, fixturesOf(a), seed).body ?? sampleValid(route.body as z.ZodType, seed);
        if (JSON.stringify(sample).includes('\\u0000')) continue;
        if ((route.body as z.ZodType).safeParse(sample).success) body = sample;
      }
      if (!isPlain(body)) continue;
      checked++;
      const req = buildRequest(route, fixturesOf(a));
      const res = await call(h.base, req.method, req.path.split('?')[0]!, {
        token,
        body: { ...body, zzNotAField: true },
      }).catch((err: Error) => {
        throw new Error(`${routeKey(route)}: ${err.message} (${JSON.stringify(body).length} bytes)`);
      });
      if (res.status !== 400 || res.json.code !== 'UNKNOWN_FIELDS' || !res.json.error.includes('zzNotAField'))
        failures.push(
          `${routeKey(route)} → ${res.status} ${res.json?.code} ${res.text.slice(0, 300)} ${JSON.stringify(body)}`,
        );
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});
