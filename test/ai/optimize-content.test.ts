import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Igny8Error } from '../../src/errors/index.js';
import { importKeywords } from '../../src/planner/index.js';
import { FIXTURES } from '../helpers/project.js';
import { seedArticle } from '../helpers/seed-content.js';
import { seedTenant } from '../helpers/seed-tenant.js';
import { DIALECTS } from '../helpers/test-db.js';
import { createAiKit, ledgerAndUsage, type AiKit } from './ai-kit.js';

const AI_HTML =
  "<p>In today's fast-paced world, cold brew coffee is a game-changer. Moreover, it is cheap.</p>" +
  "<h2>Beans</h2><p>Let's dive into the beans. Use a burr grinder for a coarse grind.</p>" +
  '<h2>Steep</h2><p>Steep the grounds for 12 hours in the fridge, then filter them twice.</p>';

describe.each(DIALECTS)('igny8 optimize: the de-AI pass on %s', (dialect) => {
  let kit: AiKit;
  afterEach(async () => kit?.close());

  async function article(html = AI_HTML): Promise<string> {
    const id = await seedArticle(kit.t.db, { ...kit.scope, planId: 'plan-a' }, 1, 'approved');
    await kit.t.db.updateTable('contents').set({ html }).where('id', '=', id).execute();
    return id;
  }

  it('scrubs the listed phrases and the voice guide, keeps the before-text, and lists the changes', async () => {
    kit = await createAiKit(dialect, { credits: 100 });
    await kit.core.siteVoice.set(kit.scope, kit.scope.siteId, {
      bannedPhrases: ['burr grinder'],
      preferredTerms: [{ term: 'refrigerator', insteadOf: ['fridge'] }],
    });
    const id = await article();
    const dry = await kit.core.optimizer.optimize(kit.scope, id, { dryRun: true });
    expect(dry).toMatchObject({ changed: true, saved: false, mode: 'scrub', credits: 0 });
    expect((await kit.core.content.get(kit.scope, id)).html).toBe(AI_HTML);

    const res = await kit.core.optimizer.optimize(kit.scope, id);
    expect(res).toMatchObject({ changed: true, saved: true, mode: 'scrub', credits: 0 });
    expect(res.aiPhrases).toEqual(expect.arrayContaining(["in today's fast-paced world,", 'game-changer']));
    expect(res.bannedPhrases).toEqual(['burr grinder', 'fridge']);
    const removed = res.changes.map((c) => c.removed).join('|');
    expect(removed).toMatch(/game-changer/);
    expect(removed).toMatch(/fridge/);
    expect(res.diff).toContain("-In today's fast-paced world, cold brew coffee is a game-changer.");
    expect(res.diff).toMatch(/^\+Cold brew coffee is a big improvement\. Also, it is cheap\.$/m);

    const after = await kit.core.content.get(kit.scope, id);
    expect(after.html).not.toMatch(/fast-paced|game-changer|dive into|burr grinder|fridge/i);
    expect(after.html).toContain('refrigerator');
    // Changed words of an approved article go back to review, as an edit would.
    expect(after.status).toBe('review');
    const optimized = after.provenance.optimized as { mode: string; before: { html: string } };
    expect(optimized).toMatchObject({ mode: 'scrub', before: { html: AI_HTML } });

    const last = await kit.core.optimizer.lastDiff(kit.scope, id);
    expect(last.diff).toBe(res.diff);

    // A second pass finds nothing left: nothing saved, nothing changed.
    const again = await kit.core.optimizer.optimize(kit.scope, id);
    expect(again).toMatchObject({ changed: false, saved: false, diff: '', changes: [] });
    expect((await ledgerAndUsage(kit)).charged).toBe(0);
  });

  it('--rewrite runs optimize_content through the metered engine, charged once, and keeps the before-HTML', async () => {
    kit = await createAiKit(dialect, { credits: 500 });
    const id = await article();
    const balance = async () => (await kit.core.credits.balance(kit.scope)).total;
    const start = await balance();
    const res = await kit.core.optimizer.optimize(kit.scope, id, { rewrite: true, goals: 'shorter intro' });
    expect(res).toMatchObject({ mode: 'rewrite', saved: true, changed: true });
    expect(res.credits).toBeGreaterThan(0);
    expect(start - (await balance())).toBe(res.credits);
    const ledger = await ledgerAndUsage(kit);
    expect(ledger).toMatchObject({ charged: res.credits, logged: res.credits, okRows: 1 });
    const after = await kit.core.content.get(kit.scope, id);
    expect(after.html).not.toMatch(/fast-paced|game-changer/i);
    expect(after.provenance.optimized).toMatchObject({
      mode: 'rewrite',
      sandbox: true,
      before: { html: AI_HTML },
    });
    expect(res.diff).toContain('--- before');
  });

  it('an unknown id or another tenant’s article is CONTENT_NOT_FOUND, and nothing is changed', async () => {
    kit = await createAiKit(dialect, { credits: 100 });
    const other = await seedTenant(kit.t.db, 'b');
    const theirs = await seedArticle(kit.t.db, other, 2, 'draft');
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e as Igny8Error).code,
      );
    expect(await code(kit.core.optimizer.optimize(kit.scope, 'nope'))).toBe('CONTENT_NOT_FOUND');
    expect(await code(kit.core.optimizer.optimize(kit.scope, theirs, { rewrite: true }))).toBe(
      'CONTENT_NOT_FOUND',
    );
    expect(await code(kit.core.optimizer.lastDiff(kit.scope, theirs))).toBe('CONTENT_NOT_FOUND');
    const row = await kit.t.db
      .selectFrom('contents')
      .select('provenance')
      .where('id', '=', theirs)
      .executeTakeFirst();
    expect(row?.provenance).toBe('{}');
    expect((await ledgerAndUsage(kit)).charged).toBe(0);
  });

  it('a run with optimize "rewrite" rewrites each new article in stage 4, charged once per article', async () => {
    kit = await createAiKit(dialect, { credits: 100_000 });
    const csv = fs.readFileSync(path.join(FIXTURES, 'semrush-coffee.csv'));
    await importKeywords(kit.core.db, kit.scope, { bytes: csv } as never);
    const site = { accountId: kit.scope.accountId, siteId: kit.scope.siteId };
    await kit.core.automation.start(site, { options: { stages: [1, 2], maxItemsPerStage: 1 } });
    await kit.core.automation.start(site, { options: { stages: [3], maxItemsPerStage: 1 } });
    // A preferred term the writer is not checked against, so the pass always has a word to change
    // (the sandbox's rewrite of its own clean article may change nothing).
    await kit.core.siteVoice.set(kit.scope, kit.scope.siteId, {
      preferredTerms: [{ term: 'kahve', insteadOf: ['coffee'] }],
    });
    const bad = await kit.core.automation
      .start(site, { options: { stages: [4], optimize: 'loud' as never } })
      .catch((e: unknown) => e as Igny8Error);
    expect((bad as Igny8Error).code).toBe('VALIDATION_FAILED');
    await kit.core.automation.start(site, {
      options: { stages: [4], maxItemsPerStage: 1, optimize: 'rewrite' },
    });
    const [task] = (await kit.core.tasks.list(kit.scope)).items.filter((t) => t.status === 'done');
    const [content] = (await kit.core.content.list(kit.scope)).items;
    const view = await kit.core.content.get(kit.scope, content!.id);
    expect(view.html).toContain('kahve');
    expect(view.provenance.optimized).toMatchObject({
      mode: 'rewrite',
      opId: `content:${task!.id}:optimize`,
      before: { html: expect.stringContaining('<') },
    });
    const ops = await kit.t.db
      .selectFrom('usage_log')
      .select(['op_id', 'operation'])
      .where('account_id', '=', kit.scope.accountId)
      .where('operation', 'in', ['generate_content', 'optimize_content'])
      .execute();
    expect(ops.map((o) => o.operation).sort()).toEqual(['generate_content', 'optimize_content']);
  }, 120_000);
});
