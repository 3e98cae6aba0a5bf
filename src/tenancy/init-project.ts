import fs from 'node:fs';
import path from 'node:path';
import { applyEnvOverrides, parseConfig, type Igny8Config } from '../config/index.js';
import { migrateUp, transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { countAccounts } from './account.repository.js';
import { INIT_PLAN_ID } from './default-plans.js';
import { hasPassword, renderInitConfig } from './init-config-template.js';
import { generatePassword } from './password.js';
import type { Scope } from './scope.js';
import { InitProjectSchema, type InitProjectInput } from './tenancy.schema.js';
import { createTenancyService, type TenancyService } from './tenancy.service.js';

/** Files cosmiconfig would read as igny8's config (package.json counts only with an "igny8" key). */
const CONFIG_FILES = [
  'igny8.config.ts',
  'igny8.config.mts',
  'igny8.config.js',
  'igny8.config.mjs',
  'igny8.config.json',
  'igny8.config.yaml',
  'igny8.config.yml',
  '.igny8rc',
  '.igny8rc.json',
];

export const INIT_CONFIG_FILE = 'igny8.config.ts';

export interface InitProjectResult {
  configFile: string;
  /** Config files moved aside by --force. */
  backups: string[];
  database: string;
  accountId: string;
  userId: string;
  email: string;
  /** Only when igny8 made the password up: shown once, never stored in clear. */
  generatedPassword: string | null;
  planId: string;
  siteId: string;
  siteSlug: string;
  sectorId: string;
  sectorSlug: string;
  /** null when no model registry is wired into the core. */
  modelsAdded: number | null;
  /** Plan credits granted; null when no credits service is wired into the core. */
  creditsGranted: number | null;
  /**
   * PostgreSQL: the config reads the URL from this environment variable (the file holds it without a
   * password); every igny8 process needs it set. null for SQLite.
   */
  databaseUrlEnv: 'IGNY8_DATABASE_URL' | null;
  /** The URL given carried a password, which was not written to the config file. */
  passwordKeptOut: boolean;
}

/** Services init uses when the core has them (they belong to other modules). */
interface OptionalServices {
  models?: { seed(): Promise<{ added: number }> };
  credits?: {
    grant(
      scope: Scope,
      input: { opId: string; amount: number; pool: 'plan' | 'bonus'; description?: string },
    ): Promise<unknown>;
  };
}

/** The opened project init works in (a Core fits). */
export interface InitCore {
  db: Db;
  dbDisplayUrl: string;
  tenancy: Pick<TenancyService, 'getPlan'>;
  close(): Promise<void>;
}

/**
 * Opens the project's core for init. The caller passes `createCore`: tenancy sits below the
 * composition root and does not import it.
 */
export type OpenInitCore = (options: {
  config: Igny8Config;
  baseDir: string;
  requireMigrated: false;
}) => Promise<InitCore>;

function existingConfigFiles(cwd: string): string[] {
  const found = CONFIG_FILES.filter((f) => fs.existsSync(path.join(cwd, f)));
  const pkg = path.join(cwd, 'package.json');
  if (fs.existsSync(pkg)) {
    try {
      if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { igny8?: unknown }).igny8 !== undefined)
        found.push('package.json');
    } catch {
      // A broken package.json holds no config of ours.
    }
  }
  return found;
}

/** Move old config files aside (`<name>.bak`, `.bak2`, …) so the new one is the one read. */
function backUp(cwd: string, files: string[]): string[] {
  if (files.includes('package.json'))
    throw new Igny8Error('USAGE', 'package.json has an "igny8" key, which is read before igny8.config.ts', {
      hint: 'Remove the "igny8" key from package.json, then run `igny8 init --force` again.',
    });
  return files.map((f) => {
    let n = 1;
    const target = () => path.join(cwd, `${f}.bak${n === 1 ? '' : n}`);
    while (fs.existsSync(target())) n++;
    fs.renameSync(path.join(cwd, f), target());
    return path.basename(target());
  });
}

