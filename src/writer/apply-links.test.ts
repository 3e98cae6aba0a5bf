import { describe, expect, it } from 'vitest';
import { applyLinks } from './apply-links.js';

const link = (html: string, anchor: string, href = '/t/') =>
  applyLinks(html, [{ targetContentId: 't', anchor, href }]);

describe('applyLinks on tricky HTML (parsed, not pattern-matched)', () => {
  it('never links inside an attribute, even one holding markup or the anchor', () => {
    const html =
      '<p><img alt="a > cold brew < b" src="x.png"> and <span title="cold brew">x</span> then cold brew.</p>';
    const { html: out } = link(html, 'cold brew');
    expect(out).toBe(
      '<p><img alt="a > cold brew < b" src="x.png"> and <span title="cold brew">x</span> then <a href="/t/">cold brew</a>.</p>',
    );
  });

  it('never links inside an existing link, a heading, code, pre or a comment', () => {
    const html = [
      '<p><a href="/x/"><strong>cold brew</strong></a></p>',
      '<h3><span>cold brew</span></h3>',
      '<p><code>cold brew</code></p>',
      '<pre>cold brew</pre>',
      '<p><!-- cold brew --></p>',
      '<li>the real cold brew</li>',
    ].join('');
    const { html: out, applied } = link(html, 'cold brew');
    expect(applied).toHaveLength(1);
    expect(out).toBe(html.replace('the real cold brew', 'the real <a href="/t/">cold brew</a>'));
  });

  it('finds the anchor inside inline markup of a paragraph and keeps the rest byte for byte', () => {
    const html = "<p class='lead'>Try <em>a   french press</em>&nbsp;today<br/></p>";
    const { html: out } = link(html, 'french press');
    expect(out).toBe('<p class=\'lead\'>Try <em>a   <a href="/t/">french press</a></em>&nbsp;today<br/></p>');
  });

  it('never breaks a character reference, and escapes the href', () => {
    const { html: out, applied } = link('<p>AT&amp;T and amp.</p>', 'amp', '/a/?x="1"&y=2');
    expect(applied).toHaveLength(1);
    expect(out).toBe('<p>AT&amp;T and <a href="/a/?x=&quot;1&quot;&amp;y=2">amp</a>.</p>');
  });

  it('skips text outside paragraphs and list items, and a script that looks like a paragraph', () => {
    const html =
      '<div>cold brew</div><script>var s = "<p>cold brew</p>";</script><table><td>cold brew</td></table>';
    expect(link(html, 'cold brew')).toEqual({ html, applied: [] });
  });
});
