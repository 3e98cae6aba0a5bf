import type { Express } from 'express';
import { checkReadiness, type Core } from '../src/index.js';

/**
 * `/healthz` (the process lives) and `/readyz` (the database answers, no migration pending) at the
 * root, unauthenticated and without the API envelope, for load balancers and process managers.
 */
export function mountHealthProbes(app: Express, core: Core): void {
  app.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const r = await checkReadiness(core.db);
    res
      .status(r.ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ status: r.ready ? 'ready' : 'not ready', ...(r.reason ? { reason: r.reason } : {}) });
  });
}
