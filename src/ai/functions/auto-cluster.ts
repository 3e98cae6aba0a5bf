import type { z } from 'zod';
import { defineTextFunction } from '../ai-function.js';
import {
  AutoClusterInputSchema,
  AutoClusterOutputSchema,
  type AutoClusterOutput,
} from './auto-cluster.schema.js';
import { inputJson, normalizeKeyword, siteLine } from './common.schema.js';
import { PROMPT_REQUIRED_VARIABLES } from './prompt-variables.js';

type Input = z.output<typeof AutoClusterInputSchema>;

/** Clusters need 3–10 members, unless the whole batch is smaller than that. */
const minMembers = (input: Input) => Math.min(3, input.keywords.length);

function issues(input: Input, out: AutoClusterOutput): string[] {
  const known = new Set(input.keywords.map((k) => normalizeKeyword(k.keyword)));
  const seen = new Map<string, string>();
  const problems: string[] = [];
  out.clusters.forEach((c, i) => {
    const where = `clusters.${i} ("${c.name}")`;
    const members = c.keywords.map(normalizeKeyword);
    if (members.length < minMembers(input)) {
      problems.push(`${where}: has ${members.length} keyword(s); a cluster needs ${minMembers(input)}–10`);
    }
    for (const m of members) {
      if (!known.has(m))
        problems.push(`${where}: "${m}" is not one of the input keywords (copy them exactly)`);
      else if (seen.has(m)) problems.push(`${where}: "${m}" is already in cluster "${seen.get(m)}"`);
      else seen.set(m, c.name);
    }
    if (!members.includes(normalizeKeyword(c.primaryKeyword))) {
      problems.push(`${where}: primaryKeyword "${c.primaryKeyword}" must be one of its keywords`);
    }
  });
  return problems;
}

/** Keep what is usable: known, unduplicated members; clusters still big enough; a member as primary. */
function fix(input: Input, out: AutoClusterOutput): AutoClusterOutput {
  const known = new Set(input.keywords.map((k) => normalizeKeyword(k.keyword)));
  const taken = new Set<string>();
  const clusters = out.clusters.flatMap((c) => {
    const keywords = c.keywords.filter((k) => {
      const n = normalizeKeyword(k);
      if (!known.has(n) || taken.has(n)) return false;
      taken.add(n);
      return true;
    });
    if (keywords.length < minMembers(input)) {
      keywords.forEach((k) => taken.delete(normalizeKeyword(k)));
      return [];
    }
    const primary =
      keywords.find((k) => normalizeKeyword(k) === normalizeKeyword(c.primaryKeyword)) ?? keywords[0]!;
    return [{ ...c, keywords, primaryKeyword: primary }];
  });
  return { clusters };
}

/** Keywords → topic clusters (name, description, primary keyword, 3–10 members). The planner saves them (saveGeneratedClusters). */
export const autoCluster = defineTextFunction({
  name: 'auto_cluster',
  kind: 'text',
  summary: 'Group keywords into topic clusters of 3–10 keywords each.',
  promptKey: 'auto_cluster',
  requiredVariables: PROMPT_REQUIRED_VARIABLES.auto_cluster,
  input: AutoClusterInputSchema,
  output: AutoClusterOutputSchema,
  minimumCredits: 2,
  promptVars: (input) => ({
    keyword_count: input.keywords.length,
    site_context: siteLine(input.site),
    existing_clusters: input.existingClusters?.length
      ? input.existingClusters.map((n) => `- ${n}`)
      : '(none yet)',
    input_json: inputJson({
      keywords: input.keywords.map((k) => ({
        keyword: k.keyword,
        volume: k.volume ?? null,
        intent: k.intent ?? null,
      })),
    }),
  }),
  // Each member is echoed once (~6 tokens) plus names and descriptions per ~5 keywords.
  maxOutputTokens: (input) => 600 + input.keywords.length * 40,
  check: issues,
  fix,
  finalize: (_input, output) => output,
});
