import type { FetchLike } from './publishing/url-guard.js';
import { lazy } from './util/lazy.js';

/**
 * The URL guard's fetch, loaded on its first call (P11): its DNS and socket modules (node:dns,
 * node:net) cost every command's start about 4 ms, and only server processes guard their fetches.
 */
export function lazyGuardedFetch(allowPrivate: boolean): FetchLike {
  const load = lazy(async () =>
    (await import('./core-account-services.js')).createGuardedFetch({ allowPrivate }),
  );
  return async (input, init) => (await load())(input, init);
}
