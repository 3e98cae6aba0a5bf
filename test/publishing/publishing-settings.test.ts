import { afterEach, describe, expect, it } from 'vitest';
import {
  getPublishingSettings,
  internalHrefResolver,
  liveUrlsBySlug,
  updatePublishingSettings,
} from '../../src/publishing/index.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../helpers/test-db.js';

describe.each(DIALECTS)('publishing settings and live links on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('merges a change into the stored settings, keeps other site settings, and refuses bad values whole', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    const scope = { accountId: a.accountId, siteId: a.siteId };
    await t.db
      .updateTable('sites')
      .set({ settings: '{"voice":"friendly"}' })
      .where('id', '=', a.siteId)
      .execute();

    const next = await updatePublishingSettings(t.db, scope, { limits: { daily: 1 }, days: ['sat'] });
    expect(next.limits).toEqual({ daily: 1, weekly: 15, monthly: 60 });
    await updatePublishingSettings(t.db, scope, { limits: { weekly: 4 }, stagger: { intervalMinutes: 30 } });
    const { publishing, timezone } = await getPublishingSettings(t.db, scope);
    expect(timezone).toBe('UTC');
    expect(publishing).toMatchObject({
      days: ['sat'],
      limits: { daily: 1, weekly: 4, monthly: 60 },
      stagger: { start: '09:00', end: '17:00', intervalMinutes: 30 },
    });
    const stored = JSON.parse(
      (await t.db.selectFrom('sites').select('settings').where('id', '=', a.siteId).executeTakeFirstOrThrow())
        .settings,
    );
    expect(stored.voice).toBe('friendly');

    await expect(updatePublishingSettings(t.db, scope, { days: [] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      updatePublishingSettings(t.db, scope, { limits: { daily: 0 } } as never),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      updatePublishingSettings(t.db, scope, { mode: 'stagger', stagger: { start: '18:00', end: '08:00' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await getPublishingSettings(t.db, scope)).publishing.mode).toBe('time_slots');
    // Another account cannot touch this site.
    await expect(
      updatePublishingSettings(t.db, { accountId: b.accountId, siteId: a.siteId }, { days: ['sun'] }),
    ).rejects.toMatchObject({ code: 'SITE_NOT_FOUND' });
  });

  it('knows the live URLs of published articles on one destination only', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const scope = { accountId: a.accountId, siteId: a.siteId };
    const ids = [await seedArticle(t.db, a, 1), await seedArticle(t.db, a, 2), await seedArticle(t.db, a, 3)];
    const now = new Date().toISOString();
    for (const id of ['dest-1', 'dest-2']) {
      await t.db
        .insertInto('publish_destinations')
        .values({
          ...{ id, account_id: a.accountId, site_id: a.siteId, kind: 'folder', name: id },
          ...{
            config: '{"dir":"/tmp/x"}',
            secret_enc: null,
            status: 'active',
            created_at: now,
            updated_at: now,
          },
        })
        .execute();
    }
    const rows: Array<[string, string, string, string | null]> = [
      [ids[0]!, 'published', 'publish', 'https://b.test/cold-brew-guide-1/'],
      [ids[1]!, 'published', 'draft', 'https://b.test/?p=2'],
      [ids[2]!, 'scheduled', 'future', 'https://b.test/?p=3'],
    ];
    for (const [contentId, status, remote, url] of rows) {
      await t.db
        .insertInto('publish_records')
        .values({
          id: `rec-${contentId}`,
          account_id: a.accountId,
          site_id: a.siteId,
          content_id: contentId,
          destination_id: 'dest-1',
          status: status as 'published',
          intent: null,
          marker: `igny8-${contentId.slice(0, 8)}`,
          remote_id: '1',
          remote_url: url,
          remote_status: remote,
          remote_media: '{}',
          scheduled_at: null,
          published_at: now,
          attempts: 1,
          error: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const live = await liveUrlsBySlug(t.db, scope, 'dest-1');
    expect([...live]).toEqual([['cold-brew-guide-1', 'https://b.test/cold-brew-guide-1/']]);
    expect((await liveUrlsBySlug(t.db, scope, 'dest-2')).size).toBe(0);
    expect((await liveUrlsBySlug(t.db, { accountId: 'acct-x', siteId: a.siteId }, 'dest-1')).size).toBe(0);
    const resolve = internalHrefResolver(live);
    expect(resolve('/cold-brew-guide-1/')).toBe('https://b.test/cold-brew-guide-1/');
    expect(resolve('/cold-brew-guide-1#steep')).toBe('https://b.test/cold-brew-guide-1/#steep');
    expect(resolve('/cold-brew-guide-2/')).toBe('/cold-brew-guide-2/');
    expect(resolve('https://elsewhere.test/cold-brew-guide-1/')).toBe(
      'https://elsewhere.test/cold-brew-guide-1/',
    );
  });
});
