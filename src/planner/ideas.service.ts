import { z } from 'zod';
import type { Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { parseJson } from '../util/json.js';
import { findIdeaRow, listIdeaRows, type IdeaRow } from './ideas.repository.js';

export interface IdeaOutlineSection {
  heading: string;
  points: string[];
  keywords: string[];
}

/** An article idea as the planner shows it: the stored outline and keywords parsed. */
export interface IdeaView {
  id: string;
  siteId: string;
  sectorId: string;
  clusterId: string | null;
  clusterName: string | null;
  title: string;
  brief: string | null;
  /** The H2 sections the writer follows (null when none was stored). */
  outline: { sections: IdeaOutlineSection[] } | null;
  primaryKeywords: string[];
  secondaryKeywords: string[];
  targetWords: number;
  contentType: string;
  structure: string;
  source: IdeaRow['source'];
  status: IdeaRow['status'];
  createdAt: string;
  updatedAt: string;
}

export const ListIdeasSchema = z.object({
  status: z.enum(['new', 'queued']).optional().describe('Only ideas with this status.'),
  clusterId: z.string().min(1).max(100).optional().describe('Only ideas of this cluster.'),
  search: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Title or brief contains this text (case-insensitive).'),
  limit: z.number().int().min(1).max(1000).default(50).describe('Page size (1–1000).'),
  offset: z.number().int().min(0).default(0).describe('Rows to skip.'),
});
export type ListIdeasInput = z.input<typeof ListIdeasSchema>;

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** The stored outline JSON, tolerant of older or hand-written shapes (a damaged one reads as null). */
function parseOutline(text: string): IdeaView['outline'] {
  const raw = parseJson<unknown>(text, null);
  const sections = (raw as { sections?: unknown } | null)?.sections;
  if (!Array.isArray(sections)) return null;
  return {
    sections: sections
      .filter((s): s is Record<string, unknown> => Boolean(s) && typeof s === 'object')
      .map((s) => ({
        heading: typeof s.heading === 'string' ? s.heading : '',
        points: strings(s.points),
        keywords: strings(s.keywords),
      })),
  };
}

export function toIdeaView(r: IdeaRow): IdeaView {
  return {
    id: r.id,
    siteId: r.site_id,
    sectorId: r.sector_id,
    clusterId: r.cluster_id,
    clusterName: r.cluster_name ?? null,
    title: r.title,
    brief: r.brief,
    outline: parseOutline(r.outline),
    primaryKeywords: strings(parseJson(r.primary_keywords, [])),
    secondaryKeywords: strings(parseJson(r.secondary_keywords, [])),
    targetWords: Number(r.target_words),
    contentType: r.content_type,
    structure: r.structure,
    source: r.source,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * One page of ideas in the account (narrowed by site and sector when scoped), newest first.
 * @example await listIdeas(db, { accountId, siteId }, { status: 'new' })
 */
export async function listIdeas(
  db: Db,
  scope: Scope,
  input: ListIdeasInput = {},
): Promise<{ items: IdeaView[]; total: number }> {
  const v = parseInput(ListIdeasSchema, input, 'idea list');
  const { rows, total } = await listIdeaRows(db, scope, v, v);
  return { items: rows.map(toIdeaView), total };
}

/**
 * One idea of the account with its outline and keywords; IDEA_NOT_FOUND for another account's id.
 * @example await getIdea(db, { accountId }, ideaId)
 */
export async function getIdea(db: Db, scope: Scope, id: string): Promise<IdeaView> {
  const row = await findIdeaRow(db, scope, id);
  if (!row) {
    throw new Igny8Error('IDEA_NOT_FOUND', `No idea ${id} in this account`, {
      action: { id: 'list_ideas' },
    });
  }
  return toIdeaView(row);
}
