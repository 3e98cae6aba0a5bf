/*
 * Plain constants without zod, so the dashboard can import them as values without bundling zod.
 */

/**
 * The seven pipeline stages as every surface names them (src/automation/stages.ts adds what the
 * engine needs and is tested against this list; the dashboard labels stages from it).
 */
export const PIPELINE_STAGES = [
  { n: 1, key: 'cluster', label: 'Keywords → Clusters' },
  { n: 2, key: 'ideas', label: 'Clusters → Ideas' },
  { n: 3, key: 'tasks', label: 'Ideas → Tasks' },
  { n: 4, key: 'write', label: 'Tasks → Articles' },
  { n: 5, key: 'image_prompts', label: 'Articles → Image prompts' },
  { n: 6, key: 'images', label: 'Image prompts → Images' },
  { n: 7, key: 'review', label: 'Review → Publish' },
] as const;

export const STAGE_RESULT_STATUSES = ['pending', 'running', 'done', 'skipped', 'stopped'] as const;
