import { transaction } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { commitChange } from './commit-change.js';
import { toLedgerEntry } from './credit-rows.js';
import {
  AdjustInputSchema,
  ChargeInputSchema,
  GrantInputSchema,
  RefundInputSchema,
  RenewPlanInputSchema,
  type AdjustInput,
  type ChargeInput,
  type GrantInput,
  type LedgerEntry,
  type RefundInput,
  type RenewPlanInput,
} from './credits.schema.js';
import { idempotent } from './idempotent.js';
import type { LedgerContext } from './ledger-context.js';
import { planAdjust, planCharge, planGrant, planRefund, planRenewal } from './ledger-plan.js';
import { findEntryByIdemKey, findEntryByOp, type EntryRow } from './ledger.repository.js';
import { usageValues } from './usage-values.js';
import { insertUsage } from './usage.repository.js';

const entryOf = (row: EntryRow | undefined) => (row ? toLedgerEntry(row) : undefined);

function committedEntry(entry: EntryRow | null): LedgerEntry {
  if (!entry) throw new Igny8Error('INTERNAL', 'A ledger change that moves credits wrote no entry');
  return toLedgerEntry(entry);
}

/** Add credits to a pool (plan grants raise the period allowance too). */
export async function grant(ctx: LedgerContext, scope: Scope, input: GrantInput): Promise<LedgerEntry> {
  const g = parseInput(GrantInputSchema, input, 'grant');
  const idemKey = `grant:${g.opId}`;
  return idempotent(
    g.opId,
    async () => entryOf(await findEntryByIdemKey(ctx.db, scope, idemKey)),
    () =>
      transaction(ctx.db, async (trx) => {
        const { entry } = await commitChange(trx, scope, ctx, {
          minAvailable: 0,
          plan: (s) => planGrant(s, g.amount, g.pool),
          entry: { idemKey, opId: g.opId, kind: 'grant', description: g.description ?? null },
        });
        return committedEntry(entry);
      }),
  );
}

/** Spend credits without a hold: plan pool first, then bonus; INSUFFICIENT_CREDITS when short. */
export async function charge(ctx: LedgerContext, scope: Scope, input: ChargeInput): Promise<LedgerEntry> {
  const c = parseInput(ChargeInputSchema, input, 'charge');
  const idemKey = `charge:${c.opId}`;
  return idempotent(
    c.opId,
    async () => entryOf(await findEntryByIdemKey(ctx.db, scope, idemKey)),
    () =>
      transaction(ctx.db, async (trx) => {
        const { entry, at } = await commitChange(trx, scope, ctx, {
          minAvailable: c.amount,
          plan: (s) => planCharge(s, c.amount),
          entry: { idemKey, opId: c.opId, kind: 'charge', description: c.description ?? c.operation },
          alerts: true,
        });
        if (c.usage) await insertUsage(trx, scope, usageValues(scope, c.opId, c.usage, c.amount, 'ok', at));
        return committedEntry(entry);
      }),
  );
}

/**
 * Give back (part of) a charge, once per charge: the entry's idempotency key names the refunded
 * operation, so the unique index refuses a second refund of it, whoever asks.
 */
export async function refund(ctx: LedgerContext, scope: Scope, input: RefundInput): Promise<LedgerEntry> {
  const r = parseInput(RefundInputSchema, input, 'refund');
  const idemKey = `refund:${r.refundOf}`;
  const lookup = async () => {
    const mine = await findEntryByOp(ctx.db, scope, 'refund', r.opId);
    if (mine) return toLedgerEntry(mine);
    const other = await findEntryByIdemKey(ctx.db, scope, idemKey);
    if (other) {
      throw new Igny8Error(
        'CONFLICT',
        `The charge "${r.refundOf}" was already refunded (operation "${other.op_id}")`,
        {
          action: { id: 'list_refunds' },
        },
      );
    }
    return undefined;
  };
  return idempotent(r.opId, lookup, () =>
    transaction(ctx.db, async (trx) => {
      const original = await findEntryByIdemKey(trx, scope, `charge:${r.refundOf}`);
      if (!original) {
        throw new Igny8Error('NOT_FOUND', `No charge with operation id "${r.refundOf}" to refund`, {
          action: { id: 'list_charges' },
        });
      }
      const charged = -original.amount;
      if (r.amount > charged) {
        throw new Igny8Error(
          'VALIDATION_FAILED',
          `Refund of ${r.amount} exceeds the ${charged} credits charged by "${r.refundOf}"`,
          {
            hint: `Refund at most ${charged}.`,
          },
        );
      }
      const { entry } = await commitChange(trx, scope, ctx, {
        minAvailable: 0,
        plan: (s) =>
          planRefund(s, { planDelta: original.plan_delta, bonusDelta: original.bonus_delta }, r.amount),
        entry: {
          idemKey,
          opId: r.opId,
          kind: 'refund',
          description: r.description ?? `refund of ${r.refundOf}`,
        },
      });
      return committedEntry(entry);
    }),
  );
}

/** A signed correction to one pool; debits cannot touch held credits. */
export async function adjust(ctx: LedgerContext, scope: Scope, input: AdjustInput): Promise<LedgerEntry> {
  const a = parseInput(AdjustInputSchema, input, 'adjustment');
  const idemKey = `adjust:${a.opId}`;
  return idempotent(
    a.opId,
    async () => entryOf(await findEntryByIdemKey(ctx.db, scope, idemKey)),
    () =>
      transaction(ctx.db, async (trx) => {
        const { entry } = await commitChange(trx, scope, ctx, {
          minAvailable: Math.max(0, -a.amount),
          plan: (s) => planAdjust(s, a.amount, a.pool),
          entry: { idemKey, opId: a.opId, kind: 'adjust', description: a.description ?? null },
        });
        return committedEntry(entry);
      }),
  );
}

/**
 * Start a new plan period (subscription renewal): unspent plan credits lapse, the plan pool and
 * allowance become `amount`, usage alerts re-arm. Bonus credits are untouched. One 'reset' entry.
 */
export async function renewPlan(
  ctx: LedgerContext,
  scope: Scope,
  input: RenewPlanInput,
): Promise<LedgerEntry> {
  const r = parseInput(RenewPlanInputSchema, input, 'plan renewal');
  const idemKey = `reset:${r.opId}`;
  return idempotent(
    r.opId,
    async () => entryOf(await findEntryByIdemKey(ctx.db, scope, idemKey)),
    () =>
      transaction(ctx.db, async (trx) => {
        const { entry } = await commitChange(trx, scope, ctx, {
          minAvailable: 0,
          plan: (s) => planRenewal(s, r.amount),
          entry: {
            idemKey,
            opId: r.opId,
            kind: 'reset',
            description: r.description ?? 'plan renewal',
            always: true,
          },
          newPeriod: true,
        });
        return committedEntry(entry);
      }),
  );
}
