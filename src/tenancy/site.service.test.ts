import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { createTenancyService } from './tenancy.service.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe.each(DIALECTS)('sites and sectors on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup() {
    t = await createTestDb(dialect);
    const tenancy = createTenancyService(t.db);
    const a = { accountId: (await tenancy.createAccount({ name: 'A', planId: 'pro' })).id };
    const b = { accountId: (await tenancy.createAccount({ name: 'B', planId: 'pro' })).id };
    return { tenancy, a, b };
  }

  it('adds sites with unique slugs per account and finds them by id or slug', async () => {
    const { tenancy, a, b } = await setup();
    const blog = await tenancy.addSite(a, {
      name: 'My Blog',
      domain: 'https://WWW.Example.com/some/path',
      industry: 'Travel',
    });
    expect(blog).toMatchObject({
      slug: 'my-blog',
      domain: 'www.example.com',
      industry: 'Travel',
      status: 'active',
    });
    expect((await tenancy.addSite(a, { name: 'My blog!' })).slug).toBe('my-blog-2');
    expect(await codeOf(tenancy.addSite(a, { name: 'X', slug: 'my-blog' }))).toBe('ALREADY_EXISTS');
    // Another account may use the same slug.
    expect((await tenancy.addSite(b, { name: 'My Blog' })).slug).toBe('my-blog');
    expect((await tenancy.getSite(a, 'my-blog')).id).toBe(blog.id);
    expect((await tenancy.getSite(a, blog.id)).slug).toBe('my-blog');
    expect(await codeOf(tenancy.addSite(a, { name: 'Y', domain: 'not a domain' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(tenancy.addSite(a, { name: '' }))).toBe('VALIDATION_FAILED');
  });

  it('never shows one account’s site to another, by id or slug', async () => {
    const { tenancy, a, b } = await setup();
    const site = await tenancy.addSite(a, { name: 'Secret' });
    for (const ref of [site.id, site.slug]) {
      const err = await tenancy.getSite(b, ref).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'SITE_NOT_FOUND' });
      expect((err as { hint: string }).hint).toContain('igny8 site list');
      expect(await codeOf(tenancy.updateSite(b, ref, { name: 'Mine now' }))).toBe('SITE_NOT_FOUND');
      expect(await codeOf(tenancy.removeSite(b, ref))).toBe('SITE_NOT_FOUND');
      expect(await codeOf(tenancy.addSector(b, ref, { name: 'Sneaky' }))).toBe('SITE_NOT_FOUND');
      expect(await codeOf(tenancy.listSectors(b, ref))).toBe('SITE_NOT_FOUND');
    }
    expect(await tenancy.listSites(b)).toEqual([]);
    expect((await tenancy.getSite(a, site.id)).name).toBe('Secret');
  });

  it('updates fields and merges settings', async () => {
    const { tenancy, a } = await setup();
    await tenancy.addSite(a, { name: 'Taken' });
    const site = await tenancy.addSite(a, {
      name: 'Blog',
      domain: 'blog.example.com',
      settings: { mode: 'slots', daily: 3 },
    });
    const updated = await tenancy.updateSite(a, 'blog', {
      name: 'The Blog',
      domain: null,
      status: 'inactive',
      settings: { daily: 5, mode: null, autoApprove: true },
    });
    expect(updated).toMatchObject({ id: site.id, name: 'The Blog', domain: null, status: 'inactive' });
    expect(updated.settings).toEqual({ daily: 5, autoApprove: true });
    expect(await codeOf(tenancy.updateSite(a, site.id, { slug: 'taken' }))).toBe('ALREADY_EXISTS');
    expect(await codeOf(tenancy.updateSite(a, site.id, { status: 'archived' }))).toBe('VALIDATION_FAILED');
    expect((await tenancy.updateSite(a, site.id, { slug: 'the-blog' })).slug).toBe('the-blog');
  });

  it('enforces the plan’s site limit, also under concurrent adds', async () => {
    const { tenancy } = await setup();
    const free = { accountId: (await tenancy.createAccount({ name: 'F', planId: 'free' })).id };
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => tenancy.addSite(free, { name: `Site ${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const reasons = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as { code: string }] : []));
    expect(reasons.map((r) => r.code)).toEqual(Array(4).fill('PLAN_LIMIT_REACHED'));
    expect((reasons[0] as unknown as { hint: string }).hint).toContain('--plan starter');
    expect(await tenancy.listSites(free)).toHaveLength(1);
    await tenancy.updateAccount(free, { planId: 'starter' });
    await tenancy.addSite(free, { name: 'Now it fits' });
    expect(await tenancy.listSites(free)).toHaveLength(2);
  });

  it('manages sectors per site and counts them in the site list', async () => {
    const { tenancy, a } = await setup();
    const one = await tenancy.addSite(a, { name: 'One' });
    const two = await tenancy.addSite(a, { name: 'Two' });
    const hiking = await tenancy.addSector(a, 'one', { name: 'Hiking' });
    await tenancy.addSector(a, one.id, { name: 'Camping' });
    // Slugs are unique per site, so another site may reuse one.
    expect((await tenancy.addSector(a, 'two', { name: 'Hiking' })).slug).toBe('hiking');
    expect(await codeOf(tenancy.addSector(a, 'one', { name: 'x', slug: 'hiking' }))).toBe('ALREADY_EXISTS');
    expect((await tenancy.listSectors(a, 'one')).map((s) => s.slug).sort()).toEqual(['camping', 'hiking']);
    expect((await tenancy.listSites(a)).map((s) => [s.slug, s.sectorCount])).toEqual([
      ['one', 2],
      ['two', 1],
    ]);
    // Two sites: naming none is ambiguous.
    expect(await codeOf(tenancy.listSectors(a, undefined))).toBe('USAGE');
    expect(await codeOf(tenancy.getSector(a, 'two', hiking.id))).toBe('SECTOR_NOT_FOUND');
    expect((await tenancy.removeSector(a, 'one', 'hiking')).id).toBe(hiking.id);
    expect(await codeOf(tenancy.removeSector(a, 'one', 'hiking'))).toBe('SECTOR_NOT_FOUND');
    await tenancy.removeSite(a, two.id);
    expect((await tenancy.listSites(a)).map((s) => s.slug)).toEqual(['one']);
    expect(await t.db.selectFrom('sectors').select('id').where('site_id', '=', two.id).execute()).toEqual([]);
  });
});
