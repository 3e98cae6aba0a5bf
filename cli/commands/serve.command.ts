import type { Command } from 'commander';
import { action } from '../context.js';

interface ServeOptions {
  port?: string;
  host?: string;
  registration?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (and dashboard) until interrupted')
    .option('-p, --port <port>', 'port to listen on (default: server.port, 8787)')
    .option('-H, --host <host>', 'interface to listen on (default: server.host, 127.0.0.1)')
    .option('--no-registration', 'refuse POST /auth/register (add users with the CLI or the users API)')
    .action(
      action(async (ctx, opts: ServeOptions) => {
        const { Igny8Error } = await import('../../src/index.js');
        const port = opts.port === undefined ? undefined : Number(opts.port);
        if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
          throw new Igny8Error('USAGE', `--port must be a whole number 0–65535, got "${opts.port}"`);
        // Server users are not the operator: publishing URLs may not reach this host's network.
        const core = await ctx.core({ guardOutboundUrls: true, sharedSecrets: true });
        // Several servers on one PostgreSQL database: refuse to start without the shared JWT secret.
        if (core.dialect === 'postgres') {
          const { loadJwtSecret } = await import('../../src/index.js');
          loadJwtSecret(core.config, core.baseDir, true);
        }
        // The operator (who may change server-wide data such as model prices) is the configured
        // account, or the only one; with several accounts and none configured, nobody is.
        const operator = await ctx.accountId().catch(() => undefined);
        const { startServer } = await import('../../server/start-server.js');
        const running = await startServer(core, {
          port,
          host: opts.host,
          registration: opts.registration === false ? 'closed' : 'open',
          operatorAccounts: operator ? [operator] : [],
        });
        ctx.out.result(
          { url: running.url, api: `${running.url}/api/v1`, database: core.dbDisplayUrl },
          () =>
            `igny8 API listening on ${running.url}/api/v1 (database ${core.dbDisplayUrl}); Ctrl-C stops it`,
        );
        const signal = await new Promise<NodeJS.Signals>((resolve) => {
          process.once('SIGINT', () => resolve('SIGINT'));
          process.once('SIGTERM', () => resolve('SIGTERM'));
        });
        ctx.out.info(`${signal}: finishing in-flight requests…`);
        await running.close();
        ctx.out.info('stopped');
      }),
    );
}