/**
 * `igny8 init`: in a folder without a config, open (and migrate) the database, create the owner
 * account with its owner, first site and sector in one transaction, write igny8.config.ts, seed the
 * model registry and grant the plan's credits. ALREADY_INITIALIZED when a config or an account
 * exists, unless `force` (old config files are kept as .bak; the new account is pinned in the config).
 * `openCore` opens the database as a core (`createCore`; `initProject` in src/init-project.ts passes it).
 * @example await initProjectWith(createCore, process.cwd(), { email: 'me@example.com', accountName: 'Me', siteName: 'Blog', sectorName: 'General' })
 */
export async function initProjectWith(
  openCore: OpenInitCore,
  cwd: string,
  input: InitProjectInput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<InitProjectResult> {
  const req = parseInput(InitProjectSchema, input, 'init options');
  const existing = existingConfigFiles(cwd);
  if (existing.length > 0 && !req.force)
    throw new Igny8Error('ALREADY_INITIALIZED', `This folder already has an igny8 config (${existing[0]})`, {
      hint: 'Run `igny8 init` in an empty folder, or pass --force to replace it (the old file is kept as .bak).',
    });
  const fileUrl = req.databaseUrl ?? 'sqlite:./igny8.db';
  // Same precedence as every later command: the environment overrides the file, a flag overrides both.
  const config = parseConfig(applyEnvOverrides({ database: { url: fileUrl } }, env), INIT_CONFIG_FILE);
  if (req.databaseUrl) config.database.url = req.databaseUrl;
  config.account = undefined;
  const core = await openCore({ config, baseDir: cwd, requireMigrated: false });
  try {
    await migrateUp(core.db);
    const others = await countAccounts(core.db);
    if (others > 0 && !req.force)
      throw new Igny8Error(
        'ALREADY_INITIALIZED',
        `The database ${core.dbDisplayUrl} already has an account`,
        {
          hint: 'Use it with `igny8 account list`, point --database at a new database, or pass --force to add another account.',
        },
      );
    const password = req.password ?? generatePassword();
    const created = await transaction(core.db, async (trx) => {
      const t = createTenancyService(trx);
      const account = await t.createAccount({
        name: req.accountName,
        planId: req.planId ?? INIT_PLAN_ID,
        timezone: req.timezone,
      });
      const scope = { accountId: account.id };
      const user = await t.addUser(scope, { email: req.email, password, role: 'owner' });
      const site = await t.addSite(scope, { name: req.siteName });
      const sector = await t.addSector(scope, site.id, { name: req.sectorName });
      return { account, user, site, sector };
    });
    const backups = req.force ? backUp(cwd, existing) : [];
    const configFile = path.join(cwd, INIT_CONFIG_FILE);
    fs.writeFileSync(
      configFile,
      renderInitConfig({ databaseUrl: fileUrl, accountId: others > 0 ? created.account.id : undefined }),
    );
    const scope = { accountId: created.account.id };
    const services = core as unknown as OptionalServices;
    const modelsAdded = services.models ? (await services.models.seed()).added : null;
    const plan = await core.tenancy.getPlan(created.account.planId);
    let creditsGranted: number | null = null;
    if (services.credits) {
      creditsGranted = plan.includedCredits;
      if (plan.includedCredits > 0)
        await services.credits.grant(scope, {
          opId: 'init:plan-grant',
          amount: plan.includedCredits,
          pool: 'plan',
          description: `${plan.name} plan: included credits`,
        });
    }
    return {
      configFile,
      backups,
      database: core.dbDisplayUrl,
      accountId: created.account.id,
      userId: created.user.id,
      email: created.user.email,
      generatedPassword: req.password ? null : password,
      planId: plan.id,
      siteId: created.site.id,
      siteSlug: created.site.slug,
      sectorId: created.sector.id,
      sectorSlug: created.sector.slug,
      modelsAdded,
      creditsGranted,
      databaseUrlEnv: /^postgres(ql)?:\/\//.test(fileUrl) ? 'IGNY8_DATABASE_URL' : null,
      passwordKeptOut: hasPassword(fileUrl),
    };
  } finally {
    await core.close();
  }
}
