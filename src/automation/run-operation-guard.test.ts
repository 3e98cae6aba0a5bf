import { afterEach, describe, expect, it } from 'vitest';
import { createAiKit, type AiKit } from '../../test/ai/ai-kit.js';
import { DIALECTS } from '../../test/helpers/test-db.js';
import { runOperationGuard } from './run-operation-guard.js';

/**
 * A cancel racing an item's credit hold: the hold is either refused (never written) or written and
 * then released by the cancel itself — never left `held` after cancel() returns. It used to be
 * found by a second pass 250 ms later, which a loaded machine outran.
 */
describe.each(DIALECTS)('holds racing a cancel on %s', (dialect) => {
  let kit: AiKit;
  afterEach(async () => kit?.close());

  const setup = async () => {
    kit = await createAiKit(dialect, { credits: 1_000 });
    const site = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
    const run = await kit.core.automation.start(site, { options: { stages: [1] }, detach: true });
    return { site, runId: run.id };
  };
  const holds = async () =>
    kit.t.db.selectFrom('credit_holds').select(['op_id', 'status']).orderBy('op_id').execute();

  it('refuses a hold for a run already cancelled, writing neither the hold nor its operation', async () => {
    const { site, runId } = await setup();
    await kit.core.automation.cancel(site, runId);
    const guard = runOperationGuard(site, runId, 4);
    await expect(
      kit.core.credits.reserve(
        site,
        { opId: 'late-op', amount: 5, operation: 'generate_content' },
        { within: (trx) => guard('late-op', trx) },
      ),
    ).rejects.toMatchObject({ code: 'RUN_CANCELLED' });
    expect(await holds()).toEqual([]);
    const ops = await kit.t.db.selectFrom('run_operations').select('op_id').execute();
    expect(ops).toEqual([]);
    expect((await kit.core.credits.balance(site)).held).toBe(0);
  });

  it('a cancel that starts while a hold is being written releases that hold before it returns', async () => {
    const { site, runId } = await setup();
    const guard = runOperationGuard(site, runId, 4);
    let cancelling: Promise<unknown> | undefined;
    let heldAtCancel: Array<{ op_id: string; status: string }> | undefined;
    await kit.core.credits.reserve(
      site,
      { opId: 'racing-op', amount: 5, operation: 'generate_content' },
      {
        within: async (trx) => {
          await guard('racing-op', trx);
          // The cancel begins with the hold's transaction still open, and is slow to commit.
          cancelling = kit.core.automation
            .cancel(site, runId)
            .then(async () => (heldAtCancel = (await holds()).filter((h) => h.status === 'held')));
          await new Promise((r) => setTimeout(r, 400));
        },
      },
    );
    await cancelling;
    expect(heldAtCancel).toEqual([]);
    expect(await holds()).toEqual([{ op_id: 'racing-op', status: 'released' }]);
    expect((await kit.core.credits.balance(site)).held).toBe(0);
  });
});
