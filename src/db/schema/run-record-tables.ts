/** What a run did, kept so its record can be derived from the ledger rather than from counters. */
export interface RunOperationsTable {
  account_id: string;
  /** The ledger op id a hold was reserved under (the first run to reserve it owns it). */
  op_id: string;
  run_id: string;
  /** The stage's key ('write'; STAGES in src/automation/stages.ts), never its number (0028). */
  stage: string;
  created_at: string;
}

/** An item's outcome in a run (SQL CHECK in 0004). */
export const RUN_ITEM_STATUSES = ['done', 'failed'] as const;

export interface RunItemsTable {
  run_id: string;
  account_id: string;
  /** The stage's key ('write'), never its number (0028). */
  stage: string;
  item_id: string;
  status: (typeof RUN_ITEM_STATUSES)[number];
  /** What the item counts for in the stage's figures: 1, or the keywords of a stage-1 batch. */
  units: number;
  /** Rows the item created (clusters, ideas, tasks, articles, approvals). */
  created: number;
  code: string | null;
  reason: string | null;
  updated_at: string;
}
