import { afterEach, describe, expect, it } from 'vitest';
import { createAiKit, type AiKit } from '../../test/ai/ai-kit.js';
import { DIALECTS } from '../../test/helpers/test-db.js';
import { recordItemFenced } from './record-item-fenced.js';
import { recordOwnedRunItem } from './run-records.repository.js';

/**
 * The runner records each item's outcome with one fenced statement. It must write exactly when the
 * transaction it replaced (lock the run, check owner and status, upsert) would, and the fallback
 * must still throw the same errors.
 */
describe.each(DIALECTS)('an item recorded under the run fence on %s', (dialect) => {
  let kit: AiKit;
  afterEach(async () => kit?.close());

  const setup = async () => {
    kit = await createAiKit(dialect, { credits: 1_000 });
    const site = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
    const run = await kit.core.automation.start(site, { options: { stages: [4] }, detach: true });
    await kit.t.db
      .updateTable('automation_runs')
      .set({ status: 'running', lease_owner: 'me' })
      .where('id', '=', run.id)
      .execute();
    return { site, runId: run.id };
  };
  const items = async () =>
    kit.t.db
      .selectFrom('run_items')
      .select(['item_id', 'stage', 'status', 'units', 'created', 'code'])
      .orderBy('item_id')
      .execute();

  it('writes and upserts while this process holds the run', async () => {
    const { site, runId } = await setup();
    expect(
      await recordOwnedRunItem(kit.t.db, site, runId, 'me', { stage: 4, itemId: 'a', status: 'done' }),
    ).toBe(true);
    // The save recorded it done; the runner then adds what it created (an update, not a second row).
    expect(
      await recordOwnedRunItem(kit.t.db, site, runId, 'me', {
        stage: 4,
        itemId: 'a',
        status: 'done',
        created: 1,
      }),
    ).toBe(true);
    expect(await items()).toEqual([
      { item_id: 'a', stage: 'write', status: 'done', units: 1, created: 1, code: null },
    ]);
  });

  it('writes nothing for another owner or a cancelled run, and the fallback says why', async () => {
    const { site, runId } = await setup();
    const doneA = { stage: 4, itemId: 'a', status: 'done' as const };
    expect(await recordOwnedRunItem(kit.t.db, site, runId, 'them', doneA)).toBe(false);
    await expect(recordItemFenced(kit.t.db, site, runId, 'them', doneA)).rejects.toMatchObject({
      code: 'RUN_LEASE_LOST',
    });
    await kit.t.db
      .updateTable('automation_runs')
      .set({ status: 'cancelled' })
      .where('id', '=', runId)
      .execute();
    expect(await recordOwnedRunItem(kit.t.db, site, runId, 'me', doneA)).toBe(false);
    await expect(recordItemFenced(kit.t.db, site, runId, 'me', doneA)).rejects.toMatchObject({
      code: 'RUN_CANCELLED',
    });
    expect(await items()).toEqual([]);
  });

  it('never lets a late failure overwrite a done item, and records a first failure', async () => {
    const { site, runId } = await setup();
    await recordItemFenced(kit.t.db, site, runId, 'me', {
      stage: 4,
      itemId: 'a',
      status: 'done',
      created: 1,
    });
    const late = { stage: 4, itemId: 'a', status: 'failed' as const, code: 'PROVIDER_ERROR', reason: 'late' };
    expect(await recordOwnedRunItem(kit.t.db, site, runId, 'me', late)).toBe(false);
    await recordItemFenced(kit.t.db, site, runId, 'me', late);
    await recordItemFenced(kit.t.db, site, runId, 'me', { ...late, itemId: 'b', units: 3 });
    expect(await items()).toEqual([
      { item_id: 'a', stage: 'write', status: 'done', units: 1, created: 1, code: null },
      { item_id: 'b', stage: 'write', status: 'failed', units: 3, created: 0, code: 'PROVIDER_ERROR' },
    ]);
  });
});
