import type { AiEngine } from '../ai/index.js';
import type { Db } from '../db/index.js';
import { inventoryLinkCandidates, INVENTORY_TARGET_PREFIX } from '../inventory/index.js';
import { applyCitations, citationProblems, retrieveForOutline, type Grounding } from '../kb/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { applyLinks, headings, htmlToText } from '../writer/index.js';
import type { LivePost } from './refresh-wordpress.js';

/** What a refresh rewrite made of the live post, and what it cost. */
export interface RefreshDraft {
  title: string;
  html: string;
  credits: number;
  notes: RefreshNotes;
}

/** Kept with the refresh (content_refreshes.notes): what review shows beside the diff. */
export interface RefreshNotes {
  model?: string;
  sandbox?: boolean;
  /** Headings the rewrite added. */
  sectionsAdded: string[];
  /** The queries asked for, and whether the draft now has a heading for each. */
  queries: Array<{ query: string; covered: boolean }>;
  grounding: Pick<Grounding, 'status' | 'reason' | 'cited'>;
  links: Array<{ anchor: string; href: string; title: string }>;
  changes: string[];
}

export interface RewriteOptions {
  queries: string[];
  /** A new title; the live one is kept when absent. */
  title?: string;
  maxLinks: number;
  /** The run's text model (cost profile). */
  model?: string;
}

/**
 * igny8's publish markers (`<!-- igny8:KEY -->`, see publish-marker.ts) of the live post, kept at the
 * end of the draft when the rewrite dropped them: a later publish finds the post by them.
 */
export function keepPublishMarkers(liveHtml: string, draftHtml: string): string {
  let out = draftHtml;
  for (const m of liveHtml.match(/<!-- igny8:[a-z0-9-]+ -->/gi) ?? [])
    if (!out.includes(m)) out = `${out.replace(/\s+$/, '')}\n${m}`;
  return out;
}

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The post's keywords from the inventory (focus keyword, tags, categories). */
async function inventoryKeywords(db: Db, scope: SiteScope, inventoryId: string | null): Promise<string[]> {
  if (!inventoryId) return [];
  const rows = await db
    .selectFrom('site_inventory_keywords')
    .select('keyword')
    .where('site_id', '=', scope.siteId)
    .where('inventory_id', '=', inventoryId)
    .limit(20)
    .execute();
  return rows.map((r) => r.keyword);
}

function goalsFor(queries: string[], sources: number): string {
  const goals = [
    'This is a refresh of a post that is already live: keep its structure, voice and internal links, keep what is still true, and bring outdated facts up to date.',
  ];
  if (queries.length)
    goals.push(
      'Add one section (an <h2> heading naming the query and one or two paragraphs answering it) for each query in addSections; searchers see this page for them but it does not answer them yet.',
    );
  if (sources)
    goals.push(
      "Where the numbered passages in sources state a fact the post covers, use the passage's fact and cite it as [n] with its number; cite nothing else.",
    );
  return goals.join(' ');
}

/**
 * Rewrite a live post: sections for the missing queries, facts from the site's knowledge base (with
 * citations, as stage 4 grounds articles), internal links to the site's other posts. Two metered AI
 * calls with operation ids derived from the refresh, so a resumed run is never charged twice.
 * @example await rewriteLivePost({ db, ai }, scope, { id, inventoryId }, live, { queries: ['x'], maxLinks: 3 })
 */
export async function rewriteLivePost(
  deps: { db: Db; ai: Pick<AiEngine, 'run'> },
  scope: SiteScope,
  refresh: { id: string; inventoryId: string | null; url: string },
  live: LivePost,
  opts: RewriteOptions,
): Promise<RefreshDraft> {
  const { db, ai } = deps;
  const liveHeadings = headings(live.html).map((h) => h.text);
  const keywords = [
    ...new Set([...(await inventoryKeywords(db, scope, refresh.inventoryId)), ...opts.queries.map(norm)]),
  ];
  const focusKeyword = keywords[0] ?? norm(live.title).slice(0, 80);
  // Grounding: the site's passages for the post's sections and the new ones (none without a KB).
  const { passages, reason } = await retrieveForOutline(db, scope, {
    focusKeyword,
    sections: [...liveHeadings, ...opts.queries].map((heading) => ({ heading })),
  });
  const model = opts.model ? { model: opts.model } : {};
  const rewrite = await ai.run(
    scope,
    'optimize_content',
    {
      content: {
        title: live.title.slice(0, 200) || focusKeyword,
        html: live.html,
        focusKeyword,
        keywords: keywords.slice(0, 20),
      },
      ...(opts.queries.length ? { addSections: opts.queries } : {}),
      ...(passages.length
        ? {
            sources: passages.map((p) => ({
              n: p.n,
              title: p.title.slice(0, 300),
              text: p.text.slice(0, 2000),
            })),
          }
        : {}),
      goals: goalsFor(opts.queries, passages.length),
    },
    { opId: `refresh:${refresh.id}:rewrite`, item: live.title, ...model },
  );
  let html = rewrite.output.html;
  let credits = rewrite.credits;
  let grounding: RefreshNotes['grounding'] = { status: 'ungrounded', reason, cited: [] };
  if (passages.length && citationProblems(html, passages).length === 0) {
    const applied = applyCitations(html, passages, reason);
    html = applied.html;
    grounding = { status: applied.grounding.status, reason: null, cited: applied.grounding.cited };
  }

  // Internal links to the site's other posts that share a keyword with this one.
  const self = refresh.inventoryId ? `${INVENTORY_TARGET_PREFIX}${refresh.inventoryId}` : null;
  const candidates = (await inventoryLinkCandidates(db, scope, keywords, 50)).filter(
    (c) => c.id !== self && c.url !== refresh.url && !html.includes(`href="${c.url}"`),
  );
  let links: RefreshNotes['links'] = [];
  if (opts.maxLinks > 0 && candidates.length) {
    const res = await ai.run(
      scope,
      'suggest_links',
      {
        article: {
          title: live.title.slice(0, 200),
          text: htmlToText(html).slice(0, 60_000),
          focusKeyword,
          keywords: keywords.slice(0, 20),
        },
        candidates,
        maxLinks: opts.maxLinks,
      },
      { opId: `refresh:${refresh.id}:links`, item: live.title, ...model },
    );
    credits += res.credits;
    const linked = applyLinks(html, res.output.links);
    html = linked.html;
    links = linked.applied.map((l) => ({ anchor: l.anchor, href: l.href, title: l.targetTitle ?? '' }));
  }

  html = keepPublishMarkers(live.html, html);
  const before = new Set(liveHeadings.map(norm));
  const after = headings(html).map((h) => h.text);
  return {
    title: opts.title ?? live.title,
    html,
    credits,
    notes: {
      model: rewrite.model,
      sandbox: rewrite.sandbox,
      sectionsAdded: after.filter((h) => !before.has(norm(h))),
      queries: opts.queries.map((q) => ({ query: q, covered: after.some((h) => norm(h).includes(norm(q))) })),
      grounding,
      links,
      changes: rewrite.output.changes,
    },
  };
}
