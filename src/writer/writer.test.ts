import { describe, expect, it } from 'vitest';
import { applyLinks } from './apply-links.js';
import { composeArticleHtml } from './compose-article.js';

describe('composeArticleHtml', () => {
  const html = '<p>intro</p><h2>A</h2><p>a1</p><p>a2</p><h2>B</h2><p>b1</p>';
  it('places inline image N after the first paragraph of section N and leaves the featured image out', () => {
    const out = composeArticleHtml(
      html,
      [
        { role: 'featured', position: 0, alt: 'f' },
        { role: 'inline', position: 2, alt: 'second' },
        { role: 'inline', position: 1, alt: 'first' },
        { role: 'inline', position: 3, alt: 'third' },
      ],
      (i) => `/img/${i.alt}.png`,
    );
    expect(out).not.toContain('f.png');
    expect(out.indexOf('first.png')).toBeGreaterThan(out.indexOf('<p>a1</p>'));
    expect(out.indexOf('first.png')).toBeLessThan(out.indexOf('<p>a2</p>'));
    expect(out.indexOf('second.png')).toBeGreaterThan(out.indexOf('<p>b1</p>'));
    expect(out.trimEnd().endsWith('</figure>')).toBe(true);
    expect(out).toContain('alt="third"');
  });
});

describe('applyLinks', () => {
  it('links the first plain occurrence once per target, never inside headings or links', () => {
    const html =
      '<h2>Cold brew</h2><p>See <a href="/x/">cold brew</a> and more cold brew here. cold brew again.</p><li>pour over tips</li>';
    const { html: out, applied } = applyLinks(html, [
      { targetContentId: 't1', anchor: 'cold brew', href: '/cold-brew/' },
      { targetContentId: 't1', anchor: 'again', href: '/dup/' },
      { targetContentId: 't2', anchor: 'pour over', href: '/pour-over/' },
      { targetContentId: 't3', anchor: 'espresso', href: '/espresso/' },
    ]);
    expect(applied.map((a) => a.targetContentId)).toEqual(['t1', 't2']);
    expect(out).toContain(
      '<a href="/x/">cold brew</a> and more <a href="/cold-brew/">cold brew</a> here. cold brew again.',
    );
    expect(out).toContain('<li><a href="/pour-over/">pour over</a> tips</li>');
    expect(out).toContain('<h2>Cold brew</h2>');
    expect(out).not.toContain('/dup/');
  });

  it('links text in a paragraph without links', () => {
    const { html, applied } = applyLinks('<p>Try a french press today.</p>', [
      { targetContentId: 'a', anchor: 'French press', href: '/fp/' },
    ]);
    expect(applied).toHaveLength(1);
    expect(html).toBe('<p>Try a <a href="/fp/">french press</a> today.</p>');
  });
});
