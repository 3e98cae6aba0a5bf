import { describe, expect, it } from 'vitest';
import { composeArticleHtml } from './compose-article.js';

const img = (position: number) => ({ role: 'inline' as const, position, alt: `i${position}` });
const compose = (html: string, count: number) =>
  composeArticleHtml(
    html,
    Array.from({ length: count }, (_, i) => img(i + 1)),
    (i) => `/img/${i.position}.png`,
    (i) => `[${i.position}]`,
  );

describe('composeArticleHtml on tricky HTML (parsed sections)', () => {
  it('ignores an "<h2" or "</p>" inside a comment or an attribute', () => {
    const html =
      '<p>intro</p><!-- <h2>old</h2> --><h2>A</h2><p title="</p>">a1</p><p>a2</p>' +
      '<h2 class="x">B</h2><p>b1 <img alt="<h2>"></p>';
    expect(compose(html, 2)).toBe(
      '<p>intro</p><!-- <h2>old</h2> --><h2>A</h2><p title="</p>">a1</p>[1]<p>a2</p>' +
        '<h2 class="x">B</h2><p>b1 <img alt="<h2>"></p>[2]',
    );
  });

  it('puts the image at the end of a section without paragraphs, and extra images at the end', () => {
    const html = '<p>intro</p><h2>A</h2><ul><li>x</li></ul><h2>B</h2><p>b</p>';
    expect(compose(html, 3)).toBe('<p>intro</p><h2>A</h2><ul><li>x</li></ul>[1]<h2>B</h2><p>b</p>[2][3]');
  });

  it('counts sections from the first H2 when the article opens with one', () => {
    expect(compose('<h2>A</h2><p>a</p><h2>B</h2><p>b</p>', 1)).toBe(
      '<h2>A</h2><p>a</p>[1]<h2>B</h2><p>b</p>',
    );
  });
});
