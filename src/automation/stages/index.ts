import type { Stage } from '../stage-context.js';
import { stage1Cluster } from './stage-1-cluster.js';
import { stage2Ideas } from './stage-2-ideas.js';
import { stage3Tasks } from './stage-3-tasks.js';
import { stage4Write } from './stage-4-write.js';
import { stage5ImagePrompts } from './stage-5-image-prompts.js';
import { stage6Images } from './stage-6-images.js';
import { stage7Review } from './stage-7-review.js';

/** The seven stage implementations by number. */
export const PIPELINE_STAGES: Record<number, Stage> = {
  1: stage1Cluster,
  2: stage2Ideas,
  3: stage3Tasks,
  4: stage4Write,
  5: stage5ImagePrompts,
  6: stage6Images,
  7: stage7Review,
};
