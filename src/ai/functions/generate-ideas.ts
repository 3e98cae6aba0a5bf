import type { z } from 'zod';
import { defineTextFunction } from '../ai-function.js';
import { structuresSummary } from '../structures.js';
import { inputJson, normalizeKeyword, siteLine } from './common.schema.js';
import {
  GenerateIdeasInputSchema,
  GenerateIdeasOutputSchema,
  type GenerateIdeasOutput,
} from './generate-ideas.schema.js';
import { PROMPT_REQUIRED_VARIABLES } from './prompt-variables.js';

type Input = z.output<typeof GenerateIdeasInputSchema>;

function issues(input: Input, out: GenerateIdeasOutput): string[] {
  const problems: string[] = [];
  if (out.ideas.length !== input.count)
    problems.push(`ideas: expected exactly ${input.count} ideas, got ${out.ideas.length}`);
  const titles = new Set<string>();
  const primaries = new Map<string, number>();
  const existing = new Set((input.existingTitles ?? []).map(normalizeKeyword));
  out.ideas.forEach((idea, i) => {
    const t = normalizeKeyword(idea.title);
    if (titles.has(t) || existing.has(t))
      problems.push(`ideas.${i}.title: "${idea.title}" repeats another title`);
    titles.add(t);
    const p = normalizeKeyword(idea.primaryKeywords[0]!);
    if (primaries.has(p)) {
      problems.push(
        `ideas.${i}.primaryKeywords: "${p}" is already the primary keyword of idea ${primaries.get(p)}; give each idea its own`,
      );
    } else primaries.set(p, i);
  });
  return problems;
}

/** After the repair: drop repeated ideas and extras, as long as three remain. */
function fix(input: Input, out: GenerateIdeasOutput): GenerateIdeasOutput {
  const seen = new Set((input.existingTitles ?? []).map(normalizeKeyword));
  const primaries = new Set<string>();
  const ideas = out.ideas.filter((idea) => {
    const t = normalizeKeyword(idea.title);
    const p = normalizeKeyword(idea.primaryKeywords[0]!);
    if (seen.has(t) || primaries.has(p)) return false;
    seen.add(t);
    primaries.add(p);
    return true;
  });
  return { ideas: ideas.length >= 3 ? ideas.slice(0, input.count) : out.ideas };
}

/** Cluster → 3–7 article ideas, each with a 6–10 section outline. The planner saves them (saveGeneratedIdeas). */
export const generateIdeas = defineTextFunction({
  name: 'generate_ideas',
  kind: 'text',
  summary: 'Plan 3–7 article ideas for a cluster, each with a full outline and keywords.',
  promptKey: 'generate_ideas',
  requiredVariables: PROMPT_REQUIRED_VARIABLES.generate_ideas,
  input: GenerateIdeasInputSchema,
  output: GenerateIdeasOutputSchema,
  minimumCredits: 1,
  promptVars: (input) => ({
    count: input.count,
    cluster_name: input.cluster.name,
    site_context: siteLine(input.site),
    structures: structuresSummary(),
    existing_titles: input.existingTitles?.length ? input.existingTitles.map((t) => `- ${t}`) : '(none)',
    input_json: inputJson({
      cluster: { ...input.cluster, id: undefined },
      count: input.count,
      // Only a non-English site adds its context (and language), so English prompts are unchanged.
      ...(input.site?.language ? { site: input.site } : {}),
    }),
  }),
  // An idea with an 8-section outline is ~600 tokens of JSON.
  maxOutputTokens: (input) => 500 + input.count * 750,
  check: issues,
  fix,
  finalize: (_input, output) => output,
  object: (input) => (input.cluster.id ? { type: 'cluster', id: input.cluster.id } : undefined),
});
