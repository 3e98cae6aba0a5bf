import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/test-db.js';
import { startHarness, type Harness, type Tenant } from './harness.js';
import { call } from './http.js';

/**
 * Two people editing one article: an edit that names the version it started from (`baseUpdatedAt`)
 * is refused with 409 CONTENT_CHANGED once a teammate saved meanwhile, instead of silently
 * overwriting their work; an edit without it applies as before (the CLI sends none).
 */
describe.each(DIALECTS)('an article edit never silently overwrites a teammate’s on %s', (dialect) => {
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
  const patch = (body: Record<string, unknown>) =>
    call(h.base, 'patch', `/content/${a.contentId}`, { token: editor, body });
  const stored = () =>
    h.core.db
      .selectFrom('contents')
      .select(['title', 'excerpt', 'updated_at'])
      .where('id', '=', a.contentId)
      .executeTakeFirstOrThrow();

  it('refuses the second of two edits from the same base with 409 CONTENT_CHANGED; the first stays', async () => {
    const base = (await get()).updatedAt as string;
    const first = await patch({ title: 'Walking shoes, the first edit', baseUpdatedAt: base });
    expect(first.status).toBe(200);
    expect(first.json.data.updatedAt).not.toBe(base);

    const second = await patch({
      title: 'Walking shoes, the stale edit',
      excerpt: 'Stale',
      baseUpdatedAt: base,
    });
    expect(second.status).toBe(409);
    expect(second.json.code).toBe('CONTENT_CHANGED');
    expect(second.json.error).toContain('nothing was saved');
    expect(second.json.hint).toContain(`GET /api/v1/content/${a.contentId}`);
    expect(await stored()).toMatchObject({ title: 'Walking shoes, the first edit', excerpt: null });

    // Started again from the version now stored, the same edit applies.
    const again = await patch({ title: 'Walking shoes, on top', baseUpdatedAt: first.json.data.updatedAt });
    expect(again.status).toBe(200);
    expect((await stored()).title).toBe('Walking shoes, on top');
  });

  it('two edits sent at once from the same base: exactly one applies, the other is refused', async () => {
    const base = (await get()).updatedAt as string;
    const res = await Promise.all(
      ['one', 'two'].map((w) => patch({ title: `Concurrent ${w}`, excerpt: w, baseUpdatedAt: base })),
    );
    expect(res.map((r) => r.status).sort()).toEqual([200, 409]);
    const won = res.find((r) => r.status === 200)!.json.data;
    expect(await stored()).toMatchObject({
      title: won.title,
      excerpt: won.excerpt,
      updated_at: won.updatedAt,
    });
  });

  it('without the precondition both edits apply, as before', async () => {
    const one = await patch({ title: 'No precondition one' });
    const two = await patch({ excerpt: 'No precondition two' });
    expect([one.status, two.status]).toEqual([200, 200]);
    expect(await stored()).toMatchObject({ title: 'No precondition one', excerpt: 'No precondition two' });
  });

  it('a precondition alone is not an edit', async () => {
    const res = await patch({ baseUpdatedAt: (await get()).updatedAt });
    expect(res.status).toBe(400);
  });
});
