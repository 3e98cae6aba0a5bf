import type { Command } from 'commander';
import type { ApiKeyInfo } from '../../src/index.js';
import { action } from '../context.js';
import { renderKeyValues, renderTable } from '../output.js';

const row = (k: ApiKeyInfo) => ({
  prefix: k.prefix,
  name: k.name,
  role: k.role,
  status: k.status,
  'last used': k.lastUsedAt ?? 'never',
  created: k.createdAt,
  id: k.id,
});

export function registerApiKey(program: Command): void {
  const apikey = program
    .command('apikey')
    .description('API keys for the HTTP API ("Authorization: ApiKey <key>")');
  apikey
    .command('create')
    .description('create a key; it is printed once and only its SHA-256 is stored')
    .requiredOption('--name <name>', 'what the key is for, e.g. "ci"')
    .option('--role <role>', 'owner, admin, editor or viewer', 'editor')
    .option('--user <user>', 'tie the key to a user (email or id): it stops when they are disabled')
    .action(
      action(async (ctx, o: { name: string; role: string; user?: string }) => {
        const core = await ctx.core();
        const scope = { accountId: await ctx.accountId() };
        const userId = o.user ? (await core.tenancy.findUser(scope, o.user)).id : undefined;
        const { key, apiKey } = await core.tenancy.createApiKey(scope, {
          name: o.name,
          role: o.role,
          userId,
        });
        ctx.out.result({ key, ...apiKey }, () =>
          [
            renderKeyValues({ key, ...row(apiKey) }),
            'This is the only time the key is shown: store it now.',
          ].join('\n'),
        );
      }),
    );
  apikey
    .command('list')
    .description('keys of the account (never the secrets)')
    .action(
      action(async (ctx) => {
        const list = await (await ctx.core()).tenancy.listApiKeys({ accountId: await ctx.accountId() });
        ctx.out.list(list, () => renderTable(list.map(row)));
      }),
    );
  apikey
    .command('revoke <key>')
    .description('revoke a key (by id or prefix, e.g. igny8_3f9a0c1e)')
    .action(
      action(async (ctx, ref: string) => {
        const core = await ctx.core();
        const k = await core.tenancy.revokeApiKey({ accountId: await ctx.accountId() }, ref);
        ctx.out.result(k, () => `revoked ${k.prefix} (${k.name})`);
      }),
    );
}
