import { sql } from 'kysely';
import { type Db, scoped, id } from './table-helpers.js';

/** The credit ledger and the usage log. */
export async function createBillingTables(db: Db): Promise<void> {
  await db.schema
    .createTable('credit_balances')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('plan_balance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bonus_balance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('plan_allowance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('alert_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // The ledger's first wall: no negative pool, no hold larger than what is there.
    .addCheckConstraint(
      'credit_balances_nonnegative',
      sql`plan_balance >= 0 and bonus_balance >= 0 and held >= 0`,
    )
    .addCheckConstraint('credit_balances_held_covered', sql`held <= plan_balance + bonus_balance`)
    .execute();

  await db.schema
    .createTable('credit_transactions')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('idem_key', 'text', (c) => c.notNull())
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('grant','charge','refund','adjust','expire','reset')`),
    )
    .addColumn('pool', 'text', (c) => c.notNull().check(sql`pool in ('plan','bonus','mixed')`))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('plan_delta', 'integer', (c) => c.notNull())
    .addColumn('bonus_delta', 'integer', (c) => c.notNull())
    .addColumn('plan_balance_after', 'integer', (c) => c.notNull().check(sql`plan_balance_after >= 0`))
    .addColumn('bonus_balance_after', 'integer', (c) => c.notNull().check(sql`bonus_balance_after >= 0`))
    .addColumn('balance_after', 'integer', (c) => c.notNull().check(sql`balance_after >= 0`))
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // At most one entry per kind and operation, forever: the idempotency wall.
    .addUniqueConstraint('credit_transactions_idem', ['account_id', 'idem_key'])
    .addCheckConstraint('credit_transactions_sum', sql`plan_delta + bonus_delta = amount`)
    .execute();
  await db.schema
    .createIndex('credit_transactions_account')
    .on('credit_transactions')
    .columns(['account_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('credit_holds')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('held','settled','released','expired')`),
    )
    .addColumn('settled_amount', 'integer')
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addUniqueConstraint('credit_holds_op', ['account_id', 'op_id'])
    .addCheckConstraint(
      'credit_holds_settled',
      sql`settled_amount is null or (settled_amount >= 0 and settled_amount <= amount)`,
    )
    .execute();
  await db.schema
    .createIndex('credit_holds_status')
    .on('credit_holds')
    .columns(['status', 'expires_at'])
    .execute();

  await db.schema
    .createTable('usage_log')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('site_id', 'text')
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('tokens_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tokens_out', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tokens_cached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('images', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('credits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('usd', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('ok','failed')`))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('usage_log_op', ['account_id', 'op_id'])
    .execute();
  await db.schema
    .createIndex('usage_log_account')
    .on('usage_log')
    .columns(['account_id', 'created_at'])
    .execute();
}
