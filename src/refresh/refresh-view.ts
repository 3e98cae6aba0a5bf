import type { RefreshStatus } from '../db/schema.js';
import { parseJson } from '../util/json.js';
import { articleDiff, type WordChange } from '../writer/index.js';
import type { RefreshRow } from './refresh.repository.js';
import { optionsOf } from './refresh-publish.js';
import type { RefreshNotes } from './refresh-rewrite.js';

/** A refresh as the CLI, the API and the dashboard show it. */
export interface RefreshView {
  id: string;
  siteId: string;
  status: RefreshStatus;
  post: {
    remoteId: string;
    kind: 'post' | 'page';
    url: string;
    slug: string;
    inventoryId: string | null;
    contentId: string | null;
  };
  queries: string[];
  /** Where the queries came from: given by the user, or the page's striking-distance queries. */
  queriesFrom: 'given' | 'search-console';
  /** The draft's title (the live title unless a new one was asked for). */
  title: string | null;
  liveTitle: string | null;
  /** WordPress's modified time of the live version the draft was made from. */
  liveModified: string | null;
  fetchedAt: string | null;
  runId: string | null;
  credits: number;
  notes: RefreshNotes | null;
  approvedAt: string | null;
  publishedAt: string | null;
  error: string | null;
  errorCode: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RefreshDiff {
  /** Word-level changes from the live version to the draft. */
  changes: WordChange[];
  /** Unified diff of the text. */
  diff: string;
}

export function toRefreshView(row: RefreshRow): RefreshView {
  const opts = optionsOf(row);
  const notes = parseJson<RefreshNotes | null>(row.notes, null);
  return {
    id: row.id,
    siteId: row.site_id,
    status: row.status,
    post: {
      remoteId: row.remote_id,
      kind: opts.kind ?? 'post',
      url: row.url,
      slug: row.slug,
      inventoryId: row.inventory_id,
      contentId: row.content_id,
    },
    queries: opts.queries ?? [],
    queriesFrom: opts.queriesFrom ?? 'given',
    title: row.draft_title ?? row.live_title,
    liveTitle: row.live_title,
    liveModified: row.live_modified,
    fetchedAt: row.fetched_at,
    runId: row.run_id,
    credits: row.credits,
    notes: notes && 'sectionsAdded' in notes ? notes : null,
    approvedAt: row.approved_at,
    publishedAt: row.published_at,
    error: row.error,
    errorCode: row.error_code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The word diff of the draft against the live version it was made from (empty before the rewrite). */
export function refreshDiff(row: RefreshRow): RefreshDiff {
  if (row.live_html === null || row.draft_html === null) return { changes: [], diff: '' };
  const side = (title: string | null, html: string) => ({
    title: title ?? '',
    html,
    metaTitle: null,
    metaDescription: null,
  });
  return articleDiff(side(row.live_title, row.live_html), side(row.draft_title, row.draft_html));
}
