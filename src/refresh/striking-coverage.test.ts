import { describe, expect, it } from 'vitest';
import { ctrAt } from './candidates-ctr.js';
import { pageKey } from './candidates-page-key.js';
import { articleText, queryCovered, type PageText } from './striking-coverage.js';

describe('queryCovered', () => {
  const article = articleText(
    'Cold brew at home',
    '<p>Steep for a day.</p><h2>Choosing grinders</h2><p>The cold brew ratio is 1:8, coffee to water.</p><script>iced coffee recipe</script>',
  );

  it('is covered by title/heading words, a body phrase, or an imported post keyword', () => {
    expect(queryCovered('how to cold brew at home', article)).toBe('title/headings');
    expect(queryCovered('best grinder for cold brew', article)).toBe('title/headings'); // "grinders" meets "grinder"
    expect(queryCovered('cold brew ratio', article)).toBe('body');
    const post: PageText = {
      source: 'inventory',
      title: 'Espresso basics',
      headings: [],
      body: 'A burr grinder guide.',
      keywords: ['tamping'],
    };
    expect(queryCovered('espresso tamping', post)).toBe('keywords');
    expect(queryCovered('burr grinder', post)).toBe('excerpt');
  });

  it('is not covered by words scattered through a body, or by script text', () => {
    expect(queryCovered('water ratio steep', article)).toBeNull();
    expect(queryCovered('iced coffee recipe', article)).toBeNull();
    expect(
      queryCovered('anything', { source: 'none', title: '', headings: [], body: '', keywords: [] }),
    ).toBeNull();
  });
});

describe('pageKey and ctrAt', () => {
  it('makes one key of the spellings of a page', () => {
    for (const u of [
      'https://www.x.test/Cold-Brew/',
      'http://x.test/cold-brew',
      '/cold-brew/#steep',
      'https://x.test/cold-brew/?utm=1',
    ])
      expect(pageKey(u)).toBe('/cold-brew');
    expect(pageKey('https://x.test/caf%C3%A9/')).toBe('/café');
    expect(pageKey('https://x.test/')).toBe('/');
  });

  it('falls with position and interpolates', () => {
    expect(ctrAt(1)).toBe(0.28);
    expect(ctrAt(3)).toBe(0.1);
    expect(ctrAt(3.5)).toBeCloseTo(0.085);
    expect(ctrAt(11)).toBe(0.012);
    expect(ctrAt(50)).toBe(0.002);
    expect(ctrAt(8)).toBeGreaterThan(ctrAt(12));
  });
});
