import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { effectiveQuerySchema } from '../../server/mount-routes.js';
import { pathParams } from '../../server/route.js';
import { ALL_ROUTES } from '../../server/routes/index.js';
import { DIALECTS } from '../helpers/test-db.js';
import { arbitraryFromZod } from './arbitrary-from-schema.js';
import { fixturesOf, startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';
import { routeKey } from './route-walker.js';

const RUNS = Number(process.env.IGNY8_FUZZ_RUNS ?? 15);
const WRITES = ALL_ROUTES.filter((r) => r.method !== 'get');
const READS_WITH_QUERY = ALL_ROUTES.filter((r) => r.method === 'get' && effectiveQuerySchema(r));

/** What a fuzzed request sends: a JSON body (schema-shaped or arbitrary) or raw bytes. */
type Payload = { json: unknown } | { raw: string };

function payloadArb(schema: z.ZodType | undefined): fc.Arbitrary<Payload> {
  const json = fc.oneof(
    { weight: 3, arbitrary: schema ? arbitraryFromZod(schema) : fc.constant({}) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(null, [], '', 0, true, { __proto__: { x: 1 } }, { constructor: 'x' }),
    },
  );
  return fc.oneof(
    { weight: 5, arbitrary: json.map((j) => ({ json: j })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((raw) => ({ raw })) },
  );
}

describe.each(DIALECTS)('fuzzing every write route on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    (h.app.igny8.deps.operatorAccounts as Set<string>).add(a.accountId);
    await h.core.models.seed();
  });
  afterAll(async () => h?.close());

  it('covers every write route of the table', () => {
    expect(WRITES.length).toBeGreaterThan(25);
  });

  it.each(WRITES.map((r) => [routeKey(r), r] as const))('%s never answers 5xx', async (_name, route) => {
    const real = fixturesOf(a);
    const paramArb = (name: string) =>
      fc.oneof(
        fc.constant(real[name] ?? 'x'),
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.constantFrom('..', '%', '0', 'null'),
      );
    const paramsArb = fc.record(Object.fromEntries(pathParams(route.path).map((n) => [n, paramArb(n)])));
    await fc.assert(
      fc.asyncProperty(
        paramsArb,
        payloadArb(route.body as z.ZodType | undefined),
        async (params, payload) => {
          let path = route.path;
          for (const [k, v] of Object.entries(params))
            path = path.replace(`:${k}`, encodeURIComponent(v as string));
          // A fresh owner session each run: logout or a password change must not end the fuzzing.
          const token = await h.token(a.users.owner, a.accountId);
          const res = await call(h.base, route.method, path, {
            token,
            ...('raw' in payload ? { rawBody: payload.raw } : { body: payload.json }),
          });
          if (res.status >= 500) throw new Error(`${res.status} ${res.text} for ${JSON.stringify(payload)}`);
          expect(res.json?.success, res.text).toBe(res.status < 400);
          if (res.status === 400)
            expect(res.json.code).toMatch(/^(VALIDATION_FAILED|MALFORMED_BODY|[A-Z_]+)$/);
        },
      ),
      { numRuns: RUNS, seed: 42 },
    );
  });

  it.each(READS_WITH_QUERY.map((r) => [routeKey(r), r] as const))(
    '%s never answers 5xx to odd queries',
    async (_n, route) => {
      const shaped = arbitraryFromZod(effectiveQuerySchema(route) as z.ZodType).map((q) =>
        Object.fromEntries(
          Object.entries((q ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
        ),
      );
      const queryArb = fc.oneof(
        shaped,
        fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 4 }),
      );
      await fc.assert(
        fc.asyncProperty(queryArb, async (query) => {
          const path = route.path.replace(':siteId', a.siteId).replace(/:(\w+)/g, 'x');
          const token = await h.token(a.users.viewer, a.accountId);
          const res = await call(h.base, 'get', `${path}?${new URLSearchParams(query)}`, { token });
          if (res.status >= 500) throw new Error(`${res.status} ${res.text} for ${JSON.stringify(query)}`);
        }),
        { numRuns: RUNS, seed: 7 },
      );
    },
  );
});
