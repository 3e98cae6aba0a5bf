import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

describe.each(DIALECTS)('resources over HTTP on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let owner: string;
  let viewer: string;
  beforeAll(async () => {
    h = await startHarness(dialect, { allowPrivateUrls: false });
    a = await h.makeTenant('a');
    (h.app.igny8.deps.operatorAccounts as Set<string>).add(a.accountId);
    owner = await h.token(a.users.owner, a.accountId);
    viewer = await h.token(a.users.viewer, a.accountId);
  });
  afterAll(async () => h?.close());

  it('account, plans and modules', async () => {
    const acct = await call(h.base, 'get', '/account', { token: viewer });
    expect(acct.json.data).toMatchObject({
      id: a.accountId,
      plan: { id: 'unlimited' },
      usage: { users: { used: 4 } },
    });
    const renamed = await call(h.base, 'patch', '/account', { token: owner, body: { name: 'Renamed' } });
    expect(renamed.json.data.name).toBe('Renamed');
    const plans = await call(h.base, 'get', '/plans', { token: viewer });
    expect(plans.json.data.map((p: { id: string }) => p.id)).toContain('free');
    const off = await call(h.base, 'patch', '/modules', { token: owner, body: { disable: ['writer'] } });
    expect(off.json.data).toContainEqual({ name: 'writer', enabled: false });
    const list = await call(h.base, 'get', '/modules', { token: viewer });
    expect(list.json.data).toContainEqual({ name: 'writer', enabled: false });
    expect(list.json.data).toContainEqual({ name: 'planner', enabled: true });
    await call(h.base, 'patch', '/modules', { token: owner, body: { enable: ['writer'] } });
  });

  it('sites and sectors: create, read by id or slug, update, delete, with plan-scoped errors', async () => {
    const admin = await h.token(a.users.admin, a.accountId);
    const site = await call(h.base, 'post', '/sites', {
      token: admin,
      body: { name: 'Coffee Blog', domain: 'https://Coffee.example.com/path' },
    });
    expect(site.status).toBe(201);
    expect(site.json.data).toMatchObject({ slug: 'coffee-blog', domain: 'coffee.example.com' });
    const bySlug = await call(h.base, 'get', '/sites/coffee-blog', { token: viewer });
    expect(bySlug.json.data.id).toBe(site.json.data.id);
    const list = await call(h.base, 'get', '/sites?page_size=1', { token: viewer });
    expect(list.json.data.count).toBe(2);
    expect(list.json.data.next).toBe('/api/v1/sites?page=2&page_size=1');
    const upd = await call(h.base, 'patch', `/sites/${site.json.data.id}`, {
      token: admin,
      body: { industry: 'coffee', settings: { autoApprove: true } },
    });
    expect(upd.json.data).toMatchObject({ industry: 'coffee', settings: { autoApprove: true } });
    const sector = await call(h.base, 'post', `/sites/${site.json.data.id}/sectors`, {
      token: admin,
      body: { name: 'Grinders' },
    });
    expect(sector.status).toBe(201);
    const sectors = await call(h.base, 'get', `/sites/coffee-blog/sectors`, { token: viewer });
    expect(sectors.json.data.results.map((s: { slug: string }) => s.slug)).toEqual(['grinders']);
    const one = await call(h.base, 'get', `/sites/coffee-blog/sectors/grinders`, { token: viewer });
    expect(one.json.data.id).toBe(sector.json.data.id);
    const gone = await call(h.base, 'delete', `/sites/${site.json.data.id}`, { token: admin });
    expect(gone.json.data).toEqual({ id: site.json.data.id, deleted: true });
    const again = await call(h.base, 'get', `/sites/${site.json.data.id}`, { token: viewer });
    expect([again.status, again.json.code]).toEqual([404, 'SITE_NOT_FOUND']);
    const bad = await call(h.base, 'patch', `/sites/${a.siteId}`, { token: admin, body: {} });
    expect(bad.status).toBe(400);
  });

  it('users: add, role, disable blocks sign-in, last owner protected, remove', async () => {
    const admin = await h.token(a.users.admin, a.accountId);
    const added = await call(h.base, 'post', '/users', {
      token: admin,
      body: { email: 'writer@example.com', role: 'editor', password: 'writer password' },
    });
    expect(added.status).toBe(201);
    expect(added.text).not.toMatch(/hash|writer password/);
    const id = added.json.data.id;
    const role = await call(h.base, 'put', `/users/${id}/role`, { token: admin, body: { role: 'viewer' } });
    expect(role.json.data.role).toBe('viewer');
    await call(h.base, 'post', `/users/${id}/disable`, { token: admin });
    const login = await call(h.base, 'post', '/auth/login', {
      body: { email: 'writer@example.com', password: 'writer password' },
    });
    expect(login.status).toBe(401);
    await call(h.base, 'post', `/users/${id}/enable`, { token: admin });
    const login2 = await call(h.base, 'post', '/auth/login', {
      body: { email: 'writer@example.com', password: 'writer password' },
    });
    expect(login2.status).toBe(200);
    const demote = await call(h.base, 'put', `/users/${a.users.owner.id}/role`, {
      token: owner,
      body: { role: 'admin' },
    });
    expect([demote.status, demote.json.code]).toEqual([409, 'LAST_OWNER']);
    const removed = await call(h.base, 'delete', `/users/writer@example.com`, { token: admin });
    expect(removed.json.data).toEqual({ id, deleted: true });
    const users = await call(h.base, 'get', '/users', { token: viewer });
    expect(users.json.data.count).toBe(4);
  });

  it('provider keys are stored encrypted and only ever shown masked; private base URLs are refused', async () => {
    const admin = await h.token(a.users.admin, a.accountId);
    const secret = 'sk-live-abcdefghijklmnop9876';
    const set = await call(h.base, 'post', '/provider-keys', {
      token: admin,
      body: { provider: 'anthropic', key: secret },
    });
    expect(set.status).toBe(201);
    expect(set.json.data).toEqual({ provider: 'anthropic', name: 'default', last4: '9876' });
    const list = await call(h.base, 'get', '/provider-keys', { token: admin });
    expect(list.text).not.toContain(secret);
    expect(list.json.data.results).toContainEqual(
      expect.objectContaining({ provider: 'anthropic', masked: 'sk-…9876', source: 'database' }),
    );
    const stored = await h.core.db.selectFrom('provider_credentials').select('secret_enc').execute();
    expect(stored.some((r) => r.secret_enc.includes(secret))).toBe(false);
    const priv = await call(h.base, 'post', '/provider-keys', {
      token: admin,
      body: { provider: 'ollama', key: 'none-needed', baseUrl: 'http://127.0.0.1:11434/v1' },
    });
    expect([priv.status, priv.json.code]).toEqual([400, 'URL_NOT_ALLOWED']);
    const del = await call(h.base, 'delete', '/provider-keys/anthropic', { token: admin });
    expect(del.json.data).toEqual({ provider: 'anthropic', name: 'default', deleted: true });
    const del2 = await call(h.base, 'delete', '/provider-keys/anthropic', { token: admin });
    expect(del2.status).toBe(404);
    expect(h.logs.join('\n')).not.toContain(secret);
  });

  it('prompts: read, override with checked placeholders, reset', async () => {
    const admin = await h.token(a.users.admin, a.accountId);
    const list = await call(h.base, 'get', '/prompts', { token: viewer });
    expect(list.json.data.results).toContainEqual({
      key: 'test_prompt',
      source: 'account',
      version: 1,
      variables: ['topic'],
    });
    const bad = await call(h.base, 'put', '/prompts/test_prompt', {
      token: admin,
      body: { body: 'Hi {{nope}}' },
    });
    expect([bad.status, bad.json.code]).toEqual([400, 'VALIDATION_FAILED']);
    const set = await call(h.base, 'put', '/prompts/test_prompt', {
      token: admin,
      body: { body: 'Tell me about {{topic}}.' },
    });
    expect(set.json.data).toMatchObject({ source: 'account', version: 2, body: 'Tell me about {{topic}}.' });
    const reset = await call(h.base, 'delete', '/prompts/test_prompt', { token: admin });
    expect(reset.json.data).toEqual({ key: 'test_prompt', removed: true });
    const def = await call(h.base, 'get', '/prompts/test_prompt', { token: viewer });
    expect(def.json.data.source).toBe('default');
    const missing = await call(h.base, 'get', '/prompts/no_such_prompt', { token: viewer });
    expect([missing.status, missing.json.code]).toEqual([404, 'PROMPT_NOT_FOUND']);
  });

  it('credits: balance, transactions, usage and summaries', async () => {
    // The account starts with its plan's included credits (granted at sign-up).
    const start = (await h.core.credits.balance({ accountId: a.accountId })).available;
    await h.core.credits.grant({ accountId: a.accountId }, { opId: 'seed', amount: 100 });
    await h.core.credits.charge(
      { accountId: a.accountId },
      {
        opId: 'c1',
        amount: 7,
        operation: 'generate_content',
        usage: {
          operation: 'generate_content',
          provider: 'sandbox',
          model: 'sandbox-text',
          tokensIn: 10,
          tokensOut: 20,
        },
      },
    );
    const bal = await call(h.base, 'get', '/credits/balance', { token: viewer });
    expect(bal.json.data).toMatchObject({ total: start + 93, available: start + 93 });
    const tx = await call(h.base, 'get', '/credits/transactions?kind=charge', { token: viewer });
    expect(tx.json.data.count).toBe(1);
    expect(tx.json.data.results[0]).toMatchObject({ opId: 'c1', amount: -7, balanceAfter: start + 93 });
    const usage = await call(h.base, 'get', '/credits/usage?since=7d', { token: viewer });
    expect(usage.json.data.results[0]).toMatchObject({
      operation: 'generate_content',
      credits: 7,
      tokensOut: 20,
    });
    const byModel = await call(h.base, 'get', '/credits/usage/summary?by=model', { token: viewer });
    expect(byModel.json.data).toEqual([
      expect.objectContaining({ key: 'sandbox:sandbox-text', credits: 7, calls: 1 }),
    ]);
    const bad = await call(h.base, 'get', '/credits/usage/summary?by=week', { token: viewer });
    expect(Object.keys(bad.json.errors)).toEqual(['by']);
  });

  it('notifications: list, unread filter, mark read; models; search', async () => {
    const list = await call(h.base, 'get', '/notifications?unread=true', { token: viewer });
    expect(list.json.data.results.map((n: { id: string }) => n.id)).toContain(a.notificationId);
    const mark = await call(h.base, 'post', '/notifications/read', {
      token: viewer,
      body: { ids: [a.notificationId] },
    });
    expect(mark.json.data.updated).toBe(1);
    const after = await call(h.base, 'get', '/notifications?unread=true', { token: viewer });
    expect(after.json.data.results.map((n: { id: string }) => n.id)).not.toContain(a.notificationId);

    await h.core.models.seed();
    const models = await call(h.base, 'get', '/models?type=image&page_size=100', { token: viewer });
    expect(models.json.data.count).toBeGreaterThan(0);
    expect(models.json.data.results.every((m: { type: string }) => m.type === 'image')).toBe(true);
    const one = await call(h.base, 'get', `/models/${encodeURIComponent(models.json.data.results[0].id)}`, {
      token: viewer,
    });
    expect(one.json.data.id).toBe(models.json.data.results[0].id);
    const setDefault = await call(h.base, 'post', `/models/${one.json.data.id}/default`, { token: owner });
    expect(setDefault.json.data.isDefault).toBe(true);

    const search = await call(h.base, 'get', '/search?q=zz-nothing&types=keyword,cluster', { token: viewer });
    expect(search.json.data).toEqual({ q: 'zz-nothing', hits: [] });
    const badTypes = await call(h.base, 'get', '/search?q=x&types=keyword,bogus', { token: viewer });
    expect(badTypes.status).toBe(400);
  });

  it('content: list, read, edit (sanitized), approve, reject; refused when the writer module is off', async () => {
    const editor = await h.token(a.users.editor, a.accountId);
    const list = await call(h.base, 'get', `/content?siteId=${a.siteId}&status=draft`, { token: viewer });
    expect(list.json.data.results.map((c: { id: string }) => c.id)).toEqual([a.contentId]);
    const one = await call(h.base, 'get', `/content/${a.contentId}`, { token: viewer });
    expect(one.json.data).toMatchObject({ id: a.contentId, images: [{ id: a.imageId, role: 'featured' }] });
    expect(one.json.data.images[0].filePath).toBeUndefined();
    const edited = await call(h.base, 'patch', `/content/${a.contentId}`, {
      token: editor,
      body: { html: '<h2>Hi</h2><p>Safe</p><script>alert(1)</script>', metaTitle: 'Meta' },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.data.html).not.toContain('<script>');
    expect(edited.json.data.metaTitle).toBe('Meta');
    const unknownField = await call(h.base, 'patch', `/content/${a.contentId}`, {
      token: editor,
      body: { status: 'approved' },
    });
    expect(unknownField.status).toBe(400);
    const rejected = await call(h.base, 'post', `/content/${a.contentId}/reject`, {
      token: editor,
      body: { reason: 'thin' },
    });
    expect(rejected.json.data).toMatchObject({ status: 'rejected', provenance: { rejectedReason: 'thin' } });
    const approved = await call(h.base, 'post', `/content/${a.contentId}/approve`, {
      token: editor,
      body: {},
    });
    expect(approved.json.data.status).toBe('approved');
    const file = await call(h.base, 'get', `/content/${a.contentId}/images/${a.imageId}/file`, {
      token: viewer,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.text).toBe(`PNG-bytes-${a.marker}`);
    const noFile = await call(h.base, 'get', `/content/${a.contentId}/images/nope/file`, { token: viewer });
    expect([noFile.status, noFile.json.code]).toEqual([404, 'IMAGE_NOT_FOUND']);
    await h.core.db
      .updateTable('images')
      .set({ file_path: '../../etc/passwd' })
      .where('id', '=', a.imageId)
      .execute();
    const escape = await call(h.base, 'get', `/content/${a.contentId}/images/${a.imageId}/file`, {
      token: viewer,
    });
    expect([escape.status, escape.json.code]).toEqual([404, 'FILE_NOT_FOUND']);
    await h.core.tenancy.setModules({ accountId: a.accountId }, { disable: ['writer'] });
    const off = await call(h.base, 'get', `/content/${a.contentId}`, { token: viewer });
    expect([off.status, off.json.code]).toEqual([403, 'MODULE_DISABLED']);
    await h.core.tenancy.setModules({ accountId: a.accountId }, { enable: ['writer'] });
  });

  it('publishing: destinations without secrets, guarded WordPress connect, publish and calendar', async () => {
    const admin = await h.token(a.users.admin, a.accountId);
    const editor = await h.token(a.users.editor, a.accountId);
    const dests = await call(h.base, 'get', `/destinations?siteId=${a.siteId}`, { token: viewer });
    expect(dests.json.data.results.map((d: { id: string }) => d.id)).toEqual([a.destinationId]);
    const priv = await call(h.base, 'post', '/destinations/wordpress', {
      token: admin,
      body: {
        siteId: a.siteId,
        url: 'http://127.0.0.1:8088',
        user: 'admin',
        appPassword: 'abcd efgh ijkl mnop',
      },
    });
    expect(priv.status).toBeGreaterThanOrEqual(400);
    expect(priv.status).toBeLessThan(500);
    expect(priv.text).not.toContain('abcd efgh');
    const saved = await call(h.base, 'post', '/destinations/wordpress', {
      token: admin,
      body: {
        siteId: a.siteId,
        url: 'https://wp.example.com',
        user: 'admin',
        appPassword: 'abcd efgh ijkl mnop',
        skipCheck: true,
        name: 'wp',
      },
    });
    expect(saved.status).toBe(201);
    expect(saved.json.data.destination).toMatchObject({ kind: 'wordpress', hasSecret: true });
    expect(saved.text).not.toContain('abcd efgh');
    const del = await call(h.base, 'delete', '/destinations/wp', { token: admin });
    expect(del.json.data.deleted).toBe(true);

    // The fixture article was approved above; publishing it to the folder destination now.
    const pub = await call(h.base, 'post', '/publish', {
      token: editor,
      body: { siteId: a.siteId, destination: a.destinationId, contentIds: [a.contentId], when: 'now' },
    });
    expect(pub.status).toBe(200);
    expect(pub.json.data).toEqual([expect.objectContaining({ contentId: a.contentId, status: 'published' })]);
    const cal = await call(h.base, 'get', `/publishing/calendar?siteId=${a.siteId}`, { token: viewer });
    expect(cal.json.data).toEqual([
      expect.objectContaining({ contentId: a.contentId, status: 'published', timezone: 'UTC' }),
    ]);
    // The content API says where the article went and how it stands there.
    const shown = await call(h.base, 'get', `/content/${a.contentId}`, { token: viewer });
    expect(shown.json.data.publishing).toEqual([
      expect.objectContaining({ destinationId: a.destinationId, kind: 'folder', status: 'published' }),
    ]);
    const listed = await call(h.base, 'get', `/content?siteId=${a.siteId}`, { token: viewer });
    const item = listed.json.data.results.find((c: { id: string }) => c.id === a.contentId);
    expect(item.publishing).toEqual([expect.objectContaining({ destinationId: a.destinationId })]);
  });
});
