import { afterEach, describe, expect, it } from 'vitest';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { transaction } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import { createNotificationService, insertNotification } from './notification.service.js';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof Igny8Error) return err.code;
    throw err;
  }
  return 'no error';
}

describe.each(DIALECTS)('notification service on %s', (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.close());

  async function setup() {
    t = await createTestDb(dialect);
    const a = { accountId: (await seedTenant(t.db, 'a')).accountId };
    const b = { accountId: (await seedTenant(t.db, 'b')).accountId };
    return { notes: createNotificationService(t.db), a, b };
  }

  it('stores, lists newest first, dedupes and keeps accounts apart', async () => {
    const { notes, a, b } = await setup();
    const first = await notes.notify(a, {
      level: 'info',
      title: 'Run done',
      message: '12 articles',
      dedupeKey: 'run:1',
    });
    expect(first).toMatchObject({ level: 'info', title: 'Run done', read: false, actionUrl: null });
    expect(
      await notes.notify(a, { level: 'info', title: 'Run done', message: 'again', dedupeKey: 'run:1' }),
    ).toBeNull();
    // The same key in another account is another notification.
    expect(
      await notes.notify(b, { level: 'info', title: 'B', message: 'b', dedupeKey: 'run:1' }),
    ).not.toBeNull();
    await new Promise((r) => setTimeout(r, 5));
    await notes.notify(a, {
      level: 'error',
      title: 'Publish failed',
      message: 'WordPress 500',
      actionUrl: '/publishing',
    });
    const list = await notes.list(a);
    expect(list.total).toBe(2);
    expect(list.items.map((n) => n.title)).toEqual(['Publish failed', 'Run done']);
    expect((await notes.list(a, { limit: 1, offset: 1 })).items.map((n) => n.title)).toEqual(['Run done']);
    expect(await code(notes.notify(a, { level: 'loud' as 'info', title: 'x', message: 'y' }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it("shows a user the account's shared notifications and their own, not a teammate's", async () => {
    const { notes, a } = await setup();
    const now = new Date().toISOString();
    for (const id of ['u1', 'u2'])
      await t.db
        .insertInto('users')
        .values({
          id,
          account_id: a.accountId,
          email: `${id}@example.com`,
          name: id,
          password_hash: null,
          role: 'editor',
          status: 'active',
          created_at: now,
          updated_at: now,
        })
        .execute();
    await notes.notify(a, { level: 'info', title: 'shared', message: 'everyone' });
    await notes.notify(a, { level: 'info', title: 'for u1', message: 'mine', userId: 'u1' });
    await notes.notify(a, { level: 'info', title: 'for u2', message: 'theirs', userId: 'u2' });
    const u1 = await notes.list(a, { forUser: 'u1' });
    expect(u1.items.map((n) => n.title).sort()).toEqual(['for u1', 'shared']);
    expect(u1.total).toBe(2);
    // Without a user (an account API key, the CLI) the whole account's list comes back.
    expect((await notes.list(a)).total).toBe(3);
  });

  it('marks read by id or all, and refuses ids of another account', async () => {
    const { notes, a, b } = await setup();
    const n1 = (await notes.notify(a, { level: 'info', title: 'one', message: '' }))!;
    await notes.notify(a, { level: 'warning', title: 'two', message: '' });
    const other = (await notes.notify(b, { level: 'info', title: 'b', message: '' }))!;
    expect(await code(notes.markRead(a, [other.id]))).toBe('NOTIFICATION_NOT_FOUND');
    expect(await notes.markRead(a, [n1.id])).toBe(1);
    expect(await notes.markRead(a, [n1.id])).toBe(0);
    expect((await notes.list(a, { unreadOnly: true })).items.map((n) => n.title)).toEqual(['two']);
    expect(await notes.markRead(a, 'all')).toBe(1);
    expect((await notes.list(a, { unreadOnly: true })).total).toBe(0);
    expect((await notes.list(b, { unreadOnly: true })).total).toBe(1);
  });

  it('inserts inside a caller transaction, a duplicate leaving it usable', async () => {
    const { notes, a } = await setup();
    await transaction(t.db, async (trx) => {
      expect(
        await insertNotification(trx, a, { level: 'success', title: 'x', message: '', dedupeKey: 'k' }),
      ).not.toBeNull();
      expect(
        await insertNotification(trx, a, { level: 'success', title: 'x', message: '', dedupeKey: 'k' }),
      ).toBeNull();
      await insertNotification(trx, a, { level: 'info', title: 'after the duplicate', message: '' });
    });
    expect((await notes.list(a)).total).toBe(2);
  });
});
