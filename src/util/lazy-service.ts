/** A service whose every member is a method returning a promise: safe to stand in for until it loads. */
export type AsyncService<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? T[K] : never;
};

const loaders = new WeakMap<object, () => Promise<unknown>>();

/**
 * Load a lazyService now (anything else: nothing to do). A long-running process (a worker, the
 * server) loads its services when it starts, so its first job or request does not pay for them.
 */
export async function loadLazyService(service: unknown): Promise<void> {
  if (typeof service === 'object' && service !== null) await loaders.get(service)?.();
}

/**
 * A stand-in for a service that is built on its first call. Why (P11): `createCore` imported every
 * service's modules and their zod schemas for every command; a CLI command uses one or two. Each
 * method loads the service (once, shared) and forwards the call, so callers see the same promises.
 * Only services made of async methods qualify (the type refuses others: a sync member or a field
 * could not wait for the load). A sync throw of the real method becomes a rejection, which every
 * caller already awaits.
 *
 * Synchronous members a service needs at once (a pure helper) come as `eager`: they are answered
 * without loading it, and only the other members must be async.
 *
 * @example const kb = lazyService<KbService>(async () => (await import('./kb/index.js')).createKbService(deps));
 */
export function lazyService<T extends AsyncService<T>>(load: () => Promise<T>): T;
export function lazyService<T extends object, K extends keyof T>(
  load: () => Promise<T>,
  eager: Pick<T, K>,
): Omit<T, K> extends AsyncService<Omit<T, K>> ? T : never;
export function lazyService<T extends object>(load: () => Promise<T>, eager: Partial<T> = {}): T {
  let loaded: Promise<T> | undefined;
  const loadOnce = () => (loaded ??= load());
  const methods = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const get = (name: string) => {
    let m = methods.get(name);
    if (!m) {
      m = async (...args: unknown[]) => {
        const service = (await loadOnce()) as Record<string, (...a: unknown[]) => Promise<unknown>>;
        const fn = service[name];
        if (typeof fn !== 'function') throw new TypeError(`${name} is not a method of this service`);
        return fn.apply(service, args);
      };
      methods.set(name, m);
    }
    return m;
  };
  const proxy = new Proxy({ ...eager } as T, {
    get(target, key, receiver) {
      if (Reflect.has(target, key)) return Reflect.get(target, key, receiver);
      // Not a thenable (an async function may return the service) and no symbol protocols.
      if (typeof key === 'symbol' || key === 'then' || key === 'toJSON') return undefined;
      return get(key);
    },
  });
  loaders.set(proxy, loadOnce);
  return proxy;
}
