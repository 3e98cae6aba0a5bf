import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Core, LoadedConfig } from '../src/index.js';
import { nameFlagsInValidation } from './flag-errors.js';
import { createOutput, type Output } from './output.js';

export interface GlobalOptions {
  json?: boolean;
  config?: string;
  account?: string;
}

/** What every command action gets: output, config, and a lazily opened core. */
export interface CliContext {
  out: Output;
  opts: GlobalOptions;
  cwd: string;
  loadConfig(): Promise<LoadedConfig>;
  /** Open the core (config + database, migrations checked); closed by the boundary after the action. */
  core(options?: {
    requireMigrated?: boolean;
    guardOutboundUrls?: boolean;
    sharedSecrets?: boolean;
  }): Promise<Core>;
  /** The account the CLI acts for: --account, IGNY8_ACCOUNT / config.account, or the only account. */
  accountId(): Promise<string>;
  close(): Promise<void>;
}

export function createContext(command: Command): CliContext {
  const opts = command.optsWithGlobals<GlobalOptions>();
  const out = createOutput(Boolean(opts.json));
  const cwd = process.cwd();
  let loaded: Promise<LoadedConfig> | undefined;
  let core: Promise<Core> | undefined;
  const ctx: CliContext = {
    out,
    opts,
    cwd,
    loadConfig() {
      loaded ??= import('../src/start/index.js').then((m) => m.loadConfig({ cwd, file: opts.config }));
      return loaded;
    },
    core(options) {
      core ??= (async () => {
        const { config, baseDir, filepath } = await ctx.loadConfig();
        const m = await import('../src/start/index.js');
        // Provider waits over 5 s and corrected usage that no run log claimed (single AI commands).
        m.setProviderNoticeFallback((n) =>
          n.type === 'wait' ? out.info(`… ${n.message}`) : out.warn(n.message),
        );
        // No config and no database file: not a workspace. Opening SQLite here would leave an empty
        // igny8.db behind (and then report "migrations pending" for a folder never initialized).
        if ((options?.requireMigrated ?? true) && !filepath && config.database.url.startsWith('sqlite:')) {
          const file = m.sqlitePath(config.database.url, baseDir);
          if (file !== ':memory:' && !fs.existsSync(file)) {
            throw new m.Igny8Error(
              'NOT_INITIALIZED',
              `No igny8 workspace in ${cwd}: no igny8.config.* and no ${path.basename(file)}`,
              {
                hint: 'Run `igny8 init` here, change to your project folder, or pass --config <file>.',
              },
            );
          }
        }
        return m.createCore({
          config,
          baseDir,
          requireMigrated: options?.requireMigrated ?? true,
          guardOutboundUrls: options?.guardOutboundUrls ?? false,
          sharedSecrets: options?.sharedSecrets ?? false,
        });
      })();
      return core;
    },
    async accountId() {
      const c = await ctx.core();
      const m = await import('../src/start/index.js');
      return m.resolveCliAccount(c, opts.account ?? c.config.account);
    },
    async close() {
      if (core) await (await core).close();
    },
  };
  return ctx;
}

/**
 * The account module each top-level command belongs to, refused with MODULE_DISABLED like the API's
 * routes of the same module. Pipeline commands (`run`, `write`, …) check per stage in the core.
 */
const COMMAND_MODULES: Record<string, string> = {
  keywords: 'planner',
  cluster: 'planner',
  clusters: 'planner',
  content: 'writer',
  publish: 'publishing',
  wp: 'publishing',
  runs: 'automation',
};

function topLevelName(command: Command): string {
  let c = command;
  while (c.parent?.parent) c = c.parent;
  return c.name();
}

/** Wrap an action: build the context, run, always close the core. Errors go to the one boundary. */
export function action<A extends unknown[]>(
  fn: (ctx: CliContext, ...args: A) => Promise<void>,
): (...args: [...A, Command]) => Promise<void> {
  return async (...args) => {
    const command = args[args.length - 1] as Command;
    const ctx = createContext(command);
    try {
      const module = COMMAND_MODULES[topLevelName(command)];
      if (module) {
        const core = await ctx.core();
        // The check itself, not core.tenancy: building the whole tenancy service costs a start (P11).
        const { assertModuleEnabled } = await import('../src/start/index.js');
        await assertModuleEnabled(core.db, { accountId: await ctx.accountId() }, module);
      }
      await fn(ctx, ...(args.slice(0, -1) as A));
    } catch (err) {
      nameFlagsInValidation(err, command);
      throw err;
    } finally {
      await ctx.close();
    }
  };
}
