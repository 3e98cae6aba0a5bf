import { describe, expect, it } from 'vitest';
import { duplicateShares } from './duplicate-passages.js';

describe('duplicateShares', () => {
  it('counts 8-word passages shared with another article, per article', () => {
    const common = 'the best way to brew coffee at home is';
    const a = common;
    const b = `Start here: ${common} with fresh beans`;
    const c = 'an unrelated article about tea leaves and water temperature today';
    const [sa, sb, sc] = duplicateShares([a, b, c]);
    expect(sa).toBe(1); // both of its 8-word passages appear in b
    expect(sb).toBeGreaterThan(0);
    expect(sb).toBeLessThan(1);
    expect(sc).toBe(0);
  });

  it('is 0 for texts shorter than a passage and for a single article', () => {
    expect(duplicateShares(['too short'])).toEqual([0]);
    expect(duplicateShares(['one two three four five six seven eight nine'])).toEqual([0]);
  });
});
