import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requiredRole, type AnyRoute } from '../../server/route.js';
import { ALL_ROUTES } from '../../server/routes/index.js';
import type { Role } from '../../src/index.js';
import { DIALECTS } from '../helpers/test-db.js';
import { fixturesOf, startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';
import { buildRequest, routeKey, type Fixtures } from './route-walker.js';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };
const mutating = (r: AnyRoute) => r.method !== 'get' && !r.readOnly;

/** Routes that manage people, keys or money: only owners and admins. */
const MANAGEMENT_TAGS = ['users', 'api-keys', 'provider-keys', 'credits', 'modules', 'account'];

describe('route table access policy', () => {
  it('every write a viewer may make is declared personal (their own password, read marks)', () => {
    // readOnly POSTs (estimates) change nothing; everything else a viewer may POST is about themselves.
    const open = ALL_ROUTES.filter((r) => mutating(r) && !r.public && requiredRole(r) === 'viewer');
    expect(open.every((r) => r.personal)).toBe(true);
  });

  it('every write that manages users, keys or billing needs admin or owner', () => {
    const weak = ALL_ROUTES.filter(
      (r) =>
        mutating(r) && r.tags.some((t) => MANAGEMENT_TAGS.includes(t)) && RANK[requiredRole(r)] < RANK.admin,
    ).map(routeKey);
    expect(weak).toEqual([]);
    // And the check is not vacuous.
    expect(ALL_ROUTES.filter((r) => mutating(r) && r.tags.includes('users')).length).toBeGreaterThan(3);
  });
});

describe.each(DIALECTS)('roles over HTTP on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let fixtures: Fixtures;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    (h.app.igny8.deps.operatorAccounts as Set<string>).add(a.accountId);
    fixtures = fixturesOf(a);
  });
  afterAll(async () => h?.close());

  /** Call every route in `routes` as `role` with a valid request; return those not refused with 403. */
  async function notRefused(role: Role, routes: AnyRoute[]): Promise<string[]> {
    const out: string[] = [];
    for (const route of routes) {
      const req = buildRequest(route, fixtures);
      const token = await h.token(a.users[role], a.accountId);
      const res = await call(h.base, req.method, req.path, { token, body: req.body });
      if (res.status !== 403 || res.json?.code !== 'FORBIDDEN')
        out.push(`${routeKey(route)} → ${res.status}`);
    }
    return out;
  }

  it('a viewer is refused (403 FORBIDDEN) on every write that is not personal', async () => {
    const writes = ALL_ROUTES.filter((r) => mutating(r) && !r.public && !r.personal);
    expect(writes.length).toBeGreaterThan(20);
    expect(await notRefused('viewer', writes)).toEqual([]);
  });

  it('an editor is refused on every route that needs admin or owner (users, keys, billing, settings)', async () => {
    const strong = ALL_ROUTES.filter((r) => !r.public && RANK[requiredRole(r)] >= RANK.admin);
    expect(strong.some((r) => r.tags.includes('users'))).toBe(true);
    expect(strong.some((r) => r.tags.includes('api-keys'))).toBe(true);
    expect(strong.some((r) => r.tags.includes('credits'))).toBe(true);
    expect(await notRefused('editor', strong)).toEqual([]);
  });

  it('an admin is refused on owner-only routes, and the same rules hold for API keys', async () => {
    const ownerOnly = ALL_ROUTES.filter((r) => !r.public && requiredRole(r) === 'owner');
    expect(await notRefused('admin', ownerOnly)).toEqual([]);
    const viewerKey = await h.core.tenancy.createApiKey(
      { accountId: a.accountId },
      { name: 'ro', role: 'viewer' },
    );
    const res = await call(h.base, 'post', '/users', {
      apiKey: viewerKey.key,
      body: { email: 'new@example.com', role: 'viewer' },
    });
    expect([res.status, res.json.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('the roles that are allowed get through', async () => {
    const admin = await h.token(a.users.admin, a.accountId);
    const user = await call(h.base, 'post', '/users', {
      token: admin,
      body: { email: 'x@example.com', role: 'editor' },
    });
    expect(user.status).toBe(201);
    // An admin cannot hand out ownership.
    const promote = await call(h.base, 'put', `/users/${user.json.data.id}/role`, {
      token: admin,
      body: { role: 'owner' },
    });
    expect([promote.status, promote.json.code]).toEqual([403, 'FORBIDDEN']);
    const viewer = await h.token(a.users.viewer, a.accountId);
    const read = await call(h.base, 'post', '/notifications/read', { token: viewer, body: { ids: 'all' } });
    expect(read.status).toBe(200);
    expect((await call(h.base, 'get', '/credits/balance', { token: viewer })).status).toBe(200);
    const owner = await h.token(a.users.owner, a.accountId);
    const grant = await call(h.base, 'post', '/credits/grants', {
      token: owner,
      body: { amount: 50, opId: 'g1' },
    });
    expect(grant.status).toBe(201);
    const replay = await call(h.base, 'post', '/credits/grants', {
      token: owner,
      body: { amount: 50, opId: 'g1' },
    });
    expect(replay.json.data.id).toBe(grant.json.data.id);
  });

  it('only owners of an operator account change server-wide data', async () => {
    const b = await h.makeTenant('b');
    const owner = await h.token(b.users.owner, b.accountId);
    const res = await call(h.base, 'post', '/credits/grants', { token: owner, body: { amount: 1_000_000 } });
    expect([res.status, res.json.code]).toEqual([403, 'FORBIDDEN']);
  });
});
