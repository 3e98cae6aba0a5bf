import { describe, expect, it } from 'vitest';
import { slugify } from './ids.js';

// Bug fix: non-Latin titles used to collapse to the generic slug "item".
describe('slugify transliterates non-Latin titles', () => {
  it.each([
    ['Cyrillic', 'Как заварить кофе', 'kak-zavarit-kofe'],
    ['Greek', 'Πώς να φτιάξετε καφέ', 'pos-na-ftiaxete-kafe'],
    ['Chinese', '如何冲泡咖啡', 'ru-he-chong-pao-ka-pei'],
    ['Japanese', '日本語のタイトル', 'ri-ben-yu-notaitoru'],
    ['Arabic', 'كيفية تحضير القهوة', 'kyfy-thdyr-lqhw'],
    ['accented Latin', 'Crème brûlée à Paris', 'creme-brulee-a-paris'],
  ])('%s', (_script, title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('keeps ASCII titles as before and never returns an empty slug', () => {
    expect(slugify('Cold Brew: 7 Tips!')).toBe('cold-brew-7-tips');
    expect(slugify('!!!')).toBe('item');
    expect(slugify('a'.repeat(79) + ' b')).toBe('a'.repeat(79));
  });
});
