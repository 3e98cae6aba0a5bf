import type { Command } from 'commander';
import type { User } from '../../src/index.js';
import { action } from '../context.js';
import { renderKeyValues, renderTable } from '../output.js';

interface PasswordFlags {
  password?: string;
  passwordStdin?: boolean;
}

const row = (u: User) => ({
  email: u.email,
  name: u.name,
  role: u.role,
  status: u.status,
  password: u.hasPassword ? 'set' : 'none',
  id: u.id,
});

/** The password from --password or stdin, else a generated one (printed once by the caller). */
async function choosePassword(o: PasswordFlags): Promise<{ password: string; generated: boolean }> {
  if (o.passwordStdin) {
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return { password: text.replace(/\r?\n$/, ''), generated: false };
  }
  if (o.password !== undefined) return { password: o.password, generated: false };
  const { generatePassword } = await import('../../src/index.js');
  return { password: generatePassword(), generated: true };
}

/** A user result, with the password only when igny8 made it up (shown this once). */
function renderUser(u: User, generated: string | null) {
  const data = generated ? { ...u, password: generated } : u;
  const human = () =>
    renderKeyValues({
      ...row(u),
      ...(generated ? { password: `${generated}  ← shown once; store it now` } : {}),
    });
  return { data, human };
}

const withPassword = (cmd: Command) =>
  cmd
    .option('--password <password>', 'the password (default: generated and printed once)')
    .option('--password-stdin', 'read the password from stdin');

export function registerUser(program: Command): void {
  const user = program.command('user').description('users of the account: roles, status, passwords');
  withPassword(
    user
      .command('add <email>')
      .description('add a user (roles: owner, admin, editor, viewer)')
      .option('--name <name>', 'display name')
      .option('--role <role>', 'owner, admin, editor or viewer', 'editor'),
  ).action(
    action(async (ctx, email: string, o: PasswordFlags & { name?: string; role: string }) => {
      const core = await ctx.core();
      const pw = await choosePassword(o);
      const added = await core.tenancy.addUser(
        { accountId: await ctx.accountId() },
        { email, name: o.name, role: o.role, password: pw.password },
      );
      const r = renderUser(added, pw.generated ? pw.password : null);
      ctx.out.result(r.data, r.human);
    }),
  );
  user
    .command('list')
    .description('users of the account')
    .action(
      action(async (ctx) => {
        const list = await (await ctx.core()).tenancy.listUsers({ accountId: await ctx.accountId() });
        ctx.out.list(list, () => renderTable(list.map(row)));
      }),
    );
  user
    .command('role <user> <role>')
    .description("change a user's role (user: email or id)")
    .action(
      action(async (ctx, ref: string, role: string) => {
        const core = await ctx.core();
        const u = await core.tenancy.setRole({ accountId: await ctx.accountId() }, ref, role as User['role']);
        ctx.out.result(u, () => `${u.email} is now ${u.role}`);
      }),
    );
  for (const [name, verb, text] of [
    ['disable', 'disableUser', 'disable a user (sign-in and their API keys stop)'],
    ['enable', 'enableUser', 'enable a disabled user'],
    ['remove', 'removeUser', 'delete a user and revoke their API keys'],
  ] as const) {
    user
      .command(`${name} <user>`)
      .description(text)
      .action(
        action(async (ctx, ref: string) => {
          const core = await ctx.core();
          const u = await core.tenancy[verb]({ accountId: await ctx.accountId() }, ref);
          ctx.out.result(u, () => `${u.email}: ${name === 'remove' ? 'removed' : u.status}`);
        }),
      );
  }
  withPassword(user.command('passwd <user>').description("set a user's password")).action(
    action(async (ctx, ref: string, o: PasswordFlags) => {
      const core = await ctx.core();
      const pw = await choosePassword(o);
      const u = await core.tenancy.setPassword({ accountId: await ctx.accountId() }, ref, pw.password);
      const r = renderUser(u, pw.generated ? pw.password : null);
      ctx.out.result(r.data, r.human);
    }),
  );
}
