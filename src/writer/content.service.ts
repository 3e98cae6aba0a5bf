import { z } from 'zod';
import { articleSite, type ArticleSite } from './article-site.js';
import type { Db } from '../db/index.js';
import { transaction } from '../db/index.js';
import type { ContentsTable } from '../db/schema.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { findContentLanguage } from '../tenancy/site.repository.js';
import { nowIso, slugify } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import { applyLinks, type LinkSuggestion } from './apply-links.js';
import { inventoryRivals } from '../inventory/inventory-matches.js';
import { loadPublishStates } from './content-publish-state.js';
import { toContentSummary, toContentView, type ContentSummary, type ContentView } from './content-view.js';
import {
  findContent,
  findContents,
  listContentRows,
  titlesWithFocusKeyword,
  updateContent,
} from './contents.repository.js';
import { imagesOfContent } from './images.repository.js';
import { sanitizeArticleHtml } from './sanitize-article.js';
import { checkSeo, type SeoReport } from './seo-check.js';
import { exportContent, type ExportedFile } from './export-content.js';
import { contentFingerprint } from './content-fingerprint.js';
import { contentChangedError, nextUpdatedAt } from './content-changed.js';

export const ContentEditSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase words joined by "-"')
      .max(120),
    html: z.string().min(1).max(2_000_000),
    excerpt: z.string().max(1000).nullable(),
    metaTitle: z.string().max(70, 'at most 70 characters (60 is best)').nullable(),
    metaDescription: z.string().max(200, 'at most 200 characters (160 is best)').nullable(),
    focusKeyword: z.string().trim().max(200).nullable(),
    /** Approve the edited version in the same action (else an edit of an approved article sends it back to review). */
    approve: z.boolean(),
    /**
     * The `updatedAt` of the version the edit started from: when the article changed since, the edit
     * is refused (CONTENT_CHANGED) instead of overwriting the other change. Without it, it always applies.
     */
    baseUpdatedAt: z.string().min(1).max(40),
  })
  .partial()
  .strict();
export type ContentEdit = z.infer<typeof ContentEditSchema>;

export const ContentListQuerySchema = z.object({
  siteId: z.string().optional(),
  status: z.enum(['draft', 'review', 'approved', 'rejected']).optional(),
  search: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});

async function getRow(db: Db, scope: Scope, id: string): Promise<ContentsTable> {
  const row = await findContent(db, scope, id);
  if (!row)
    throw new Igny8Error('CONTENT_NOT_FOUND', `No article ${id}`, {
      action: { id: 'list_content' },
    });
  return row;
}

/**
 * Titles of the site's other articles targeting the same focus keyword, then of its existing posts
 * (the imported inventory) that do: the cannibalization check.
 */
export async function competingTitles(
  db: Db,
  row: Pick<ContentsTable, 'account_id' | 'site_id' | 'id' | 'focus_keyword'>,
): Promise<string[]> {
  if (!row.focus_keyword) return [];
  const rows = await titlesWithFocusKeyword(db, row, row.focus_keyword);
  const existing = await inventoryRivals(
    db,
    { accountId: row.account_id, siteId: row.site_id },
    row.focus_keyword,
  );
  return [...rows.map((r) => r.title), ...existing.map((p) => `${p.title} (live: ${p.url})`)];
}

/**
 * Score a content row with the SEO checks, using its idea's target words and its content language;
 * a caller that has just read them (the writing stage) passes them in `known`.
 */
export async function scoreContent(
  db: Db,
  row: ContentsTable,
  known: { language?: string; targetWords?: number | null } = {},
): Promise<SeoReport> {
  const targetWords =
    known.targetWords !== undefined ? known.targetWords : await ideaTargetWords(db, row.idea_id);
  return checkSeo({
    title: row.title,
    slug: row.slug,
    html: row.html,
    metaTitle: row.meta_title,
    metaDescription: row.meta_description,
    focusKeyword: row.focus_keyword,
    targetWords: targetWords ?? null,
    competingTitles: await competingTitles(db, row),
    language: known.language ?? (await findContentLanguage(db, row.account_id, row.site_id, row.sector_id)),
  });
}

async function ideaTargetWords(db: Db, ideaId: string | null): Promise<number | null | undefined> {
  if (!ideaId) return undefined;
  const idea = await db
    .selectFrom('ideas')
    .select('target_words')
    .where('id', '=', ideaId)
    .executeTakeFirst();
  return idea?.target_words;
}

