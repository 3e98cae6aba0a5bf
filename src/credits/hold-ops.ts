import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { commitChange, lockAccount } from './commit-change.js';
import { toHold, toLedgerEntry } from './credit-rows.js';
import {
  ReleaseInputSchema,
  ReserveInputSchema,
  SettleInputSchema,
  type Hold,
  type LedgerEntry,
  type ReleaseInput,
  type ReserveInput,
  type SettleInput,
} from './credits.schema.js';
import { isUniqueViolation } from './db-errors.js';
import { findHold, findStaleHolds, insertHold, resolveHold, type HoldRow } from './holds.repository.js';
import { idempotent } from './idempotent.js';
import type { LedgerContext } from './ledger-context.js';
import { planCharge, planReserve, type Deltas } from './ledger-plan.js';
import { findEntryByIdemKey } from './ledger.repository.js';
import { usageValues } from './usage-values.js';
import { insertUsage } from './usage.repository.js';

export interface SettleResult {
  charged: number;
  entry: LedgerEntry | null;
}

const freeHold = (hold: HoldRow) => (): { ok: true; deltas: Deltas } => ({
  ok: true,
  deltas: { plan: 0, bonus: 0, held: -hold.amount, allowance: 0 },
});

export interface ReserveOptions {
  /** Runs first inside the reserving transaction; throwing aborts the reserve (no hold is written). */
  within?: (trx: Db) => Promise<void>;
}

/** Hold credits before an operation; a replay returns the hold as it is now (check its status). */
export async function reserve(
  ctx: LedgerContext,
  scope: Scope,
  input: ReserveInput,
  options: ReserveOptions = {},
): Promise<Hold> {
  const r = parseInput(ReserveInputSchema, input, 'reserve');
  return idempotent(
    r.opId,
    async () => {
      const hold = await findHold(ctx.db, scope, r.opId);
      return hold ? toHold(hold) : undefined;
    },
    () =>
      transaction(ctx.db, async (trx) => {
        // The caller's guard goes before the account lock: it may lock rows of its own (a run), and
        // every path that holds such a row and needs the account takes them in that order too.
        await options.within?.(trx);
        // Lock the account, then look again. A twin's hold committed before our lock is visible
        // now and none can appear after it. Inserting beside a twin's hold would also wait on
        // any settle updating that hold, while the settle waits on our lock: a deadlock on PostgreSQL.
        await lockAccount(trx, scope, ctx.now());
        const twin = await findHold(trx, scope, r.opId);
        if (twin) return toHold(twin);
        const { at } = await commitChange(trx, scope, ctx, {
          minAvailable: r.amount,
          plan: (s) => planReserve(s, r.amount),
        });
        const expiresAt = nowIso(new Date(Date.parse(at) + (r.ttlMs ?? ctx.holdTtlMs)));
        const hold = await insertHold(trx, scope, {
          opId: r.opId,
          amount: r.amount,
          operation: r.operation,
          expiresAt,
          createdAt: at,
        });
        return toHold(hold);
      }),
  );
}

function notHeld(hold: HoldRow, verb: string): Igny8Error {
  return new Igny8Error(
    'HOLD_ALREADY_RESOLVED',
    `Cannot ${verb} operation "${hold.op_id}": its hold was ${hold.status}`,
    {
      hint:
        hold.status === 'expired'
          ? 'The hold outlived its TTL and its credits were freed; reserve again with a new operation id (or a longer ttlMs).'
          : 'Each hold is settled or released once.',
    },
  );
}

async function holdOrThrow(ctx: LedgerContext, scope: Scope, opId: string): Promise<HoldRow> {
  const hold = await findHold(ctx.db, scope, opId);
  if (!hold) {
    throw new Igny8Error('HOLD_NOT_FOUND', `No credit hold for operation "${opId}"`, {
      hint: 'Reserve credits for the operation first.',
    });
  }
  return hold;
}

async function settledResult(ctx: LedgerContext, scope: Scope, hold: HoldRow): Promise<SettleResult> {
  const entry = await findEntryByIdemKey(ctx.db, scope, `charge:${hold.op_id}`);
  return { charged: hold.settled_amount ?? 0, entry: entry ? toLedgerEntry(entry) : null };
}

