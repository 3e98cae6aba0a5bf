import fs from 'node:fs';
import type { Command } from 'commander';
import { action, type CliContext } from '../context.js';

interface PromptFlags {
  function?: string;
  file?: string;
}

async function scope(ctx: CliContext) {
  return { core: await ctx.core(), scope: { accountId: await ctx.accountId() } };
}

/** The override body from --file (or stdin with "-"). */
async function readBody(file: string | undefined): Promise<string> {
  const { Igny8Error } = await import('../../src/index.js');
  if (!file) {
    throw new Igny8Error('USAGE', 'No prompt given', {
      hint: 'Pass it with --file <path>, or pipe it: igny8 tasks prompt set TASK_ID --file -',
    });
  }
  if (file === '-') return fs.readFileSync(0, 'utf8');
  if (!fs.existsSync(file)) {
    throw new Igny8Error('FILE_NOT_FOUND', `No file ${file}`, { hint: 'Check the --file path.' });
  }
  return fs.readFileSync(file, 'utf8');
}

export function registerTasks(program: Command): void {
  const tasks = program.command('tasks').description('writing tasks (one per idea, queued for the writer)');
  const prompt = tasks
    .command('prompt')
    .description("a task's own prompt override for its writing call (beside `igny8 prompts edit`)");
  const fnOption = ['--function <name>', 'the AI function the override is for', 'generate_content'] as const;
  prompt
    .command('show <task>')
    .description('print the prompt the task is written with (task, account or default)')
    .option(...fnOption)
    .action(
      action(async (ctx, taskId: string, o: PromptFlags) => {
        const { core, scope: s } = await scope(ctx);
        const p = await core.tasks.prompt.show(s, taskId, o.function);
        if (!ctx.out.json)
          ctx.out.info(`# ${p.key} for task ${p.taskId} (${p.source}, version ${p.version})`);
        ctx.out.result(p, () => p.body.replace(/\n$/, ''));
      }),
    );
  prompt
    .command('set <task>')
    .description('override the prompt for one task; refused when it drops a variable the function needs')
    .option(...fnOption)
    .option('-f, --file <path>', 'read the prompt from a file ("-" for stdin)')
    .action(
      action(async (ctx, taskId: string, o: PromptFlags) => {
        const { core, scope: s } = await scope(ctx);
        const body = await readBody(o.file);
        const p = await core.tasks.prompt.set(s, taskId, o.function, body);
        ctx.out.result(
          { taskId: p.taskId, function: p.function, source: p.source, variables: p.variables },
          () => `saved the ${p.function} prompt of task ${p.taskId}`,
        );
      }),
    );
  prompt
    .command('clear <task>')
    .description("drop the task's override (the account's or the default prompt applies again)")
    .option(...fnOption)
    .action(
      action(async (ctx, taskId: string, o: PromptFlags) => {
        const { core, scope: s } = await scope(ctx);
        const r = await core.tasks.prompt.clear(s, taskId, o.function);
        ctx.out.result(r, () =>
          r.removed ? `task ${taskId}: override removed` : `task ${taskId} had no override`,
        );
      }),
    );
}
