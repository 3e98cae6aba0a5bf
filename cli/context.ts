import type { Command } from 'commander';
import type { Core, LoadedConfig } from '../src/index.js';
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
      loaded ??= import('../src/index.js').then((m) => m.loadConfig({ cwd, file: opts.config }));
      return loaded;
    },
    core(options) {
      core ??= (async () => {
        const { config, baseDir } = await ctx.loadConfig();
        const m = await import('../src/index.js');
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
      const m = await import('../src/index.js');
      return m.resolveCliAccount(c, opts.account ?? c.config.account);
    },
    async close() {
      if (core) await (await core).close();
    },
  };
  return ctx;
}

/** Wrap an action: build the context, run, always close the core. Errors go to the one boundary. */
export function action<A extends unknown[]>(
  fn: (ctx: CliContext, ...args: A) => Promise<void>,
): (...args: [...A, Command]) => Promise<void> {
  return async (...args) => {
    const command = args[args.length - 1] as Command;
    const ctx = createContext(command);
    try {
      await fn(ctx, ...(args.slice(0, -1) as A));
    } finally {
      await ctx.close();
    }
  };
}
