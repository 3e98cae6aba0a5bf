import { createTwoFilesPatch, diffWords } from 'diff';
import { z } from 'zod';
import {
  findAiPhrases,
  loadOptimizeInput,
  loadSiteContext,
  scrubAiPhrasing,
  type AiEngine,
} from '../ai/index.js';
import { transaction, type ContentsTable, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import { contentFingerprint } from './content-fingerprint.js';
import { scoreContent } from './content.service.js';
import { findContent, updateContent } from './contents.repository.js';
import { htmlToText } from './html-text.js';
import { sanitizeArticleHtml } from './sanitize-article.js';
import { findBannedPhrases, removeBannedPhrases, type VoiceCheck } from './voice-guide.js';

export const OptimizeOptionsSchema = z
  .object({
    /** Also rewrite the article with the `optimize_content` AI function (metered). */
    rewrite: z.boolean().default(false),
    /** What the rewrite should aim for (only with `rewrite`). */
    goals: z.string().trim().max(2000).optional(),
    /** Work out the change without saving it (a rewrite is still charged: the model was called). */
    dryRun: z.boolean().default(false),
  })
  .strict();
export type OptimizeOptions = z.input<typeof OptimizeOptionsSchema>;

/** The fields the pass may change, as they were before it (kept in `provenance.optimized.before`). */
interface ArticleText {
  title: string;
  html: string;
  metaTitle: string | null;
  metaDescription: string | null;
}

/** One word-level change of the article's text. */
export interface WordChange {
  removed: string;
  added: string;
}

/** A stretch of the whole text, kept, added or removed: what a word-diff view marks up. */
export interface DiffSegment {
  op: 'same' | 'added' | 'removed';
  text: string;
}

export interface OptimizeResult {
  contentId: string;
  mode: 'scrub' | 'rewrite';
  /** False when the article already read clean (nothing saved). */
  changed: boolean;
  saved: boolean;
  /** Tell-tale AI phrases found before the pass (as written there). */
  aiPhrases: string[];
  /** The site voice guide's banned phrases (and replaced terms) found before the pass. */
  bannedPhrases: string[];
  /** Word-level changes of the text, in order. */
  changes: WordChange[];
  /** Unified diff of the text, one line per block. */
  diff: string;
  /** The whole text as kept/added/removed stretches, in order. */
  segments: DiffSegment[];
  /** Credits the rewrite was charged (0 for the scrubber alone). */
  credits: number;
}

/** The last optimization's before-text and the diff to the article as it is now. */
export interface OptimizeDiff {
  contentId: string;
  at: string;
  mode: 'scrub' | 'rewrite';
  changes: WordChange[];
  diff: string;
  segments: DiffSegment[];
}

/** Banned phrases, plus the words a preferred term replaces (so "use X, not Y" is applied too). */
function styleWords(style: VoiceCheck | undefined): string[] {
  if (!style) return [];
  return [...style.bannedPhrases, ...style.preferredTerms.flatMap((p) => p.insteadOf)];
}

function scrubText(value: string, style: VoiceCheck | undefined): string {
  const words = styleWords(style);
  const scrubbed = scrubAiPhrasing(value);
  return words.length ? removeBannedPhrases(scrubbed, words, style?.preferredTerms ?? []).trim() : scrubbed;
}

function scrubArticle(a: ArticleText, style: VoiceCheck | undefined): ArticleText {
  return {
    title: scrubText(a.title, style),
    html: sanitizeArticleHtml(scrubText(a.html, style)),
    metaTitle: a.metaTitle === null ? null : scrubText(a.metaTitle, style),
    metaDescription: a.metaDescription === null ? null : scrubText(a.metaDescription, style),
  };
}

/** The readable text of an article's title, meta and body, for diffs. */
function asText(a: ArticleText): string {
  const head = [a.title, a.metaTitle ?? '', a.metaDescription ?? ''].map((s) => s.trim());
  return `${head.join('\n')}\n${htmlToText(a.html).trim()}\n`;
}

/**
 * Word-level changes and a unified diff between two versions of an article's text.
 * @example articleDiff(before, after).changes // [{ removed: 'Moreover, ', added: 'Also, ' }]
 */
export function articleDiff(
  before: ArticleText,
  after: ArticleText,
): { changes: WordChange[]; diff: string; segments: DiffSegment[] } {
  const a = asText(before);
  const b = asText(after);
  const changes: WordChange[] = [];
  const segments: DiffSegment[] = [];
  let pending: WordChange | null = null;
  for (const part of diffWords(a, b)) {
    segments.push({ op: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value });
    if (!part.added && !part.removed) {
      if (pending) changes.push(pending);
      pending = null;
      continue;
    }
    pending ??= { removed: '', added: '' };
    if (part.removed) pending.removed += part.value;
    else pending.added += part.value;
  }
  if (pending) changes.push(pending);
  const diff =
    a === b ? '' : createTwoFilesPatch('before', 'after', a, b, undefined, undefined, { context: 1 });
  return { changes, diff, segments };
}

const articleOf = (row: ContentsTable): ArticleText => ({
  title: row.title,
  html: row.html,
  metaTitle: row.meta_title,
  metaDescription: row.meta_description,
});

async function rowOf(db: Db, scope: Scope, contentId: string): Promise<ContentsTable> {
  const row = await findContent(db, scope, contentId);
  if (!row)
    throw new Igny8Error('CONTENT_NOT_FOUND', `No article ${contentId}`, {
      hint: 'List articles with `igny8 content list`.',
      action: { id: 'list_content' },
    });
  return row;
}

/**
 * The de-AI pass over one article: the phrase scrubber always (tell-tale AI phrasing, and the site
 * voice guide's banned phrases and preferred terms), after an `optimize_content` AI rewrite when
 * `rewrite` is set (metered through the AI engine: reserve → call → settle, charged once). The text
 * before the pass is kept under `provenance.optimized.before` so review can show the change.
 * @example await optimizeContent(db, { ai }, { accountId }, contentId, { rewrite: true })
 */
export async function optimizeContent(
  db: Db,
  deps: { ai: Pick<AiEngine, 'run'> },
  scope: Scope,
  contentId: string,
  options: OptimizeOptions = {},
  run: {
    /** The charge's idempotency key (a pipeline run passes a deterministic one). Default: a fresh one. */
    opId?: string;
    /** Runs first inside the save transaction (a run's fence). */
    beforeSave?: (trx: Db) => Promise<void>;
    /** A registry model ref instead of the configured one (a run's cost profile). */
    model?: string;
  } = {},
): Promise<OptimizeResult> {
  const opts = parseInput(OptimizeOptionsSchema, options, 'optimize options');
  const row = await rowOf(db, scope, contentId);
  const before = articleOf(row);
  const { style } = await loadSiteContext(db, scope, row.site_id, row.sector_id);
  const beforeText = asText(before);
  const aiPhrases = findAiPhrases(beforeText);
  const bannedPhrases = findBannedPhrases(beforeText, styleWords(style));

  let candidate = before;
  let credits = 0;
  let ai: Record<string, unknown> = {};
  let extra: { excerpt?: string | null } = {};
  if (opts.rewrite) {
    const input = await loadOptimizeInput(db, scope, row.id, opts.goals);
    const res = await deps.ai.run(
      { accountId: scope.accountId, siteId: row.site_id, sectorId: row.sector_id },
      'optimize_content',
      input,
      // A fresh operation id: every rewrite asked for is its own charge.
      {
        opId: run.opId ?? `content:${row.id}:optimize:${newId()}`,
        item: row.title,
        ...(run.model ? { model: run.model } : {}),
      },
    );
    const out = res.output;
    candidate = {
      title: out.title,
      html: out.html,
      metaTitle: out.metaTitle,
      metaDescription: out.metaDescription,
    };
    extra = { excerpt: out.excerpt };
    credits = res.credits;
    ai = { model: res.model, sandbox: res.sandbox, opId: res.opId, notes: out.changes };
  }
  const after = scrubArticle(candidate, style);
  const { changes, diff, segments } = articleDiff(before, after);
  const changed = contentFingerprint({ ...row, ...toColumns(after), ...extra }) !== contentFingerprint(row);
  const mode = opts.rewrite ? 'rewrite' : 'scrub';
  const result = {
    contentId: row.id,
    mode,
    changed,
    aiPhrases,
    bannedPhrases,
    changes,
    diff,
    segments,
    credits,
  } as const;
  if (!changed || opts.dryRun) return { ...result, saved: false };

  await transaction(db, async (trx) => {
    await run.beforeSave?.(trx);
    // Re-read inside the transaction: an edit since the read above must not be lost silently.
    const current = await rowOf(trx, scope, row.id);
    if (current.updated_at !== row.updated_at) {
      throw new Igny8Error('CONFLICT', `Article ${row.id} changed while it was being optimized`, {
        hint: 'Run `igny8 optimize` again.',
      });
    }
    const next: ContentsTable = { ...current, ...toColumns(after), ...extra };
    const report = await scoreContent(trx, next);
    const provenance = {
      ...parseJson<Record<string, unknown>>(current.provenance, {}),
      optimized: { at: nowIso(), mode, ...ai, aiPhrases, bannedPhrases, before },
    };
    // An approval vouches for the words approved: changed words go back to review (as an edit does).
    const status = current.status === 'approved' ? 'review' : current.status;
    await updateContent(trx, scope, row.id, {
      ...toColumns(after),
      ...extra,
      word_count: report.wordCount,
      seo_score: report.score,
      seo_report: toJson(report),
      provenance: toJson(provenance),
      status,
      updated_at: nowIso(),
    });
  });
  return { ...result, saved: true };
}

function toColumns(a: ArticleText) {
  return { title: a.title, html: a.html, meta_title: a.metaTitle, meta_description: a.metaDescription };
}

/**
 * The last optimization of an article: its text before the pass against the article as it is now.
 * @example (await lastOptimizeDiff(db, { accountId }, id)).diff
 */
export async function lastOptimizeDiff(db: Db, scope: Scope, contentId: string): Promise<OptimizeDiff> {
  const row = await rowOf(db, scope, contentId);
  const optimized = parseJson<{ optimized?: { at?: string; mode?: string; before?: ArticleText } }>(
    row.provenance,
    {},
  ).optimized;
  if (!optimized?.before) {
    throw new Igny8Error('INVALID_STATE', `Article ${contentId} has not been optimized`, {
      hint: `Run \`igny8 optimize ${contentId}\` first.`,
    });
  }
  const { changes, diff, segments } = articleDiff(optimized.before, articleOf(row));
  return {
    contentId: row.id,
    at: optimized.at ?? '',
    mode: optimized.mode === 'rewrite' ? 'rewrite' : 'scrub',
    changes,
    diff,
    segments,
  };
}

/**
 * The de-AI pass bound to a database and the AI engine.
 * @example await core.optimizer.optimize({ accountId }, contentId, { rewrite: true })
 */
export function createOptimizeService(db: Db, deps: { ai: Pick<AiEngine, 'run'> }) {
  return {
    optimize: (scope: Scope, contentId: string, options?: OptimizeOptions) =>
      optimizeContent(db, deps, scope, contentId, options),
    lastDiff: (scope: Scope, contentId: string) => lastOptimizeDiff(db, scope, contentId),
  };
}

export type OptimizeService = ReturnType<typeof createOptimizeService>;
