import type { Db } from '../db/index.js';
import type { NotificationService } from '../notifications/index.js';
import type { Scope } from '../tenancy/scope.js';
import * as queries from './credit-queries.js';
import type {
  AdjustInput,
  Balance,
  ChargeInput,
  GrantInput,
  Hold,
  HistoryQuery,
  LedgerEntry,
  RefundInput,
  ReleaseInput,
  RenewPlanInput,
  ReserveInput,
  SettleInput,
  UsageQuery,
  UsageRow,
  UsageSummaryQuery,
  UsageSummaryRow,
} from './credits.schema.js';
import * as holds from './hold-ops.js';
import type { LedgerContext } from './ledger-context.js';
import * as ledger from './ledger-ops.js';

export const DEFAULT_HOLD_TTL_MS = 60 * 60 * 1000;

export interface CreditsService {
  /** Pools of the account; zeros before its first grant. */
  balance(scope: Scope): Promise<Balance>;
  /** Add credits to the plan or bonus pool; idempotent by opId. */
  grant(scope: Scope, input: GrantInput): Promise<LedgerEntry>;
  /** Hold credits before a provider call (INSUFFICIENT_CREDITS when short); idempotent by opId. */
  /**
   * Hold credits before a provider call (INSUFFICIENT_CREDITS when short); idempotent by opId.
   * `options.within` runs inside the reserving transaction before the hold is written: what it
   * writes commits with the hold, and throwing aborts the reserve (no hold exists).
   */
  reserve(scope: Scope, input: ReserveInput, options?: holds.ReserveOptions): Promise<Hold>;
  /** Charge ≤ the held amount, free the hold, log usage; a replay returns the first result. */
  settle(scope: Scope, input: SettleInput): Promise<holds.SettleResult>;
  /** Free a hold without charging (failed operation); idempotent. */
  release(scope: Scope, input: ReleaseInput): Promise<void>;
  /** Spend credits without a hold; idempotent, INSUFFICIENT_CREDITS when short. */
  charge(scope: Scope, input: ChargeInput): Promise<LedgerEntry>;
  /** Give back up to the amount of one charge, once per charge. */
  refund(scope: Scope, input: RefundInput): Promise<LedgerEntry>;
  /** Signed correction of one pool. */
  adjust(scope: Scope, input: AdjustInput): Promise<LedgerEntry>;
  /** New plan period: the plan pool and allowance become `amount` (leftover plan credits lapse); alerts re-arm. */
  renewPlan(scope: Scope, input: RenewPlanInput): Promise<LedgerEntry>;
  /** Expire stale holds in every account (the sweeper); returns how many. */
  expireHolds(now?: Date): Promise<number>;
  /** Ledger entries, newest first. */
  history(scope: Scope, query?: HistoryQuery): Promise<{ items: LedgerEntry[]; total: number }>;
  /** Usage rows, newest first. */
  usage(scope: Scope, query?: UsageQuery): Promise<{ items: UsageRow[]; total: number }>;
  /** Usage totals grouped by operation, model ("provider:model") or UTC day. */
  usageSummary(scope: Scope, query: UsageSummaryQuery): Promise<UsageSummaryRow[]>;
}

export interface CreditsServiceDeps {
  /** Present for the composition root; alerts are written in the ledger's own transactions. */
  notifications?: NotificationService;
  /** The clock (tests move it). */
  now?: () => Date;
  holdTtlMs?: number;
}

/**
 * The credit ledger: two pools (plan first, then bonus), two-phase holds and a transaction log,
 * every mutation one transaction and idempotent by operation id.
 * @example const hold = await credits.reserve(scope, { opId, amount: 12, operation: 'generate_content' })
 */
export function createCreditsService(db: Db, deps: CreditsServiceDeps = {}): CreditsService {
  const ctx: LedgerContext = {
    db,
    now: deps.now ?? (() => new Date()),
    holdTtlMs: deps.holdTtlMs ?? DEFAULT_HOLD_TTL_MS,
  };
  return {
    balance: (scope) => queries.balance(ctx, scope),
    grant: (scope, input) => ledger.grant(ctx, scope, input),
    reserve: (scope, input, options) => holds.reserve(ctx, scope, input, options),
    settle: (scope, input) => holds.settle(ctx, scope, input),
    release: (scope, input) => holds.release(ctx, scope, input),
    charge: (scope, input) => ledger.charge(ctx, scope, input),
    refund: (scope, input) => ledger.refund(ctx, scope, input),
    adjust: (scope, input) => ledger.adjust(ctx, scope, input),
    renewPlan: (scope, input) => ledger.renewPlan(ctx, scope, input),
    expireHolds: (now) => holds.expireHolds(ctx, now),
    history: (scope, query) => queries.history(ctx, scope, query),
    usage: (scope, query) => queries.usage(ctx, scope, query),
    usageSummary: (scope, query) => queries.usageSummary(ctx, scope, query),
  };
}
