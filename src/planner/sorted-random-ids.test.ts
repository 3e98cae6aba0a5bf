import { describe, expect, it } from 'vitest';
import { sortedRandomIds } from './sorted-random-ids.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('sortedRandomIds', () => {
  it('returns n distinct v4 UUIDs in ascending order', () => {
    const ids = sortedRandomIds(50_000);
    expect(ids).toHaveLength(50_000);
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect(ids[i - 1]! < ids[i]!).toBe(true);
  });

  it('spreads ids over the whole range (the first 32 bits are random, not a counter)', () => {
    const heads = sortedRandomIds(1000).map((id) => parseInt(id.slice(0, 8), 16));
    expect(heads[0]!).toBeLessThan(2 ** 32 / 50);
    expect(heads[999]!).toBeGreaterThan(2 ** 32 - 2 ** 32 / 50);
    expect(new Set([...sortedRandomIds(1000), ...sortedRandomIds(1000)]).size).toBe(2000);
  });

  it('handles empty and single requests', () => {
    expect(sortedRandomIds(0)).toEqual([]);
    expect(sortedRandomIds(1)[0]).toMatch(UUID_V4);
  });
});
