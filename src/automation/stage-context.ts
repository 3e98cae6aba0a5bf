import type { AutomationDeps } from './automation-deps.js';
import type { SiteScope } from '../tenancy/scope.js';
import type { RunOptions } from './run-options.schema.js';

/** What a stage sees: the core, the site, the run's options, and a guard proving we still own the run. */
export interface StageContext {
  core: AutomationDeps;
  scope: SiteScope;
  runId: string;
  options: RunOptions;
  /** Throws RUN_LEASE_LOST when another process took the run over; call it inside save transactions. */
  assertOwned(trx: AutomationDeps['db']): Promise<void>;
  /**
   * Pass as the AI engine's `beforeSave`: fences the save like `assertOwned` and records the item
   * as done in the same transaction, so the run's counts survive a kill right after the save.
   */
  beforeSave(trx: AutomationDeps['db']): Promise<void>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export interface StageItem {
  id: string;
  label: string;
  /** What the item counts for in the stage's figures (default 1; stage 1 counts keywords). */
  units?: number;
  /** Anything the stage needs to process the item. */
  data?: unknown;
}

export interface ItemOutcome {
  credits: number;
  created: number;
}

/** One pipeline stage: select eligible rows by status, process one item (its status change is the checkpoint). */
export interface Stage {
  n: number;
  select(ctx: StageContext, limit: number | undefined): Promise<StageItem[]>;
  process(ctx: StageContext, item: StageItem): Promise<ItemOutcome>;
  /** Per-item credit estimate, for the run's credit cap. */
  estimateItem?(ctx: StageContext, item: StageItem): number;
  /** Items that can share a queue; the default is `ctx.options.concurrency`. Stage 1 local runs alone. */
  concurrency?(ctx: StageContext): number;
}
