import type { z } from 'zod';
import type { ImageSchema } from '../api-contract/content.schema.js';
import type { ContentsTable, ImagesTable } from '../db/schema.js';
import { citedSentences, type CitedSentence, type Grounding } from '../kb/grounding.js';
import { parseJson } from '../util/json.js';
import { htmlToText } from './html-text.js';
import type { LinkSuggestion } from './apply-links.js';
import type { ContentPublishState } from './content-publish-state.js';
import type { SeoReport } from './seo-check.js';
import type { ContentSummaryRow } from './contents.repository.js';

/** An image as the core sees it: the contract's view plus where its file lives (never sent by the API). */
export type ImageView = z.infer<typeof ImageSchema> & { filePath: string | null };

export interface ContentView {
  id: string;
  siteId: string;
  sectorId: string;
  taskId: string | null;
  ideaId: string | null;
  clusterId: string | null;
  title: string;
  slug: string;
  html: string;
  excerpt: string | null;
  metaTitle: string | null;
  metaDescription: string | null;
  focusKeyword: string | null;
  keywords: string[];
  wordCount: number;
  seoScore: number | null;
  seoReport: SeoReport | null;
  linkSuggestions: { suggestions: LinkSuggestion[]; applied: LinkSuggestion[] } | null;
  provenance: Record<string, unknown>;
  status: ContentsTable['status'];
  createdAt: string;
  updatedAt: string;
  images?: ImageView[];
  /** Where it was published and how it stands there (list and get fill it in). */
  publishing?: ContentPublishState[];
  /**
   * Knowledge-base grounding (get only; null for articles written before it existed): grounded or
   * not and why, the passages supplied and cited, and which sentences cite which source.
   */
  grounding?: ContentGrounding | null;
}

export type ContentGrounding = Grounding & { sentences: CitedSentence[] };

/** The stored grounding with the article's citing sentences (the review's "which sentence cites what"). */
export function toContentGrounding(json: string | null | undefined, html: string): ContentGrounding | null {
  const g = parseJson<Grounding | null>(json ?? null, null);
  return g ? { ...g, sentences: citedSentences(htmlToText(html)) } : null;
}

export function toImageView(r: ImagesTable): ImageView {
  return {
    id: r.id,
    contentId: r.content_id,
    role: r.role,
    position: r.position,
    prompt: r.prompt,
    negativePrompt: r.negative_prompt,
    alt: r.alt,
    caption: r.caption,
    filePath: r.file_path,
    sha256: r.sha256,
    mime: r.mime,
    width: r.width,
    height: r.height,
    sizeBytes: r.size_bytes,
    model: r.model,
    status: r.status,
    error: r.error,
  };
}

export function toContentView(r: ContentsTable, images?: ImagesTable[]): ContentView {
  return {
    id: r.id,
    siteId: r.site_id,
    sectorId: r.sector_id,
    taskId: r.task_id,
    ideaId: r.idea_id,
    clusterId: r.cluster_id,
    title: r.title,
    slug: r.slug,
    html: r.html,
    excerpt: r.excerpt,
    metaTitle: r.meta_title,
    metaDescription: r.meta_description,
    focusKeyword: r.focus_keyword,
    keywords: parseJson<string[]>(r.keywords, []),
    wordCount: r.word_count,
    seoScore: r.seo_score,
    seoReport: parseJson<SeoReport | null>(r.seo_report, null),
    linkSuggestions: parseJson(r.link_suggestions, null),
    provenance: parseJson<Record<string, unknown>>(r.provenance, {}),
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(images ? { images: images.map(toImageView) } : {}),
    grounding: toContentGrounding(r.grounding, r.html),
  };
}

/** An article as a list ships it: no HTML body, SEO report or link suggestions (`get` has them). */
export type ContentSummary = Omit<
  ContentView,
  'html' | 'seoReport' | 'linkSuggestions' | 'images' | 'grounding'
>;

export function toContentSummary(r: ContentSummaryRow): ContentSummary {
  return {
    id: r.id,
    siteId: r.site_id,
    sectorId: r.sector_id,
    taskId: r.task_id,
    ideaId: r.idea_id,
    clusterId: r.cluster_id,
    title: r.title,
    slug: r.slug,
    excerpt: r.excerpt,
    metaTitle: r.meta_title,
    metaDescription: r.meta_description,
    focusKeyword: r.focus_keyword,
    keywords: parseJson<string[]>(r.keywords, []),
    wordCount: r.word_count,
    seoScore: r.seo_score,
    provenance: parseJson<Record<string, unknown>>(r.provenance, {}),
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
