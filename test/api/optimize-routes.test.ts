import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

const AI_HTML =
  "<p>In today's fast-paced world, cold brew coffee is a game-changer. Moreover, it is cheap.</p>" +
  '<h2>Steep</h2><p>Steep the grounds for 12 hours in the fridge, then filter them twice.</p>';

describe.each(DIALECTS)('optimize routes on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let b: Tenant;
  let editor: string;
  let viewer: string;
  beforeAll(async () => {
    h = await startHarness(dialect, { bundledPrompts: true });
    a = await h.makeTenant('a');
    b = await h.makeTenant('b');
    editor = await h.token(a.users.editor, a.accountId);
    viewer = await h.token(a.users.viewer, a.accountId);
    // No OpenAI key: the engine falls back to the sandbox (the fixture's key would call the network).
    await h.core.providerKeys.remove({ accountId: a.accountId }, 'openai');
    await h.core.credits.grant({ accountId: a.accountId }, { opId: 'grant-a', amount: 500, pool: 'plan' });
  });
  afterAll(async () => h?.close());

  const setHtml = (html: string) =>
    h.t.db.updateTable('contents').set({ html }).where('id', '=', a.contentId).execute();
  const path = () => `/content/${a.contentId}/optimize`;

  it('scrubs over HTTP: a dry run saves nothing; the saved pass answers the word diff, and GET …/diff shows it', async () => {
    await setHtml(AI_HTML);
    const dry = await call(h.base, 'post', path(), { token: editor, body: { dryRun: true } });
    expect(dry.status).toBe(200);
    expect(dry.json.data).toMatchObject({ saved: false, changed: true, mode: 'scrub', credits: 0 });
    const html = (await call(h.base, 'get', `/content/${a.contentId}`, { token: editor })).json.data.html;
    expect(html).toBe(AI_HTML);

    const res = await call(h.base, 'post', path(), { token: editor, body: {} });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ saved: true, changed: true, mode: 'scrub' });
    const removed = res.json.data.segments
      .filter((s: { op: string }) => s.op === 'removed')
      .map((s: { text: string }) => s.text)
      .join('|');
    expect(removed).toMatch(/game-changer/);
    // The segments rebuild both texts: kept + removed is the before, kept + added the after.
    const segs = res.json.data.segments as Array<{ op: string; text: string }>;
    const before = segs
      .filter((s) => s.op !== 'added')
      .map((s) => s.text)
      .join('');
    expect(before).toContain("In today's fast-paced world");

    const diff = await call(h.base, 'get', `${path()}/diff`, { token: viewer });
    expect(diff.status).toBe(200);
    expect(diff.json.data).toMatchObject({ contentId: a.contentId, mode: 'scrub', diff: res.json.data.diff });
    expect(diff.json.data.segments).toEqual(res.json.data.segments);
  });

  it('a rewrite is metered like the CLI path: charged once, the balance drops by the credits it reports', async () => {
    await setHtml(AI_HTML);
    const balance = async () =>
      (await call(h.base, 'get', '/credits/balance', { token: editor })).json.data.total as number;
    const start = await balance();
    const res = await call(h.base, 'post', path(), {
      token: editor,
      body: { rewrite: true, goals: 'shorter intro' },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.data.mode).toBe('rewrite');
    expect(res.json.data.credits).toBeGreaterThan(0);
    expect(start - (await balance())).toBe(res.json.data.credits);
    // What the CLI prints before a rewrite (no provider key: the sandbox answers) is the envelope's message.
    expect(res.json.message).toMatch(/No API key for openai/);
  });

  it('viewers read the diff but cannot optimize; unknown options are refused; another account gets 404', async () => {
    const refused = await call(h.base, 'post', path(), { token: viewer, body: {} });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('FORBIDDEN');
    const bad = await call(h.base, 'post', path(), { token: editor, body: { rewrite: 'yes' } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.errors)).toContain('rewrite');
    const other = await h.token(b.users.owner, b.accountId);
    expect((await call(h.base, 'post', path(), { token: other, body: {} })).status).toBe(404);
    expect((await call(h.base, 'get', `${path()}/diff`, { token: other })).status).toBe(404);
  });

  it('an article never optimized has no diff: 409-class INVALID_STATE naming the fix', async () => {
    const res = await call(h.base, 'get', `/content/${b.contentId}/optimize/diff`, {
      token: await h.token(b.users.viewer, b.accountId),
    });
    expect(res.json.code).toBe('INVALID_STATE');
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
