import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelopeSchema } from '../../src/api-contract/index.js';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

describe.each(DIALECTS)('error hints over HTTP on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let token: string;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    token = await h.token(a.users.owner, a.accountId);
  });
  afterAll(async () => h?.close());

  it('word the action for API callers (a route, never a CLI command) and pass the action on', async () => {
    const res = await call(h.base, 'get', '/sites/no-such-site/publishing', { token });
    expect([res.status, res.json.code]).toEqual([404, 'SITE_NOT_FOUND']);
    expect(ErrorEnvelopeSchema.parse(res.json)).toBeTruthy();
    expect(res.json.action).toEqual({ id: 'list_sites' });
    expect(res.json.hint).toContain('GET /api/v1/sites');
    expect(res.json.hint).not.toMatch(/igny8 /);
  });

  it("names the same action for a missing run as the CLI does, in the API's words", async () => {
    const res = await call(h.base, 'get', '/automation/runs/no-such-run', { token });
    expect([res.status, res.json.code]).toEqual([404, 'RUN_NOT_FOUND']);
    expect(res.json.action).toEqual({ id: 'list_runs' });
    expect(res.json.hint).toBe('List runs with GET /api/v1/automation/runs.');
  });

  it('leave out hints written for the CLI (free text without an action)', async () => {
    const res = await call(h.base, 'post', '/sites', { token, body: { name: 'x', bogus: 1 } });
    expect(res.status).toBe(400);
    expect(res.json.hint).toBeUndefined();
    expect(res.json.action).toBeUndefined();
  });
});
