import http from 'node:http';
import type { Readiness } from '../db/readiness.js';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * A tiny HTTP listener for a process manager (Kubernetes, compose, systemd): `GET /healthz` answers
 * 200 while the process lives, `GET /readyz` 200 or 503 from `ready()`. Used by `igny8 worker
 * --health-port`; the API server serves the same two paths itself.
 * @example const h = await startHealthServer(9464, '0.0.0.0', () => checkReadiness(core.db))
 */
export async function startHealthServer(
  port: number,
  host: string,
  ready: () => Promise<Readiness>,
): Promise<HealthServer> {
  const server = http.createServer((req, res) => {
    const send = (status: number, body: Record<string, unknown>) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const url = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { status: 'method not allowed' });
    if (url === '/healthz') return send(200, { status: 'ok' });
    if (url === '/readyz')
      return void ready().then(
        (r) =>
          send(r.ready ? 200 : 503, {
            status: r.ready ? 'ready' : 'not ready',
            ...(r.reason ? { reason: r.reason } : {}),
          }),
        () => send(503, { status: 'not ready' }),
      );
    send(404, { status: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
