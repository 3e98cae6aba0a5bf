import { afterEach, describe, expect, it } from 'vitest';
import { linksMayChange } from '../../src/writer/index.js';
import { ledgerAndUsage, type AiKit } from '../ai/ai-kit.js';
import { plannedSite } from './planned-site.js';
import { DIALECTS } from '../helpers/test-db.js';

type Links = { suggestions: Array<{ targetContentId: string }>; applied: unknown[] } | null;

// Bug fix: stage 7 never revisited an article, so one written before its cluster's siblings (a
// capped run, a later run) kept no internal links forever; P12's coverage stopped at about 99%.
describe.each(DIALECTS)('stage 7 revisits earlier articles when siblings land later (%s)', (dialect) => {
  let kit: AiKit;
  afterEach(async () => kit?.close());

  it("the first run's articles get links to the second run's, once", async () => {
    const planned = await plannedSite(dialect);
    kit = planned.kit;
    const { site, plan } = planned;
    const { db } = kit.core;
    const contents = () =>
      db
        .selectFrom('contents')
        .select(['id', 'cluster_id', 'status', 'link_suggestions', 'created_at'])
        .orderBy('created_at')
        .execute();

    // Run 1 writes one article: no sibling exists yet, so it has nothing to link to.
    const run1 = await kit.core.automation.start(site, {
      options: { stages: [4, 5, 6, 7], maxItemsPerStage: 1 },
    });
    const [first] = await contents();
    expect(first!.status).toBe('review');
    expect(first!.link_suggestions).toBeNull();

    // The estimate of run 2 counts the revisit: one more suggest_links call than articles to review.
    const est = await kit.core.automation.estimate(site, { stages: [4, 5, 6, 7] });
    const review = est.stages.find((s) => s.stage === 7)!;
    expect(review.calls).toBe(review.items + 1);

    // Run 2 writes the rest, its cluster siblings among them.
    const run2 = await kit.core.automation.start(site, { options: { stages: [4, 5, 6, 7] } });
    const all = await contents();
    const later = all.filter((c) => c.id !== first!.id && c.cluster_id === first!.cluster_id);
    expect(later.length).toBeGreaterThan(0);
    const links = JSON.parse(all.find((c) => c.id === first!.id)!.link_suggestions ?? 'null') as Links;
    expect(links!.suggestions.map((s) => s.targetContentId)).toEqual(
      expect.arrayContaining([expect.toBeOneOf(later.map((c) => c.id))]),
    );
    // Every article with a sibling has suggestions now.
    expect(all.filter((c) => c.link_suggestions === null)).toEqual([]);

    // Bounded: the first article was revisited once, though several siblings landed after it.
    const ops = await db
      .selectFrom('usage_log')
      .select('op_id')
      .where('operation', '=', 'suggest_links')
      .where('status', '=', 'ok')
      .execute();
    const revisits = ops.filter((o) => o.op_id.startsWith(`links:${first!.id}:after:`));
    expect(revisits).toHaveLength(1);
    // The estimate erred high, as estimates do: no more link calls than it planned.
    // (Run 1 made no call: its one article had nothing to link to.)
    expect(ops.length).toBeGreaterThan(1);
    expect(ops.length).toBeLessThanOrEqual(review.calls);
    // Every call is charged once and appears in the usage log.
    const { charged, logged } = await ledgerAndUsage(kit);
    expect(charged).toBe(logged);
    // The revisit's credits count in the run that made it: the runs' records add up to the ledger.
    expect(plan.creditsUsed + run1.creditsUsed + run2.creditsUsed).toBe(charged);
  }, 300_000); // three runs through the pipeline: over a minute on PostgreSQL on a busy machine
});

describe('linksMayChange: only articles whose link set can change', () => {
  const added = { id: 'b', created_at: '2026-01-02T00:00:00.000Z' };
  const earlier = {
    status: 'review' as const,
    link_suggestions: null,
    updated_at: '2026-01-01T00:00:00.000Z',
  };
  const withLinks = (targets: string[], applied = 0) =>
    JSON.stringify({
      suggestions: targets.map((t) => ({ targetContentId: t, anchor: t, href: `/${t}/` })),
      applied: Array.from({ length: applied }, () => ({})),
    });
  it('revisits a reviewed article with no links or room for one more, made before the new one', () => {
    expect(linksMayChange(earlier, added, 3)).toBe(true);
    expect(linksMayChange({ ...earlier, link_suggestions: withLinks(['x']) }, added, 3)).toBe(true);
  });
  it('leaves alone full, already linked, applied, approved, or newer articles', () => {
    expect(linksMayChange({ ...earlier, link_suggestions: withLinks(['x', 'y', 'z']) }, added, 3)).toBe(
      false,
    );
    expect(linksMayChange({ ...earlier, link_suggestions: withLinks(['b']) }, added, 3)).toBe(false);
    expect(linksMayChange({ ...earlier, link_suggestions: withLinks(['x'], 1) }, added, 3)).toBe(false);
    expect(linksMayChange({ ...earlier, status: 'approved' }, added, 3)).toBe(false);
    expect(linksMayChange({ ...earlier, status: 'draft' }, added, 3)).toBe(false);
    expect(linksMayChange({ ...earlier, updated_at: '2026-01-03T00:00:00.000Z' }, added, 3)).toBe(false);
  });
});
