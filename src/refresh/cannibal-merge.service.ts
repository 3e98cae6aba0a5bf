import { z } from 'zod';
import type { CandidatePageShare, MergePlan } from '../api-contract/refresh-candidates.schema.js';
import type { Db } from '../db/index.js';
import { parseInput } from '../errors/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { pagesByQuery, pageTotals } from './candidates.repository.js';
import { round2 } from './candidates-ctr.js';
import { pageKey } from './candidates-page-key.js';
import { dataWindow, loadSitePages, siteInboundLinks } from './candidates-rank.js';
import { planMerge, type MergePage } from './cannibal-merge-plan.js';
import { CANNIBAL_DEFAULTS, sharesByQuery } from './cannibal-rank.js';
import { windowTotals } from './decay-rank.js';

export const MergePlanInputSchema = z
  .object({
    query: z.string().trim().min(1).max(500).optional().describe('The query the pages compete for.'),
    pageUrls: z
      .array(z.string().trim().min(1).max(2000))
      .min(2)
      .max(50)
      .optional()
      .describe('Or the pages to merge.'),
    windowDays: z
      .number()
      .int()
      .min(7)
      .max(180)
      .default(28)
      .describe('Days of data the pages are compared on.'),
  })
  .refine((v) => (v.query === undefined) !== (v.pageUrls === undefined), {
    message: 'Give either a query or at least two page URLs',
    path: ['query'],
  });
export type MergePlanInput = z.input<typeof MergePlanInputSchema>;

/**
 * A merge plan for pages that compete (cannibalization): which to keep — most clicks, then best
 * position, then most internal links, and why — and a 301 from each other page to it. Reads only;
 * nothing is redirected or deleted. By query: every page with impressions for it in the window;
 * by URLs: those pages' totals.
 * @example await mergePlan(db, scope, { query: 'cold brew ratio' })
 */
export async function mergePlan(db: Db, scope: SiteScope, input: MergePlanInput): Promise<MergePlan> {
  const o = parseInput(MergePlanInputSchema, input, 'merge plan');
  const window = await dataWindow(db, scope, o.windowDays);
  const pages = await loadSitePages(db, scope);
  const { inbound } = await siteInboundLinks(db, scope, pages);
  const links = (url: string) => inbound.get(pageKey(url))?.size ?? 0;
  let list: MergePage[] = [];
  let ignored: CandidatePageShare[] = [];
  if (o.query !== undefined) {
    const pairs = window ? await pagesByQuery(db, scope, window, { minImpressions: 1, query: o.query }) : [];
    const all = sharesByQuery(pairs, pages).get(o.query) ?? [];
    // The same line as cannibalization: a page with a tiny share ranks for something else; never redirect it.
    const competes = (p: CandidatePageShare) =>
      p.share >= CANNIBAL_DEFAULTS.minShare && p.impressions >= CANNIBAL_DEFAULTS.minPageImpressions;
    list = all.filter(competes).map((p) => ({ ...p, inboundLinks: links(p.url) }));
    ignored = all.filter((p) => !competes(p));
  } else {
    const totals = window ? windowTotals(await pageTotals(db, scope, window)) : new Map();
    const byKey = new Map([...totals].map(([url, t]) => [pageKey(url), t.cur]));
    const urls = [...new Map(o.pageUrls!.map((u) => [pageKey(u), u])).values()];
    const figures = urls.map((u) => byKey.get(pageKey(u)) ?? { clicks: 0, impressions: 0, position: 0 });
    const total = figures.reduce((s, f) => s + f.impressions, 0);
    list = urls.map((url, i) => ({
      ...pages.lookup(url),
      clicks: figures[i]!.clicks,
      impressions: figures[i]!.impressions,
      position: round2(figures[i]!.position),
      share: total > 0 ? round2(figures[i]!.impressions / total) : 0,
      inboundLinks: links(url),
    }));
  }
  return planMerge(o.query ?? null, window, list, ignored);
}
