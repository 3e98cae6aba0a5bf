import type { Db } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';
import { parseJson } from '../util/json.js';
import { itemCountsByRun, ledgerCreditsByRun } from './run-records.repository.js';
import type { RunRow } from './run.repository.js';
import { resultsFromJson, type StageResults } from './stages.js';

export interface DerivedRecord {
  creditsUsed: number;
  /** By stage key. */
  results: StageResults;
}

/**
 * The record of each run as the ledger and the item outcomes tell it: credits are the ledger's
 * charges for the run's operations, stage counts the items' outcomes over every attempt (resumes
 * and takeovers included). Runs from before these rows existed keep their saved counters.
 */
export async function deriveRunRecords(
  db: Db,
  scope: Scope,
  rows: Array<Pick<RunRow, 'id' | 'results' | 'credits_used'>>,
): Promise<Map<string, DerivedRecord>> {
  const ids = rows.map((r) => r.id);
  const [credits, counts] = await Promise.all([
    ledgerCreditsByRun(db, scope, ids),
    itemCountsByRun(db, scope, ids),
  ]);
  const out = new Map<string, DerivedRecord>();
  for (const row of rows) {
    const results: StageResults = resultsFromJson(parseJson(row.results, {}));
    const byCredits = credits.get(row.id);
    const byCounts = counts.get(row.id);
    if (!byCredits && !byCounts) {
      out.set(row.id, { creditsUsed: row.credits_used, results });
      continue;
    }
    let total = 0;
    for (const res of Object.values(results)) {
      const c = byCounts?.get(res.stage);
      res.done = c?.done ?? 0;
      res.failed = c?.failed ?? 0;
      res.created = c?.created ?? 0;
      res.credits = byCredits?.get(res.stage) ?? 0;
      res.total = Math.max(res.total, res.done + res.failed);
      total += res.credits;
    }
    out.set(row.id, { creditsUsed: total, results });
  }
  return out;
}
