import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createDb } from '../db/index.js';
import { assertOwned } from './assert-owned.js';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

describe.each(DIALECTS)('assertOwned on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  it('remembers only what is owned, and refuses a deleted object on the next request', async () => {
    t = await createTestDb(dialect);
    const mine = await seedTenant(t.db);
    const theirs = await seedTenant(t.db, 'b');
    const scope = { accountId: mine.accountId };
    const site = (id: string) => assertOwned(t.db, scope, { siteId: [id] });
    expect(await codeOf(site(mine.siteId))).toBe('ok');
    const spy = vi.spyOn(t.db, 'selectFrom');
    expect(await codeOf(site(mine.siteId))).toBe('ok');
    // SQLite answers from memory; PostgreSQL reads every time.
    if (dialect === 'sqlite') expect(spy).not.toHaveBeenCalled();
    else expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    // Another tenant's site, asked for twice, stays refused; a mix with an owned one is refused too.
    expect(await codeOf(site(theirs.siteId))).toBe('SITE_NOT_FOUND');
    expect(await codeOf(site(theirs.siteId))).toBe('SITE_NOT_FOUND');
    expect(await codeOf(assertOwned(t.db, scope, { siteId: [mine.siteId, theirs.siteId] }))).toBe(
      'SITE_NOT_FOUND',
    );
    expect(await codeOf(assertOwned(t.db, { accountId: theirs.accountId }, { siteId: [mine.siteId] }))).toBe(
      'SITE_NOT_FOUND',
    );

    // Deleted here, then (another site) by another process: refused on the next check.
    await t.db.deleteFrom('sites').where('id', '=', mine.siteId).execute();
    expect(await codeOf(site(mine.siteId))).toBe('SITE_NOT_FOUND');
    const again = await seedTenant(t.db, 'c');
    const other = { accountId: again.accountId };
    expect(await codeOf(assertOwned(t.db, other, { siteId: [again.siteId] }))).toBe('ok');
    expect(await codeOf(assertOwned(t.db, other, { siteId: [again.siteId] }))).toBe('ok');
    const second = await createDb(t.url);
    try {
      await second.db.deleteFrom('sites').where('id', '=', again.siteId).execute();
    } finally {
      await second.close();
    }
    expect(await codeOf(assertOwned(t.db, other, { siteId: [again.siteId] }))).toBe('SITE_NOT_FOUND');
  });
});
