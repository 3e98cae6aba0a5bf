import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
// The service file, not the index: the index's channels pull schedule and automation schemas into
// every command that builds the core (P11).
import { insertNotification } from '../notifications/notification.service.js';
import type { Scope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import {
  applyBalanceDeltas,
  ensureBalanceRow,
  findBalanceRow,
  lockBalanceRow,
  type BalanceRow,
} from './balance.repository.js';
import { toPoolState } from './credit-rows.js';
import { isForeignKeyViolation } from './db-errors.js';
import type { LedgerContext } from './ledger-context.js';
import {
  applyDeltas,
  MAX_POOL,
  nextTimestamp,
  poolOf,
  usageAlertLevel,
  type Plan,
  type PoolState,
} from './ledger-plan.js';
import { insertEntry, type EntryRow } from './ledger.repository.js';
import { usageAlertNotification } from './usage-alert.js';

export interface ChangeSpec {
  /** The guard of the locking write: free credits the change needs (0 = none). */
  minAvailable: number;
  /** Plan the deltas from the locked row. */
  plan: (state: PoolState) => Plan | { ok: false; reason: string; available: number };
  /** Log the change in credit_transactions (skipped when neither pool moves, unless `always`). */
  entry?: {
    idemKey: string;
    opId: string;
    kind: EntryRow['kind'];
    description: string | null;
    always?: boolean;
  };
  /** Check the 80/90/100% usage alerts after the change. */
  alerts?: boolean;
  /** Start a new plan period at this change: period_start moves, usage alerts re-arm. */
  newPeriod?: boolean;
}

export interface Committed {
  row: BalanceRow;
  entry: EntryRow | null;
  /** The change's timestamp, strictly after the account's previous one. */
  at: string;
}

/** The balance row is created on an account's first change; an unknown account is the caller's error. */
async function ensureAccountBalance(trx: Db, scope: Scope, now: Date): Promise<void> {
  try {
    await ensureBalanceRow(trx, scope, nowIso(now));
  } catch (err) {
    if (!isForeignKeyViolation(err)) throw err;
    throw new Igny8Error('ACCOUNT_NOT_FOUND', `No account with id "${scope.accountId}"`, {
      action: { id: 'list_accounts' },
      cause: err,
    });
  }
}

/**
 * Create the account's balance row if needed and lock it until the transaction ends. Operations
 * that must look before they write (reserve) take this first, so what they read cannot change.
 */
export async function lockAccount(trx: Db, scope: Scope, now: Date): Promise<BalanceRow> {
  await ensureAccountBalance(trx, scope, now);
  const row = await lockBalanceRow(trx, scope);
  if (!row) throw new Igny8Error('INTERNAL', `The balance row of account ${scope.accountId} vanished`);
  return row;
}

/**
 * One balance change inside the caller's transaction: lock the row with a guarded write, plan the
 * deltas purely, apply them, log the entry and any usage alert. Throws INSUFFICIENT_CREDITS when
 * the guard refuses.
 */
export async function commitChange(
  trx: Db,
  scope: Scope,
  ctx: LedgerContext,
  spec: ChangeSpec,
): Promise<Committed> {
  const now = ctx.now();
  await ensureAccountBalance(trx, scope, now);
  // The guarded write comes first: it takes the lock and checks the funds in one statement.
  const locked = await lockBalanceRow(trx, scope, spec.minAvailable);
  if (!locked) throw insufficient(spec.minAvailable, await findBalanceRow(trx, scope));
  const state = toPoolState(locked);
  const planned = spec.plan(state);
  if (!planned.ok) {
    if (planned.reason === 'insufficient') throw insufficient(spec.minAvailable, locked, planned.available);
    if (planned.reason === 'overflow') {
      throw new Igny8Error(
        'VALIDATION_FAILED',
        `A balance above ${MAX_POOL.toLocaleString('en-US')} credits is not supported`,
        {
          hint: 'Grant a smaller amount.',
        },
      );
    }
    if (planned.reason === 'held') {
      throw new Igny8Error(
        'INVALID_STATE',
        'Credits are held for running operations that the change would remove',
        {
          hint: 'Wait for running operations to settle or release their holds (or run the hold sweeper), then retry.',
        },
      );
    }
    throw new Igny8Error('VALIDATION_FAILED', `The change was refused (${planned.reason})`);
  }
  const at = nextTimestamp(locked.updated_at, now);
  const next = applyDeltas(state, planned.deltas);
  const level = spec.alerts ? usageAlertLevel(next) : null;
  const row = await applyBalanceDeltas(trx, scope, planned.deltas, {
    updatedAt: at,
    ...(spec.newPeriod ? { periodStart: at, alertLevel: 0 } : {}),
    ...(level === null ? {} : { alertLevel: level }),
  });
  if (!row) {
    throw new Igny8Error('INTERNAL', 'The ledger refused a change it had planned on a locked balance', {
      details: { accountId: scope.accountId, deltas: planned.deltas },
    });
  }
  let entry: EntryRow | null = null;
  const d = planned.deltas;
  if (spec.entry && (spec.entry.always || d.plan !== 0 || d.bonus !== 0)) {
    entry = await insertEntry(trx, scope, {
      id: newId(),
      idem_key: spec.entry.idemKey,
      op_id: spec.entry.opId,
      kind: spec.entry.kind,
      pool: poolOf(d),
      amount: d.plan + d.bonus,
      plan_delta: d.plan,
      bonus_delta: d.bonus,
      plan_balance_after: row.plan_balance,
      bonus_balance_after: row.bonus_balance,
      balance_after: row.plan_balance + row.bonus_balance,
      description: spec.entry.description,
      created_at: at,
    });
  }
  if (level !== null) {
    await insertNotification(
      trx,
      scope,
      usageAlertNotification({ ...next, periodStart: row.period_start }, level),
      at,
    );
  }
  return { row, entry, at };
}

function insufficient(needed: number, row: BalanceRow | undefined, free?: number): Igny8Error {
  const have = free ?? (row ? row.plan_balance + row.bonus_balance - row.held : 0);
  return new Igny8Error('INSUFFICIENT_CREDITS', `Needs ${needed} credits; ${have} available`, {
    action: { id: 'grant_credits' },
    details: { needed, available: have },
  });
}