export function createContentService(db: Db, opts: { mediaDir: string }) {
  const service = {
    async list(
      scope: Scope,
      query: z.input<typeof ContentListQuerySchema> = {},
    ): Promise<{ items: ContentSummary[]; total: number }> {
      const q = parseInput(ContentListQuerySchema, query, 'content query');
      const { rows, total } = await listContentRows(db, scope, q, q);
      const states = await loadPublishStates(
        db,
        scope,
        rows.map((r) => r.id),
      );
      return {
        items: rows.map((r) => ({ ...toContentSummary(r), publishing: states.get(r.id) ?? [] })),
        total,
      };
    },

    async get(scope: Scope, id: string): Promise<ContentView> {
      const row = await getRow(db, scope, id);
      const images = await imagesOfContent(db, scope, id);
      const states = await loadPublishStates(db, scope, [id]);
      return { ...toContentView(row, images), publishing: states.get(id) ?? [] };
    },

    /** Edit fields; HTML is sanitized, and word count and SEO score are recomputed in the same transaction. */
    async edit(scope: Scope, id: string, input: ContentEdit): Promise<ContentView> {
      const patch = parseInput(ContentEditSchema, input, 'content edit');
      return transaction(db, async (trx) => {
        const row = await getRow(trx, scope, id);
        const base = patch.baseUpdatedAt;
        if (base !== undefined && row.updated_at !== base)
          throw contentChangedError(id, base, row.updated_at);
        const next: ContentsTable = {
          ...row,
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.slug !== undefined ? { slug: patch.slug } : {}),
          ...(patch.html !== undefined ? { html: sanitizeArticleHtml(patch.html) } : {}),
          ...(patch.excerpt !== undefined ? { excerpt: patch.excerpt } : {}),
          ...(patch.metaTitle !== undefined ? { meta_title: patch.metaTitle } : {}),
          ...(patch.metaDescription !== undefined ? { meta_description: patch.metaDescription } : {}),
          ...(patch.focusKeyword !== undefined ? { focus_keyword: patch.focusKeyword } : {}),
        };
        const report = await scoreContent(trx, next);
        next.word_count = report.wordCount;
        // An approval vouches for what was approved: changed words go back to review unless this
        // same action approves them.
        const changed = contentFingerprint(next) !== contentFingerprint(row);
        const status: ContentsTable['status'] = patch.approve
          ? 'approved'
          : row.status === 'rejected' || (row.status === 'approved' && changed)
            ? 'review'
            : row.status;
        const updated: ContentsTable = {
          ...next,
          seo_score: report.score,
          seo_report: toJson(report),
          status,
          approved_fingerprint: patch.approve ? contentFingerprint(next) : (row.approved_fingerprint ?? null),
          updated_at: nextUpdatedAt(row.updated_at),
        };
        const n = await updateContent(
          trx,
          scope,
          id,
          updated,
          base === undefined ? undefined : row.updated_at,
        );
        if (n === 0 && base !== undefined) {
          const now = await getRow(trx, scope, id);
          throw contentChangedError(id, base, now.updated_at);
        }
        return toContentView(updated);
      });
    },

    /**
     * Approve: apply the reviewed link suggestions, then mark approved (ready to publish).
     * `beforeSave` runs first in the same transaction (an automation run's fence and its own writes).
     */
    async approve(
      scope: Scope,
      id: string,
      opts: { applyLinks?: boolean; beforeSave?: (trx: Db) => Promise<void> } = {},
    ): Promise<ContentView> {
      return transaction(db, async (trx) => {
        await opts.beforeSave?.(trx);
        const row = await getRow(trx, scope, id);
        if (row.status === 'approved') return toContentView(row);
        let html = row.html;
        let links = parseJson<{ suggestions: LinkSuggestion[]; applied: LinkSuggestion[] } | null>(
          row.link_suggestions,
          null,
        );
        if (links && opts.applyLinks !== false && links.applied.length === 0) {
          const res = applyLinks(html, links.suggestions);
          html = res.html;
          links = { ...links, applied: res.applied };
        }
        const updated = {
          ...row,
          html,
          link_suggestions: links ? toJson(links) : row.link_suggestions,
          status: 'approved' as const,
          approved_fingerprint: contentFingerprint({ ...row, html }),
          updated_at: nowIso(),
        };
        await updateContent(trx, scope, id, updated);
        return toContentView(updated);
      });
    },

    async reject(scope: Scope, id: string, reason?: string): Promise<ContentView> {
      return transaction(db, async (trx) => {
        const row = await getRow(trx, scope, id);
        const provenance = {
          ...parseJson<Record<string, unknown>>(row.provenance, {}),
          rejectedReason: reason ?? null,
        };
        const updated = {
          ...row,
          status: 'rejected' as const,
          provenance: toJson(provenance),
          updated_at: nowIso(),
        };
        await updateContent(trx, scope, id, updated);
        return toContentView(updated);
      });
    },

    slugFor: (title: string) => slugify(title),

    /**
     * Whether an article may go out as approved: CONTENT_EDITED_AFTER_APPROVAL when its fields no
     * longer match what was approved (an edit by any path after the approval).
     */
    async assertPublishable(scope: Scope, id: string): Promise<void> {
      const row = await getRow(db, scope, id);
      if (row.approved_fingerprint && row.approved_fingerprint !== contentFingerprint(row))
        throw new Igny8Error(
          'CONTENT_EDITED_AFTER_APPROVAL',
          `Article ${id} was changed after it was approved`,
          {
            hint: 'Review the changes and approve it again, then publish.',
          },
        );
    },

    /** Which of these approved articles still read as approved (unchanged since approval). */
    async stillApproved(scope: Scope, ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await findContents(db, scope, ids);
      return new Set(
        rows
          .filter((r) => !r.approved_fingerprint || r.approved_fingerprint === contentFingerprint(r))
          .map((r) => r.id),
      );
    },

    /** Export matching articles (default: approved) to a folder as Markdown or HTML. */
    async exportTo(
      scope: Scope,
      o: { dir: string; format: 'md' | 'html'; siteId?: string; status?: ContentsTable['status'] },
    ): Promise<ExportedFile[]> {
      const items: ContentView[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await service.list(scope, {
          siteId: o.siteId,
          status: o.status ?? 'approved',
          limit: 500,
          offset,
        });
        for (const c of page.items) items.push(await service.get(scope, c.id));
        if (page.items.length < 500) break;
      }
      const sites = new Map<string, ArticleSite>();
      for (const siteId of new Set(items.map((c) => c.siteId))) {
        const site = await articleSite(db, scope, siteId);
        if (site) sites.set(siteId, site);
      }
      return exportContent(items, { dir: o.dir, format: o.format, mediaDir: opts.mediaDir, sites });
    },
  };
  return service;
}

export type ContentService = ReturnType<typeof createContentService>;
