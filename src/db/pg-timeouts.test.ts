import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, DIALECTS, type TestDb } from '../../test/helpers/test-db.js';
import { seedTenant } from '../../test/helpers/seed-tenant.js';
import { createDb, type DbHandle } from './create-db.js';
import { migrateUp } from './migrate.js';
import { transaction } from './transaction.js';

const PG = DIALECTS.includes('postgres');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(PG)('PostgreSQL session limits: a stalled process cannot freeze the others', () => {
  let t: TestDb;
  const handles: DbHandle[] = [];
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.close().catch(() => undefined)));
    await t?.close();
  });
  async function open(timeouts: Parameters<typeof createDb>[1] extends infer O ? O : never) {
    const h = await createDb(t.url, { ...timeouts, poolSize: 2 });
    handles.push(h);
    return h;
  }

  it('a transaction left idle loses its connection and its locks; a waiter gets the row, not a hang', async () => {
    t = await createTestDb('postgres');
    await seedTenant(t.db, 'a');
    const stalled = await open({ timeouts: { idleInTransactionTimeoutMs: 700, lockTimeoutMs: 5_000 } });
    const other = await open({ timeouts: { lockTimeoutMs: 5_000 } });
    let late: unknown;
    // The "SIGSTOPped worker": locks the account's row, then stops talking to the database.
    const stalledWrite = transaction(stalled.db, async (trx) => {
      await trx.updateTable('accounts').set({ name: 'stalled' }).where('id', '=', 'acct-a').execute();
      await sleep(1_500);
      await trx.updateTable('accounts').set({ name: 'stalled late' }).where('id', '=', 'acct-a').execute();
    }).catch((err: unknown) => (late = err));
    await sleep(100);
    const started = Date.now();
    await other.db.updateTable('accounts').set({ name: 'other' }).where('id', '=', 'acct-a').execute();
    const waited = Date.now() - started;
    expect(waited).toBeLessThan(2_000); // freed by the idle timeout (700 ms), not after the stall (1.5 s+)
    await stalledWrite;
    // The stalled process's late write is refused, as a transient code, and the process lives on.
    expect(late).toMatchObject({ code: 'DATABASE_CONNECTION_LOST', kind: 'transient' });
    const row = await t.db
      .selectFrom('accounts')
      .select('name')
      .where('id', '=', 'acct-a')
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('other');
    // The pool dropped the dead connection: the next query works.
    const { rows } = await sql<{ one: number }>`select 1 as one`.execute(stalled.db);
    expect(rows[0]!.one).toBe(1);
  });

  it('a lock wait ends at lock_timeout with DATABASE_BUSY; a long statement at statement_timeout with DATABASE_TIMEOUT', async () => {
    t = await createTestDb('postgres');
    await seedTenant(t.db, 'a');
    const holder = await open({});
    const waiter = await open({ timeouts: { lockTimeoutMs: 300, statementTimeoutMs: 400 } });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holding = transaction(holder.db, async (trx) => {
      await trx.selectFrom('accounts').select('id').where('id', '=', 'acct-a').forUpdate().execute();
      locked();
      await held;
    });
    await isLocked;
    const started = Date.now();
    const busy = await transaction(waiter.db, (trx) =>
      trx.updateTable('accounts').set({ name: 'x' }).where('id', '=', 'acct-a').execute(),
    ).catch((e: unknown) => e);
    // Retried once after a rollback, so at most two lock waits.
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(busy).toMatchObject({ code: 'DATABASE_BUSY', kind: 'transient' });
    release();
    await holding;
    const slow = await sql`select pg_sleep(2)`.execute(waiter.db).catch((e: unknown) => e);
    expect(slow).toMatchObject({ code: 'DATABASE_TIMEOUT', kind: 'transient' });
    // A constraint error is not infrastructure: it keeps the driver's own code.
    const dup = await waiter.db
      .insertInto('accounts')
      .values({
        ...(await t.db
          .selectFrom('accounts')
          .selectAll()
          .where('id', '=', 'acct-a')
          .executeTakeFirstOrThrow()),
      })
      .execute()
      .catch((e: unknown) => e);
    expect(dup).toMatchObject({ code: '23505' });
  });

  it('migrations run without the session limits, and the connection gets them back afterwards', async () => {
    t = await createTestDb('postgres', { migrate: false });
    // 5 ms: many of 0001's statements (and all of them together) take longer on a busy machine.
    const h = await open({ timeouts: { statementTimeoutMs: 5 } });
    const applied = await migrateUp(h.db);
    expect(applied.length).toBeGreaterThan(0);
    const slow = await sql`select pg_sleep(1.5)`.execute(h.db).catch((e: unknown) => e);
    expect(slow).toMatchObject({ code: 'DATABASE_TIMEOUT' });
  });

  it('connection problems get their own codes, one line and a hint', async () => {
    t = await createTestDb('postgres', { migrate: false });
    const base = new URL(process.env.IGNY8_TEST_PG_URL!);
    const attempt = async (mutate: (u: URL) => void) => {
      const u = new URL(base);
      mutate(u);
      const h = await createDb(u.toString());
      try {
        return await sql`select 1`.execute(h.db).then(
          () => null,
          (e: unknown) => e as { code: string; kind: string; message: string; hint?: string },
        );
      } finally {
        await h.close().catch(() => undefined);
      }
    };
    const noDb = await attempt((u) => (u.pathname = '/igny8_no_such_database'));
    expect(noDb).toMatchObject({ code: 'DATABASE_NOT_FOUND', kind: 'user' });
    expect(noDb!.hint).toMatch(/createdb/);
    const noRole = await attempt((u) => (u.username = 'no_such_role_igny8'));
    expect(noRole).toMatchObject({ code: 'DATABASE_AUTH_FAILED', kind: 'user' });
    const badPort = await attempt((u) => (u.port = '1'));
    expect(badPort).toMatchObject({ code: 'DATABASE_UNAVAILABLE', kind: 'transient' });
    expect(badPort!.message).toMatch(/:1\b/);
    for (const e of [noDb, noRole, badPort]) expect(e!.message).not.toMatch(/\n/);
  });
});
