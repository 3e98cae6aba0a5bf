import type { Command } from 'commander';
import type { Igny8Error as Igny8ErrorClass } from '../../src/index.js';
import { action } from '../context.js';

interface ServeOptions {
  port?: string;
  host?: string;
  registration?: boolean | string;
  rateLimit?: string[];
}

const MODES = ['open', 'invite', 'closed'] as const;
const SCOPES = [
  'ai',
  'image',
  'content_read',
  'content_write',
  'planner',
  'billing',
  'auth',
  'auth_strict',
  'signInPerAccount',
];

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (and dashboard) until interrupted')
    .option('-p, --port <port>', 'port to listen on (default: server.port, 8787)')
    .option('-H, --host <host>', 'interface to listen on (default: server.host, 127.0.0.1)')
    .option(
      '--registration <mode>',
      'who may sign up: open | invite | closed (default: server.registration, invite)',
    )
    .option('--no-registration', 'same as --registration closed')
    .option(
      '--rate-limit <scope=n>',
      'requests per minute for one scope, repeatable (server.rateLimits keys, e.g. content_read=2000)',
      collect,
    )
    .addHelpText(
      'after',
      '\nExample:\n  igny8 serve --port 8080 --registration invite --rate-limit content_read=2000 --json',
    )
    .action(
      action(async (ctx, opts: ServeOptions) => {
        const { Igny8Error } = await import('../../src/index.js');
        const port = opts.port === undefined ? undefined : Number(opts.port);
        if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
          throw new Igny8Error('USAGE', `--port must be a whole number 0–65535, got "${opts.port}"`);
        const registration = registrationMode(opts.registration, Igny8Error);
        const rateLimits = parseRateLimits(opts.rateLimit ?? [], Igny8Error);
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
          registration,
          rateLimits,
          operatorAccounts: operator ? [operator] : [],
        });
        // On SQLite this process is the only runner, so it fires schedules (runs execute here); on
        // PostgreSQL `igny8 worker`s fire them.
        const { startScheduler } = await import('../../src/index.js');
        core.notify.onFailure((line) => ctx.out.warn(line));
        const scheduler =
          core.dialect === 'sqlite' && core.config.scheduler.enabled
            ? startScheduler(core, {
                runInProcess: true,
                onEvent: (e) =>
                  e.type === 'scheduler'
                    ? ctx.out.warn(`scheduler: ${e.reason}`)
                    : ctx.out.info(
                        `schedule ${e.schedule}: slot ${e.slot} ${e.status}${e.detail ? ` (${e.detail})` : ''}`,
                      ),
              })
            : null;
        ctx.out.result(
          {
            url: running.url,
            api: `${running.url}/api/v1`,
            database: core.dbDisplayUrl,
            schedules: Boolean(scheduler),
          },
          () =>
            `igny8 API listening on ${running.url}/api/v1 (database ${core.dbDisplayUrl}); Ctrl-C stops it`,
        );
        const signal = await new Promise<NodeJS.Signals>((resolve) => {
          process.once('SIGINT', () => resolve('SIGINT'));
          process.once('SIGTERM', () => resolve('SIGTERM'));
        });
        ctx.out.info(`${signal}: finishing in-flight requests…`);
        // Runs still executing stay resumable (`igny8 runs resume`); the current tick finishes.
        await scheduler?.stop({ waitForRuns: false });
        await running.close();
        ctx.out.info('stopped');
      }),
    );
}

type ErrorCtor = typeof Igny8ErrorClass;

function registrationMode(value: boolean | string | undefined, Igny8Error: ErrorCtor) {
  if (value === undefined || value === true) return undefined;
  if (value === false) return 'closed' as const;
  const mode = MODES.find((m) => m === value);
  if (!mode) throw new Igny8Error('USAGE', `--registration must be open, invite or closed, got "${value}"`);
  return mode;
}

/** "content_read=2000" pairs → { content_read: 2000 }; the config schema names the valid scopes. */
function parseRateLimits(pairs: string[], Igny8Error: ErrorCtor): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of pairs) {
    const m = /^([a-zA-Z_]+)=(\d+)$/.exec(pair);
    if (!m || Number(m[2]) < 1 || !SCOPES.includes(m[1]!))
      throw new Igny8Error('USAGE', `--rate-limit expects scope=n with n ≥ 1, got "${pair}"`, {
        hint: `Scopes: ${SCOPES.join(', ')}.`,
      });
    out[m[1]!] = Number(m[2]);
  }
  return out;
}
