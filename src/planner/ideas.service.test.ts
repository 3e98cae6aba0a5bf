import { afterEach, describe, expect, it } from 'vitest';
import { seedTenant, type SeededTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { Igny8Error } from '../errors/index.js';
import { getIdea, listIdeas } from './ideas.service.js';

describe.each(DIALECTS)('idea listing on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function idea(
    tenant: SeededTenant,
    n: number,
    over: Partial<{
      title: string;
      outline: string;
      status: 'new' | 'queued';
      clusterId: string | null;
    }> = {},
  ): Promise<string> {
    const id = `idea-${tenant.accountId}-${n}`;
    await t.db
      .insertInto('ideas')
      .values({
        id,
        account_id: tenant.accountId,
        site_id: tenant.siteId,
        sector_id: tenant.sectorId,
        cluster_id: over.clusterId ?? null,
        title: over.title ?? `Idea number ${n}`,
        brief: n === 2 ? 'About 100% arabica beans' : null,
        outline: over.outline ?? '{"sections":[{"heading":"Beans","points":["pick"],"keywords":["beans"]}]}',
        primary_keywords: '["cold brew"]',
        secondary_keywords: '["iced coffee","ratio"]',
        target_words: 1200,
        content_type: 'post',
        structure: 'guide',
        source: 'ai',
        status: over.status ?? 'new',
        created_at: new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString(),
        updated_at: new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString(),
      })
      .execute();
    return id;
  }

  async function cluster(tenant: SeededTenant, id: string, name: string): Promise<void> {
    const now = new Date().toISOString();
    await t.db
      .insertInto('clusters')
      .values({
        id,
        account_id: tenant.accountId,
        site_id: tenant.siteId,
        sector_id: tenant.sectorId,
        name,
        description: null,
        primary_keyword: null,
        keyword_count: 0,
        volume_sum: 0,
        method: 'local',
        status: 'planned',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  it('lists newest first with parsed outline and keywords, filters, searches literally and pages', async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    await cluster(a, 'cl-a', 'Cold brew');
    await idea(a, 1, { clusterId: 'cl-a' });
    await idea(a, 2, { status: 'queued' });
    await idea(a, 3, { clusterId: 'cl-a', title: 'Ratio 1:8 explained', outline: 'not json' });
    await idea(b, 4, { title: 'Idea of b' });
    const scope = { accountId: a.accountId };

    const all = await listIdeas(t.db, scope);
    expect(all.total).toBe(3);
    expect(all.items.map((i) => i.title)).toEqual(['Ratio 1:8 explained', 'Idea number 2', 'Idea number 1']);
    const first = all.items.find((i) => i.title === 'Idea number 1')!;
    expect(first).toMatchObject({
      clusterName: 'Cold brew',
      outline: { sections: [{ heading: 'Beans', points: ['pick'], keywords: ['beans'] }] },
      primaryKeywords: ['cold brew'],
      secondaryKeywords: ['iced coffee', 'ratio'],
      targetWords: 1200,
    });
    // A damaged outline reads as none rather than failing the list.
    expect(all.items[0]!.outline).toBeNull();

    expect((await listIdeas(t.db, scope, { clusterId: 'cl-a' })).total).toBe(2);
    expect((await listIdeas(t.db, scope, { status: 'queued' })).items.map((i) => i.title)).toEqual([
      'Idea number 2',
    ]);
    // "%" is a literal in a search, and the brief is searched too.
    expect((await listIdeas(t.db, scope, { search: '100%' })).items.map((i) => i.title)).toEqual([
      'Idea number 2',
    ]);
    expect((await listIdeas(t.db, scope, { search: '%' })).total).toBe(1);
    expect((await listIdeas(t.db, scope, { search: 'RATIO' })).total).toBe(1);
    const page = await listIdeas(t.db, scope, { limit: 1, offset: 1 });
    expect([page.total, page.items.map((i) => i.title)]).toEqual([3, ['Idea number 2']]);
    expect((await listIdeas(t.db, { ...scope, siteId: b.siteId })).total).toBe(0);
  });

  it("reads one idea, and another account's id as not found", async () => {
    t = await createTestDb(dialect);
    const a = await seedTenant(t.db, 'a');
    const b = await seedTenant(t.db, 'b');
    // B's idea names A's cluster id: the join must not show A's cluster name to B.
    await cluster(a, 'cl-a', 'Secret cluster');
    const id = await idea(b, 1, { clusterId: 'cl-a' });
    const own = await getIdea(t.db, { accountId: b.accountId }, id);
    expect(own).toMatchObject({ id, clusterId: 'cl-a', clusterName: null });
    const err = await getIdea(t.db, { accountId: a.accountId }, id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Igny8Error);
    expect((err as Igny8Error).code).toBe('IDEA_NOT_FOUND');
  });
});
