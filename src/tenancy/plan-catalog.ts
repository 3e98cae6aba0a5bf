import type { Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import { nowIso } from '../util/ids.js';
import { DEFAULT_PLANS } from './default-plans.js';
import { findPlanRow, insertMissingPlans, listPlanRows, type PlanRow } from './plan.repository.js';

/** Seed the default plans that are missing (a read when they are all there, so cheap to repeat). */
export async function seedPlans(db: Db): Promise<{ added: number }> {
  const have = new Set((await listPlanRows(db)).map((p) => p.id));
  const missing = DEFAULT_PLANS.filter((p) => !have.has(p.id));
  const now = nowIso();
  await insertMissingPlans(
    db,
    missing.map((p) => ({
      id: p.id,
      name: p.name,
      included_credits: p.includedCredits,
      max_sites: p.maxSites,
      max_users: p.maxUsers,
      max_keywords: p.maxKeywords,
      created_at: now,
    })),
  );
  return { added: missing.length };
}

/** A plan by id after seeding the defaults; PLAN_NOT_FOUND names the plans there are. */
export async function requirePlanRow(db: Db, id: string): Promise<PlanRow> {
  await seedPlans(db);
  const row = await findPlanRow(db, id);
  if (row) return row;
  const known = (await listPlanRows(db)).map((p) => p.id).join(', ');
  throw new Igny8Error('PLAN_NOT_FOUND', `No plan "${id}"`, {
    action: { id: 'list_plans', params: { known } },
  });
}
