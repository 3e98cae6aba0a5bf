import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { warmCore, type Core } from '../src/index.js';
import { createServer, type CreateServerOptions, type Igny8App } from './create-server.js';
import { createLogger, type Logger, type LogLevel } from './logger.js';

export interface RunningServer {
  url: string;
  app: Igny8App;
  server: http.Server;
  /**
   * Stop gracefully: refuse new connections, close SSE streams, pause runs started here, let
   * in-flight requests finish (up to `graceMs`, then cut what is left). The core stays open; its
   * owner closes it.
   */
  close(graceMs?: number): Promise<void>;
}

/** Listen on host:port (port 0 picks a free one). Only `igny8 serve` and tests call this. */
export async function startServer(
  core: Core,
  options: CreateServerOptions & { port?: number; host?: string; logger?: Logger } = {},
): Promise<RunningServer> {
  const log = options.logger ?? createLogger(core.config.log.level as LogLevel);
  // A server runs for days: its services load before it listens, not inside its first requests.
  await warmCore(core);
  const app = createServer(core, { ...options, logger: log });
  const server = http.createServer(app);
  const host = options.host ?? core.config.server.host;
  const port = options.port ?? core.config.server.port;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    app,
    server,
    close(graceMs = 10_000) {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        app.igny8.sse.closeAll();
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        // Runs started here pause after their current item; a paused run resumes where it stopped.
        const { runs } = app.igny8.deps;
        for (const { runId, scope } of runs.running()) {
          await core.automation.pause(scope, runId).catch((err: unknown) => {
            log.warn('could not pause run at shutdown', { runId, error: (err as Error).message });
          });
        }
        await Promise.race([runs.settled(), new Promise((r) => setTimeout(r, graceMs).unref())]);
        await stopped;
        clearTimeout(force);
      })();
      return closing;
    },
  };
}
