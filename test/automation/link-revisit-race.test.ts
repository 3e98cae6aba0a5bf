import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/index.js';
import { RunOptionsSchema } from '../../src/automation/run-options.schema.js';
import { relinkEarlier } from '../../src/automation/stages/stage-7-links.js';
import type { StageContext } from '../../src/automation/stage-context.js';
import type { AiKit } from '../ai/ai-kit.js';
import { plannedSite } from './planned-site.js';
import { DIALECTS } from '../helpers/test-db.js';

/**
 * A view of `db` whose queries hold the first result carrying exactly the columns articlesToRelink
 * decides on (id, status, link_suggestions, updated_at) until `release` is called: the moment between
 * deciding an earlier article needs a revisit and making it. It holds after the query returns, not in
 * a Kysely plugin, because SQLite's one connection stays taken while a plugin transforms a result.
 */
function holdDecision(db: Db) {
  let held: () => void = () => {};
  let release: () => void = () => {};
  const reached = new Promise<void>((r) => (held = r));
  const gate = new Promise<void>((r) => (release = r));
  let once = false;
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, prop) {
        const value = Reflect.get(obj, prop) as unknown;
        if (typeof value !== 'function') return value;
        if (prop === 'execute')
          return async (...args: unknown[]) => {
            const rows = (await (value as (...a: unknown[]) => Promise<unknown[]>).apply(obj, args)) ?? [];
            const keys = Object.keys((rows[0] ?? {}) as object)
              .sort()
              .join(',');
            if (!once && keys === 'id,link_suggestions,status,updated_at') {
              once = true;
              held();
              await gate;
            }
            return rows;
          };
        return (...args: unknown[]) => {
          const out = (value as (...a: unknown[]) => unknown).apply(obj, args);
          return out && typeof out === 'object' ? wrap(out) : out;
        };
      },
    });
  return { db: wrap(db), reached, release: () => release() };
}

// Bug fix: two siblings reviewed at once both revisited the same earlier article (CI failed on it on
// PostgreSQL): the second decided on the row read before the first's revisit saved, and only checked
// whether a revisit was in flight, not whether one had just been made.
describe.each(DIALECTS)('stage 7 relinks an earlier article once when siblings race (%s)', (dialect) => {
  let kit: AiKit;
  afterEach(async () => kit?.close());

  it('the second sibling re-reads the article after the first revisit and leaves it alone', async () => {
    const planned = await plannedSite(dialect);
    kit = planned.kit;
    const { site } = planned;
    const { db } = kit.core;
    await kit.core.automation.start(site, { options: { stages: [4, 5, 6, 7], maxItemsPerStage: 1 } });
    // The siblings are written but not reviewed: stage 7 has not run for them.
    await kit.core.automation.start(site, { options: { stages: [4, 5, 6] } });
    const rows = await db.selectFrom('contents').selectAll().orderBy('created_at').orderBy('id').execute();
    const first = rows.find((c) => c.status === 'review')!;
    const [a, b] = rows.filter((c) => c.status === 'draft' && c.cluster_id === first.cluster_id);
    expect(a && b).toBeTruthy();

    const ctx = (core: StageContext['core']): StageContext => ({
      core,
      scope: kit.scope,
      runId: 'race-run',
      options: RunOptionsSchema.parse({}),
      assertOwned: async () => {},
      beforeSave: async () => {},
      log: () => {},
    });
    const hold = holdDecision(db);
    // B decides that the first article needs a revisit, and is held there...
    const forB = relinkEarlier(ctx({ ...kit.core, db: hold.db }), b!);
    await hold.reached;
    // ...while A revisits it, to the end.
    const creditsA = await relinkEarlier(ctx(kit.core), a!);
    expect(creditsA).toBeGreaterThan(0);
    hold.release();
    expect(await forB).toBe(0);

    const revisits = await db
      .selectFrom('usage_log')
      .select('op_id')
      .where('operation', '=', 'suggest_links')
      .where('op_id', 'like', `links:${first.id}:after:%`)
      .execute();
    expect(revisits.map((r) => r.op_id)).toEqual([`links:${first.id}:after:${a!.id}`]);
    const after = await db
      .selectFrom('contents')
      .select('link_suggestions')
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(after.link_suggestions).not.toBeNull();
  }, 300_000);
});
