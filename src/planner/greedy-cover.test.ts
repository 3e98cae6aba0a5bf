import { describe, expect, it } from 'vitest';
import { greedyCover } from './greedy-cover.js';

describe('greedyCover', () => {
  it('lets the biggest key claim first, re-ranks keys that lost members, and drops groups under the minimum', () => {
    const postings = new Map([
      ['a', [0, 1, 2, 3]],
      ['b', [3, 4, 5]],
      ['c', [0, 1, 6]],
      ['d', [7]],
    ]);
    const claimed = new Uint8Array(8);
    const groups = greedyCover(postings, claimed, 2);
    // "a" takes 0–3; "b" keeps 4, 5 (3 went to "a"); "c" is left with only 6, under the minimum.
    expect(groups).toEqual([
      { key: 'a', members: [0, 1, 2, 3] },
      { key: 'b', members: [4, 5] },
    ]);
    expect([...claimed]).toEqual([1, 1, 1, 1, 1, 1, 0, 0]);
  });

  it('breaks ties alphabetically whatever the insertion order', () => {
    const one = greedyCover(
      new Map([
        ['y', [0, 1]],
        ['x', [1, 2]],
      ]),
      new Uint8Array(3),
      1,
    );
    const two = greedyCover(
      new Map([
        ['x', [1, 2]],
        ['y', [0, 1]],
      ]),
      new Uint8Array(3),
      1,
    );
    expect(one).toEqual(two);
    expect(one[0]!.key).toBe('x');
  });
});
