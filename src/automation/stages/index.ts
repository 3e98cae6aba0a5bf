import type { Stage } from '../stage-context.js';
import { STAGES, type StageKey } from '../stages.js';
import { stage1Cluster } from './stage-1-cluster.js';
import { stage2Ideas } from './stage-2-ideas.js';
import { stage3Tasks } from './stage-3-tasks.js';
import { stage4Write } from './stage-4-write.js';
import { stage5ImagePrompts } from './stage-5-image-prompts.js';
import { stage6Images } from './stage-6-images.js';
import { stage7Review } from './stage-7-review.js';
import { stage8Refresh } from './stage-8-refresh.js';

/**
 * Each STAGES entry's implementation, by key. Kept beside the list, not in it, so the list stays a
 * leaf that run options can read without importing the stages (and their imports) back; the type
 * refuses a stage without an implementation and an implementation without a stage.
 */
export const STAGE_IMPLEMENTATIONS = {
  cluster: stage1Cluster,
  ideas: stage2Ideas,
  tasks: stage3Tasks,
  write: stage4Write,
  image_prompts: stage5ImagePrompts,
  images: stage6Images,
  review: stage7Review,
  refresh: stage8Refresh,
} satisfies Record<StageKey, Stage>;

/** The implementations by stage number, derived from STAGES. */
export const PIPELINE_STAGES: Record<number, Stage> = Object.fromEntries(
  STAGES.map((s) => [s.n, STAGE_IMPLEMENTATIONS[s.key]]),
);
