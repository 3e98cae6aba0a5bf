import type {
  CLUSTER_METHODS,
  CLUSTER_STATUSES,
  CONTENT_STATUSES,
  IDEA_SOURCES,
  IDEA_STATUSES,
  IMAGE_ROLES,
  IMAGE_STATUSES,
  KEYWORD_STATUSES,
  TASK_STATUSES,
} from '../../api-contract/enum-values.js';

/** The pipeline: keywords → clusters → ideas → tasks → contents → images. */
export interface KeywordsTable {
  id: string;
  account_id: string;
  site_id: string;
  sector_id: string;
  keyword: string;
  normalized: string;
  volume: number | null;
  difficulty: number | null;
  cpc: number | null;
  intent: string | null;
  source: string;
  cluster_id: string | null;
  status: (typeof KEYWORD_STATUSES)[number];
  created_at: string;
  updated_at: string;
}

export interface ClustersTable {
  id: string;
  account_id: string;
  site_id: string;
  sector_id: string;
  name: string;
  description: string | null;
  primary_keyword: string | null;
  keyword_count: number;
  volume_sum: number;
  method: (typeof CLUSTER_METHODS)[number];
  status: (typeof CLUSTER_STATUSES)[number];
  created_at: string;
  updated_at: string;
}

export interface IdeasTable {
  id: string;
  account_id: string;
  site_id: string;
  sector_id: string;
  cluster_id: string | null;
  title: string;
  brief: string | null;
  /** JSON: { sections: [{ heading, points[], keywords[] }] } */
  outline: string;
  primary_keywords: string;
  secondary_keywords: string;
  target_words: number;
  content_type: string;
  structure: string;
  source: (typeof IDEA_SOURCES)[number];
  status: (typeof IDEA_STATUSES)[number];
  created_at: string;
  updated_at: string;
}

export interface TasksTable {
  id: string;
  account_id: string;
  site_id: string;
  sector_id: string;
  idea_id: string;
  prompt_override: string | null;
  attempts: number;
  error: string | null;
  status: (typeof TASK_STATUSES)[number];
  created_at: string;
  updated_at: string;
}

export interface ContentsTable {
  id: string;
  account_id: string;
  site_id: string;
  sector_id: string;
  task_id: string | null;
  idea_id: string | null;
  cluster_id: string | null;
  title: string;
  slug: string;
  html: string;
  excerpt: string | null;
  meta_title: string | null;
  meta_description: string | null;
  focus_keyword: string | null;
  keywords: string;
  word_count: number;
  seo_score: number | null;
  seo_report: string | null;
  /** JSON: proposed internal links awaiting approval. */
  link_suggestions: string | null;
  /** JSON: { provider, model, tokensIn, tokensOut, promptVersion, sandbox } */
  provenance: string;
  status: (typeof CONTENT_STATUSES)[number];
  /**
   * Fingerprint of the title, slug, body and SEO fields as approved (0008); publishing refuses an
   * article whose fields no longer match it. Null until first approved. Optional on insert.
   */
  approved_fingerprint?: string | null;
  /**
   * JSON (0014): the knowledge-base passages the writer was given and those the article cites
   * (`Grounding` in src/kb). Null for articles written before 0014. Optional on insert.
   */
  grounding?: string | null;
  created_at: string;
  updated_at: string;
}

export interface ImagesTable {
  id: string;
  account_id: string;
  site_id: string;
  sector_id: string;
  content_id: string;
  role: (typeof IMAGE_ROLES)[number];
  position: number;
  prompt: string;
  negative_prompt: string | null;
  alt: string | null;
  caption: string | null;
  file_path: string | null;
  sha256: string | null;
  mime: string | null;
  width: number | null;
  height: number | null;
  size_bytes: number | null;
  model: string | null;
  error: string | null;
  status: (typeof IMAGE_STATUSES)[number];
  created_at: string;
  updated_at: string;
}
