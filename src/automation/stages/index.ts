import { loadStageImplementations } from '../stages.js';
import type { Stage } from '../stage-context.js';

/** The stage implementations by number, derived from STAGES (src/automation/stages.ts). */
export const PIPELINE_STAGES: Record<number, Stage> = await loadStageImplementations();
