import express, { type Express } from 'express';
import cors from 'cors';
import helmet from 'helmet';
import type { Core } from '../src/index.js';
import { createLogger, type Logger, type LogLevel } from './logger.js';
import { authenticate } from './middleware/authenticate.js';
import { errorHandler, notFound } from './middleware/error-handler.js';
import { createLimiters, type RateLimits } from './middleware/rate-limit.js';
import { verifyJsonDepth } from './json-depth.js';
import { accessLog, requestId } from './middleware/request-id.js';
import { mountHealthProbes } from './health-probes.js';
import { mountRoutes } from './mount-routes.js';
import { API_PREFIX } from './openapi.js';
import type { AnyRoute, ServerDeps } from './route.js';
import { ALL_ROUTES } from './routes/index.js';
import { createRunHub } from './run-hub.js';
import { createSseRegistry, type SseRegistry } from './sse.js';
import { findDashboardDir, mountDashboard } from './static-ui.js';

export interface CreateServerOptions {
  logger?: Logger;
  /** Per-minute limits, over the config's `server.rateLimits` (`igny8 serve --rate-limit`, tests). */
  rateLimits?: Partial<RateLimits>;
  /**
   * Who may create an account (default: the config's `server.registration`): open, invite (an
   * invite token is needed), closed (the CLI or an admin adds users).
   */
  registration?: 'open' | 'invite' | 'closed';
  /** Express "trust proxy" setting, for rate limits keyed by the client address behind a proxy. */
  trustProxy?: boolean | number | string;
  /**
   * Accounts whose owners may change server-wide data such as the model registry (default: the
   * config's `account`, if set). Everyone else reads it only.
   */
  operatorAccounts?: string[];
  /**
   * Development mode (default: NODE_ENV is development or test): without SMTP, password-reset codes
   * and invite links are written to the server log instead of being dropped.
   */
  devMode?: boolean;
  /** How often SSE run streams read the run from the database (default 1000 ms). */
  runPollMs?: number;
  /** The route table (default: every route); tests may pass their own. */
  routes?: readonly AnyRoute[];
  /**
   * The built dashboard to serve on the same port (default: the package's `dist/ui` when it was
   * built); `false` serves the API only.
   */
  dashboard?: string | false;
}

export interface Igny8Server {
  routes: readonly AnyRoute[];
  sse: SseRegistry;
  deps: ServerDeps;
}

export type Igny8App = Express & { igny8: Igny8Server };

/**
 * The HTTP API as an Express app. It never listens: `igny8 serve` (start-server.ts) does, and tests
 * call it in-process. Middleware order is part of the contract: request id, security headers, CORS,
 * body limit, authentication, then per route rate limit, access and validation, and one error handler.
 */
export function createServer(core: Core, options: CreateServerOptions = {}): Igny8App {
  const log = options.logger ?? createLogger(core.config.log.level as LogLevel);
  const routes = options.routes ?? ALL_ROUTES;
  const sse = createSseRegistry();
  const operators = options.operatorAccounts ?? (core.config.account ? [core.config.account] : []);
  const deps: ServerDeps = {
    core,
    log,
    sse,
    registration: options.registration ?? core.config.server.registration,
    routes,
    operatorAccounts: new Set(operators),
    runs: createRunHub(log),
    runPollMs: options.runPollMs ?? 1000,
    devMode: options.devMode ?? ['development', 'test'].includes(process.env.NODE_ENV ?? ''),
  };
  const app = express() as Igny8App;
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  app.set('query parser', 'simple');

  mountHealthProbes(app, core);
  app.use(requestId());
  app.use(accessLog(log));
  app.use(helmet());
  app.use(
    cors({
      origin: core.config.server.corsOrigins.length > 0 ? core.config.server.corsOrigins : false,
      credentials: true,
      exposedHeaders: [
        'X-Request-ID',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
        'Retry-After',
      ],
    }),
  );
  app.use(express.json({ limit: core.config.server.bodyLimit, strict: false, verify: verifyJsonDepth }));
  app.use(authenticate(core));
  const limits = { ...core.config.server.rateLimits, ...options.rateLimits };
  app.use(API_PREFIX, mountRoutes(routes, deps, createLimiters(limits)));
  // One command, one port: the dashboard's fallback passes /api/* on, so the API's 404 still answers there.
  const dashboardDir = options.dashboard === undefined ? findDashboardDir() : options.dashboard;
  if (dashboardDir) mountDashboard(app, dashboardDir);
  app.use(notFound());
  app.use(errorHandler(log));

  app.igny8 = { routes, sse, deps };
  return app;
}
