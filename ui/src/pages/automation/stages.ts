/** The seven pipeline stages (src/automation/stages.ts), for labels before a run reports its own. */
export const STAGES = [
  { n: 1, key: 'cluster', label: 'Keywords → Clusters' },
  { n: 2, key: 'ideas', label: 'Clusters → Ideas' },
  { n: 3, key: 'tasks', label: 'Ideas → Tasks' },
  { n: 4, key: 'write', label: 'Tasks → Articles' },
  { n: 5, key: 'image_prompts', label: 'Articles → Image prompts' },
  { n: 6, key: 'images', label: 'Image prompts → Images' },
  { n: 7, key: 'review', label: 'Review → Publish' },
] as const;

export const ACTIVE_RUN = new Set(['queued', 'running', 'paused']);

/** A stage's result found by its key (each result names its key), whatever the map is keyed by. */
export function stageResult<R extends { key: string }>(
  results: Record<string, R>,
  key: string,
): R | undefined {
  return Object.values(results).find((r) => r.key === key);
}
