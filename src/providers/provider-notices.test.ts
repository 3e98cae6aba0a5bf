import { afterEach, describe, expect, it } from 'vitest';
import {
  emitProviderNotice,
  setProviderNoticeFallback,
  withProviderNotices,
  type ProviderNotice,
} from './provider-notices.js';

const notice: ProviderNotice = { type: 'usage', provider: 'p', model: 'm', message: 'no usage reported' };
afterEach(() => setProviderNoticeFallback(undefined));

describe('provider notices', () => {
  it('reach nested scopes innermost first; a claim stops outer scopes and the fallback', async () => {
    const order: string[] = [];
    setProviderNoticeFallback(() => order.push('fallback'));
    await withProviderNotices(
      () => order.push('outer'),
      () =>
        withProviderNotices(
          () => order.push('inner'),
          async () => {
            await Promise.resolve();
            emitProviderNotice(notice);
          },
        ),
    );
    expect(order).toEqual(['inner', 'outer', 'fallback']);

    order.length = 0;
    await withProviderNotices(
      () => order.push('outer'),
      () =>
        withProviderNotices(
          () => (order.push('run log'), true),
          async () => emitProviderNotice(notice),
        ),
    );
    expect(order).toEqual(['run log']);
  });

  it('goes to the fallback outside any scope, and survives a throwing listener', () => {
    const seen: ProviderNotice[] = [];
    setProviderNoticeFallback((n) => seen.push(n));
    withProviderNotices(
      () => {
        throw new Error('broken observer');
      },
      () => emitProviderNotice(notice),
    );
    emitProviderNotice(notice);
    expect(seen).toEqual([notice, notice]);
  });
});
