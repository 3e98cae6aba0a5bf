import { describe, expect, it } from 'vitest';
import { checkSeo, readingEase } from './seo-check.js';

const para = (n: number, kw = '') =>
  `<p>${kw ? `${kw} is simple. ` : ''}${'We brew coffee at home every day with care. '.repeat(n)}</p>`;
const good = {
  title: 'Cold Brew Coffee: A Complete Guide',
  slug: 'cold-brew-coffee-guide',
  html: `${para(3, 'Cold brew coffee')}<h2>Beans</h2>${para(10)}<h2>Grind</h2>${para(10)}<h2>Steep</h2>${para(10)}`,
  metaTitle: 'Cold Brew Coffee: How to Make It at Home',
  metaDescription:
    'Learn how to make cold brew coffee at home: the beans, the grind, the ratio and the steeping time that give a smooth, sweet cup every time you try.',
  focusKeyword: 'cold brew coffee',
  targetWords: 330,
};

describe('checkSeo', () => {
  it('passes a well-formed article with a high score', () => {
    const r = checkSeo(good);
    const failed = r.checks.filter((c) => !c.passed).map((c) => c.id);
    expect(failed).toEqual([]);
    expect(r.score).toBe(100);
    expect(r.wordCount).toBeGreaterThan(300);
  });

  it('fails and explains each broken rule, lowering the score', () => {
    const r = checkSeo({
      ...good,
      title: 'Some Title',
      metaDescription: 'short',
      html: `<h1>x</h1><h4>y</h4>${para(2)}`,
      competingTitles: ['Other cold brew post'],
    });
    const failed = new Set(r.checks.filter((c) => !c.passed).map((c) => c.id));
    for (const id of [
      'keyword_in_title',
      'keyword_in_intro',
      'meta_description_length',
      'headings',
      'length',
      'cannibalization',
    ])
      expect(failed).toContain(id);
    expect(r.score).toBeLessThan(50);
    expect(r.checks.find((c) => c.id === 'cannibalization')?.detail).toContain('Other cold brew post');
  });

  it('does not credit keyword checks when there is no focus keyword', () => {
    const r = checkSeo({ ...good, focusKeyword: null });
    expect(
      r.checks
        .filter((c) => c.id.startsWith('keyword_') || c.id === 'focus_keyword_set')
        .every((c) => !c.passed),
    ).toBe(true);
  });
});

describe('readingEase', () => {
  it('is the Flesch formula over the syllable package counts (created is three syllables, not one)', () => {
    // 6 words, 2 sentences, 8 syllables: 206.835 − 1.015·3 − 84.6·8/6 = 90.99.
    expect(readingEase('The cat sat. We created it.')).toBe(91);
    expect(readingEase('')).toBe(0);
  });
});
