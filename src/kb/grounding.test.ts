import { describe, expect, it } from 'vitest';
import { chunkPassages } from './chunk-passages.js';
import {
  applyCitations,
  citationNumbers,
  citationProblems,
  citedSentences,
  type SuppliedPassage,
} from './grounding.js';
import { searchTerms } from './search-terms.js';

const passage = (n: number, title: string, url: string | null = null): SuppliedPassage => ({
  n,
  passageId: `p${n}`,
  sourceId: `s${n}`,
  title,
  url,
  heading: null,
  text: 'text',
  sections: [0],
});

describe('grounding', () => {
  it('reads single and grouped citations', () => {
    expect(citationNumbers('A [1]. B [2, 3]. C [4;5] and [x] and [2024-01].')).toEqual([1, 2, 3, 4, 5]);
  });

  it('names every unknown number, asks for citations when passages exist, refuses them when none do', () => {
    const supplied = [passage(1, 'A'), passage(2, 'B')];
    expect(citationProblems('<p>Fact [1]. Other [2].</p>', supplied)).toEqual([]);
    expect(citationProblems('<p>Fact [1]. Other [3, 7].</p>', supplied)[0]).toMatch(/cites \[3\], \[7\]/);
    expect(citationProblems('<p>No citations here.</p>', supplied)[0]).toMatch(
      /cite them with their numbers/,
    );
    expect(citationProblems('<p>Fact [1].</p>', [])[0]).toMatch(/must not contain citations/);
    expect(citationProblems('<p>Plain.</p>', [])).toEqual([]);
  });

  it('renumbers by first appearance, lists only cited sources, escapes titles and URLs', () => {
    const supplied = [
      passage(1, 'One'),
      passage(2, 'Two <b>', 'https://x.example/?a=1&b=2'),
      passage(3, 'Three'),
    ];
    const { html, grounding } = applyCitations('<p>B [3]. A [2, 3].</p>', supplied, null);
    expect(html).toContain('<p>B [1]. A [2, 1].</p>');
    expect(html).toContain('<li>Three</li>');
    expect(html).toContain('<li>Two &lt;b&gt; — <a href="https://x.example/?a=1&amp;b=2">');
    expect(html).not.toContain('One');
    expect(grounding.cited.map((c) => [c.n, c.suppliedN])).toEqual([
      [1, 3],
      [2, 2],
    ]);
    expect(grounding).toMatchObject({ status: 'grounded', reason: null });
    expect(grounding.supplied).toHaveLength(3);
    expect(applyCitations('<p>x</p>', [], 'no-knowledge-base')).toEqual({
      html: '<p>x</p>',
      grounding: { status: 'ungrounded', reason: 'no-knowledge-base', supplied: [], cited: [] },
    });
  });

  it('finds the sentences that cite, and leaves the Sources list out', () => {
    const text =
      'Intro line\nSteep for 12 hours [1]. Enjoy it cold. Use a 1:8 ratio [1, 2].\nSources\nOne\nTwo';
    expect(citedSentences(text)).toEqual([
      { sentence: 'Steep for 12 hours [1].', cites: [1] },
      { sentence: 'Use a 1:8 ratio [1, 2].', cites: [1, 2] },
    ]);
  });
});

describe('chunking and search terms', () => {
  it('starts a passage at each heading and cuts long paragraphs at sentence ends', () => {
    const long = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const out = chunkPassages(
      [
        { kind: 'heading', text: 'A' },
        { kind: 'para', text: 'Short one.' },
        { kind: 'heading', text: 'B' },
        { kind: 'para', text: long },
      ],
      { targetWords: 50, maxWords: 60 },
    );
    expect(out[0]).toMatchObject({ seq: 1, heading: 'A', text: 'Short one.', words: 2 });
    expect(out.slice(1).every((p) => p.heading === 'B' && p.words <= 60 && /\.$/.test(p.text))).toBe(true);
    expect(
      out
        .slice(1)
        .map((p) => p.text)
        .join(' '),
    ).toBe(long);
  });

  it('keeps letters and digits only, drops stop words and repeats', () => {
    expect(searchTerms('How to brew "cold" brew? OR (coffee) 1:8')).toEqual(['brew', 'cold', 'coffee']);
    expect(searchTerms('Kaffee für Anfänger')).toEqual(['kaffee', 'für', 'anfänger']);
  });
});
