import { describe, expect, it } from 'vitest';
import { lazyService, loadLazyService } from './lazy-service.js';

interface Counter {
  add(n: number): Promise<number>;
  fail(): Promise<never>;
}

function counter() {
  let loads = 0;
  const service = lazyService<Counter>(async () => {
    loads++;
    let total = 0;
    return {
      async add(n: number) {
        total += n;
        return total;
      },
      async fail(): Promise<never> {
        throw new Error('boom');
      },
    };
  });
  return { service, loads: () => loads };
}

describe('lazyService', () => {
  it('builds the service on the first call only, and shares it between calls', async () => {
    const { service, loads } = counter();
    const add = service.add;
    expect(loads()).toBe(0);
    const [a, b] = await Promise.all([service.add(2), add(3)]);
    expect([a, b].sort()).toEqual([2, 5]);
    expect(await service.add(1)).toBe(6);
    expect(loads()).toBe(1);
  });

  it('loads on demand once (a worker warming up), then calls use that same build', async () => {
    const { service, loads } = counter();
    await Promise.all([loadLazyService(service), loadLazyService(service)]);
    expect(loads()).toBe(1);
    expect(await service.add(4)).toBe(4);
    expect(loads()).toBe(1);
    // Anything that is not a lazy service is left alone.
    await loadLazyService({ add: () => 1 });
    await loadLazyService(null);
    await loadLazyService('text');
  });

  it('passes rejections through and is not a thenable (an async function may return it)', async () => {
    const { service, loads } = counter();
    await expect(service.fail()).rejects.toThrow('boom');
    expect(await (async () => service)()).toBe(service);
    expect(loads()).toBe(1);
  });

  it('rejects every call with the load error when the service cannot be built', async () => {
    const broken = lazyService<Counter>(async () => {
      throw new Error('module missing');
    });
    await expect(broken.add(1)).rejects.toThrow('module missing');
    await expect(broken.add(1)).rejects.toThrow('module missing');
  });

  it('answers eager members without loading the service', async () => {
    let loads = 0;
    const service = lazyService<Counter & { label(n: number): string }, 'label'>(
      async () => {
        loads++;
        return {
          add: async (n: number) => n,
          fail: async () => Promise.reject(new Error('x')),
          label: () => 'real',
        };
      },
      { label: (n) => `#${n}` },
    );
    expect(service.label(3)).toBe('#3');
    expect(loads).toBe(0);
    expect(await service.add(4)).toBe(4);
    expect(loads).toBe(1);
  });
});
