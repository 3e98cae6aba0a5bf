import { describe, expect, it } from 'vitest';
import { countWords, firstParagraph, headings, htmlToText } from './html-text.js';

describe('htmlToText, headings and firstParagraph (parsed, not pattern-matched)', () => {
  it('reads blocks as lines, decodes every entity, and drops comments, scripts and styles', () => {
    const html =
      '<p>Caf&eacute; &amp; bar&nbsp;one<br>two</p><!-- hidden words --><script>var p = "<p>not text</p>";</script>' +
      '<style>p { color: red }</style><ul><li>A &#8212; b</li><li>c&hellip;</li></ul>';
    expect(htmlToText(html)).toBe('Café & bar one two\nA — b\nc…');
    expect(countWords(htmlToText(html))).toBe(7);
  });

  it('never reads markup inside an attribute as text', () => {
    const html = '<p><img alt="a > b </p><p> c" src="x.png">real words</p>';
    expect(htmlToText(html)).toBe('real words');
    expect(firstParagraph(html)).toBe('real words');
  });

  it('finds headings with their text and the first real paragraph (not a <pre> or <picture>)', () => {
    const html =
      '<pre>code</pre><picture>pic</picture><h2 id="a">Cold <em>brew</em> &amp; ice</h2>' +
      '<p>First <a href="/x/">para</a>.</p><h3>Steep</h3><p>Second.</p><h2>Unclosed';
    expect(headings(html)).toEqual([
      { level: 2, text: 'Cold brew & ice' },
      { level: 3, text: 'Steep' },
    ]);
    expect(firstParagraph(html)).toBe('First para .');
    expect(firstParagraph('<div>no paragraph</div>')).toBe('');
  });
});
