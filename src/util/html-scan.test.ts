import { describe, expect, it } from 'vitest';
import { openTag, scanHtml, spliceAll } from './html-scan.js';
import { htmlPlainText } from './html-plain-text.js';
import { rewriteHrefs } from './rewrite-hrefs.js';

describe('scanHtml', () => {
  it('reports text runs with decoded text, raw source ranges, entity ranges and open elements', () => {
    const html = '<p class="x">Cold &amp; brew <a href="/a/">link</a></p>';
    const runs: Array<[string, string, number, string]> = [];
    scanHtml(html, {
      text: (r) => void runs.push([r.text, html.slice(r.start, r.end), r.entities.length, r.open.join('>')]),
    });
    expect(runs).toEqual([
      ['Cold & brew ', 'Cold &amp; brew ', 1, 'p'],
      ['link', 'link', 0, 'p>a'],
    ]);
  });

  it('reads a ">" inside an attribute and "<p>" inside a script as a browser does', () => {
    const html = '<img alt="a > b"><script>if (a<b) "<p>x</p>"</script><p>y</p>';
    const opened: string[] = [];
    scanHtml(html, { openTag: (name) => void opened.push(name) });
    expect(opened).toEqual(['img', 'script', 'p']);
  });

  it('gives element spans, marks void and unclosed elements implied, and stops when asked', () => {
    const html = '<p>a<br>b</p><p>c</p><p>never</p>';
    const spans: string[] = [];
    scanHtml(html, {
      closeTag: (s) => {
        spans.push(`${s.name}:${html.slice(s.start, s.end)}:${s.implied}`);
        if (s.name === 'p' && html.slice(s.openEnd, s.closeStart) === 'c') return false;
      },
    });
    expect(spans).toEqual(['br:<br>:true', 'p:<p>a<br>b</p>:false', 'p:<p>c</p>:false']);
  });
});

describe('spliceAll and openTag', () => {
  it('applies non-overlapping edits in source order and drops an overlapping one', () => {
    expect(
      spliceAll('abcdef', [
        { start: 4, end: 5, text: 'E' },
        { start: 0, end: 2, text: 'AB' },
        { start: 1, end: 3, text: 'zz' },
      ]),
    ).toBe('ABcdEf');
  });

  it('writes an open tag with escaped attribute values', () => {
    expect(openTag('a', { href: '/x/?a=1&b="2"', rel: 'nofollow' })).toBe(
      '<a href="/x/?a=1&amp;b=&quot;2&quot;" rel="nofollow">',
    );
  });
});

describe('rewriteHrefs', () => {
  it('rewrites links in any quoting, keeps the other attributes and leaves unchanged links byte for byte', () => {
    const html =
      '<p><a class=\'c\' href=\'/one/\'>1</a> <A HREF=/two/ data-x="y">2</A> <a  href="/same/" >3</a> <a name="n">4</a></p>' +
      '<!-- <a href="/one/">in a comment</a> --><img alt=\'<a href="/one/">\'>';
    const out = rewriteHrefs(html, (h) => (h === '/same/' ? h : `https://x.example${h}`));
    expect(out).toBe(
      '<p><a class="c" href="https://x.example/one/">1</a> <a href="https://x.example/two/" data-x="y">2</A> ' +
        '<a  href="/same/" >3</a> <a name="n">4</a></p>' +
        '<!-- <a href="/one/">in a comment</a> --><img alt=\'<a href="/one/">\'>',
    );
  });
});

describe('htmlPlainText', () => {
  it('decodes every entity, drops tags, scripts and comments, and collapses whitespace', () => {
    expect(
      htmlPlainText('Caf&eacute; <b>&amp;</b>&nbsp; Tea&#8217;s &#x1F600;<!-- x --><script>x</script>'),
    ).toBe('Café & Tea’s 😀');
    expect(htmlPlainText('<p>one</p><p>two</p>', ' ')).toBe('one two');
    expect(htmlPlainText('a < b and &#99999999; stay')).toBe('a < b and \uFFFD stay');
  });
});
