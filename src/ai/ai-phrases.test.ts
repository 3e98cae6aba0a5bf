import { describe, expect, it } from 'vitest';
import { scrubAiPhrasing } from './ai-phrases.js';

describe('scrubAiPhrasing on tricky HTML', () => {
  it('leaves attributes, comments and scripts alone, even when they hold ">" or the phrases', () => {
    const html =
      '<p>In today\'s fast-paced world, coffee — matters.<img alt="a > b — in today\'s fast-paced world" src="x.png"></p>' +
      '<!-- a — b --><script>var s = "a — b";</script>';
    expect(scrubAiPhrasing(html)).toBe(
      '<p>Coffee, matters.<img alt="a > b — in today\'s fast-paced world" src="x.png"></p>' +
        '<!-- a — b --><script>var s = "a — b";</script>',
    );
  });
});
