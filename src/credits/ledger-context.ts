import type { Db } from '../db/index.js';

/** What every ledger operation needs besides its input. */
export interface LedgerContext {
  db: Db;
  /** The clock; tests move it to expire holds. */
  now: () => Date;
  /** How long a hold lives when reserve gives no ttlMs. */
  holdTtlMs: number;
}
