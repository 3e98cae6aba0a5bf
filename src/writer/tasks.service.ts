import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import { cachedCount, type Db, type TasksTable } from '../db/index.js';
import { nearerEnd } from '../db/nearer-end.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { PromptService } from '../prompts/index.js';
import type { Scope } from '../tenancy/scope.js';
import { createTaskPromptService } from './task-prompt.js';

/** A writing task as listed: its idea's title and the article written from it, when there is one. */
export interface TaskView {
  id: string;
  siteId: string;
  sectorId: string;
  ideaId: string;
  /** The idea's title (null when the idea is gone). */
  title: string | null;
  /** The article this task produced, once written. */
  contentId: string | null;
  hasPromptOverride: boolean;
  attempts: number;
  error: string | null;
  status: TasksTable['status'];
  createdAt: string;
  updatedAt: string;
}

export const ListTasksSchema = z.object({
  status: z.enum(['queued', 'running', 'done', 'failed']).optional().describe('Only tasks with this status.'),
  ideaId: z.string().min(1).max(100).optional().describe('Only the task of this idea.'),
  limit: z.number().int().min(1).max(1000).default(50).describe('Page size (1–1000).'),
  offset: z.number().int().min(0).default(0).describe('Rows to skip.'),
});
export type ListTasksInput = z.input<typeof ListTasksSchema>;

type TaskRow = Selectable<TasksTable> & { idea_title: string | null; content_id: string | null };

function filtered(db: Db, scope: Scope, f: { status?: TasksTable['status']; ideaId?: string }) {
  let q = db.selectFrom('tasks').where('tasks.account_id', '=', scope.accountId);
  if (scope.siteId) q = q.where('tasks.site_id', '=', scope.siteId);
  if (scope.sectorId) q = q.where('tasks.sector_id', '=', scope.sectorId);
  if (f.status) q = q.where('tasks.status', '=', f.status);
  if (f.ideaId) q = q.where('tasks.idea_id', '=', f.ideaId);
  return q;
}

/** Task columns, the idea's title and the newest article of the task (both within the account). */
function withIdea(q: ReturnType<typeof filtered>) {
  return q
    .leftJoin('ideas', (j) =>
      j.onRef('ideas.id', '=', 'tasks.idea_id').onRef('ideas.account_id', '=', 'tasks.account_id'),
    )
    .selectAll('tasks')
    .select((eb) => [
      'ideas.title as idea_title',
      eb
        .selectFrom('contents')
        .select('contents.id')
        .whereRef('contents.task_id', '=', 'tasks.id')
        .whereRef('contents.account_id', '=', 'tasks.account_id')
        .orderBy('contents.created_at', 'desc')
        .limit(1)
        .as('content_id'),
    ]);
}

function toTaskView(r: TaskRow): TaskView {
  return {
    id: r.id,
    siteId: r.site_id,
    sectorId: r.sector_id,
    ideaId: r.idea_id,
    title: r.idea_title ?? null,
    contentId: r.content_id ?? null,
    hasPromptOverride: Boolean(r.prompt_override),
    attempts: Number(r.attempts),
    error: r.error,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * One page of writing tasks in the account (narrowed by site and sector when scoped), newest first.
 * @example await listTasks(db, { accountId, siteId }, { status: 'queued' })
 */
export async function listTasks(
  db: Db,
  scope: Scope,
  input: ListTasksInput = {},
): Promise<{ items: TaskView[]; total: number }> {
  const v = parseInput(ListTasksSchema, input, 'task list');
  // Counted once per change; the page's ids from the nearer end of tasks_list_* (0010), then rows.
  const total = await cachedCount(
    db,
    ['tasks'],
    filtered(db, scope, v).select(sql<number>`count(*)`.as('n')),
  );
  const plan = nearerEnd(total, v.limit, v.offset);
  if (plan.limit === 0) return { items: [], total };
  const ids = filtered(db, scope, v)
    .select('tasks.id')
    .orderBy('tasks.created_at', plan.reversed ? 'asc' : 'desc')
    .orderBy('tasks.id', plan.reversed ? 'desc' : 'asc')
    .limit(plan.limit)
    .offset(plan.offset);
  const rows = await withIdea(db.selectFrom('tasks').where('tasks.id', 'in', ids))
    .orderBy('tasks.created_at', 'desc')
    .orderBy('tasks.id')
    .execute();
  return { items: rows.map(toTaskView), total };
}

/**
 * One task of the account; TASK_NOT_FOUND for another account's id.
 * @example await getTask(db, { accountId }, taskId)
 */
export async function getTask(db: Db, scope: Scope, id: string): Promise<TaskView> {
  const row = await withIdea(filtered(db, scope, {}))
    .where('tasks.id', '=', id)
    .executeTakeFirst();
  if (!row) {
    throw new Igny8Error('TASK_NOT_FOUND', `No task ${id} in this account`, {
      action: { id: 'list_tasks' },
    });
  }
  return toTaskView(row);
}

/** Writing tasks bound to a database. @example await core.tasks.list({ accountId, siteId }) */
export function createTaskService(db: Db, deps: { prompts: PromptService }) {
  return {
    list: (scope: Scope, input?: ListTasksInput) => listTasks(db, scope, input),
    get: (scope: Scope, id: string) => getTask(db, scope, id),
    /** The task's own prompt override for its writing call: show, set (validated), clear. */
    prompt: createTaskPromptService(db, deps.prompts),
  };
}

export type TaskService = ReturnType<typeof createTaskService>;
