import { describe, expect, it } from 'vitest';
import { KeywordLineSet } from './keyword-line-set.js';

describe('KeywordLineSet', () => {
  it('holds what a Map<string, number> would, across growth, for any script', () => {
    const set = new KeywordLineSet();
    const map = new Map<string, number>();
    let disagreements = 0;
    const words = ['cold brew', 'café crème', 'コーヒーの淹れ方', 'кофе', '', 'a'.repeat(3000)];
    for (let i = 0; i < 120_000; i++) {
      const key = i < words.length ? words[i]! : `keyword ${i % 100_000} ${i % 7 === 0 ? 'ü' : ''}`;
      const added = set.add(key, i + 2);
      if (added === map.has(key)) disagreements++;
      if (added) map.set(key, i + 2);
    }
    expect(disagreements).toBe(0);
    expect(set.size).toBe(map.size);
    expect([...map].filter(([key, line]) => set.lineOf(key) !== line)).toEqual([]);
    expect(set.lineOf('not there')).toBeUndefined();
    expect(set.lineOf('cold bre')).toBeUndefined();
    expect(set.lineOf('cold brew ')).toBeUndefined();
  });

  it('keeps the first line of a repeated key', () => {
    const set = new KeywordLineSet();
    expect(set.add('x', 5)).toBe(true);
    expect(set.add('x', 9)).toBe(false);
    expect(set.lineOf('x')).toBe(5);
  });
});
