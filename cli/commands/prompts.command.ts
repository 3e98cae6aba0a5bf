import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { action } from '../context.js';
import { renderTable } from '../output.js';

/** The new body: from --file (or stdin with "-"), else from $EDITOR when there is a terminal. */
async function readNewBody(key: string, current: string, file: string | undefined): Promise<string> {
  const { Igny8Error } = await import('../../src/index.js');
  if (file === '-') return fs.readFileSync(0, 'utf8');
  if (file) {
    if (!fs.existsSync(file)) {
      throw new Igny8Error('FILE_NOT_FOUND', `No file ${file}`, { hint: 'Check the --file path.' });
    }
    return fs.readFileSync(file, 'utf8');
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new Igny8Error('USAGE', 'No terminal to open an editor in', {
      hint: `Pass the new prompt with --file <path>, or pipe it: igny8 prompts edit ${key} --file -`,
    });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-prompt-'));
  const tmp = path.join(dir, `${key}.md`);
  try {
    fs.writeFileSync(tmp, current, { mode: 0o600 });
    const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
    // Through the shell, because EDITOR often carries arguments ("code --wait").
    const r = spawnSync(`${editor} ${JSON.stringify(tmp)}`, { shell: true, stdio: 'inherit' });
    if (r.status !== 0) {
      throw new Igny8Error('USAGE', `The editor (${editor}) exited with ${r.status ?? r.signal}`, {
        hint: 'Set EDITOR to an editor that waits for the file to close, or pass --file.',
      });
    }
    return fs.readFileSync(tmp, 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function registerPrompts(program: Command): void {
  const prompts = program.command('prompts').description('AI prompt templates and your account overrides');
  prompts
    .command('list')
    .description('list prompts, where each comes from, and its variables')
    .action(
      action(async (ctx) => {
        const core = await ctx.core();
        const list = await core.prompts.list({ accountId: await ctx.accountId() });
        ctx.out.list(list, () =>
          renderTable(list.map((p) => ({ ...p, variables: p.variables.join(', ') || '—' }))),
        );
      }),
    );
  prompts
    .command('show <key>')
    .description('print the prompt in effect (or the bundled default with --default)')
    .option('--default', 'show the default template, ignoring your override')
    .action(
      action(async (ctx, key: string, o: { default?: boolean }) => {
        const core = await ctx.core();
        const scope = { accountId: await ctx.accountId() };
        const prompt = o.default ? await core.prompts.getDefault(key) : await core.prompts.get(scope, key);
        if (!ctx.out.json) ctx.out.info(`# ${prompt.key} (${prompt.source}, version ${prompt.version})`);
        ctx.out.result(prompt, () => prompt.body.replace(/\n$/, ''));
      }),
    );
  prompts
    .command('edit <key>')
    .description('override a prompt for your account ($EDITOR on a terminal, or --file)')
    .option('-f, --file <path>', 'read the new prompt from a file ("-" for stdin)')
    .action(
      action(async (ctx, key: string, o: { file?: string }) => {
        const core = await ctx.core();
        const scope = { accountId: await ctx.accountId() };
        const current = await core.prompts.get(scope, key);
        const body = await readNewBody(key, current.body, o.file);
        if (body === current.body) {
          ctx.out.result(
            { key, changed: false, source: current.source, version: current.version },
            () => `${key}: no changes`,
          );
          return;
        }
        const saved = await core.prompts.set(scope, key, body);
        ctx.out.result(
          { key, changed: true, source: saved.source, version: saved.version, variables: saved.variables },
          () => `saved ${key} (account override, version ${saved.version})`,
        );
      }),
    );
  prompts
    .command('reset <key>')
    .description('drop your override and go back to the default template')
    .action(
      action(async (ctx, key: string) => {
        const core = await ctx.core();
        const result = await core.prompts.reset({ accountId: await ctx.accountId() }, key);
        ctx.out.result(result, () =>
          result.removed ? `${key}: back to the default` : `${key} already uses the default`,
        );
      }),
    );
}
