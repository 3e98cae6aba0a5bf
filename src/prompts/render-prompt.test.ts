import { describe, expect, it } from 'vitest';
import { Igny8Error } from '../errors/index.js';
import { parsePromptVariables, placeholderNames, stripVariablesComment } from './prompt-template.js';
import { renderPrompt } from './render-prompt.js';

const TEMPLATE = `<!-- variables:
  keywords: the keywords to cluster, one per line
  - sector: the sector name
  max_clusters: upper bound
-->
Group these keywords for {{ sector }} into at most {{max_clusters}} clusters:
{{keywords}}
Answer as JSON like {"clusters": [{{"name": "…"}}]}.
`;

function failure(fn: () => unknown): Igny8Error {
  try {
    fn();
  } catch (err) {
    if (err instanceof Igny8Error) return err;
    throw err;
  }
  throw new Error('expected an Igny8Error');
}

describe('prompt templates', () => {
  it('parses the leading variables comment, with descriptions', () => {
    expect(parsePromptVariables(TEMPLATE)).toEqual([
      { name: 'keywords', description: 'the keywords to cluster, one per line' },
      { name: 'sector', description: 'the sector name' },
      { name: 'max_clusters', description: 'upper bound' },
    ]);
    expect(parsePromptVariables('<!-- variables: a, b -->\nbody')?.map((v) => v.name)).toEqual(['a', 'b']);
    expect(parsePromptVariables('no comment {{x}}')).toBeNull();
    expect(parsePromptVariables('text first\n<!-- variables: a -->')).toBeNull();
  });

  it('lists placeholders outside the comment, in order, once each', () => {
    expect(placeholderNames(TEMPLATE)).toEqual(['sector', 'max_clusters', 'keywords']);
    expect(stripVariablesComment(TEMPLATE).startsWith('Group these')).toBe(true);
  });
});

describe('renderPrompt', () => {
  it('fills placeholders, joins arrays with newlines, drops the comment and leaves other braces', () => {
    const out = renderPrompt(TEMPLATE, {
      keywords: ['best running shoes', 'trail shoes'],
      sector: 'Running',
      max_clusters: 5,
    });
    expect(out).toBe(
      'Group these keywords for Running into at most 5 clusters:\nbest running shoes\ntrail shoes\nAnswer as JSON like {"clusters": [{{"name": "…"}}]}.\n',
    );
  });

  it('does not expand placeholders inside values', () => {
    expect(renderPrompt('<!-- variables: a, b -->\n{{a}} {{b}}', { a: '{{b}}', b: 'x' })).toBe('{{b}} x');
  });

  it('names a placeholder the template does not declare', () => {
    const err = failure(() =>
      renderPrompt(TEMPLATE.replace('{{keywords}}', '{{keyword}}'), {
        keywords: 'a',
        sector: 's',
        max_clusters: 1,
      }),
    );
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toContain('{{keyword}}');
    expect(err.hint).toContain('keywords, sector, max_clusters');
  });

  it('names a variable with no value', () => {
    const err = failure(() => renderPrompt(TEMPLATE, { keywords: 'a', sector: 's' }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toContain('max_clusters');
    expect(err.fields).toHaveProperty('max_clusters');
  });

  it('without a variables comment, every placeholder still needs a value', () => {
    expect(renderPrompt('Hi {{name}}', { name: 'Ada' })).toBe('Hi Ada');
    expect(failure(() => renderPrompt('Hi {{name}}', {})).message).toContain('name');
  });
});
