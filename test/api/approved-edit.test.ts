import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

describe.each(DIALECTS)('editing an approved article on %s', (dialect) => {
  let h: Harness;
  let a: Tenant;
  let editor: string;
  beforeAll(async () => {
    h = await startHarness(dialect);
    a = await h.makeTenant('a');
    editor = await h.token(a.users.editor, a.accountId);
  });
  afterAll(async () => h?.close());

  const get = async () => (await call(h.base, 'get', `/content/${a.contentId}`, { token: editor })).json.data;
  const publish = (contentIds?: string[]) =>
    call(h.base, 'post', '/publish', {
      token: editor,
      body: {
        siteId: a.siteId,
        destination: a.destinationId,
        when: 'now',
        ...(contentIds ? { contentIds } : {}),
      },
    });

  it('goes back to review, re-scored, and cannot be published until approved again', async () => {
    // Scored once with its full body, then approved.
    const scored = await call(h.base, 'patch', `/content/${a.contentId}`, {
      token: editor,
      body: { metaDescription: 'A full article about shoes, boots and everything in between for walkers.' },
    });
    const scoreBefore = scored.json.data.seoScore as number;
    expect(scoreBefore).toBeGreaterThan(0);
    const approved = await call(h.base, 'post', `/content/${a.contentId}/approve`, {
      token: editor,
      body: {},
    });
    expect(approved.json.data.status).toBe('approved');
    expect((await get()).status).toBe('approved');
    // An editor replaces the body with three words.
    const edited = await call(h.base, 'patch', `/content/${a.contentId}`, {
      token: editor,
      body: { html: '<p>three words only</p>' },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.data.status).toBe('review');
    expect(edited.json.data, JSON.stringify(edited.json.data).slice(0, 400)).toMatchObject({
      seoScore: expect.any(Number),
    });
    expect(edited.json.data.seoScore).toBeLessThan(scoreBefore);
    // Publishing the edited article by id is refused; "publish approved" finds nothing to send.
    const byId = await publish([a.contentId]);
    expect([byId.status, byId.json.code]).toEqual([409, 'CONTENT_EDITED_AFTER_APPROVAL']);
    const all = await publish();
    expect(all.status).toBe(200);
    expect(all.json.data.results ?? all.json.data).toEqual([]);
  });

  it('an edit that approves in the same action stays approved and publishes', async () => {
    const res = await call(h.base, 'patch', `/content/${a.contentId}`, {
      token: editor,
      body: { metaTitle: 'A better title for search', approve: true },
    });
    expect(res.json.data.status).toBe('approved');
    const out = await publish([a.contentId]);
    expect(out.status).toBe(200);
    // A change behind the API's back (any other path) is caught at publish time too.
    await h.core.db.updateTable('contents').set({ title: 'Sneaky' }).where('id', '=', a.contentId).execute();
    const again = await call(h.base, 'post', '/publish', {
      token: editor,
      body: {
        siteId: a.siteId,
        destination: a.destinationId,
        when: 'now',
        contentIds: [a.contentId],
        republish: true,
      },
    });
    expect([again.status, again.json.code]).toEqual([409, 'CONTENT_EDITED_AFTER_APPROVAL']);
  });
});
