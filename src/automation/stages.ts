/** The seven stages of a run, in order. Stage 3 is free (no AI). */
/** `module`: the account module the stage belongs to (the API guards the same module's routes). */
export const STAGES = [
  { n: 1, key: 'cluster', label: 'Keywords → Clusters', unit: 'keywords', module: 'planner' },
  { n: 2, key: 'ideas', label: 'Clusters → Ideas', unit: 'clusters', module: 'planner' },
  { n: 3, key: 'tasks', label: 'Ideas → Tasks', unit: 'ideas', module: 'writer' },
  { n: 4, key: 'write', label: 'Tasks → Articles', unit: 'tasks', module: 'writer' },
  { n: 5, key: 'image_prompts', label: 'Articles → Image prompts', unit: 'articles', module: 'images' },
  { n: 6, key: 'images', label: 'Image prompts → Images', unit: 'images', module: 'images' },
  { n: 7, key: 'review', label: 'Review → Publish', unit: 'articles', module: 'writer' },
] as const;

export type StageNumber = (typeof STAGES)[number]['n'];
export type StageKey = (typeof STAGES)[number]['key'];

export interface StageResult {
  stage: StageNumber;
  key: StageKey;
  status: 'pending' | 'running' | 'done' | 'skipped' | 'stopped';
  /** Items the stage found eligible when it started. */
  total: number;
  done: number;
  failed: number;
  /** Items created downstream (clusters made, ideas made, …). */
  created: number;
  credits: number;
  failures: Array<{ item: string; reason: string; code?: string }>;
}

export function emptyResults(): Record<string, StageResult> {
  return Object.fromEntries(
    STAGES.map((s) => [
      String(s.n),
      {
        stage: s.n,
        key: s.key,
        status: 'pending',
        total: 0,
        done: 0,
        failed: 0,
        created: 0,
        credits: 0,
        failures: [],
      },
    ]),
  );
}
