import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTemplatesDir } from '../models/find-templates-dir.js';
import { parsePromptVariables, placeholderNames, renderPrompt } from '../prompts/index.js';
import { AI_FUNCTION_NAMES } from './ai-function.js';
import { AI_FUNCTIONS } from './functions/index.js';
import { pickImageSize } from './functions/generate-images.js';
import { estimateTextCredits } from './run-text.js';
import { loadStructures } from './structures.js';
import type { AiModel } from '../models/index.js';

/** A minimal valid input per function, to render its template with. */
const SAMPLE_INPUTS: Record<(typeof AI_FUNCTION_NAMES)[number], unknown> = {
  auto_cluster: { keywords: [{ keyword: 'cold brew ratio' }] },
  generate_ideas: { cluster: { name: 'Cold Brew', keywords: [{ keyword: 'cold brew ratio' }] } },
  generate_content: {
    idea: {
      title: 'Cold brew ratio',
      outline: {
        sections: Array.from({ length: 6 }, (_, i) => ({
          heading: `Part ${i}`,
          points: ['abc'],
          keywords: [],
        })),
      },
      primaryKeywords: ['cold brew ratio'],
    },
  },
  generate_image_prompts: { content: { title: 'Cold brew ratio' } },
  generate_images: { prompt: 'a glass of cold brew' },
  optimize_content: { content: { title: 'Cold brew', html: '<p>x</p>', focusKeyword: 'cold brew' } },
  suggest_links: { article: { title: 'A', text: 'a' }, candidates: [] },
};

describe('prompt templates', () => {
  it.each(AI_FUNCTION_NAMES)('%s: documents every placeholder, and the function fills them all', (name) => {
    const fn = AI_FUNCTIONS[name];
    const body = fs.readFileSync(path.join(findTemplatesDir(), 'prompts', `${fn.promptKey}.md`), 'utf8');
    expect(body.startsWith('<!-- variables:')).toBe(true);
    const declared = parsePromptVariables(body)!;
    expect(declared.every((v) => v.description.length > 10)).toBe(true);
    // Every placeholder is documented (a template may document one it leaves for overrides to use).
    expect(placeholderNames(body).filter((n) => !declared.some((v) => v.name === n))).toEqual([]);
    const vars = fn.promptVars(fn.input.parse(SAMPLE_INPUTS[name]) as never);
    expect(Object.keys(vars).sort()).toEqual(declared.map((v) => v.name).sort());
    const rendered = renderPrompt(body, vars);
    expect(rendered).not.toMatch(/\{\{/);
    // Text functions carry their input as one JSON block (the sandbox reads it back).
    if (fn.kind === 'text') expect(rendered).toMatch(/```json\n\{[\s\S]*\}\n```/);
  });
});

describe('article structures', () => {
  it('bundles the five structures, each able to make a 6–10 section outline', () => {
    const all = loadStructures();
    expect([...all.keys()].sort()).toEqual(['comparison', 'guide', 'how-to', 'listicle', 'review']);
    for (const s of all.values()) {
      const required = s.sections.filter((x) => !x.optional).length;
      expect(required).toBeGreaterThanOrEqual(6);
      expect(Math.min(10, s.sections.length)).toBeGreaterThanOrEqual(6);
      expect(s.targetWords.min).toBeLessThanOrEqual(s.targetWords.default);
      expect(s.targetWords.default).toBeLessThanOrEqual(s.targetWords.max);
    }
  });
});

describe('pure helpers', () => {
  const model = { sizes: ['1024x1024', '1536x1024', '1024x1536'] } as AiModel;
  it('picks an image size the model supports, closest in shape to the wish', () => {
    expect(pickImageSize(model, 'landscape')).toEqual({ width: 1536, height: 1024 });
    expect(pickImageSize(model, 'portrait')).toEqual({ width: 1024, height: 1536 });
    expect(pickImageSize(model, 'square')).toEqual({ width: 1024, height: 1024 });
    expect(pickImageSize(model, '1024x1536')).toEqual({ width: 1024, height: 1536 });
    expect(pickImageSize(model, '1792x1024')).toEqual({ width: 1536, height: 1024 });
  });

  it('holds credits for prompt length ÷ 4 plus the whole output budget, with the minimum', () => {
    const text = { provider: 'x', modelId: 'y', type: 'text', tokensPerCredit: 1000 } as AiModel;
    expect(estimateTextCredits(text, 4000, 3000, 3)).toEqual({ tokensIn: 1000, tokensOut: 3000, credits: 4 });
    expect(estimateTextCredits(text, 40, 100, 3).credits).toBe(3);
  });
});
