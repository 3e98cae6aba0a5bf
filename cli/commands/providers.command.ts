import type { Command } from 'commander';
import { action } from '../context.js';
import { renderTable } from '../output.js';
import { promptHidden } from '../prompt-hidden.js';

/** Read a key without echoing it: the argument, else stdin (piped), else a hidden prompt on a TTY. */
async function readKey(arg: string | undefined): Promise<string> {
  if (arg !== undefined && arg !== '-') return arg.trim();
  if (arg === '-' || !process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.trim();
  }
  return promptHidden('API key (input hidden):');
}

const EXIT_FOR_STATUS: Record<string, number> = {
  not_configured: 8,
  auth_failed: 6,
  unreachable: 7,
  error: 7,
};

export function registerProviders(program: Command): void {
  const providers = program
    .command('providers')
    .description('provider API keys: set, list and test (always masked)');
  providers
    .command('set-key <provider> [key]')
    .description("store a provider's API key, encrypted; the key is read from stdin when '-' or omitted")
    .option('--name <name>', 'a label, to keep several keys for one provider', 'default')
    .option('--base-url <url>', 'API base URL (OpenAI-compatible endpoints, proxies)')
    .action(
      action(
        async (ctx, provider: string, key: string | undefined, opts: { name: string; baseUrl?: string }) => {
          const secret = await readKey(key);
          const core = await ctx.core();
          const scope = { accountId: await ctx.accountId() };
          const { Igny8Error } = await import('../../src/index.js');
          if (!secret)
            throw new Igny8Error('USAGE', 'No key given', {
              hint: 'Pipe it in: `printf %s "$KEY" | igny8 providers set-key openai`',
            });
          if (key !== undefined && key !== '-')
            ctx.out.warn('a key passed as an argument stays in your shell history; prefer stdin');
          const saved = await core.providerKeys.set(scope, {
            provider,
            key: secret,
            name: opts.name,
            baseUrl: opts.baseUrl,
          });
          ctx.out.result(
            saved,
            () => `saved ${saved.provider} key "${saved.name}" (…${saved.last4 || '••••'}), encrypted`,
          );
        },
      ),
    );
  providers
    .command('list')
    .description('keys in use per provider, masked, with where each comes from')
    .action(
      action(async (ctx) => {
        const core = await ctx.core();
        const keys = await core.providerKeys.list({ accountId: await ctx.accountId() });
        ctx.out.list(keys, () =>
          renderTable(
            keys.map((k) => ({ ...k, baseUrl: k.baseUrl ?? '', inUse: k.inUse ? 'yes' : 'shadowed' })),
            ['provider', 'name', 'masked', 'source', 'baseUrl', 'inUse'],
          ),
        );
      }),
    );
  providers
    .command('test [provider]')
    .description('call each configured provider (or one) with its key: ok, auth failure or unreachable')
    .action(
      action(async (ctx, provider: string | undefined) => {
        const core = await ctx.core();
        const { checkProviders } = await import('../../src/index.js');
        const scope = { accountId: await ctx.accountId() };
        const results = await checkProviders({
          config: core.config,
          keys: core.providerKeys,
          scope,
          provider,
        });
        ctx.out.result(results, () =>
          renderTable(
            results.map((r) => ({ ...r, message: r.message ?? '' })),
            ['provider', 'status', 'masked', 'source', 'message'],
          ),
        );
        if (results.length === 0)
          ctx.out.info('no provider keys configured: AI functions run on the offline sandbox');
        // A bad key (6) is the most actionable failure to report, then configuration (8), then reachability (7).
        const failed = new Set<string>(results.map((r) => r.status));
        const first = ['auth_failed', 'not_configured', 'unreachable', 'error'].find((s) => failed.has(s));
        if (first) process.exitCode = EXIT_FOR_STATUS[first]!;
      }),
    );
}
