import type { Db } from '../../src/db/index.js';
import { newId, nowIso } from '../../src/util/ids.js';
import type { SeededTenant } from './seed-tenant.js';

/** Raw rows for one approved article (idea → task → content), for publishing and review suites. */
export async function seedArticle(
  db: Db,
  t: SeededTenant,
  n: number,
  status: 'draft' | 'review' | 'approved' = 'approved',
): Promise<string> {
  const now = nowIso();
  const ideaId = newId();
  const taskId = newId();
  const contentId = newId();
  await db
    .insertInto('ideas')
    .values({
      id: ideaId,
      account_id: t.accountId,
      site_id: t.siteId,
      sector_id: t.sectorId,
      cluster_id: null,
      title: `Idea ${n}`,
      brief: null,
      outline: '{"sections":[]}',
      primary_keywords: '[]',
      secondary_keywords: '[]',
      target_words: 800,
      content_type: 'post',
      structure: 'guide',
      source: 'ai',
      status: 'queued',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('tasks')
    .values({
      id: taskId,
      account_id: t.accountId,
      site_id: t.siteId,
      sector_id: t.sectorId,
      idea_id: ideaId,
      prompt_override: null,
      attempts: 1,
      error: null,
      status: 'done',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('contents')
    .values({
      id: contentId,
      account_id: t.accountId,
      site_id: t.siteId,
      sector_id: t.sectorId,
      task_id: taskId,
      idea_id: ideaId,
      cluster_id: null,
      title: `Cold brew guide ${n}`,
      slug: `cold-brew-guide-${n}`,
      html: `<p>Cold brew coffee ${n} is smooth.</p><h2>Beans</h2><p>Pick beans.</p><h2>Steep</h2><p>Steep long.</p>`,
      excerpt: 'A short guide.',
      meta_title: `Cold brew guide ${n}`,
      meta_description: 'How to make cold brew coffee at home.',
      focus_keyword: 'cold brew coffee',
      keywords: '["cold brew coffee"]',
      word_count: 12,
      seo_score: 80,
      seo_report: null,
      link_suggestions: null,
      provenance: '{}',
      status,
      created_at: nowIso(new Date(Date.now() + n)),
      updated_at: now,
    })
    .execute();
  return contentId;
}
