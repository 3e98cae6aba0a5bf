import { describe, expect, it } from 'vitest';
import { timeOrderedIds } from './ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedIds', () => {
  it('returns n distinct UUIDv7 ids, ascending within a call and across calls', () => {
    const first = timeOrderedIds(50_000);
    const second = timeOrderedIds(1000);
    const ids = [...first, ...second];
    expect(first).toHaveLength(50_000);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i - 1]! < ids[i]!).toBe(true);
  });

  it('starts with the time in milliseconds, and keeps 62 random bits', () => {
    const before = Date.now();
    const [id] = timeOrderedIds(1);
    const ms = parseInt(id!.replace(/-/g, '').slice(0, 12), 16);
    // At most a few ms ahead (4,096 ids per ms before the clock is borrowed from).
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThan(Date.now() + 1000);
    const tails = new Set(timeOrderedIds(1000).map((x) => x.slice(19)));
    expect(tails.size).toBe(1000);
  });

  it('handles an empty request', () => {
    expect(timeOrderedIds(0)).toEqual([]);
  });
});
