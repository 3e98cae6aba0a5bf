/*
 * Plain constants without zod, so the dashboard can import them as values without bundling zod.
 */

/**
 * The pipeline stages, in order: the one list every surface reads. `n` is the position users type in
 * `--stages`; stored run results are keyed by `key`; `unit` names what the stage counts; `module` is
 * the account module the stage belongs to (the API guards that module's routes). The engine adds
 * each stage's implementation by key (src/automation/stages/index.ts); the contract's stage bounds
 * and the dashboard's labels derive from this list.
 */
export const PIPELINE_STAGES = [
  { n: 1, key: 'cluster', label: 'Keywords → Clusters', unit: 'keywords', module: 'planner' },
  { n: 2, key: 'ideas', label: 'Clusters → Ideas', unit: 'clusters', module: 'planner' },
  { n: 3, key: 'tasks', label: 'Ideas → Tasks', unit: 'ideas', module: 'writer' },
  { n: 4, key: 'write', label: 'Tasks → Articles', unit: 'tasks', module: 'writer' },
  { n: 5, key: 'image_prompts', label: 'Articles → Image prompts', unit: 'articles', module: 'images' },
  { n: 6, key: 'images', label: 'Image prompts → Images', unit: 'images', module: 'images' },
  { n: 7, key: 'review', label: 'Review → Publish', unit: 'articles', module: 'writer' },
  // Opt-in: runs only when asked for by number (`igny8 refresh run` starts a run of stage 8 alone).
  {
    n: 8,
    key: 'refresh',
    label: 'Existing posts → Refreshed drafts / in-place updates',
    unit: 'posts',
    module: 'writer',
    optIn: true,
  },
] as const;

/** The stages a run does when none are named: every stage but the opt-in ones. */
export const DEFAULT_STAGE_NUMBERS: readonly number[] = PIPELINE_STAGES.filter(
  (s) => !('optIn' in s && s.optIn),
).map((s) => s.n);

/** How many stages there are: the highest number `--stages` accepts. */
export const STAGE_COUNT = PIPELINE_STAGES.length;

/**
 * A regular expression source matching one stage number (1..STAGE_COUNT): a character class while
 * every number is one digit (the pattern the OpenAPI document has always shown), else an alternation.
 */
export function stageNumberPattern(count: number = STAGE_COUNT): string {
  if (count <= 9) return `[1-${count}]`;
  const nums = Array.from({ length: count }, (_, i) => String(count - i));
  return `(?:${nums.join('|')})`;
}

export const STAGE_RESULT_STATUSES = ['pending', 'running', 'done', 'skipped', 'stopped'] as const;
