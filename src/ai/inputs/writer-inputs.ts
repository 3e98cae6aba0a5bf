import type { Db } from '../../db/index.js';
import { Igny8Error } from '../../errors/index.js';
import type { Scope } from '../../tenancy/scope.js';
import { parseJson } from '../../util/json.js';
import { findIdea } from '../../planner/ideas.repository.js';
import { findContent } from '../../writer/contents.repository.js';
import { groundIdea } from '../../kb/ground-idea.js';
import { headings, htmlToText } from '../../writer/html-text.js';
import { findTask } from '../../writer/tasks.repository.js';
import type { Outline } from '../functions/common.schema.js';
import type { GenerateContentInput } from '../functions/generate-content.schema.js';
import type { GenerateImagePromptsInput } from '../functions/generate-image-prompts.schema.js';
import type { GenerateImagesInput } from '../functions/generate-images.schema.js';
import type { OptimizeContentInput } from '../functions/optimize-content.schema.js';
import { relatedCandidates } from '../functions/suggest-links.js';
import { SuggestLinksInputSchema, type SuggestLinksInput } from '../functions/suggest-links.schema.js';
import { loadSiteContext } from './site-context.js';

async function contentRow(db: Db, scope: Scope, contentId: string) {
  const row = await findContent(db, scope, contentId);
  if (!row) throw new Igny8Error('CONTENT_NOT_FOUND', `Content ${contentId} not found`);
  return row;
}

/** generate_content input for a task: its idea's stored outline, keywords, length and structure, the site and its voice. */
export async function loadGenerateContentInput(
  db: Db,
  scope: Scope,
  taskId: string,
): Promise<GenerateContentInput> {
  const task = await findTask(db, scope, taskId);
  if (!task) throw new Igny8Error('TASK_NOT_FOUND', `Task ${taskId} not found`);
  const idea = await findIdea(db, scope, task.idea_id);
  if (!idea) throw new Igny8Error('IDEA_NOT_FOUND', `Idea ${task.idea_id} of task ${taskId} not found`);
  const { site, voice, style } = await loadSiteContext(db, scope, idea.site_id, idea.sector_id);
  const ideaInput = {
    title: idea.title,
    brief: idea.brief,
    outline: parseJson<Outline>(idea.outline, { sections: [] }),
    primaryKeywords: parseJson<string[]>(idea.primary_keywords, []),
    secondaryKeywords: parseJson<string[]>(idea.secondary_keywords, []),
    targetWords: idea.target_words,
    contentType: idea.content_type as 'post',
    structure: idea.structure as 'guide',
  };
  return {
    taskId: task.id,
    ideaId: idea.id,
    clusterId: idea.cluster_id,
    idea: ideaInput,
    site,
    voice,
    ...(await groundIdea(db, { accountId: scope.accountId, siteId: idea.site_id }, ideaInput)),
    ...(style ? { style } : {}),
  };
}

/** generate_image_prompts input for an article: title, focus keyword, excerpt and its H2 headings. */
export async function loadImagePromptsInput(
  db: Db,
  scope: Scope,
  contentId: string,
  options: { maxImages?: number; style?: string } = {},
): Promise<GenerateImagePromptsInput> {
  const c = await contentRow(db, scope, contentId);
  const { site } = await loadSiteContext(db, scope, c.site_id, c.sector_id);
  return {
    contentId: c.id,
    ...(site.language ? { language: site.language } : {}),
    content: {
      title: c.title,
      focusKeyword: c.focus_keyword,
      excerpt: c.excerpt,
      headings: headings(c.html)
        .filter((h) => h.level === 2)
        .map((h) => h.text.slice(0, 200))
        .slice(0, 30),
    },
    maxImages: options.maxImages ?? 2,
    style: options.style,
  };
}

/** generate_images input for a pending image row. */
export async function loadGenerateImagesInput(
  db: Db,
  scope: Scope,
  imageId: string,
): Promise<GenerateImagesInput> {
  const img = await db
    .selectFrom('images')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('id', '=', imageId)
    .executeTakeFirst();
  if (!img) throw new Igny8Error('IMAGE_NOT_FOUND', `Image ${imageId} not found`);
  return { imageId: img.id, prompt: img.prompt, negativePrompt: img.negative_prompt, role: img.role };
}

/** optimize_content input for an article. */
export async function loadOptimizeInput(
  db: Db,
  scope: Scope,
  contentId: string,
  goals?: string,
): Promise<OptimizeContentInput> {
  const c = await contentRow(db, scope, contentId);
  const { voice, style } = await loadSiteContext(db, scope, c.site_id, c.sector_id);
  if (!c.focus_keyword) {
    throw new Igny8Error('INVALID_STATE', `Content ${contentId} has no focus keyword to optimize for`, {
      action: { id: 'set_focus_keyword' },
    });
  }
  return {
    contentId: c.id,
    content: {
      title: c.title,
      html: c.html,
      metaTitle: c.meta_title,
      metaDescription: c.meta_description,
      excerpt: c.excerpt,
      focusKeyword: c.focus_keyword,
      keywords: parseJson<string[]>(c.keywords, []).slice(0, 20),
    },
    goals,
    voice,
    ...(style ? { style } : {}),
  };
}

/**
 * suggest_links input for an article: the site's other articles (not rejected) as candidates, cut
 * down to those sharing its cluster or a keyword. Published ones link to their live URL.
 */
export async function loadSuggestLinksInput(
  db: Db,
  scope: Scope,
  contentId: string,
  options: { maxLinks?: number } = {},
): Promise<SuggestLinksInput> {
  const c = await contentRow(db, scope, contentId);
  const others = await db
    .selectFrom('contents')
    .select(['id', 'title', 'slug', 'focus_keyword', 'keywords', 'cluster_id'])
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', c.site_id)
    .where('id', '!=', c.id)
    .where('status', '!=', 'rejected')
    .orderBy('created_at')
    .limit(2000)
    .execute();
  const published = others.length
    ? await db
        .selectFrom('publish_records')
        .select(['content_id', 'remote_url'])
        .where('account_id', '=', scope.accountId)
        .where('site_id', '=', c.site_id)
        .where('status', '=', 'published')
        .where('remote_url', 'is not', null)
        .execute()
    : [];
  const urls = new Map(published.map((p) => [p.content_id, p.remote_url]));
  const base = SuggestLinksInputSchema.parse({
    contentId: c.id,
    article: {
      id: c.id,
      title: c.title,
      text: htmlToText(c.html).slice(0, 60_000),
      focusKeyword: c.focus_keyword,
      keywords: parseJson<string[]>(c.keywords, []).slice(0, 20),
      clusterId: c.cluster_id,
    },
    candidates: [],
    maxLinks: options.maxLinks ?? 3,
  });
  const all = others.map((o) => ({
    id: o.id,
    title: o.title.slice(0, 200),
    slug: o.slug,
    url: urls.get(o.id) ?? null,
    focusKeyword: o.focus_keyword,
    keywords: parseJson<string[]>(o.keywords, []).slice(0, 20),
    clusterId: o.cluster_id,
  }));
  // Only related articles are ever candidates (the schema also caps them at 200).
  return { ...base, candidates: relatedCandidates({ ...base, candidates: all }).slice(0, 200) };
}
