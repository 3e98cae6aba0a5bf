import { transaction, type Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { PromptService, ResolvedPrompt } from '../prompts/index.js';
import type { Scope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { findTask, setTaskPromptOverride } from './tasks.repository.js';

/**
 * The one AI function a task's override applies to: stage 4 passes `tasks.prompt_override` to the
 * writing call only (one column, one function).
 */
export const TASK_PROMPT_FUNCTIONS = ['generate_content'] as const;
export type TaskPromptFunction = (typeof TASK_PROMPT_FUNCTIONS)[number];

/** The prompt a task's writing call uses, and whether it is the task's own. */
export interface TaskPromptView extends ResolvedPrompt {
  taskId: string;
  function: TaskPromptFunction;
  required: string[];
}

function checkFunction(fn: string | undefined): TaskPromptFunction {
  const name = fn ?? 'generate_content';
  if (!(TASK_PROMPT_FUNCTIONS as readonly string[]).includes(name)) {
    throw new Igny8Error(
      'VALIDATION_FAILED',
      `A task's prompt override applies to ${TASK_PROMPT_FUNCTIONS.join(', ')}, not "${name}"`,
      {
        hint: 'Use --function generate_content, or override other prompts for the account with `igny8 prompts edit`.',
        fields: { function: [`expected ${TASK_PROMPT_FUNCTIONS.join(' | ')}`] },
      },
    );
  }
  return name as TaskPromptFunction;
}

async function taskRow(db: Db, scope: Scope, taskId: string) {
  const task = await findTask(db, scope, taskId);
  if (!task) {
    throw new Igny8Error('TASK_NOT_FOUND', `No task ${taskId} in this account`, {
      hint: 'List tasks with GET /tasks (stage 3 of `igny8 run` queues one per idea).',
    });
  }
  return task;
}

/**
 * Per-task prompt overrides beside the account's (`prompts edit`): validated like them (known
 * placeholders, every variable the function needs) and stored on the task for stage 4.
 * @example await taskPrompts.set(scope, taskId, 'generate_content', body)
 */
export function createTaskPromptService(db: Db, prompts: PromptService) {
  const view = async (scope: Scope, taskId: string, fn: TaskPromptFunction): Promise<TaskPromptView> => {
    const task = await taskRow(db, scope, taskId);
    const resolved = await prompts.get(scope, fn, task.prompt_override);
    return { ...resolved, taskId, function: fn, required: [...prompts.requiredVariables(fn)] };
  };
  return {
    show: (scope: Scope, taskId: string, fn?: string) => view(scope, taskId, checkFunction(fn)),
    async set(scope: Scope, taskId: string, fn: string | undefined, body: string): Promise<TaskPromptView> {
      const name = checkFunction(fn);
      const valid = prompts.validateOverride(name, body, 'task');
      await taskRow(db, scope, taskId);
      await transaction(db, (trx) => setTaskPromptOverride(trx, scope, taskId, valid, nowIso()));
      return view(scope, taskId, name);
    },
    async clear(scope: Scope, taskId: string, fn?: string): Promise<{ taskId: string; removed: boolean }> {
      checkFunction(fn);
      const task = await taskRow(db, scope, taskId);
      if (task.prompt_override === null) return { taskId, removed: false };
      await transaction(db, (trx) => setTaskPromptOverride(trx, scope, taskId, null, nowIso()));
      return { taskId, removed: true };
    },
  };
}

export type TaskPromptService = ReturnType<typeof createTaskPromptService>;
