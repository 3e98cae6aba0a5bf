import type { Core } from './core.js';
import { loadLazyService } from './util/lazy-service.js';

/**
 * Load every service of the core now instead of on its first call. A one-shot command should not
 * (P11: it uses one or two services); a worker or the server should, when it starts: otherwise each
 * process pays for loading and compiling the services' modules inside its first job or request —
 * four workers, four times, while a team waits on their first runs.
 */
export async function warmCore(core: Core): Promise<void> {
  await Promise.all(Object.values(core).map((service) => loadLazyService(service)));
}