/**
 * Charge at most the held amount and free the hold, with the usage row, in one transaction. The
 * guarded hold update decides the one winner among concurrent settles; a replay gets the first result.
 */
export async function settle(ctx: LedgerContext, scope: Scope, input: SettleInput): Promise<SettleResult> {
  const s = parseInput(SettleInputSchema, input, 'settle');
  for (;;) {
    const hold = await holdOrThrow(ctx, scope, s.opId);
    if (hold.status === 'settled') return settledResult(ctx, scope, hold);
    if (hold.status !== 'held') throw notHeld(hold, 'settle');
    if (s.amount > hold.amount) {
      throw new Igny8Error(
        'SETTLE_EXCEEDS_HOLD',
        `Settle of ${s.amount} exceeds the ${hold.amount} credits held for "${s.opId}"`,
        {
          hint: 'Reserve the largest amount an operation may cost; settle what it actually cost.',
        },
      );
    }
    let outcome: SettleResult | null;
    try {
      outcome = await transaction(ctx.db, async (trx) => {
        const claimed = await resolveHold(trx, scope, s.opId, {
          status: 'settled',
          settledAmount: s.amount,
          resolvedAt: nowIso(ctx.now()),
        });
        if (!claimed) return null; // another settle, release or the sweeper got there first
        const { entry, at } = await commitChange(trx, scope, ctx, {
          minAvailable: 0,
          plan: (state) => planCharge(state, s.amount, claimed.amount),
          entry: {
            idemKey: `charge:${s.opId}`,
            opId: s.opId,
            kind: 'charge',
            description: claimed.operation,
          },
          alerts: true,
        });
        if (s.usage) await insertUsage(trx, scope, usageValues(scope, s.opId, s.usage, s.amount, 'ok', at));
        return { charged: s.amount, entry: entry ? toLedgerEntry(entry) : null };
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw new Igny8Error(
        'CONFLICT',
        `Operation id "${s.opId}" was already charged or logged by another operation`,
        {
          hint: 'Use one operation id per reserve/settle pair and a different one for direct charges.',
          cause: err,
        },
      );
    }
    if (outcome) return outcome;
    // Lost the race: loop once more to report what the winner did.
  }
}

/** Free a hold without charging (the operation failed); logs a failed usage row when given. Idempotent. */
export async function release(ctx: LedgerContext, scope: Scope, input: ReleaseInput): Promise<void> {
  const r = parseInput(ReleaseInputSchema, input, 'release');
  for (;;) {
    const hold = await holdOrThrow(ctx, scope, r.opId);
    if (hold.status === 'released' || hold.status === 'expired') return;
    if (hold.status === 'settled') throw notHeld(hold, 'release');
    const done = await transaction(ctx.db, async (trx) => {
      const claimed = await resolveHold(trx, scope, r.opId, {
        status: 'released',
        resolvedAt: nowIso(ctx.now()),
      });
      if (!claimed) return false;
      const { at } = await commitChange(trx, scope, ctx, { minAvailable: 0, plan: freeHold(claimed) });
      if (r.usage) await insertUsage(trx, scope, usageValues(scope, r.opId, r.usage, 0, 'failed', at));
      return true;
    });
    if (done) return;
  }
}

/** Expire every active hold past its expiry, across all accounts (the sweeper). Returns how many. */
export async function expireHolds(ctx: LedgerContext, now: Date = ctx.now()): Promise<number> {
  const cutoff = nowIso(now);
  let expired = 0;
  for (;;) {
    const stale = await findStaleHolds(ctx.db, cutoff, 200);
    for (const { accountId, opId } of stale) {
      const scope = { accountId };
      // One transaction per hold, locking hold then balance like settle and release do.
      const done = await transaction(ctx.db, async (trx) => {
        const claimed = await resolveHold(trx, scope, opId, { status: 'expired', resolvedAt: cutoff });
        if (!claimed) return false;
        await commitChange(trx, scope, ctx, { minAvailable: 0, plan: freeHold(claimed) });
        return true;
      });
      if (done) expired += 1;
    }
    if (stale.length < 200) return expired;
  }
}
