import { PIPELINE_STAGES } from '../../../../src/api-contract/pipeline-stages.js';

/** The seven pipeline stages (from the API contract), for labels before a run reports its own. */
export const STAGES = PIPELINE_STAGES;

export const ACTIVE_RUN = new Set(['queued', 'running', 'paused']);
