/*
 * The values of every enum column, written once. The SQL CHECK lists of the migrations are tested
 * against these (src/db/schema/check-constraints.test.ts); the row types (src/db/schema) and the
 * contract's zod enums derive from them. Plain constants without zod, so the dashboard may import them.
 */

export const ACCOUNT_STATUSES = ['active', 'suspended'] as const;
export const USER_STATUSES = ['active', 'disabled'] as const;
export const API_KEY_STATUSES = ['active', 'revoked'] as const;
/** Sites and sectors. */
export const ACTIVE_STATUSES = ['active', 'inactive'] as const;

export const KEYWORD_STATUSES = ['new', 'clustered', 'excluded'] as const;
export const CLUSTER_METHODS = ['ai', 'local', 'manual'] as const;
export const CLUSTER_STATUSES = ['new', 'planned'] as const;
export const IDEA_SOURCES = ['ai', 'user'] as const;
export const IDEA_STATUSES = ['new', 'queued'] as const;
export const TASK_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const CONTENT_STATUSES = ['draft', 'review', 'approved', 'rejected'] as const;
export const IMAGE_ROLES = ['featured', 'inline'] as const;
export const IMAGE_STATUSES = ['pending', 'generating', 'done', 'failed'] as const;

export const DESTINATION_KINDS = ['wordpress', 'folder', 'webhook'] as const;
export const DESTINATION_STATUSES = ['active', 'inactive'] as const;
export const PUBLISH_STATUSES = ['unpublished', 'scheduled', 'publishing', 'published', 'failed'] as const;

export const RUN_TRIGGERS = ['cli', 'api', 'schedule', 'worker'] as const;

export const CREDIT_POOLS = ['plan', 'bonus', 'mixed'] as const;
export const CREDIT_HOLD_STATUSES = ['held', 'settled', 'released', 'expired'] as const;
export const USAGE_STATUSES = ['ok', 'failed'] as const;

export const MODEL_TYPES = ['text', 'image', 'embedding'] as const;
export const NOTIFICATION_LEVELS = ['info', 'success', 'warning', 'error'] as const;

export const KB_SOURCE_ORIGINS = ['file', 'url', 'stdin'] as const;
export const KB_FORMAT_NAMES = ['markdown', 'text', 'html', 'pdf', 'docx'] as const;
export const AI_BATCH_STATUSES = [
  'submitting',
  'unsent',
  'pending',
  'ended',
  'expired',
  'cancelled',
  'failed',
] as const;
export const AI_BATCH_ITEM_STATUSES = ['pending', 'answered', 'failed', 'resubmitted'] as const;

/** Where Search Console rows came from: an imported export file or the Search Analytics API. */
export const SEARCH_CONSOLE_SOURCES = ['file', 'api'] as const;
/** A refresh of an existing post: rewritten → review → approved → publishing (requested) → published; stale when the live post changed. */
export const REFRESH_STATUSES = [
  'queued',
  'review',
  'approved',
  'publishing',
  'published',
  'failed',
  'stale',
] as const;
