import path from 'node:path';
import type { Command } from 'commander';
import { action } from '../context.js';
import { renderKeyValues } from '../output.js';

interface InitFlags {
  yes?: boolean;
  email?: string;
  password?: string;
  passwordStdin?: boolean;
  accountName?: string;
  site?: string;
  sector?: string;
  plan?: string;
  timezone?: string;
  database?: string;
  force?: boolean;
}

const USAGE_HINT =
  'Without a terminal, pass --yes and any of: --email <email> --password <pw> | --password-stdin ' +
  '--account-name <name> --site <name> --sector <name> --plan <id> --timezone <tz> --database <url> --force';

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.replace(/\r?\n$/, '');
}

/** Ask for what the flags did not give (on a TTY); the prompts go to stderr so stdout stays clean. */
async function ask(
  o: InitFlags,
  defaults: Required<Pick<InitFlags, 'email' | 'accountName' | 'site' | 'sector'>>,
) {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  // Ctrl-C at a question rejects it with an AbortError, which the boundary reports as INTERRUPTED.
  const abort = new AbortController();
  rl.on('SIGINT', () => abort.abort());
  const q = async (label: string, given: string | undefined, fallback: string) =>
    given ?? ((await rl.question(`${label} [${fallback}]: `, { signal: abort.signal })).trim() || fallback);
  try {
    return {
      email: await q('Owner email', o.email, defaults.email),
      accountName: await q('Account name', o.accountName, defaults.accountName),
      site: await q('First site', o.site, defaults.site),
      sector: await q('First sector', o.sector, defaults.sector),
    };
  } finally {
    rl.close();
  }
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('set up igny8 in this folder: config, database, owner account, first site and sector')
    .option('-y, --yes', 'use defaults for whatever is not given (needed without a terminal)')
    .option('--email <email>', 'owner email (default: owner@example.com)')
    .option('--password <password>', 'owner password (default: generated and printed once)')
    .option('--password-stdin', 'read the owner password from stdin')
    .option('--account-name <name>', 'account name (default: the folder name)')
    .option('--site <name>', 'first site (default: "My site")')
    .option('--sector <name>', 'first sector (default: "General")')
    .option('--plan <id>', 'plan (default: unlimited; `igny8 account plans` lists them)')
    .option('--timezone <tz>', 'account timezone (default: UTC)')
    .option('--database <url>', 'sqlite:<file> or postgres://… (default: sqlite:./igny8.db)')
    .option(
      '--force',
      'replace an existing config (kept as .bak), or add an account to a database that has one',
    )
    .action(
      action(async (ctx, o: InitFlags) => {
        const { Igny8Error, initProject } = await import('../../src/index.js');
        const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
        if (!o.yes && !tty)
          throw new Igny8Error('USAGE', 'igny8 init cannot ask questions without a terminal', {
            hint: USAGE_HINT,
          });
        const defaults = {
          email: 'owner@example.com',
          accountName: path.basename(ctx.cwd) || 'My account',
          site: 'My site',
          sector: 'General',
        };
        const a = o.yes ? { ...defaults, ...definedOnly(o) } : await ask(o, defaults);
        const r = await initProject(ctx.cwd, {
          email: a.email,
          password: o.passwordStdin ? await readStdin() : o.password,
          accountName: a.accountName,
          siteName: a.site,
          sectorName: a.sector,
          planId: o.plan,
          timezone: o.timezone,
          databaseUrl: o.database,
          force: Boolean(o.force),
        });
        const { generatedPassword, ...rest } = r;
        ctx.out.result({ ...rest, ...(generatedPassword ? { password: generatedPassword } : {}) }, () =>
          [
            `Initialized igny8 in ${ctx.cwd}`,
            renderKeyValues({
              config: path.relative(ctx.cwd, r.configFile),
              ...(r.backups.length ? { 'old config': r.backups.join(', ') } : {}),
              database: r.database,
              account: `${r.accountId} (plan ${r.planId})`,
              owner: r.email,
              ...(generatedPassword ? { password: `${generatedPassword}  ← shown once; store it now` } : {}),
              site: `${r.siteSlug} (${r.siteId})`,
              sector: `${r.sectorSlug} (${r.sectorId})`,
              models: r.modelsAdded === null ? 'not seeded' : `${r.modelsAdded} added`,
              credits: r.creditsGranted === null ? 'not granted' : `${r.creditsGranted} plan credits`,
            }),
            ...(r.databaseUrlEnv
              ? [
                  r.passwordKeptOut
                    ? `The database password is not in ${path.basename(r.configFile)}: set ${r.databaseUrlEnv} to the full URL (or PGPASSWORD) for every igny8 process.`
                    : `${path.basename(r.configFile)} reads ${r.databaseUrlEnv} first; set it (with the password, if any) for every igny8 process.`,
                ]
              : []),
            'Next: `igny8 site add <name>` for more sites, `igny8 --help` for keywords and runs.',
          ].join('\n'),
        );
      }),
    );
}

function definedOnly(o: InitFlags): Partial<Record<'email' | 'accountName' | 'site' | 'sector', string>> {
  const out: Partial<Record<'email' | 'accountName' | 'site' | 'sector', string>> = {};
  for (const k of ['email', 'accountName', 'site', 'sector'] as const) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
