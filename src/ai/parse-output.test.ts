import { describe, expect, it } from 'vitest';
import { findAiPhrases, scrubAiPhrasing } from './ai-phrases.js';
import { AI_FUNCTIONS } from './functions/index.js';
import { extractJson, parseOutput, repairMessage, salvageOutput } from './parse-output.js';
import { providerJsonSchema } from './provider-schema.js';
import type { AnyTextAiFunction } from './ai-function.js';
import { htmlToText } from '../writer/html-text.js';

const cluster = AI_FUNCTIONS.auto_cluster as unknown as AnyTextAiFunction;
const input = cluster.input.parse({ keywords: ['a b', 'a c', 'a d', 'x y'].map((keyword) => ({ keyword })) });

describe('extractJson', () => {
  it('reads plain, fenced and prose-wrapped JSON, and says why it cannot', () => {
    expect(extractJson('{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(extractJson('```json\n{"a":2}\n```')).toEqual({ ok: true, value: { a: 2 } });
    expect(extractJson('Here you go: {"a":3} Hope it helps')).toEqual({ ok: true, value: { a: 3 } });
    const bad = extractJson('{"a": ');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/not valid JSON/);
  });
});

describe('parseOutput', () => {
  it('reports schema problems by path and input problems zod cannot see', () => {
    const schema = parseOutput(cluster, input, JSON.stringify({ clusters: [{ name: 'A', keywords: [] }] }));
    expect(schema.ok).toBe(false);
    expect(!schema.ok && schema.errors.join('\n')).toMatch(/clusters\.0\.(description|primaryKeyword)/);

    const invented = {
      clusters: [
        {
          name: 'Letter A',
          description: 'Things about a, grouped.',
          primaryKeyword: 'a b',
          keywords: ['a b', 'a c', 'a z'],
        },
      ],
    };
    const checked = parseOutput(cluster, input, JSON.stringify(invented));
    expect(!checked.ok && checked.errors.join('\n')).toMatch(/"a z" is not one of the input keywords/);

    const good = { clusters: [{ ...invented.clusters[0], keywords: ['a b', 'a c', 'a d'] }] };
    expect(parseOutput(cluster, input, JSON.stringify(good))).toEqual({ ok: true, value: good });
  });

  it('salvages what is usable after a failed repair: drops invented keywords and too-small clusters', () => {
    const answer = {
      clusters: [
        {
          name: 'Letter A',
          description: 'Things about a, grouped.',
          primaryKeyword: 'a z',
          keywords: ['a b', 'a c', 'a d', 'a z'],
        },
        {
          name: 'Letter X',
          description: 'Things about x, grouped.',
          primaryKeyword: 'x y',
          keywords: ['x y'],
        },
      ],
    };
    const s = salvageOutput(cluster, input, JSON.stringify(answer));
    expect(s.ok && s.value).toEqual({
      clusters: [
        {
          name: 'Letter A',
          description: 'Things about a, grouped.',
          primaryKeyword: 'a b',
          keywords: ['a b', 'a c', 'a d'],
        },
      ],
    });
  });

  it('builds a repair message listing every problem', () => {
    const msg = repairMessage(['clusters.0.name: too short', 'html: no <h1>']);
    expect(msg).toContain('- clusters.0.name: too short');
    expect(msg).toContain('- html: no <h1>');
    expect(msg).toMatch(/JSON object only/);
  });
});

describe('providerJsonSchema', () => {
  it('is an object schema without $schema or JavaScript integer limits', () => {
    const s = providerJsonSchema(AI_FUNCTIONS.generate_ideas.output);
    expect(s.type).toBe('object');
    expect(s.$schema).toBeUndefined();
    expect(JSON.stringify(s)).not.toContain(String(Number.MAX_SAFE_INTEGER));
    expect(JSON.stringify(s)).toContain('"minItems":6');
  });
});

describe('AI phrasing', () => {
  it('finds and scrubs tell-tale phrases in text runs, leaving tags alone', () => {
    const html =
      '<p>In today\'s fast-paced world, coffee matters. Let\'s delve into it — carefully.</p><h2 class="delve">Seamless brewing</h2>';
    expect(findAiPhrases(html).length).toBeGreaterThanOrEqual(2);
    const out = scrubAiPhrasing(html);
    expect(findAiPhrases(htmlToText(out))).toEqual([]);
    expect(out).toContain('<p>Coffee matters.');
    expect(out).toContain('class="delve"');
    expect(out).not.toContain('—');
  });
});
